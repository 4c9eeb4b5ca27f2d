// The watch app's numbers on the board: log bytes per session-hour from a real recording played
// through the README's path, and the size of each watch file against its budget. RAM is not
// estimated here: it is measured on the real firmware (bench/firmware.ts beside BangleApps Run,
// bench/ram.ts screen by screen), because what the watch holds is not the app's state alone (every
// function that exists costs it ~6 JsVars, a model of the state missed most of them).
import { readFileSync, existsSync } from "node:fs";
import { play, recordingEvents, startedClassic5K } from "../tests/watch/boot";
import { WATCH_FILES } from "../tools/watch-files.mjs";

const ev = recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60);

// log bytes: the app on the board, 20 minutes of a real run into a Classic 5K
const b = startedClassic5K();
const runS = 1200;
play(b, ev, runS * 1000);
const log = b.storage.readStorageFile("speedseq.log0") ?? "";
console.log(`log bytes per session-hour (Classic 5K, real recording, ${runS / 60} min on the board): ${Math.round((log.length * 3600) / runS)} (budget 30000)`);

for (const f of WATCH_FILES) {
  const path = `apps/speedseq/${f.url}`;
  if (existsSync(path)) console.log(`${f.name}${f.resident ? " (resident during a run)" : ""}: ${readFileSync(path).length} bytes (budget ${f.budget})`);
}
