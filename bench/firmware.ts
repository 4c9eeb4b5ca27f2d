// Watch numbers measured on the real Bangle.js 2 firmware (2v29.74, in emulation): RAM in JsVars
// above a widgets-only baseline, and interpreter time under the same events, SpeedSeq beside
// BangleApps Run. Skipped with one line where the firmware or the peer is missing.
import { readFileSync } from "node:fs";
import { firmwareDir, MISSING } from "../emulator/firmware/node";
import { peersDir, widgetsOnly, startSpeedSeq, startRun, ramUnder, timeSideBySide, lapBuzzOffsets } from "../emulator/firmware/measure";
import { pattern, H_RECOVERY } from "../src/engine/haptics";
import { sessionTimeline } from "../emulator/firmware/timeline";
import { parseRecording } from "../src/sim/recording";

const FW = "measured on firmware 2v29.74 in emulation";
const REC = "tests/fixtures/pyfitparse_activity-small-fenix2-run.csv";
const REC_4X1KM = "tests/fixtures/fitparser_running-with-developer-data.csv";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}
const rows = parseRecording(readFileSync(REC, "utf8"));
const base = await widgetsOnly();
const baseline = base.memory().usage;
console.log(`widgets-only baseline: ${baseline} JsVars (${FW})`);

// RAM: a 12-minute session with all sensors, memory sampled every 5 s
const ram12 = sessionTimeline(rows, { fromS: 60, durS: 12 * 60 });
const apps: [string, () => Promise<{ w: import("../emulator/firmware/watch").Watch; afterLoad: number }>][] = [["SpeedSeq", startSpeedSeq]];
if (peersDir()) apps.push(["Run", startRun]);
else console.log("BangleApps Run not found (SPEEDSEQ_PEERS_DIR): peer rows skipped");
for (const [name, start] of apps) {
  const s = await start();
  const r = ramUnder(s, ram12);
  console.log(`${name.padEnd(8)} RAM above baseline: after load +${r.afterLoad - baseline}, peak in 12 min +${r.peak - baseline} JsVars; firmware errors ${r.errors} (${FW})`);
}

// interpreter time: 10 emulated minutes, the apps and the bare baseline side by side, 3 runs
const cpu10 = sessionTimeline(rows, { fromS: 60, durS: 10 * 60 });
for (let run = 1; run <= 3; run++) {
  const ws = [await widgetsOnly()];
  for (const [, start] of apps) ws.push((await start()).w);
  const ms = timeSideBySide(ws, cpu10);
  const perMin = ms.map((x) => x / 10);
  const net = perMin.map((x) => x - perMin[0]);
  let line = `run ${run}: interpreter ms per emulated minute: events alone ${perMin[0].toFixed(0)}`;
  apps.forEach(([name], k) => { line += `, ${name} ${perMin[k + 1].toFixed(0)} (net ${net[k + 1].toFixed(0)})`; });
  if (apps.length > 1) line += `; SpeedSeq/Run ${(perMin[1] / perMin[2]).toFixed(2)}, net ${(net[1] / net[2]).toFixed(2)}`;
  console.log(`${line} (${FW})`);
}

// boundary buzzes against the device's laps, and the log's size, on the real 4 x 1 km session
const laps = await lapBuzzOffsets(parseRecording(readFileSync(REC_4X1KM, "utf8")), pattern(H_RECOVERY)[0]);
const off = laps.offsetsMs.map((o) => (isNaN(o) ? "none" : `${(o / 1000).toFixed(1)} s`));
console.log(`4 x 1 km, rep-end buzz minus device lap: ${off.join(", ")}; firmware errors ${laps.errors} (${FW}; GPS/HRM replay, no accelerometer)`);
console.log(`session log: ${laps.logBytes} B for ${(laps.durMs / 60000).toFixed(1)} min = ${Math.round(laps.logBytes / (laps.durMs / 3600000))} B per session-hour (${FW})`);
