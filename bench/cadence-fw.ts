// The cadence estimate's cost on the real firmware (2v29.74 in emulation): the estimator alone,
// bundled like the watch's code, fed a harsh 205 spm wrist signal on a booted watch; interpreter
// ms per estimate = (time with an estimate every 16 samples − the same samples with none) / estimates.
// With SPEEDSEQ_CAD_BEFORE=<a checkout's folder>, that checkout's estimator is timed beside this one.
import { build } from "esbuild";
import { bootWatch, firmwareDir, MISSING } from "../emulator/firmware/node";
import { steady } from "../src/sim/wrist";
import { synthesiseHarsh } from "../src/sim/wristHarsh";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}
const FW = "measured on firmware 2v29.74 in emulation";

async function bundle(dir: string, name: string): Promise<string> {
  const r = await build({
    stdin: { contents: `import { CadenceEstimator } from "./src/engine/cadence/estimator"; declare const global: any; global.${name} = CadenceEstimator;`, resolveDir: dir, loader: "ts" },
    bundle: true, minify: true, target: "es2015", format: "iife", write: false, legalComments: "none",
  });
  return r.outputFiles[0].text;
}

const versions: [string, string][] = [["this", "."]];
if (process.env.SPEEDSEQ_CAD_BEFORE) versions.unshift(["before", process.env.SPEEDSEQ_CAD_BEFORE]);
const s = synthesiseHarsh(steady(205, 40), 9001);
const mag = s.samples.map((p) => Math.hypot(p.x, p.y, p.z).toFixed(4)), xs = s.samples.map((p) => p.x.toFixed(4));
const w = await bootWatch();
w.exec(`var M=new Float32Array([${mag.join(",")}]),X=new Float32Array([${xs.join(",")}]),L=M.length;`);
w.exec(`function feed(e,n){var a={x:0,mag:0},i=0;for(;i<n;i++){a.x=X[i%L];a.mag=M[i%L];e.put(a);}}`);
const ESTIMATES = 40, RUNS = 5;
for (const [label, dir] of versions) {
  const name = `CAD_${label}`;
  w.exec(await bundle(dir, name));
  const per: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // a full window first, then timed: ESTIMATES × 16 samples with and without estimates
    w.exec(`var est=new ${name}(E);est.rate(0,16);feed(est,128);`);
    let b = w.busyMs;
    w.exec(`feed(est,${ESTIMATES * 16});`);
    const withMs = w.busyMs - b;
    w.exec(`est.rate(5000,1<<30);`);
    b = w.busyMs;
    w.exec(`feed(est,${ESTIMATES * 16});`);
    const withoutMs = w.busyMs - b;
    per.push((withMs - withoutMs) / ESTIMATES);
  }
  w.assertNoErrors();
  const spm = w.eval<number>("est.spm");
  console.log(`cadence estimate (${label}): ${Math.min(...per).toFixed(2)} ms of interpreter time each (least of ${RUNS} runs of ${ESTIMATES}; one every 1.28 s = ${(Math.min(...per) / 12.8).toFixed(3)} % of the time); last spm ${spm.toFixed(1)} on a 205 spm harsh wrist (${FW})`);
}
