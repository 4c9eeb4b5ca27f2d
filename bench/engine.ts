// npm run bench: what the session engine costs where it matters on the watch.
// - app.js bytes, raw and gzip (the interpreter runs from source: smaller is faster);
// - interpreted loop iterations per event (counted by instrumenting every loop of the engine);
// - Node heap bytes allocated per event in the steady state (V8, not Espruino: a proxy for
//   "objects allocated per sensor event", which should be zero);
// - distance boundary errors on synthetic tracks (recorded end and buzz, vs the true crossing).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { instrumentLoops } from "../tools/loopcount.mjs";
import { boundaryErrors, absQuantile } from "../src/sim/boundary";

const f2 = (x: number) => x.toFixed(2);

const app = readFileSync("apps/speedseq/app.js");
console.log(`app.js: ${app.length} bytes raw, ${gzipSync(app).length} gzip (budget 24576 raw)`);

// one steady-state workload, run twice: instrumented for loop counts, plain for allocation
const entry = `
import { Session } from "./src/engine/session";
import { crc32 } from "./src/sim/crc";
export function make() {
  const plan = { v: 1, name: "b", steps: [{ kind: "work", end: { dist: 100000 }, pace: [240, 260] }] };
  return new Session(plan, { buzz() {}, write() {}, crc: crc32 }, 0, "0", "", 0, 0);
}
export function drive(s, n, from) {
  const f = { lat: 51.5, lon: 0, speed: 14.4, fix: 1, hdop: 1 };
  for (let i = from; i < from + n; i++) {
    s.tick(i * 1000);
    f.lat = 51.5 + i * 0.000036;
    s.gpsFix(i * 1000 + 250, f);
    s.hrm(i * 1000 + 600, 150, 90);
    s.cadence(i * 1000 + 800, 180, 0.9);
  }
}`;
mkdirSync("dist/bench", { recursive: true });
const bundled = await build({ stdin: { contents: entry, resolveDir: ".", loader: "ts" }, bundle: true, format: "esm", platform: "node", write: false, target: "es2015" });
const plain = bundled.outputFiles[0].text;
writeFileSync("dist/bench/engine-plain.mjs", plain);
writeFileSync("dist/bench/engine-loops.mjs", instrumentLoops(plain));

const g = globalThis as unknown as { __loops: number };
g.__loops = 0;
const m = await import(process.cwd() + "/dist/bench/engine-loops.mjs");
const s = m.make();
m.drive(s, 120, 1); // warm up past the start of the step
g.__loops = 0;
m.drive(s, 600, 121);
console.log(`engine loop iterations: ${f2(g.__loops / 600)} per second of running (1 tick + 1 GPS fix + 1 HR + 1 cadence event; counted, the loops of the log encoder included)`);

const probe = `
const m = await import(${JSON.stringify(process.cwd() + "/dist/bench/engine-plain.mjs")});
const v8 = await import("node:v8");
const s = m.make();
m.drive(s, 2000, 1);
const used = () => v8.getHeapSpaceStatistics().find((x) => x.space_name === "new_space").space_used_size;
globalThis.gc();
const a = used();
m.drive(s, 1000, 2001);
console.log((used() - a) / 1000);`;
writeFileSync("dist/bench/engine-alloc.mjs", probe);
const r = spawnSync("node", ["--expose-gc", "--max-semi-space-size=128", "--no-opt", "dist/bench/engine-alloc.mjs"], { encoding: "utf8" });
console.log(`Node heap allocated per second of running (4 events): ${Number(r.stdout.trim()).toFixed(0)} bytes (V8 model, not Espruino; log lines and track strings are the expected part)`);

for (const noise of [0, 1, 2]) {
  const e = boundaryErrors([101, 102, 103, 104, 105, 106, 107, 108], noise, 60);
  console.log(`distance boundaries, GPS noise ${noise} m (corr 60 s), ${e.endErr.length} crossings: recorded end median ${f2(absQuantile(e.endErr, 0.5))} s p95 ${f2(absQuantile(e.endErr, 0.95))} s; buzz median ${f2(absQuantile(e.buzzErr, 0.5))} s p95 ${f2(absQuantile(e.buzzErr, 0.95))} s (aim ≤ 0.3, ≤ 1)`);
}
