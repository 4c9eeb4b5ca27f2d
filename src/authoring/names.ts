// Storage names for uploaded workouts. The watch lists every `speedseq.w*.json`
// (src/watch/workouts.ts) and keeps only the first workout of each name, and Storage keeps 28
// characters of a file name, cutting a longer one without an error. So an upload's file name is
// derived from the workout's name: short (22 characters), the same for the same name (sending an
// edited workout again replaces its file instead of adding one the list would hide), and made
// of characters safe in any Storage name. Every way a workout reaches the watch names its file
// here: the customise page (custom.ts), the phone app (src/phone/send.ts, checked again by
// src/sync/workout.ts, whose WORKOUT_FILE_RE takes these names and no others), `npm run workout -- --port` and the emulator page's uploads.

const PREFIX = "speedseq.w";
const SUFFIX = ".json";
/** Storage keeps this many characters of a name */
export const STORAGE_NAME_MAX = 28;

/** FNV-1a, 32 bits, over the name's UTF-16 code units */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** the 7-character id of a workout name: its hash in base 36, zero-padded */
export function workoutId(name: string): string {
  const id = fnv1a(name).toString(36);
  return "0000000".slice(id.length) + id;
}

/** speedseq.w<id>.json for a workout named `name`: 22 characters, a-z and 0-9 between the dots */
export function workoutFileName(name: string): string {
  return PREFIX + workoutId(name) + SUFFIX;
}

/** true for a name the watch lists as an uploaded workout and Storage keeps whole */
export function isWorkoutFileName(file: string): boolean {
  return file.length <= STORAGE_NAME_MAX && file.indexOf(PREFIX) === 0 && file.slice(-SUFFIX.length) === SUFFIX && file.length > PREFIX.length + SUFFIX.length;
}
