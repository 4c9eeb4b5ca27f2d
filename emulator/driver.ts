// The session driver, shared by the page and the headless run (emulator/simulate.ts): it turns a
// source (recording or synthetic runner) into the watch's sensor events on the board's clock,
// walks the button path that starts the workout, and collects what the app did. No DOM here, so
// the page's buzz list can be compared with the headless run's for the same configuration.
// Everything it does happens in time order between board.advanceAsync() calls, so the page's
// iframe realm gets its Promise jobs run at the right virtual time.
import { replay, type ReplayOptions } from "../src/sim/replay";
import { gpsNoise } from "../src/sim/gps-noise";
import { fromCadenceSeries, type WristSample } from "../src/sim/wrist";
import type { Row } from "../src/sim/recording";
import type { Board } from "./board/board";
import type { Source } from "./sources";

/** One step of the button path from app start to the first rep (README "On the wrist"). */
export type PathStep =
  | { press: "BTN1"; ms?: number }
  | { tap: [number, number] }
  | { swipe: [number, number] }
  /** a finger drag through these points, DRAG_MS_PER_POINT apart, lifted at the last */
  | { drag: [number, number][] }
  | { wait: number };

/** ms between the points of a path's drag */
export const DRAG_MS_PER_POINT = 20;

/**
 * Where an E.showMenu list's rows are on an engine: the first row's top (under the widgets and the
 * title), the row height, and the bottom of the last row that can be tapped whole.
 */
export interface MenuGeometry { top: number; rowH: number; bottom: number }

/** the board's menus (emulator/board/ui.ts): 24 px rows under a 24 px title, five on the screen, scrolled a whole row per 24 px of drag */
export const BOARD_MENU: MenuGeometry = { top: 48, rowH: 24, bottom: 168 };
/** the real firmware's (2v29.74): 40 px rows under a 24 px title down to the screen's bottom, scrolled pixel for pixel */
export const FIRMWARE_MENU: MenuGeometry = { top: 48, rowH: 40, bottom: 176 };

/**
 * The path steps that select row `row` (0-based) of a menu of `rows` rows: a tap, after dragging
 * the list up when the row is below the first screen. The list never scrolls past its last row,
 * so near the end it moves less and the row sits lower. Each drag is whole rows, at most 120 px.
 */
export function menuRowSteps(row: number, rows: number, geo: MenuGeometry): PathStep[] {
  if (row < 0 || row >= rows) throw new Error(`menu row ${row} of ${rows}`);
  const onScreen = Math.floor((geo.bottom - geo.top) / geo.rowH);
  const maxShift = Math.max(0, geo.top + rows * geo.rowH - geo.bottom);
  const shift = Math.min(Math.max(0, row - onScreen + 1) * geo.rowH, maxShift);
  const chunk = Math.max(1, Math.floor(120 / geo.rowH)) * geo.rowH;
  const steps: PathStep[] = [];
  for (let left = shift; left > 0; left -= chunk) {
    const d = Math.min(chunk, left);
    const pts: [number, number][] = [];
    for (let y = 160; y > 160 - d; y -= 20) pts.push([88, y]);
    pts.push([88, 160 - d]);
    steps.push({ drag: pts });
  }
  // 12 px into the row: inside it on both engines (the default path's tap at y 60 is row 0 on both)
  steps.push({ tap: [88, geo.top + row * geo.rowH - shift + 12] });
  return steps;
}

/**
 * The button path that starts the workout on row `row` of the app's list (`rows` rows, History
 * included): select it, wait for the pre-start screen's GPS fix, BTN1. Row 0 is DEFAULT_PATH.
 */
export function workoutPath(row: number, rows: number, geo: MenuGeometry): PathStep[] {
  return [{ wait: 1000 }, ...menuRowSteps(row, rows, geo), { wait: 5000 }, { press: "BTN1" }];
}

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

interface Action { tMs: number; seq: number; run: () => void; sensor?: boolean; path?: boolean }

const CHUNK_S = 10;

export class SessionDriver {
  /** board ms up to which sensor events have been turned into actions */
  private fedMs = 0;
  private actions: Action[] = [];
  private seq = 0;
  private wrist: WristSample[] = [];
  private wristChunk = -1;
  private wristIdx = 0;
  /** BTN1 is down by the path's press */
  private pathHolds = false;
  readonly opts: Required<Omit<DriveOptions, "path" | "pathStartMs">>;
  /** board ms when the button path is through (its last step has run by then) */
  readonly pathEndMs: number;

  constructor(readonly board: Board, readonly source: Source, o: DriveOptions = {}) {
    this.opts = {
      noiseM: o.noiseM ?? 0, seed: o.seed ?? 1, wristSeed: o.wristSeed ?? 1,
      dropouts: [...(o.dropouts ?? [])], jumps: [...(o.jumps ?? [])], clockJumps: [],
    };
    for (const j of o.clockJumps ?? []) this.clockJump(j.byMs, j.atMs);
    let t = o.pathStartMs ?? 1000;
    const path = (at: number, run: () => void) => this.push(at, run, false, true);
    for (const s of o.path ?? []) {
      if ("wait" in s) t += s.wait;
      else if ("press" in s) {
        path(t, () => { this.pathHolds = true; board.buttonDown(); });
        t += s.ms ?? 100;
        path(t, () => { this.pathHolds = false; board.buttonUp(); });
      } else if ("tap" in s) path(t, () => board.tap(s.tap[0], s.tap[1]));
      else if ("drag" in s) {
        path(t, () => board.drag(s.drag.map(([x, y]) => ({ x, y })), DRAG_MS_PER_POINT));
        t += s.drag.length * DRAG_MS_PER_POINT;
      } else path(t, () => board.swipe(s.swipe[0], s.swipe[1]));
      t += 50;
    }
    this.pathEndMs = t;
  }

  /** whether steps of the button path are still to come */
  pathPending(): boolean {
    return this.actions.some((a) => a.path);
  }

  /** drops what is left of the button path (the user took over the watch); a press it began still ends */
  cancelPath(): void {
    const up = this.actions.find((a) => a.path && this.pathHolds);
    this.actions = this.actions.filter((a) => !a.path);
    if (up) this.push(up.tMs, () => { this.pathHolds = false; this.board.buttonUp(); });
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

  private push(tMs: number, run: () => void, sensor = false, path = false): void {
    const a = { tMs, seq: this.seq++, run, sensor, path };
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
    // with noise, the simulator's receiver (position error over 60 s, Doppler speed noise, HDOP with it)
    const rx: ReplayOptions = this.opts.noiseM > 0 ? gpsNoise(this.opts.noiseM, this.opts.seed) : { noiseM: 0, seed: this.opts.seed };
    const o: ReplayOptions = { ...rx, fromS: 0, dropouts: this.opts.dropouts, jumps: this.opts.jumps };
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
