// Builds the watch app: the resident src/watch/main.ts -> apps/speedseq/app.js (iife) and each
// on-demand screen -> apps/speedseq/speedseq.<screen>.js (a function expression), all minified for
// es2015 (tools/app-options.mjs WATCH_FILES), with their source maps in dist/ (kept for the
// checker, never shipped). Run as a script it then checks the result: the watch checker on every
// file, every src/engine module bundled somewhere, no src/engine file importing from outside
// src/engine, only the wiring entries naming the watch globals, and each file's size against its
// budget (over it, the build fails).
import { mkdirSync, writeFileSync } from "node:fs";
import { checkBuiltFile, formatFinding } from "./tools/checker.mjs";
import { mapSources, missingModules, strayModules, sizeOf, OFF_WATCH, SIZE_BUDGET_BYTES } from "./tools/checker/build-checks.mjs";
import { escapingImports, formatEscape } from "./tools/checker/imports.mjs";
import { globalNames, formatGlobal, WIRING } from "./tools/checker/globals.mjs";
import { buildExtras } from "./tools/build-extras.mjs";
import { buildWatchFiles } from "./tools/app-options.mjs";
import { buildPhone } from "./scripts/phone.mjs";

const DIR = "apps/speedseq";

/**
 * Builds and writes every watch file; returns the resident app's build (`js`, `map`, `app` (its
 * path), `mapFile`, `inputs`, `bytesIn`, `budget`) with `files`, the same for every file.
 */
export async function buildApp() {
  mkdirSync("dist", { recursive: true });
  const files = buildWatchFiles({ sourcemap: true, mapDir: "dist" }).map((f) => {
    const app = `${DIR}/${f.url}`;
    // esbuild wrote the map's sources relative to dist/, where it lives
    const mapFile = `dist/${f.name}.map`;
    writeFileSync(app, f.js);
    writeFileSync(mapFile, f.map);
    return { ...f, app, mapFile };
  });
  return { ...files[0], files };
}

/** Runs the watch checker on another built file (settings page, icon, …); prints findings, returns whether it passed. */
export function checkBuiltFileOrReport(jsPath, mapPath) {
  const findings = checkBuiltFile(jsPath, mapPath);
  for (const f of findings) console.error(formatFinding(f));
  if (findings.length) console.error(`${jsPath}: ${findings.length} problem(s) for Espruino 2v29`);
  return findings.length === 0;
}

/** The checks on one built watch file: the watch checker, off-watch modules, its size (printed) against its budget. */
export function checkApp(out) {
  const failures = [];
  for (const f of checkBuiltFile(out.app, out.mapFile)) failures.push(formatFinding(f));
  const sources = out.inputs ?? mapSources(out.map, out.mapFile);
  for (const f of strayModules(sources, OFF_WATCH)) failures.push(`${f}: is listed in OFF_WATCH but reached ${out.app}`);
  const budget = out.budget ?? SIZE_BUDGET_BYTES;
  const size = sizeOf(out.js);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`${out.app}: ${size.raw} bytes (${kb(size.raw)} KB), gzip ${size.gzip} bytes; budget ${kb(budget)} KB raw (${((100 * size.raw) / budget).toFixed(0)} %)`);
  // Espruino parses a file from source each time it runs it: the budget holds the parse time down
  if (size.raw > budget)
    failures.push(`${out.app}: ${size.raw} bytes is over the ${budget}-byte budget (node tools/sizes.mjs shows where the bytes are)`);
  return failures;
}

/** checkApp on every watch file, then the checks on the whole: engine modules bundled, engine imports, watch globals */
export function checkWatch(files) {
  const failures = [];
  for (const f of files) failures.push(...checkApp(f));
  const sources = [...new Set(files.flatMap((f) => f.inputs ?? mapSources(f.map, f.mapFile)))];
  for (const f of missingModules(sources, "src/engine", OFF_WATCH))
    failures.push(`${f}: engine module is not bundled into any watch file (import it from src/watch or from a bundled engine module, or list it in OFF_WATCH)`);
  for (const i of escapingImports("src/engine")) failures.push(formatEscape(i));
  for (const n of globalNames("src/watch", WIRING)) failures.push(formatGlobal(n));
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildApp();
  // the settings page and the icon: built and checked like the app
  const failures = checkWatch(out.files).concat(await buildExtras());
  // the phone app: dist/phone/ and the App Loader's apps/speedseq/interface.html (scripts/phone.mjs)
  await buildPhone();
  for (const f of failures) console.error(f);
  if (failures.length) {
    console.error(`build failed: ${failures.length} problem(s)`);
    process.exit(1);
  }
}
