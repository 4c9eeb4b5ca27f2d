// What the App Loader does before the first launch, done on the board: writes the app's data
// files next to app.js (the built-in workouts, the same JSON build-extras writes to
// apps/speedseq/speedseq.plans.json), then runs app.js. The tests, the page and the headless
// run all start the app this way.
import type { Board } from "./board/board";
import { TEMPLATES } from "../src/engine/workout/templates";
import { PLANS } from "../src/watch/store";

export function installApp(board: Board, appJs: string): void {
  if (board.storage.read(PLANS) === undefined) board.storage.write(PLANS, JSON.stringify(TEMPLATES));
  board.load(appJs, { appId: "speedseq" });
}
