// The session driver, shared by the page and the headless run (emulator/simulate.ts): it turns a
// source (recording or synthetic runner) into the watch's sensor events on the board's clock,
// walks the button path that starts the workout, and collects what the app did. No DOM here, so
// the page's buzz list can be compared with the headless run's for the same configuration.
// Everything it does happens in time order between board.advanceAsync() calls, so the page's
// iframe realm gets its Promise jobs run at the right virtual time.
import { replay, type ReplayOptions } from "../src/sim/replay";
import { fromCadenceSeries, type WristSample } from "../src/sim/wrist";
import type { Row } from "../src/sim/recording";
import type { Board } from "./board/board";
import type { Source } from "./sources";

/** One step of the button path from app start to the first rep (README "On the wrist"). */
export type PathStep =
  | { press: "BTN1"; ms?: number }
  | { tap: [number, number] }
  | { swipe: [number, number] }
  | { wait: number };

export interface Buzz { tMs: number; ms: number; strength: number }

export interface DriveOptions {
  /** position noise (m, 1 sigma), seeded */
  noiseM?: number;
  seed?: number;
  /** wrist synthesiser seed (the accelerometer is synthesised from the source's cadence) */
  wristSeed?: number;
  /** session seconds with no fix */
  dropouts?: [number, number][];
  /** session seconds at which one fix is thrown this far (m) */
  jumps?: { tS: number; m: number }[];
  /** board ms at which the wall clock jumps, and by how much */
  clockJumps?: { atMs: number; byMs: number }[];
  /** the button path, run from t = pathStartMs */
  path?: PathStep[];
  pathStartMs?: number;
}

interface Action { tMs: number; seq: number; run: () => void; sensor?: boolean }

const CHUNK_S = 10;

export class SessionDriver {
  /** board ms up to which sensor events have been turned into actions */
  private fedMs = 0;
  private actions: Action[] = [];
  private seq = 0;
  private wrist: WristSample[] = [];
  private wristChunk = -1;
  private wristIdx = 0;
  readonly opts: Required<Omit<DriveOptions, "path" | "pathStartMs">>;

  constructor(readonly board: Board, readonly source: Source, o: DriveOptions = {}) {
    this.opts = {
      noiseM: o.noiseM ?? 0, seed: o.seed ?? 1, wristSeed: o.wristSeed ?? 1,
      dropouts: [...(o.dropouts ?? [])], jumps: [...(o.jumps ?? [])], clockJumps: [],
    };
    for (const j of o.clockJumps ?? []) this.clockJump(j.byMs, j.atMs);
    let t = o.pathStartMs ?? 1000;
    for (const s of o.path ?? []) {
      if ("wait" in s) t += s.wait;
      else if ("press" in s) {
        this.push(t, () => board.buttonDown());
        t += s.ms ?? 100;
        this.push(t, () => board.buttonUp());
      } else if ("tap" in s) this.push(t, () => board.tap(s.tap[0], s.tap[1]));
      else this.push(t, () => board.swipe(s.swipe[0], s.swipe[1]));
      t += 50;
    }
  }

  /** the accelerometer value at board time tMs (give this to the board's `accel` option) */
  accelAt(tMs: number): { x: number; y: number; z: number } {
    const k = Math.floor(tMs / (CHUNK_S * 1000));
    if (k !== this.wristChunk) {
      this.wrist = wristChunk(this.source.rowsUpTo((k + 2) * CHUNK_S), k, this.opts.wristSeed);
      this.wristChunk = k;
      this.wristIdx = 0;
    }
    const w = this.wrist;
    while (this.wristIdx + 1 < w.length && w[this.wristIdx + 1].tMs <= tMs) this.wristIdx++;
    return w[this.wristIdx] ?? { x: 0, y: 0, z: -1 };
  }

  /** the source rows so far (for the timeline) */
  rows(): Row[] {
    return this.source.rowsUpTo(Math.ceil(this.board.now() / 1000));
  }

  /** runs the board to tMs, delivering every sensor sample and button action due before it */
  async advanceTo(tMs: number): Promise<void> {
    this.feed(tMs);
    const b = this.board;
    while (this.actions.length && this.actions[0].tMs <= tMs) {
      const a = this.actions.shift()!;
      if (a.tMs > b.now()) await runBoard(b, a.tMs - b.now());
      a.run();
      await settle(b);
    }
    if (tMs > b.now()) await runBoard(b, tMs - b.now());
  }

  /** a user action (tap, button) now, run at the next advance */
  now(run: () => void): void {
    this.push(this.board.now(), run);
  }

  done(): boolean {
    return this.board.now() / 1000 > this.source.endS + 1;
  }

  /** no fix from now for durS seconds */
  dropout(durS = 30): void {
    const s = Math.ceil(this.board.now() / 1000);
    this.opts.dropouts.push([s, s + durS]);
    this.refeed();
  }

  /** one fix, two seconds from now, thrown m metres away */
  gpsJump(m = 80): void {
    this.opts.jumps.push({ tS: Math.ceil(this.board.now() / 1000) + 2, m });
    this.refeed();
  }

  setNoise(m: number): void {
    this.opts.noiseM = m;
    this.refeed();
  }

  /** the wall clock jumps by byMs (at atMs, default a moment from now) */
  clockJump(byMs = 3600_000, atMs = this.board.now() + 1): void {
    this.opts.clockJumps.push({ atMs, byMs });
    this.push(atMs, () => this.board.setTime(this.board.wallNow() + byMs));
  }

  private push(tMs: number, run: () => void, sensor = false): void {
    const a = { tMs, seq: this.seq++, run, sensor };
    let i = this.actions.length;
    while (i > 0 && (this.actions[i - 1].tMs > tMs)) i--;
    this.actions.splice(i, 0, a);
  }

  /** forget queued sensor events after now: the options changed */
  private refeed(): void {
    const now = this.board.now();
    this.actions = this.actions.filter((a) => !a.sensor || a.tMs <= now);
    this.fedMs = Math.min(this.fedMs, now);
  }

  private feed(toMs: number): void {
    if (toMs <= this.fedMs) return;
    const rows = this.source.rowsUpTo(toMs / 1000 + 2);
    // replay is deterministic for a given prefix and options, so regenerating keeps past events identical
    const o: ReplayOptions = { fromS: 0, noiseM: this.opts.noiseM, seed: this.opts.seed, dropouts: this.opts.dropouts, jumps: this.opts.jumps };
    const b = this.board;
    for (const e of replay(rows, o)) {
      if (e.tMs < this.fedMs || e.tMs >= toMs) continue;
      this.push(e.tMs, () => { b.emit(e.type, e.data); }, true);
    }
    this.fedMs = toMs;
  }
}

/**
 * Runs the board's loop; in the page's iframe realm the board then awaits the realm's Promise jobs
 * after every item (the realm's asyncDrain flag, emulator/page/realm-iframe.ts).
 */
export async function runBoard(b: Board, ms: number): Promise<void> {
  const r = b.realm as { asyncDrain?: boolean };
  r.asyncDrain = true;
  try {
    await b.advanceAsync(ms);
  } finally {
    r.asyncDrain = false;
  }
}

/** after a synchronous board call (load, emit, tap, button): let the realm's Promise jobs run, then anything they queued now */
export async function settle(b: Board): Promise<void> {
  await b.realm.drainMicrotasks();
  await runBoard(b, 0);
}

/**
 * Wrist accelerometer samples for one 10 s chunk, synthesised (src/sim/wrist.ts) from the source's
 * cadence around it. Every chunk is the same runner (build and style from the seed) with its own
 * step jitter and sensor noise (seeded by the chunk), so the noise does not repeat every 10 s.
 */
export function wristChunk(rows: Row[], k: number, seed: number): WristSample[] {
  const t0 = k * CHUNK_S;
  const series = rows.filter((r) => r.tS >= t0 - 2 && r.tS <= t0 + CHUNK_S + 2).map((r) => ({ tS: r.tS - t0, spm: isFinite(r.spm) ? r.spm : 0 }));
  if (series.length < 2) return [];
  const syn = fromCadenceSeries(series, seed, "recording", seed * 100003 + k);
  return syn.samples.filter((s) => s.tMs >= 0 && s.tMs < CHUNK_S * 1000).map((s) => ({ ...s, tMs: s.tMs + t0 * 1000 }));
}
