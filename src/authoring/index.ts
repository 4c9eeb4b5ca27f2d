// Authoring workouts off the watch: the text syntax (read and canonical print), the preview, the
// upload names and the customise page's files. Pure TypeScript with no Node or DOM imports, for
// the phone app, the App Loader page (apps/speedseq/custom.html bundles this file) and the CLI.
// FIT workouts are in ./fit (Garmin's SDK, which may not ship in apps/speedseq: README "Exports").
export { parseText, formatError, KIND_WORDS, type TextError, type TextResult } from "./text";
export { printWorkout, printStep, fmtPaceText } from "./print";
export { preview, previewLines, planSize, noteLines, parseGoal, fmtGoal, LIMITS, WATCH_DEFAULT_GOAL, type Preview, type Size } from "./preview";
export { workoutFileName, workoutId, isWorkoutFileName } from "./names";
export { customFiles, PLANS_FILE, type StorageEntry, type CustomResult } from "./custom";
export { parseWorkout } from "../engine/workout/validate";
export { resolvePlan, goalError, type Goal } from "../engine/workout/pace";
