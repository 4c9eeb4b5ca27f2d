// SpeedSeq's RAM on the real firmware, alone and quickly (no peer, no CPU timing): JsVars above
// the widgets-only baseline on each screen of the README's path and during the 12-minute session.
// `node bench/run.mjs ram` (after `node build.mjs`); bench/firmware.ts prints the full comparison.
import { readFileSync } from "node:fs";
import { firmwareDir, MISSING } from "../emulator/firmware/node";
import { widgetsOnly, startSpeedSeq, ramUnder } from "../emulator/firmware/measure";
import { sessionTimeline } from "../emulator/firmware/timeline";
import { parseRecording } from "../src/sim/recording";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}
const rows = parseRecording(readFileSync("tests/fixtures/pyfitparse_activity-small-fenix2-run.csv", "utf8"));
const baseline = (await widgetsOnly()).memory().usage;
const s = await startSpeedSeq();
const running = s.w.memory().usage;
const r = ramUnder(s, sessionTimeline(rows, { fromS: 60, durS: 12 * 60 }));
console.log(`SpeedSeq RAM above the widgets-only baseline (${baseline}): list +${s.afterLoad - baseline}, session started +${running - baseline}, peak in 12 min +${r.peak - baseline} JsVars; firmware errors ${r.errors} (firmware 2v29.74 in emulation)`);
if (r.errors) console.log(s.w.errors);
