// The watch app's numbers: a JsVar estimate of the live state of a running session (a MODEL,
// not a measurement on the watch), log bytes per session-hour from a real recording played on
// the board, and the size of app.js.
//
// Cost model (FACTS.md): a value costs about 1 block; each object property or array element
// about 2; a string ~1 block per 12 bytes (plus its property); a typed array 1 + bytes/12.
import { readFileSync, existsSync } from "node:fs";
import { play, recordingEvents, startedClassic5K } from "../tests/watch/boot";

function jsvars(v: unknown, seen = new Set<unknown>()): number {
  if (v === null || typeof v !== "object") {
    if (typeof v === "string") return 1 + Math.ceil(v.length / 12);
    return typeof v === "function" ? 0 : 1;
  }
  if (seen.has(v)) return 0;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return 1 + Math.ceil((v as unknown as Uint8Array).byteLength / 12);
  let n = 1;
  for (const k of Object.keys(v as object)) n += 2 + jsvars((v as Record<string, unknown>)[k], seen) - 1;
  return n;
}

import { Session } from "../src/engine/session";
import { CadenceEstimator } from "../src/engine/cadence/estimator";
import { DropDetector } from "../src/engine/cadence/drop";
import { TEMPLATES } from "../src/engine/workout/templates";
import { resolvePlan } from "../src/engine/workout/pace";
import { nativeE } from "../src/sim/native";
import { crc32 } from "../src/sim/crc";

const ev = recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60);

// 1. log bytes: the app on the board, 20 minutes of a real run into a Classic 5K
const b = startedClassic5K();
const runS = 1200;
play(b, ev, runS * 1000);
const log = b.storage.readStorageFile("speedseq.log0") ?? "";
console.log(`log bytes per session-hour (Classic 5K, real recording, ${runS / 60} min on the board): ${Math.round((log.length * 3600) / runS)} (budget 30000)`);

// 2. live state (model): what Run holds while running, rebuilt in Node with the same objects:
// the engine Session (plan, cursor, GPS, haptics, log writer), the cadence estimator and drop
// detector, and the settings/view records. Closures and code are not counted.
const plan = resolvePlan(TEMPLATES[0], { distM: 5000, timeS: 1500 });
const s = new Session(plan, { buzz: () => {}, write: () => {}, crc: crc32 }, 0, "0.01", "5000m 25:00", 0, 0);
s.drop = new DropDetector();
for (const e of ev.slice(0, 1500)) {
  if (e.type === "GPS") s.gpsFix(e.tMs, e.data);
  else s.hrm(e.tMs, e.data.bpm, e.data.confidence);
  if (e.type === "GPS") s.tick(e.tMs);
}
const cad = new CadenceEstimator(nativeE as any);
const state = { s, cad, view: { mi: 0, low: false }, set: { race: 5000, time: 1500, maxHr: 190, restHr: 60, mi: 0, buzz: 1, unlock: 0 }, timers: [] as number[] };
const parts = { session: jsvars(s), plan: jsvars(plan), cadence: jsvars(cad), rest: jsvars({ view: state.view, set: state.set, timers: state.timers }) };
console.log(`live state JsVars (MODEL, not measured on a watch): total ${jsvars(state)} (aim < 1000); session incl. plan ${parts.session}, plan alone ${parts.plan}, cadence ${parts.cadence}, settings/view ${parts.rest}`);
if (existsSync("apps/speedseq/app.js")) console.log(`app.js bytes: ${readFileSync("apps/speedseq/app.js").length} (budget 24576)`);
