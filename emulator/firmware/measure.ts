// What the benches measure on the firmware: JsVars above a widgets-only baseline, and the
// interpreter's time under one event timeline, for SpeedSeq and for a peer app (BangleApps Run).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bootWatch, bootApp, loadApp, installFiles } from "./node";
import { play, type FwEvent } from "./timeline";
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

/** where the list's "Classic 5K" row is, found once on a watch that traces text */
let classicAt: [number, number] | undefined;
async function classicRow(): Promise<[number, number]> {
  if (classicAt) return classicAt;
  const w = await bootApp({ trace: true });
  const t = w.lastText("Classic 5K");
  if (!t) throw new Error("Classic 5K is not in the list");
  return (classicAt = [t.x + t.w / 2, t.y + t.h / 2]);
}

export interface Started { w: Watch; afterLoad: number }

const FIX = { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9 };

/** SpeedSeq on a watch without the text tracer, the Classic 5K started by the README's path */
export async function startSpeedSeq(): Promise<Started> {
  const at = await classicRow();
  const w = await bootApp();
  const afterLoad = w.memory().usage;
  w.tap(at[0], at[1]);
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
