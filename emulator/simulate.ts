// npm run simulate: a session headless in Node with the page's driver, path and seeds, on the real
// firmware when its files are there (emulator/firmware/node.ts firmwareDir()), else on the board.
// Prints a header (workout, source, seeds, engine), how the session went, its buzz patterns by
// name and the steps the app logged. runDefault() (the default session on the board) is what the
// browser tests compare the page against.
import { readFileSync } from "node:fs";
import { createNodeRealm } from "./board/realm-node";
import { parseRecording } from "../src/sim/recording";
import { decodeLog } from "../src/engine/log/decode";
import type { Rec } from "../src/engine/log/records";
import { crc32 } from "../src/sim/crc";
import { fmtPace, fmtTime } from "../src/engine/format";
import { TEMPLATES } from "../src/engine/workout/templates";
import { recordingSource } from "./sources";
import { DEFAULT_PATH, DEFAULT_RECORDING, DEFAULT_SEEDS, LEAD_S } from "./defaults";
import { buzzList, buzzPatterns, patternShape, sessionLog, startSession } from "./session";
import { BOARD_MENU, FIRMWARE_MENU, workoutPath, type Buzz, type PathStep } from "./driver";
import { listRow } from "./page/workouts";
import { bootWatch, firmwareDir } from "./firmware/node";
import { newestLog, startFwSession } from "./page/fw-session";
import { appFiles } from "../tools/appfiles.mjs";

export type Engine = "board" | "firmware";
import type { AppFiles } from "./install";
import { WATCH_FILES } from "../tools/watch-files.mjs";

export interface HeadlessResult {
  engine: Engine;
  /** the engine in words: "board …" or "real firmware 2v29.74 (dir)" */
  engineName: string;
  workout: string;
  /** the recording's path */
  source: string;
  path: PathStep[];
  buzzes: Buzz[];
  log?: { name: string; text: string };
  /** board ms at which the app's session started (its log header), or NaN */
  sessionStartMs: number;
  endMs: number;
  /** the session's end record was written ("session"), or the recording ran out first ("track") */
  why: "session" | "track";
  errors: string[];
  /** the screen (176x176 RGBA) at each requested board time */
  screens: Uint8ClampedArray[];
}

/** the watch's JS files as built in apps/speedseq (node build.mjs) */
export function builtFiles(): AppFiles {
  const out: AppFiles = {};
  for (const f of WATCH_FILES) out[f.name] = readFileSync(`apps/speedseq/${f.url}`, "utf8");
  return out;
}

export interface RunOptions {
  engine?: Engine;
  /** a built-in workout's name (default: the first, Classic 5K) */
  workout?: string;
  /** the watch's JS files by Storage name (default: as built) */
  files?: AppFiles;
  /** board ms at which to keep the screen */
  screensAt?: number[];
  /** called every 5 minutes of watch time (the firmware takes a while) */
  progress?: (boardMs: number) => void;
}

const hasEnd = (text: string | undefined) => !!text && /\nE[0-9a-z]+,/.test(text);

/** the default engine: the real firmware where its files are, else the board */
export function defaultEngine(): Engine {
  return firmwareDir() ? "firmware" : "board";
}

/** runs a built-in workout on the bundled recording to its end (or the recording's) and returns what the app did */
export async function runSession(o: RunOptions = {}): Promise<HeadlessResult> {
  const engine = o.engine ?? defaultEngine();
  const workout = o.workout ?? TEMPLATES[0].name;
  if (!TEMPLATES.some((t) => t.name === workout)) throw new Error(`no built-in workout "${workout}" (there are: ${TEMPLATES.map((t) => t.name).join(", ")})`);
  const { row, rows } = listRow(TEMPLATES, [], workout);
  const path = workoutPath(row, rows, engine === "firmware" ? FIRMWARE_MENU : BOARD_MENU);
  const src = recordingSource(DEFAULT_RECORDING.split("/").pop()!, parseRecording(readFileSync(DEFAULT_RECORDING, "utf8")), LEAD_S);
  const drive = { path, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist };
  const screens: Uint8ClampedArray[] = [];
  const base = { engine, workout, source: DEFAULT_RECORDING, path, screens };
  let nextProgress = 300_000;
  const tick = (ms: number) => {
    if (o.progress && ms >= nextProgress) {
      o.progress(ms);
      nextProgress += 300_000;
    }
  };

  if (engine === "board") {
    const { board, driver } = await startSession(createNodeRealm(), o.files ?? builtFiles(), src, drive);
    const wall0 = board.wallNow() - board.now();
    for (const t of o.screensAt ?? []) {
      await driver.advanceTo(t);
      screens.push(board.toRGBA().slice());
    }
    while (!driver.done() && !hasEnd(sessionLog(board)?.text)) {
      await driver.advanceTo(board.now() + 10_000);
      tick(board.now());
    }
    const log = sessionLog(board);
    return {
      ...base, engineName: "board (the project's fake Bangle.js 2)", buzzes: buzzList(board), log, endMs: board.now(),
      sessionStartMs: startOf(log, wall0), why: hasEnd(log?.text) ? "session" : "track",
      errors: board.errors.map((e) => `@${e.tMs} ms ${e.message}`),
    };
  }

  const dir = firmwareDir();
  if (!dir) throw new Error("the real firmware's files are not there (README 'The real firmware'): use --engine board");
  const w = await bootWatch({});
  const version = w.eval<string>("process.env.VERSION");
  const files = (appFiles("apps/speedseq") as [string, string][]).map(([n, d]): [string, string] => [n, o.files?.[n] ?? d]);
  const s = await startFwSession(w, files, src, drive);
  const wall0 = s.board.wall0;
  const log = () => {
    const name = newestLog(w);
    return name ? { name, text: w.readStorageFile(name) } : undefined;
  };
  for (const t of o.screensAt ?? []) {
    await s.driver.advanceTo(t);
    screens.push(Uint8ClampedArray.from(w.screen()));
  }
  while (!s.driver.done() && !hasEnd(log()?.text)) {
    await s.driver.advanceTo(s.board.now() + 10_000);
    tick(s.board.now());
  }
  const l = log();
  return {
    ...base, engineName: `real firmware ${version} (${dir})`,
    buzzes: w.buzzes.map((b) => ({ tMs: b.tMs - wall0, ms: b.ms, strength: b.strength })), log: l, endMs: s.board.now(),
    sessionStartMs: startOf(l, wall0), why: hasEnd(l?.text) ? "session" : "track",
    errors: w.errors.map((e) => `@${e.tMs - wall0} ms ${e.message} ${e.where}`.trim()),
  };
}

/** board ms of the log header's start: its wall clock minus the watch's at board time 0 */
function startOf(log: { text: string } | undefined, wall0: number): number {
  const head = log ? decodeLog(log.text, crc32).recs.find((r) => r.k === "H") : undefined;
  return head && head.k === "H" ? head.startMs - wall0 : NaN;
}

/** the default session (Classic 5K, the bundled recording, the default path) on the board: the browser tests' reference */
export async function runDefault(o: { files?: AppFiles; screensAt?: number[] } = {}): Promise<HeadlessResult> {
  const r = await runSession({ ...o, engine: "board" });
  if (JSON.stringify(r.path) !== JSON.stringify(DEFAULT_PATH)) throw new Error("the Classic 5K path is no longer DEFAULT_PATH");
  return r;
}

// ---- the report

/** whole seconds of ms, as a stopwatch: "10:00", "1:02:03" (rounded to the second) */
const dur = (ms: number) => fmtTime(Math.round(ms / 1000));
/** a moment in ms with its milliseconds: "10:07.150" */
const clockMs = (ms: number) => {
  const r = Math.round(ms);
  return `${dur(Math.floor(r / 1000) * 1000)}.${String(r % 1000).padStart(3, "0")}`;
};

/** the "path" header line in words */
function pathWords(path: PathStep[]): string {
  const drags = path.filter((s) => "drag" in s).length;
  const tap = path.find((s): s is { tap: [number, number] } => "tap" in s);
  return `${drags ? `drag the list up ${drags}×, ` : ""}tap the workout${tap ? ` (at ${tap.tap[0]},${tap.tap[1]})` : ""}, wait for the GPS fix, BTN1`;
}

/** the printed report of a run, as lines */
export function report(r: HeadlessResult): string[] {
  const out: string[] = [];
  const plan = TEMPLATES.find((t) => t.name === r.workout);
  const recs: Rec[] = r.log ? decodeLog(r.log.text, crc32).recs : [];
  out.push("SpeedSeq simulate");
  out.push(`  workout  ${r.workout} (built-in)${plan?.note ? `: ${plan.note}` : ""}`);
  out.push(`  source   ${r.source} (recording, after ${LEAD_S} s standing at its first fix)`);
  out.push(`  seeds    GPS ${DEFAULT_SEEDS.gps} (noise 0 m), wrist ${DEFAULT_SEEDS.wrist}`);
  out.push(`  engine   ${r.engineName}`);
  out.push(`  path     ${pathWords(r.path)}`);
  out.push("");
  const end = recs.find((x) => x.k === "E");
  if (!isFinite(r.sessionStartMs)) out.push(`session: never started (the recording ended at ${dur(r.endMs)} watch time)`);
  else if (end && end.k === "E") {
    const how = end.why === "done" ? "workout done" : end.why === "ended" ? "ended by the runner" : "saved";
    out.push(`session: started at ${dur(r.sessionStartMs)} watch time, finished at ${dur(r.sessionStartMs + end.durMs)} (${how}): ${dur(end.durMs)} of session, ${(end.distM / 1000).toFixed(2)} km`);
  } else out.push(`session: started at ${dur(r.sessionStartMs)} watch time; the track ended at ${dur(r.endMs)} before the workout did`);
  const pats = buzzPatterns(r.buzzes);
  out.push("");
  out.push(`buzzes: ${pats.length} patterns (${r.buzzes.length} pulses), watch time`);
  for (const p of pats) out.push(`  ${clockMs(p.tMs).padStart(9)}  ${p.name.padEnd(14)}  ${patternShape(p)} ms @ ${p.pulses[0].strength}`);
  out.push("");
  if (!r.log) {
    out.push("no session log on the watch (the app wrote none)");
    return out;
  }
  out.push(`steps (${r.log.name}; start and time in session time):`);
  out.push(`  ${"#".padStart(2)} ${"kind".padEnd(8)} ${"rep".padStart(3)} ${"start".padStart(7)} ${"time".padStart(6)} ${"dist".padStart(7)} ${"pace".padStart(8)} ${"HR".padStart(4)} ${"cad".padStart(4)}  ended by`);
  if (!recs.some((x) => x.k === "S")) out.push("  (no step finished)");
  for (const s of recs) {
    if (s.k !== "S") continue;
    out.push(`  ${String(s.idx).padStart(2)} ${s.kind.padEnd(8)} ${(s.rep ? String(s.rep) : "").padStart(3)} ${dur(s.startMs).padStart(7)} ${dur(s.durMs).padStart(6)} ${`${Math.round(s.distM)} m`.padStart(7)} ${(s.avgPaceSPerKm ? `${fmtPace(s.avgPaceSPerKm)}/km` : "-").padStart(8)} ${String(s.avgHr || "-").padStart(4)} ${String(s.avgCad || "-").padStart(4)}  ${s.why}`);
  }
  return out;
}

/** parses `--engine board|firmware` and `--workout NAME`; throws on anything else */
export function parseArgs(argv: string[]): RunOptions {
  const o: RunOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    if (a === "--engine" && (v === "board" || v === "firmware")) o.engine = v;
    else if (a === "--workout" && v) o.workout = v;
    else throw new Error(`usage: npm run simulate -- [--engine board|firmware] [--workout NAME]   (got ${a}${v ? ` ${v}` : ""})`);
    i++;
  }
  return o;
}

export async function main(argv: string[] = []): Promise<number> {
  let o: RunOptions;
  try {
    o = parseArgs(argv);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 2;
  }
  const engine = o.engine ?? defaultEngine();
  if (engine === "firmware") console.error(`running on the real firmware (a minute or two; --engine board is faster)…`);
  const progress = engine === "firmware" ? (ms: number) => console.error(`  … ${dur(ms)} of watch time`) : undefined;
  const r = await runSession({ ...o, engine, progress });
  for (const l of report(r)) console.log(l);
  for (const e of r.errors) console.error(`app error ${e}`);
  return r.errors.length ? 1 : 0;
}
