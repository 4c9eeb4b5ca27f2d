// How esbuild makes the watch app's JavaScript files (tools/watch-files.mjs lists them), in a
// module of its own (no side effects) so that build.mjs, the board tests (tests/watch/boot.ts),
// the emulator and the benches bundle the app the same way.
//
// Every file is minified with our member names shortened (tools/mangle.mjs). Objects cross files
// (the App, a Run, a Scan), so the files are built one after the other through one esbuild mangle
// cache: a name shortened in one file is shortened alike in the next, and a new short name never
// reuses one already given, nor a name the watch reads unshortened (seeded as `false`).
import { buildSync } from "esbuild";
import { manglePattern, reservedNames } from "./mangle.mjs";
import { WATCH_FILES } from "./watch-files.mjs";

export { WATCH_FILES, APP_FILE } from "./watch-files.mjs";

/** a screen file: the bundle's top level inside a function of the shell and the screen's argument */
export const SCREEN_BANNER = "(function(A,X){";
export const SCREEN_FOOTER = "})";

/**
 * esbuild's options for one watch file (the resident app when `f` is omitted)
 * @returns {import("esbuild").BuildOptions & { write: false }}
 */
export function appBuildOptions(f = WATCH_FILES[0]) {
  const screen = !f.resident;
  return {
    entryPoints: [f.entry],
    bundle: true,
    format: screen ? "esm" : "iife",
    ...(screen ? { banner: { js: SCREEN_BANNER }, footer: { js: SCREEN_FOOTER } } : {}),
    target: "es2015",
    minify: true,
    // our own long member names become one or two letters (tools/mangle.mjs says which)
    mangleProps: manglePattern(),
    legalComments: "none",
    write: false,
    logLevel: "warning",
  };
}

/**
 * Builds every watch file in order through one mangle cache. `sourcemap`: also each file's map
 * (sources relative to `mapDir`). Returns `[{ ...WATCH_FILES[i], js, map?, inputs, bytesIn, mangleCache }]`;
 * inputs are every module esbuild read (also those whose constants it inlined), bytesIn what each
 * module adds to the file, mangleCache the names shortened so far (long name -> short name).
 */
export function buildWatchFiles(o = {}) {
  let mangleCache = {};
  for (const n of reservedNames()) mangleCache[n] = false;
  const out = [];
  for (const f of WATCH_FILES) {
    const r = buildSync({
      ...appBuildOptions(f), mangleCache, metafile: true, logLevel: o.logLevel ?? "warning",
      ...(o.sourcemap ? { sourcemap: "external", sourcesContent: true, outfile: `${o.mapDir ?? "dist"}/${f.name}` } : {}),
    });
    mangleCache = r.mangleCache;
    let js, map;
    for (const x of r.outputFiles) {
      if (x.path.endsWith(".map")) map = x.text;
      else js = x.text;
    }
    const bytesIn = {};
    for (const v of Object.values(r.metafile.outputs)) for (const [k, b] of Object.entries(v.inputs)) bytesIn[k] = b.bytesInOutput;
    out.push({ ...f, js, map, inputs: Object.keys(r.metafile.inputs), bytesIn, mangleCache });
  }
  return out;
}

/** the watch files as Storage holds them: { name: source } (what installApp writes on the board) */
export function watchSources() {
  const out = {};
  for (const f of buildWatchFiles({ logLevel: "error" })) out[f.name] = f.js;
  return out;
}
