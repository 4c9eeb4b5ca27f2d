// Watch numbers measured on the real Bangle.js 2 firmware (2v29.74, in emulation): RAM in JsVars
// above a widgets-only baseline, and interpreter time (this process's CPU time inside the
// firmware) under the same events, SpeedSeq beside BangleApps Run. Skipped with one line where
// the firmware or the peer is missing.
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
  const aim = name === "SpeedSeq" ? `, aim <= +1200: ${r.peak - baseline <= 1200 ? "PASS" : "FAIL"}` : "";
  console.log(`${name.padEnd(8)} RAM above baseline: after load +${r.afterLoad - baseline}, peak in 12 min +${r.peak - baseline} JsVars${aim}; firmware errors ${r.errors} (${FW})`);
}

// interpreter time: a whole Classic 5K session (warm-up, strides, 6 x 400 m with recoveries,
// cool-down) under the recording's events, the apps and the bare baseline side by side, 3 runs;
// then the same from the least time each watch took in each 10 s slice over the runs (what a burst
// of load from elsewhere on the machine adds to one run's slice is left out; the runs are identical)
const SESSION_MIN = 42;
const cpu = sessionTimeline(rows, { fromS: 0, durS: SESSION_MIN * 60 });
const line = (what: string, ms: number[], min: number) => {
  const perMin = ms.map((x) => x / min);
  const net = perMin.map((x) => x - perMin[0]);
  let l = `${what}: interpreter ms per emulated minute: events alone ${perMin[0].toFixed(0)}`;
  apps.forEach(([name], k) => { l += `, ${name} ${perMin[k + 1].toFixed(0)} (net ${net[k + 1].toFixed(0)})`; });
  if (apps.length > 1) l += `; SpeedSeq/Run ${(perMin[1] / perMin[2]).toFixed(2)}, net ${(net[1] / net[2]).toFixed(2)}`;
  console.log(`${l} (${FW})`);
  return apps.length > 1 ? perMin[1] / perMin[2] : NaN;
};
let least: number[][] | undefined;
for (let run = 1; run <= 3; run++) {
  const ws = [await widgetsOnly()];
  for (const [, start] of apps) ws.push((await start()).w);
  const slices: number[][] = [];
  line(`run ${run}, ${SESSION_MIN} min`, timeSideBySide(ws, cpu, 10_000, slices), SESSION_MIN);
  least = least ? least.map((a, k) => a.map((x, j) => Math.min(x, slices[k][j]))) : slices;
}
// the warm-up (its first 10 minutes: an estimate every 5.1 s) apart from the rest (strides and reps
// at one every 1.3 s, recoveries, cool-down)
const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
line("least per 10 s slice, warm-up (0-10 min)", least!.map((a) => sum(a.slice(0, 60))), 10);
line(`least per 10 s slice, strides to cool-down (10-${SESSION_MIN} min)`, least!.map((a) => sum(a.slice(60))), SESSION_MIN - 10);
const ratio = line(`least per 10 s slice, whole session (${SESSION_MIN} min)`, least!.map(sum), SESSION_MIN);
// issue 9: SpeedSeq's interpreter time (cadence estimated) at most Run's under the same events
if (apps.length > 1) console.log(`SpeedSeq/Run interpreter time over a whole session ${ratio.toFixed(2)} (least per slice), aim <= 1.00: ${ratio <= 1 ? "PASS" : "FAIL"} (${FW})`);

// boundary buzzes against the device's laps, and the log's size, on the real 4 x 1 km session
const laps = await lapBuzzOffsets(parseRecording(readFileSync(REC_4X1KM, "utf8")), pattern(H_RECOVERY)[0]);
const off = laps.offsetsMs.map((o) => (isNaN(o) ? "none" : `${(o / 1000).toFixed(1)} s`));
console.log(`4 x 1 km, rep-end buzz minus device lap: ${off.join(", ")}; firmware errors ${laps.errors} (${FW}; GPS/HRM replay, no accelerometer)`);
console.log(`session log: ${laps.logBytes} B for ${(laps.durMs / 60000).toFixed(1)} min = ${Math.round(laps.logBytes / (laps.durMs / 3600000))} B per session-hour (${FW})`);
