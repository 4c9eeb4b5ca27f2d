// npm run export -- LOG --format fit|tcx|gpx|csv [--out FILE] [--start ISO] [--no-step-values]
// Exports a SpeedSeq session log (speedseq.log<N> from the watch or the emulator page). The exporter
// (src/export/, pure TypeScript that also runs in the browser) is bundled with esbuild, as the
// benches are; only this script reads and writes files. Lines that fail their CRC are skipped and
// listed on stderr; what verifies is exported. Exit 1 on bad arguments or nothing to export.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { bundleImport } from "../tools/bundle-import.mjs";

const USAGE = "usage: npm run export -- LOG --format fit|tcx|gpx|csv [--out FILE] [--start 2024-05-01T07:30:00Z] [--no-step-values]";

function args(argv) {
  const o = { log: undefined, format: undefined, out: undefined, start: undefined, stepValues: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--format" || a === "-f") o.format = argv[++i];
    else if (a === "--out" || a === "-o") o.out = argv[++i];
    else if (a === "--start") o.start = argv[++i];
    else if (a === "--no-step-values") o.stepValues = false;
    else if (a === "--help" || a === "-h") o.help = true;
    else if (!a.startsWith("-") && o.log === undefined) o.log = a;
    else throw new Error(`unknown argument '${a}'`);
  }
  return o;
}

function fail(msg) {
  console.error(msg);
  console.error(USAGE);
  process.exit(1);
}

let o;
try {
  o = args(process.argv.slice(2));
} catch (e) {
  fail(e.message);
}
if (o.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!o.log) fail("no log file given");
if (!["fit", "tcx", "gpx", "csv"].includes(o.format)) fail(`--format must be fit, tcx, gpx or csv (got ${o.format ?? "nothing"})`);
let startMs;
if (o.start !== undefined) {
  startMs = Date.parse(o.start);
  if (isNaN(startMs)) fail(`--start: not a date: ${o.start}`);
}

let text;
try {
  text = readFileSync(o.log, "latin1");
} catch (e) {
  fail(`cannot read ${o.log}: ${e.message}`);
}

const ex = await bundleImport('export * from "./src/export/index.ts"; export { crc32 } from "./src/sim/crc.ts";', "export/export");

let act;
try {
  act = ex.activityFromLog(text, ex.crc32, { startMs, stepValues: o.stepValues });
} catch (e) {
  if (e instanceof ex.ExportError) {
    console.error(`${o.log}: ${e.message}${/start time/.test(e.message) ? " (--start)" : ""}`);
    process.exit(1);
  }
  throw e;
}
for (const n of act.notes) console.error(`${o.log}: ${n}`);

// FILE as given for one file; for CSV, FILE without its .csv gets .steps.csv and .points.csv
const files = await ex.exportFiles(act, o.format);
const given = o.out ?? join(dirname(o.log), basename(o.log, extname(o.log)) + (files.length > 1 ? ".csv" : files[0].suffix));
const base = files.length > 1 ? given.replace(/\.csv$/i, "") : given;
for (const f of files) {
  const name = files.length > 1 ? base + f.suffix : base;
  mkdirSync(dirname(name) || ".", { recursive: true });
  writeFileSync(name, f.data);
  console.log(`${name}: ${f.data.length} bytes`);
}
const km = (act.totals.distM / 1000).toFixed(2);
const min = (act.totals.timerMs / 60000).toFixed(1);
console.log(`${act.plan || "session"}: ${act.laps.length} laps, ${act.points.length} points, ${km} km in ${min} min${act.notes.length ? `; ${act.notes.length} note(s) above` : ""}`);
