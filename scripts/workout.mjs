// npm run workout -- FILE|TEXT [--out FILE.json|FILE.fit|FILE.txt] [--port ADDR [--dry-run]] [--goal "5k 20:00"] [--max-hr BPM]
// A workout in (the text syntax, docs/workout-syntax.md; a FIT workout; or the watch's JSON), checked
// with the validator (validate.ts), and shown as the watch will show it: the canonical text, the list
// row, the note, the estimated time and distance and the size against the watch's limits. Then:
//   --out FILE.json   the watch's JSON         --out FILE.fit   a FIT workout (Garmin's SDK)
//   --out FILE.txt    the canonical text
//   --port ADDR       onto a watch with the espruino CLI, as tools/upload.mjs does (a Bluetooth
//                     address, a serial device, or tcp://HOST:PORT for `npm run watch`), written as
//                     speedseq.w<id>.json (src/authoring/names.ts); --dry-run prints that stream
// node scripts/workout.mjs --build-page rewrites the authoring code inlined in apps/speedseq/custom.html.
// src/authoring is bundled with esbuild, as the exporter is; only this script reads and writes files.
// Exit 1 when the workout can't be read or run, 2 on bad arguments.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { commandStream } from "../tools/appfiles.mjs";
import { sendStream } from "../tools/upload.mjs";
import { bundleImport } from "../tools/bundle-import.mjs";

const USAGE = 'usage: npm run workout -- FILE|TEXT [--out FILE.json|FILE.fit|FILE.txt] [--port ADDR [--dry-run]] [--goal "5k 20:00"] [--max-hr BPM]';
export const PAGE = "apps/speedseq/custom.html";
const BEGIN = "<script id=\"authoring\">";
const END = "</script><!-- /authoring -->";

function usage(msg) {
  if (msg) console.error(msg);
  console.error(USAGE);
  process.exit(2);
}

function args(argv) {
  const o = { input: undefined, out: undefined, port: undefined, goal: undefined, maxHr: undefined, dryRun: false, buildPage: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === "--out" || a === "-o") o.out = val();
    else if (a === "--port" || a === "-p") o.port = val();
    else if (a === "--goal") o.goal = val();
    else if (a === "--max-hr") o.maxHr = Number(val());
    else if (a === "--dry-run") o.dryRun = true;
    else if (a === "--build-page") o.buildPage = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else if (o.input === undefined && (!a.startsWith("-") || a.startsWith("- ") || a.includes("\n"))) o.input = a;
    else usage(`unknown argument '${a}'`);
  }
  return o;
}

/** src/authoring bundled for Node (the FIT SDK stays a package import) */
function authoring() {
  return bundleImport('export * from "./src/authoring/index.ts"; export * from "./src/authoring/fit.ts";', "authoring/workout");
}

/** the page's copy of src/authoring/index.ts: a browser script that sets window.SpeedSeqAuthoring */
export async function pageBundle() {
  const r = await build({
    entryPoints: ["src/authoring/index.ts"],
    bundle: true,
    format: "iife",
    globalName: "SpeedSeqAuthoring",
    platform: "browser",
    target: "es2018",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  return r.outputFiles[0].text.trim();
}

/** custom.html with its inlined authoring code replaced by `code` */
export function withBundle(html, code) {
  const a = html.indexOf(BEGIN);
  const b = html.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${PAGE}: no ${BEGIN} … ${END} block`);
  return html.slice(0, a + BEGIN.length) + code.replace(/<\/script/gi, "<\\/script") + html.slice(b);
}

async function main(argv) {
  const o = args(argv);
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  if (o.buildPage) {
    writeFileSync(PAGE, withBundle(readFileSync(PAGE, "utf8"), await pageBundle()));
    console.log(`${PAGE}: authoring code rebuilt`);
    return 0;
  }
  if (o.input === undefined) usage("no workout given: a file (text, .fit or .json) or the text itself");
  if (o.maxHr !== undefined && !(o.maxHr >= 100 && o.maxHr <= 240)) usage("--max-hr must be a heart rate (100-240)");
  const A = await authoring();
  let goal;
  if (o.goal !== undefined) {
    const g = A.parseGoal(o.goal);
    if (!g.ok) usage(`--goal: ${g.error}`);
    goal = g.goal;
  }

  // the workout, from whatever was given
  const isFile = existsSync(o.input);
  const where = isFile ? o.input : "text";
  let plan;
  let notes = [];
  const bytes = isFile ? readFileSync(o.input) : Buffer.from(o.input, "utf8");
  const fit = bytes.length >= 12 && bytes.toString("latin1", 8, 12) === ".FIT";
  const text = bytes.toString("utf8");
  if (fit) {
    const r = A.fromFitWorkout(new Uint8Array(bytes), { maxHr: o.maxHr });
    if (!r.ok) {
      console.error(`${where}: ${r.error}`);
      return 1;
    }
    plan = r.plan;
    notes = r.notes;
  } else if (text.trimStart().startsWith("{")) {
    plan = text;
  } else {
    const r = A.parseText(text);
    if (!r.ok) {
      for (const e of r.errors) console.error(`${where}:${A.formatError(e)}`);
      return 1;
    }
    plan = r.plan;
  }
  // the validator is the judge of every upload, whatever made it
  const v = A.parseWorkout(typeof plan === "string" ? plan : JSON.stringify(plan));
  if (!v.ok) {
    console.error(`${where}: ${v.error}`);
    return 1;
  }
  plan = v.plan;
  for (const n of notes) console.error(`${where}: ${n}`);

  const p = A.preview(plan, goal);
  process.stdout.write(A.printWorkout(plan));
  console.log("");
  for (const l of A.previewLines(p)) console.log(l);
  const json = JSON.stringify(plan);

  if (o.out) {
    mkdirSync(dirname(o.out) || ".", { recursive: true });
    const ext = extname(o.out).toLowerCase();
    if (ext === ".fit") {
      const f = A.toFitWorkout(plan, { goal });
      writeFileSync(o.out, f.bytes);
      for (const n of f.notes) console.error(`${o.out}: ${n}`);
      console.log(`${o.out}: a FIT workout, ${f.bytes.length} bytes`);
    } else if (ext === ".txt") {
      writeFileSync(o.out, A.printWorkout(plan));
      console.log(`${o.out}: the workout's text`);
    } else {
      writeFileSync(o.out, json);
      console.log(`${o.out}: ${json.length} characters; on the watch as ${p.file}`);
    }
  }

  if (o.port) {
    // one Storage.write stream, the same as the app's upload, then load(): the list is read when shown
    const stream = commandStream([[p.file, json]]);
    if (o.dryRun) {
      process.stdout.write(stream);
      return 0;
    }
    const status = await sendStream(stream, { port: o.port }, "workout.js");
    if (status) return status;
    console.log(`sent to ${o.port} as ${p.file}`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(await main(process.argv.slice(2)));
