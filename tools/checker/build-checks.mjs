// Whole-bundle checks build.mjs runs next to the watch checker: every engine module is bundled,
// and the app's size against its budget.
import { readdirSync, readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { join, relative, resolve, dirname } from "node:path";
import { gzipSync } from "node:zlib";

export const SIZE_BUDGET_BYTES = 24 * 1024;

/** Every .ts file (not .d.ts) under `dir`, as paths relative to the working directory. */
export function tsFilesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFilesUnder(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(relative(process.cwd(), resolve(p)));
  }
  return out.sort();
}

/** The map's `sources` as paths relative to the working directory (`mapFile` is where the map lives). */
export function mapSources(map, mapFile) {
  const m = typeof map === "string" ? JSON.parse(map) : map;
  const root = m.sourceRoot || "";
  return m.sources.map((s) => relative(process.cwd(), resolve(dirname(mapFile), root, s)));
}

/** True when a TypeScript module holds only types (nothing of it can ever appear in a bundle). */
function typesOnly(file) {
  const js = transformSync(readFileSync(file, "utf8"), { loader: "ts", format: "esm" }).code;
  return js.replace(/export\s*\{\s*\};?/g, "").trim() === "";
}

/**
 * Engine modules that never run on the watch. The full workout validator runs where workouts are
 * made (the emulator page, later the phone): its runner-readable messages cost 6 KB of app.js, and
 * an upload is validated before it is written to the watch (which only checks a plan's shape).
 * The built-in workouts reach the watch as data, speedseq.plans.json, written by the build.
 */
export const OFF_WATCH = ["src/engine/workout/validate.ts", "src/engine/workout/templates.ts"];

/** Modules under `dir` with runtime code that the bundle does not contain (code that never reaches the watch). */
export function missingModules(sources, dir, offWatch = []) {
  const have = new Set(sources);
  return tsFilesUnder(dir).filter((f) => !have.has(f) && !offWatch.includes(f) && !typesOnly(f));
}

/** The off-watch modules that did reach the bundle (each one is bytes the watch parses for nothing). */
export function strayModules(sources, offWatch) {
  const have = new Set(sources);
  return offWatch.filter((f) => have.has(f));
}

/** Raw and gzip size in bytes. */
export function sizeOf(js) {
  const buf = Buffer.from(js, "utf8");
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}
