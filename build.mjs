// Builds the watch app: src/watch/main.ts -> apps/speedseq/app.js (iife, minified, es2015),
// with its source map in dist/ (kept for the checker, never shipped). Run as a script it then
// checks the result: the watch checker (tools/checker.mjs), every src/engine module bundled,
// no src/engine file importing from outside src/engine, and the size against the 24 KB budget
// (over it, the build fails).
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { checkBuiltFile, formatFinding } from "./tools/checker.mjs";
import { mapSources, missingModules, strayModules, sizeOf, OFF_WATCH, SIZE_BUDGET_BYTES } from "./tools/checker/build-checks.mjs";
import { escapingImports, formatEscape } from "./tools/checker/imports.mjs";
import { buildExtras } from "./tools/build-extras.mjs";
import { appBuildOptions } from "./tools/app-options.mjs";
import { buildPhone } from "./scripts/phone.mjs";

const APP = "apps/speedseq/app.js";
const MAP = "dist/app.js.map";

export async function buildApp() {
  const r = await build({ ...appBuildOptions(), sourcemap: "external", sourcesContent: true, outfile: APP, metafile: true });
  mkdirSync("dist", { recursive: true });
  let js, map;
  for (const f of r.outputFiles) {
    if (f.path.endsWith(".map")) map = f.text;
    else js = f.text;
  }
  // esbuild writes sources relative to the app's folder; the map lives in dist/, so rebase them.
  const m = JSON.parse(map);
  m.sources = m.sources.map((s) => relative("dist", resolve("apps/speedseq", s)));
  map = JSON.stringify(m);
  writeFileSync(APP, js);
  writeFileSync(MAP, map);
  // every module esbuild read, including those whose constants it inlined (they leave no trace in the map)
  const inputs = Object.keys(r.metafile.inputs);
  const bytesIn = {};
  for (const o of Object.values(r.metafile.outputs)) for (const [f, v] of Object.entries(o.inputs)) bytesIn[f] = v.bytesInOutput;
  return { js, map, app: APP, mapFile: MAP, inputs, bytesIn };
}

/** Runs the watch checker on another built file (settings page, icon, …); prints findings, returns whether it passed. */
export function checkBuiltFileOrReport(jsPath, mapPath) {
  const findings = checkBuiltFile(jsPath, mapPath);
  for (const f of findings) console.error(formatFinding(f));
  if (findings.length) console.error(`${jsPath}: ${findings.length} problem(s) for Espruino 2v29`);
  return findings.length === 0;
}

/** The checks on the built app; returns a list of failure lines (empty = pass) and prints the size. */
export function checkApp(out) {
  const failures = [];
  for (const f of checkBuiltFile(out.app, out.mapFile)) failures.push(formatFinding(f));
  const sources = out.inputs ?? mapSources(out.map, out.mapFile);
  for (const f of missingModules(sources, "src/engine", OFF_WATCH))
    failures.push(`${f}: engine module is not bundled into ${out.app} (import it from src/watch or from a bundled engine module, or list it in OFF_WATCH)`);
  for (const f of strayModules(sources, OFF_WATCH)) failures.push(`${f}: is listed in OFF_WATCH but reached ${out.app}`);
  for (const i of escapingImports("src/engine")) failures.push(formatEscape(i));
  const size = sizeOf(out.js);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`${out.app}: ${size.raw} bytes (${kb(size.raw)} KB), gzip ${size.gzip} bytes; budget ${kb(SIZE_BUDGET_BYTES)} KB raw (${((100 * size.raw) / SIZE_BUDGET_BYTES).toFixed(0)} %)`);
  // Espruino parses app.js from source at every launch: the budget holds the parse time and RAM down
  if (size.raw > SIZE_BUDGET_BYTES)
    failures.push(`${out.app}: ${size.raw} bytes is over the ${SIZE_BUDGET_BYTES}-byte budget (node tools/sizes.mjs shows where the bytes are)`);
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildApp();
  // the settings page and the icon: built and checked like the app
  const failures = checkApp(out).concat(await buildExtras());
  // the phone app: dist/phone/ and the App Loader's apps/speedseq/interface.html (scripts/phone.mjs)
  await buildPhone();
  for (const f of failures) console.error(f);
  if (failures.length) {
    console.error(`build failed: ${failures.length} problem(s) in ${out.app}`);
    process.exit(1);
  }
}
