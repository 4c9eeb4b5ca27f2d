// What the benches measure on the firmware: JsVars above a widgets-only baseline, and the
// interpreter's time under one event timeline, for SpeedSeq and for a peer app (BangleApps Run).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bootWatch, bootApp, loadApp, installFiles } from "./node";
import { play, sessionTimeline, type FwEvent } from "./timeline";
import { deviceLaps, type Row } from "../../src/sim/recording";
import type { Watch } from "./watch";

/** the peer apps' folder: SPEEDSEQ_PEERS_DIR, else ../shared/peers beside the clone */
export function peersDir(): string | undefined {
  const d = process.env.SPEEDSEQ_PEERS_DIR ?? resolve(process.cwd(), "../shared/peers");
  return existsSync(join(d, "run/app.js")) ? d : undefined;
}

/** a watch on an app that only loads and draws the widgets: the baseline every app is measured against */
export async function widgetsOnly(): Promise<Watch> {
  const w = await bootWatch();
  w.writeFile("base.app.js", "Bangle.loadWidgets();Bangle.drawWidgets();");
  loadApp(w, "base.app.js");
  return w;
}

/** where the list's rows are, found once on a watch that traces text (the measured watches do not) */
const rowsAt: Record<string, { drags: number; x: number; y: number }> = {};
/** one Watch.swipe() drags a menu by this much */
const DRAG_PX = 60;
async function listRow(name: string): Promise<{ drags: number; x: number; y: number }> {
  if (rowsAt[name]) return rowsAt[name];
  const w = await bootApp({ trace: true });
  // rows in order: the first page, then what scrolling reveals (a scrolled menu moves pixels,
  // so a row's traced position is where it was first drawn: derive it from the row pitch)
  const first = w.texts.filter((t) => t.h === w.lastText("Classic 5K")!.h && t.x === w.lastText("Classic 5K")!.x);
  const names = first.map((t) => t.text);
  for (let i = 0; i < 4 && !names.includes(name); i++) {
    w.swipe("up");
    for (const t of w.texts) if (t.x === first[0].x && t.h === first[0].h && !names.includes(t.text)) names.push(t.text);
  }
  const k = names.indexOf(name);
  if (k < 0) throw new Error(`${name} is not in the list`);
  const pitch = first[1].y - first[0].y;
  const y0 = first[0].y + k * pitch + first[0].h / 2;
  const drags = Math.max(0, Math.ceil((y0 - 150) / DRAG_PX));
  return (rowsAt[name] = { drags, x: first[0].x + 20, y: y0 - drags * DRAG_PX });
}

export interface Started { w: Watch; afterLoad: number }

const FIX = { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9 };

/** SpeedSeq on a watch without the text tracer, a built-in workout started by the README's path */
export async function startSpeedSeq(workout = "Classic 5K"): Promise<Started> {
  const at = await listRow(workout);
  const w = await bootApp();
  const afterLoad = w.memory().usage;
  for (let i = 0; i < at.drags; i++) w.swipe("up");
  w.tap(at.x, at.y);
  w.advance(500);
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
  if (!w.list().some((n) => n.startsWith("speedseq.log"))) throw new Error(`the session did not start: ${w.console.slice(-500)}`);
  return { w, afterLoad };
}

/** BangleApps Run with its exstats module, recording started by one BTN1 press */
export async function startRun(): Promise<Started> {
  const dir = peersDir();
  if (!dir) throw new Error("BangleApps Run not found (set SPEEDSEQ_PEERS_DIR)");
  const w = await bootWatch();
  w.writeFile("run.app.js", readFileSync(join(dir, "run/app.js"), "latin1"));
  w.writeFile("exstats", readFileSync(join(dir, "run/exstats.js"), "latin1"));
  loadApp(w, "run.app.js");
  const afterLoad = w.memory().usage;
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
  return { w, afterLoad };
}

export interface RamRun { afterLoad: number; peak: number; errors: number }

/** plays the timeline, sampling process.memory() every sampleMs; usage is in JsVars */
export function ramUnder(s: Started, events: FwEvent[], sampleMs = 5000): RamRun {
  let peak = s.w.memory().usage;
  play(s.w, events, { everyMs: sampleMs, every: () => { peak = Math.max(peak, s.w.memory().usage); } });
  peak = Math.max(peak, s.w.memory().usage);
  return { afterLoad: s.afterLoad, peak, errors: s.w.errors.length };
}

/**
 * Interpreter time (host ms inside the firmware) of several watches under the same timeline,
 * interleaved in 10 s slices so that the machine's load falls on all of them alike. With
 * `slices`, each watch's time in each slice is appended there (slices[k] for ws[k]).
 */
export function timeSideBySide(ws: Watch[], events: FwEvent[], sliceMs = 10_000, slices?: number[][]): number[] {
  const t0 = ws.map((w) => w.now());
  const b0 = ws.map((w) => w.busyMs);
  const end = events.length ? events[events.length - 1].tMs + 1 : 0;
  for (let s = 0; s < end; s += sliceMs) {
    const slice = events.filter((e) => e.tMs >= s && e.tMs < s + sliceMs);
    ws.forEach((w, k) => {
      const now = w.now() - t0[k];
      const b = w.busyMs;
      play(w, slice.map((e) => ({ ...e, tMs: e.tMs - now })), { untilMs: Math.min(end, s + sliceMs) - now });
      if (slices) (slices[k] ??= []).push(w.busyMs - b);
    });
  }
  return ws.map((w, k) => w.busyMs - b0[k]);
}

export { installFiles };

export interface LapRun { offsetsMs: number[]; logBytes: number; durMs: number; errors: number }

/**
 * The real fenix 4 × 1 km session replayed into the built-in 4x1km workout (GPS and HRM only):
 * the runner presses BTN1 (the lap) where the device's warm-up lap ended and where its last lap
 * ended. Returns each rep-end buzz's offset from the device's lap (ms), and the log's size.
 */
export async function lapBuzzOffsets(rows: Row[], recoveryMs: number): Promise<LapRun> {
  const s = await startSpeedSeq("4x1km");
  const w = s.w;
  const t0 = w.now() - 1100; // the start press
  const laps = deviceLaps(rows);
  const reps = laps.filter((l) => ["2", "4", "6", "8"].includes(l.lap));
  const events = sessionTimeline(rows, { durS: rows[rows.length - 1].tS, accel: false });
  const presses = [laps[0].t1S * 1000 + 250, laps[laps.length - 1].t1S * 1000];
  let p = 0;
  for (const e of events) {
    while (p < presses.length && presses[p] <= e.tMs) {
      w.advance(t0 + presses[p++] - w.now());
      w.press(100);
    }
    w.advance(t0 + e.tMs - w.now());
    w.emit(e.type, e.data);
  }
  w.advance(10_000);
  const ends = w.buzzes.filter((b) => b.ms === recoveryMs).map((b) => b.tMs - t0);
  const offsetsMs = reps.map((r) => {
    const near = ends.filter((t) => Math.abs(t - r.t1S * 1000) < 30_000);
    return near.length ? near[0] - r.t1S * 1000 : NaN;
  });
  // a StorageFile's chunks are listed as name + "\x01", "\x02", …
  const logs = w.list().filter((n) => n.startsWith("speedseq.log") && n.endsWith("\x01")).map((n) => n.slice(0, -1));
  const logBytes = logs.reduce((a, n) => a + w.readStorageFile(n).length, 0);
  return { offsetsMs, logBytes, durMs: w.now() - t0, errors: w.errors.length };
}
