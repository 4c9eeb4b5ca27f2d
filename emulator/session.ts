// Starts the default (or any) session on a fresh board in the given realm: the page passes an
// iframe realm, the headless run (emulator/simulate.ts) Node's vm realm. Same driver, same seeds.
// Also what both show of a session: its buzzes grouped into the engine's patterns.
import { createBoardCore, type Board } from "./board/board";
import type { Realm } from "./board/realm";
import { SessionDriver, settle, type Buzz, type DriveOptions } from "./driver";
import type { Source } from "./sources";
import { installApp, type AppFiles } from "./install";
import { pattern, H_REP, H_RECOVERY, H_COUNT, H_STEP, H_END, H_CAD, H_FAST, H_SLOW, H_OFFER } from "../src/engine/haptics";

/** every pattern's buzz and pause lengths by id (the watch reads them one at a time: pattern(id)) */
export const PATTERNS = [H_REP, H_RECOVERY, H_COUNT, H_STEP, H_END, H_CAD, H_FAST, H_SLOW, H_OFFER].map(pattern);

export interface Running { board: Board; driver: SessionDriver }

/**
 * A fresh board with the app's files (AppFiles: the watch's JS files by Storage name) installed
 * and started, and the driver on it. `files` ([name, text]) are written to Storage first, as files
 * already on the watch (the page's uploaded workouts).
 */
export async function startSession(realm: Realm, appFiles: AppFiles, source: Source, o: DriveOptions, files: [string, string][] = []): Promise<Running> {
  let driver: SessionDriver | undefined;
  const board = createBoardCore({ realm, accel: (tMs) => (driver ? driver.accelAt(tMs) : { x: 0, y: 0, z: -1 }) });
  driver = new SessionDriver(board, source, o);
  for (const [name, text] of files) board.storage.write(name, text);
  installApp(board, appFiles);
  await settle(board);
  return { board, driver };
}

/** the buzzes as the page lists them and the tests compare them */
export function buzzList(board: Board): Buzz[] {
  return board.buzzes.map((b) => ({ tMs: b.tMs, ms: b.ms, strength: b.strength }));
}

/** the session log the app wrote: the StorageFile (or file) whose text starts with a log header */
export function sessionLog(board: Board): { name: string; text: string } | undefined {
  const st = board.storage;
  for (const name of [...st.list(undefined, { sf: true }), ...st.list(undefined, { sf: false })]) {
    const text = st.list(undefined, { sf: true }).includes(name) ? st.readStorageFile(name) : st.read(name);
    if (text && /^H[0-9a-z]+,/.test(text)) return { name, text };
  }
  return undefined;
}

/** every file on the watch: normal files and StorageFiles (name, bytes) */
export function fileList(board: Board): { name: string; bytes: number; sf: boolean }[] {
  const st = board.storage;
  const out = st.list(undefined, { sf: false }).map((name) => ({ name, bytes: (st.read(name) ?? "").length, sf: false }));
  for (const name of st.list(undefined, { sf: true })) out.push({ name, bytes: (st.readStorageFile(name) ?? "").length, sf: true });
  return out;
}

// ---- buzz patterns

/** what each of the engine's patterns (src/engine/haptics.ts PATTERNS, by its H_* id) tells the runner */
export const PATTERN_NAMES: Record<number, string> = {
  [H_REP]: "rep start",
  [H_RECOVERY]: "recovery start",
  [H_COUNT]: "countdown",
  [H_STEP]: "step change",
  [H_END]: "session end",
  [H_CAD]: "cadence drop",
  [H_FAST]: "too fast",
  [H_SLOW]: "too slow",
  [H_OFFER]: "form guard's offer",
};

/** a run of buzzes that is one of the engine's patterns (id -1: pulses that match none) */
export interface PatternBuzz {
  /** PATTERNS index, or -1 */
  id: number;
  name: string;
  /** start of the first pulse, ms (board time) */
  tMs: number;
  /** its pulses */
  pulses: Buzz[];
}

/** how far (ms) a pulse's length or spacing may be from the pattern's */
const TOLERANCE_MS = 40;

/**
 * Groups a buzz list into the engine's patterns by their on/off lengths. A pattern [on, off, on, …]
 * shows as pulses of those `on` lengths, each starting `on + off` after the one before (the watch
 * and the board: the next pulse waits for the motor) or `off` after it (the emulator build of the
 * firmware, whose buzz Promise resolves at once). The longest pattern that fits wins; a pulse that
 * starts no pattern is a pattern of its own, id -1, named by its length.
 */
export function buzzPatterns(buzzes: Buzz[]): PatternBuzz[] {
  const ids = PATTERNS.map((_p, i) => i).sort((a, b) => PATTERNS[b].length - PATTERNS[a].length);
  const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE_MS;
  const fits = (id: number, at: number): boolean => {
    const p = PATTERNS[id];
    const n = (p.length + 1) >> 1;
    if (at + n > buzzes.length) return false;
    for (let k = 0; k < n; k++) {
      const b = buzzes[at + k];
      if (!near(b.ms, p[2 * k])) return false;
      if (k > 0) {
        const gap = b.tMs - buzzes[at + k - 1].tMs;
        const on = p[2 * k - 2], off = p[2 * k - 1];
        if (!near(gap, on + off) && !near(gap, off)) return false;
      }
    }
    return true;
  };
  const out: PatternBuzz[] = [];
  for (let i = 0; i < buzzes.length; ) {
    const id = ids.find((k) => fits(k, i));
    if (id === undefined) {
      out.push({ id: -1, name: `${buzzes[i].ms} ms pulse`, tMs: buzzes[i].tMs, pulses: [buzzes[i]] });
      i++;
      continue;
    }
    const n = (PATTERNS[id].length + 1) >> 1;
    out.push({ id, name: PATTERN_NAMES[id] ?? `pattern ${id}`, tMs: buzzes[i].tMs, pulses: buzzes.slice(i, i + n) });
    i += n;
  }
  return out;
}

/** "250·150·250": a pattern's on/off lengths as the engine defines them (the pulse for an unknown one) */
export function patternShape(p: PatternBuzz): string {
  return p.id >= 0 ? PATTERNS[p.id].join("·") : String(p.pulses[0].ms);
}
