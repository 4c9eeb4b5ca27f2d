// npm run simulate: the default session (Classic 5K + the bundled recording) on the board in Node,
// with the same driver, path and seeds as the page. Prints the buzz timeline and the splits the
// app logged. runDefault() is also what the browser test compares the page against.
import { readFileSync } from "node:fs";
import { createNodeRealm } from "./board/realm-node";
import { parseRecording } from "../src/sim/recording";
import { decodeLog } from "../src/engine/log/decode";
import { crc32 } from "../src/sim/crc";
import { recordingSource } from "./sources";
import { DEFAULT_PATH, DEFAULT_RECORDING, DEFAULT_SEEDS, LEAD_S } from "./defaults";
import { buzzList, sessionLog, startSession } from "./session";
import type { Buzz } from "./driver";
import type { AppFiles } from "./install";
import { WATCH_FILES } from "../tools/watch-files.mjs";

export interface HeadlessResult {
  buzzes: Buzz[];
  log?: { name: string; text: string };
  /** board ms at which the app's session started (its log header), or NaN */
  sessionStartMs: number;
  endMs: number;
  errors: string[];
  /** the screen (176x176 RGBA) at each requested board time */
  screens: Uint8ClampedArray[];
}

/** runs the default session to its end (or the recording's) and returns what the app did */
/** the watch's JS files as built in apps/speedseq (node build.mjs) */
export function builtFiles(): AppFiles {
  const out: AppFiles = {};
  for (const f of WATCH_FILES) out[f.name] = readFileSync(`apps/speedseq/${f.url}`, "utf8");
  return out;
}

export async function runDefault(o: { files?: AppFiles; screensAt?: number[] } = {}): Promise<HeadlessResult> {
  const files = o.files ?? builtFiles();
  const src = recordingSource(DEFAULT_RECORDING.split("/").pop()!, parseRecording(readFileSync(DEFAULT_RECORDING, "utf8")), LEAD_S);
  const { board, driver } = await startSession(createNodeRealm(), files, src, { path: DEFAULT_PATH, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist });
  const wall0 = board.wallNow() - board.now();
  const screens: Uint8ClampedArray[] = [];
  for (const t of o.screensAt ?? []) {
    await driver.advanceTo(t);
    screens.push(board.toRGBA().slice());
  }
  while (!driver.done()) {
    await driver.advanceTo(board.now() + 10_000);
    const log = sessionLog(board);
    if (log && /\nE[0-9a-z]+,/.test(log.text)) break;
  }
  const log = sessionLog(board);
  const head = log ? decodeLog(log.text, crc32).recs.find((r) => r.k === "H") : undefined;
  return {
    buzzes: buzzList(board), log, endMs: board.now(), screens,
    sessionStartMs: head && head.k === "H" ? head.startMs - wall0 : NaN,
    errors: board.errors.map((e) => `@${e.tMs} ms ${e.message}`),
  };
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}.${String(Math.round(ms % 1000)).padStart(3, "0")}`;
};

export async function main(): Promise<number> {
  const r = await runDefault();
  console.log(`default session: ${DEFAULT_RECORDING}, ${r.buzzes.length} buzzes, board time ${clock(r.endMs)}`);
  for (const b of r.buzzes) console.log(`  buzz ${clock(b.tMs)}  ${b.ms} ms @ ${b.strength}`);
  if (r.log) {
    console.log(`splits (${r.log.name}):`);
    for (const rec of decodeLog(r.log.text, crc32).recs)
      if (rec.k === "S") console.log(`  ${String(rec.idx).padStart(2)} ${rec.kind.padEnd(8)} ${rec.rep || ""}\t${clock(rec.durMs)}  ${rec.distM.toFixed(0)} m  ${rec.avgPaceSPerKm ? clock(rec.avgPaceSPerKm * 1000) + "/km" : ""}  HR ${rec.avgHr}  cad ${rec.avgCad}  (${rec.why})`);
  } else console.log("no session log on the watch (the app wrote none)");
  for (const e of r.errors) console.error(`app error ${e}`);
  return r.errors.length ? 1 : 0;
}
