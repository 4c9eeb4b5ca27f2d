// npm run bench: bundles each bench/*.ts with esbuild (so benches import the TypeScript sources
// directly) and runs it in order, printing what each measures.
import { build } from "esbuild";
import { readdirSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const only = process.argv[2];
const files = readdirSync("bench").filter((f) => f.endsWith(".ts") && (!only || f.includes(only))).sort();
mkdirSync("dist/bench", { recursive: true });
let failed = 0;
for (const f of files) {
  const out = `dist/bench/${f.replace(/\.ts$/, ".mjs")}`;
  await build({ entryPoints: [`bench/${f}`], bundle: true, platform: "node", format: "esm", outfile: out, packages: "external", logLevel: "warning" });
  console.log(`\n== bench/${f}`);
  const r = spawnSync("node", [out], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
