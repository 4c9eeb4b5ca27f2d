// Builds the watch app: src/watch/main.ts -> apps/speedseq/app.js (iife, minified, es2015),
// with its source map in dist/ (kept for the checker, never shipped).
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";

const APP = "apps/speedseq/app.js";
const MAP = "dist/app.js.map";

export async function buildApp() {
  const r = await build({
    entryPoints: ["src/watch/main.ts"],
    bundle: true,
    format: "iife",
    target: "es2015",
    minify: true,
    legalComments: "none",
    sourcemap: "external",
    sourcesContent: true,
    outfile: APP,
    write: false,
    logLevel: "warning",
  });
  mkdirSync("dist", { recursive: true });
  let js, map;
  for (const f of r.outputFiles) {
    if (f.path.endsWith(".map")) map = f.text;
    else js = f.text;
  }
  writeFileSync(APP, js);
  writeFileSync(MAP, map);
  return { js, map, app: APP, mapFile: MAP };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildApp();
  console.log(`${out.app}: ${out.js.length} bytes`);
}
