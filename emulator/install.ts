// What the App Loader does on install, done on the board: writes the app's files to Storage (the
// screens that speedseq.app.js loads when they are shown, and the built-in workouts, the same JSON
// build-extras writes to apps/speedseq/speedseq.plans.json), then runs speedseq.app.js. The tests,
// the page and the headless run all start the app this way.
import type { Board } from "./board/board";
import { TEMPLATES } from "../src/engine/workout/templates";
import { PLANS } from "../src/watch/store";
import { WATCH_FILES, APP_FILE } from "../tools/watch-files.mjs";

/** the watch's JS files by Storage name, as built (tools/app-options.mjs watchSources(), or read from apps/speedseq) */
export type AppFiles = Record<string, string>;

export function installApp(board: Board, files: AppFiles): void {
  if (board.storage.read(PLANS) === undefined) board.storage.write(PLANS, JSON.stringify(TEMPLATES));
  for (const f of WATCH_FILES) {
    if (files[f.name] === undefined) throw new Error(`installApp: ${f.name} is missing`);
    // the resident file is written by load() below
    if (f.name !== APP_FILE && board.storage.read(f.name) !== files[f.name]) board.storage.write(f.name, files[f.name]);
  }
  board.load(files[APP_FILE], { appId: "speedseq" });
}

/** Storage bytes installApp adds (each file's data and its 32-byte header) */
export function installedBytes(files: AppFiles): number {
  let n = 0;
  for (const f of WATCH_FILES) n += files[f.name].length + 32;
  return n + JSON.stringify(TEMPLATES).length + 32;
}
