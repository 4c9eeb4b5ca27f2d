// npm run bench: cadence accuracy, drop detection and cost, on held-out seeds (tuning used 1–10).
// The wrist signal is synthetic (src/sim/wrist.ts); the loop-iteration count is a model of the
// watch's cost (interpreted loop iterations on the accelerometer path), not a timing.
import { build } from "esbuild";
import { CAD_N, CadenceEstimator } from "../src/engine/cadence/estimator";
import { nativeE } from "../src/sim/native";
import { errors, feeder, mean, pct, replay } from "../src/sim/cadenceReplay";
import { readCadence, recordingErrors } from "../src/sim/cadenceRecording";
import { armsStill, gradualDrop5, hillsTurns, steady, suddenDrop8, surges, synthesise, walkingRecovery, type Scenario } from "../src/sim/wrist";

const SEEDS = Array.from({ length: 20 }, (_, i) => 9001 + i);
const f1 = (x: number) => x.toFixed(1);

console.log(`held-out seeds ${SEEDS[0]}–${SEEDS[SEEDS.length - 1]}; errors in steps/min after the first 12 s`);
const band: number[] = [];
for (const sc of [140, 150, 160, 170, 180, 190, 200, 210].map((s) => steady(s, 300) as Scenario).concat([armsStill(), hillsTurns(), surges()])) {
  const e: number[] = [];
  for (const seed of SEEDS) { const s = synthesise(sc, seed); e.push(...errors(s, replay(s).estimates)); }
  if (sc.name.startsWith("steady_") && +sc.name.slice(7) >= 150) band.push(...e);
  console.log(`  ${sc.name.padEnd(16)} mean ${f1(mean(e)).padStart(5)}  p95 ${f1(pct(e, 0.95)).padStart(5)}  max ${f1(Math.max(...e)).padStart(6)}`);
}
console.log(`  steady 150–210    mean ${f1(mean(band))}  p95 ${f1(pct(band, 0.95))}  (issue: ≤ 2, ≤ 5)`);

for (const sc of [gradualDrop5(), suddenDrop8()]) {
  const lat = SEEDS.map((seed) => {
    const f = replay(synthesise(sc, seed)).flags.find((x) => x.tMs / 1000 >= sc.dropAtS! - 20);
    return f ? f.tMs / 1000 - sc.dropAtS! : Infinity;
  });
  console.log(`drop ${sc.name}: flagged ${lat.filter(isFinite).length}/${lat.length}, latency median ${f1(pct(lat, 0.5))} s, max ${f1(Math.max(...lat))} s (issue: 5 % within 10 s)`);
}

let steadyH = 0, steadyFlags = 0, otherFlags = 0, otherH = 0;
for (let spm = 150; spm <= 210; spm += 10)
  for (const seed of SEEDS) { steadyFlags += replay(synthesise(steady(spm, 600), seed)).flags.length; steadyH += 600 / 3600; }
for (const sc of [surges(), armsStill(), hillsTurns()])
  for (const seed of SEEDS) { otherFlags += replay(synthesise(sc, seed)).flags.length; otherH += sc.durationS / 3600; }
let walkFlags = 0;
for (const seed of SEEDS) walkFlags += replay(synthesise(walkingRecovery(), seed)).flags.length;
console.log(`false flags: ${steadyFlags} in ${f1(steadyH)} h of steady running (${f1(steadyFlags / steadyH)}/h; issue ≤ 1/h), ${otherFlags} in ${f1(otherH)} h of surges/arms-still/hills, ${walkFlags} in ${SEEDS.length} walking recoveries`);

// Cost model: interpreted loop passes per second on the accelerometer path. Each sample is one
// pass of straight-line code (counted as 1); each estimate runs the Hann loop (CAD_N / 4 passes
// of 4 multiplies), the scan of the 48 step bins (24 passes of two) and the 5-bin confidence sum
// (the forearm-swing check's own Hann loop, for ambiguous walks, is left out). Natively, not counted: E.sum, E.variance (twice),
// E.FFT (256 points), the typed-array set()s and fill(). bench/firmware.ts times the real thing.
{
  const s = synthesise(steady(185, 600), SEEDS[0]);
  const est = new CadenceEstimator(nativeE), push = feeder(est);
  let iters = 0;
  for (const p of s.samples) { iters++; if (push(p.x, p.y, p.z)) iters += CAD_N / 4 + 24 + 5; }
  const secs = s.samples.length / 12.5;
  console.log(`cost (model of the watch): ${f1(iters / secs)} interpreted loop passes/s at 12.5 Hz; native per estimate: E.sum, E.variance x2, E.FFT (256 points), set x2, fill`);
}

for (const f of ["fitparser_running-with-developer-data.csv", "pyfitparse_activity-small-fenix2-run.csv"]) {
  const e = SEEDS.slice(0, 5).flatMap((seed) => recordingErrors(readCadence(`tests/fixtures/${f}`), seed));
  console.log(`recording ${f} (real cadence, synthetic wrist): mean ${f1(mean(e))}, p95 ${f1(pct(e, 0.95))} over ${e.length} steady 150–210 estimates`);
}

void build({
  stdin: { contents: 'export * from "./src/engine/cadence/estimator"; export * from "./src/engine/cadence/drop";', resolveDir: ".", loader: "ts" },
  bundle: true, minify: true, target: "es2015", format: "iife", write: false, legalComments: "none",
}).then((r) => console.log(`bytes: estimator + detector alone, esbuild minified es2015 iife: ${r.outputFiles[0].contents.length} B`));
