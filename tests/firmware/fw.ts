// The firmware tier's entry: a `describe` that runs on the real firmware where its files are, and
// skips with one line where they are not, unless SPEEDSEQ_REQUIRE_FIRMWARE=1 (CI) makes that a
// failure. Every watch booted here must end its test without a firmware error.
import { afterEach, describe, it } from "vitest";
import { readFileSync } from "node:fs";
import { firmwareDir, firmwareRequired, MISSING, bootApp, bootWatch, rebootFrom, type BootOptions } from "../../emulator/firmware/node";
import type { DrawnText, Watch } from "../../emulator/firmware/watch";
import { parseRecording } from "../../src/sim/recording";
import { replay, type ReplayOptions, type SensorEvent } from "../../src/sim/replay";

const present = !!firmwareDir();
if (!present && !firmwareRequired()) console.log(MISSING);

const booted: Watch[] = [];
afterEach(() => {
  for (const w of booted.splice(0)) w.assertNoErrors();
});

/** describe() on the firmware; skipped (one line) without it; failing without it in CI */
export function describeFw(name: string, fn: () => void): void {
  if (present) describe(name, fn);
  else if (firmwareRequired()) describe(name, () => it("needs the firmware", () => { throw new Error(MISSING); }));
  else describe.skip(name, fn);
}

/** SpeedSeq installed from apps/speedseq and started, text traced; checked for errors after the test */
export async function fwApp(o: BootOptions = { trace: true }): Promise<Watch> {
  const w = await bootApp(o);
  booted.push(w);
  return w;
}

export async function fwWatch(o: BootOptions = { trace: true }): Promise<Watch> {
  const w = await bootWatch(o);
  booted.push(w);
  return w;
}

/** for a test that runs whole sessions on the firmware: about a minute on a busy 2-core machine, so well over vitest's default */
export const FW_TIMEOUT = 400_000;

/** a fix the pre-start screen accepts */
export const FIX = { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9 };

/** the README's start path: tap the workout, a GPS fix, BTN1 */
export function startWorkout(w: Watch, name: string): void {
  w.tapText(name);
  w.advance(500);
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
}

/** a watch rebooted on a copy of w's flash (a power loss: no 'kill' ran), checked for errors after the test */
export async function fwReboot(w: Watch, startMs = w.now()): Promise<Watch> {
  const w2 = await rebootFrom(w.fw.flash, startMs);
  booted.push(w2);
  return w2;
}

/** a recording in tests/fixtures as the watch's GPS/HRM events (seed 3 unless told, as the board tests) */
export function recordingEvents(file: string, o: ReplayOptions = {}): SensorEvent[] {
  return replay(parseRecording(readFileSync(`tests/fixtures/${file}`, "utf8")), { seed: 3, ...o });
}

/**
 * Emits events (times relative to now) on the watch up to `ms` from now, running virtual time
 * between them; `until` stops early when it returns true (checked after each event). Returns how
 * many events were used.
 */
export function play(w: Watch, events: SensorEvent[], ms: number, until?: () => boolean): number {
  const t0 = w.now();
  let i = 0;
  while (i < events.length && events[i].tMs < 0) i++;
  for (; i < events.length && events[i].tMs <= ms; i++) {
    const e = events[i];
    w.advance(t0 + e.tMs - w.now());
    w.emit(e.type, e.data);
    if (until && until()) return i + 1;
  }
  w.advance(t0 + ms - w.now());
  return i;
}

/** events shifted `ms` earlier (what is left of a recording after `ms` of it has been played) */
export function shift(events: SensorEvent[], ms: number): SensorEvent[] {
  return events.map((e) => ({ ...e, tMs: e.tMs - ms }));
}

/** session log n as the app wrote it on flash */
export function logText(w: Watch, n = 0): string {
  return w.readStorageFile(`speedseq.log${n}`);
}

/**
 * A sensor stream that keeps its place: events are due at their times from now (the call that
 * makes it); each call `(ms, until?)` runs ms of watch time, emitting the events that fall due (any
 * that fell due while the test was tapping come at once, late). With `until`, it stops after the
 * first event that makes it true, and returns true.
 */
export function feeder(w: Watch, events: SensorEvent[]): (ms: number, until?: () => boolean) => boolean {
  const t0 = w.now();
  let i = 0;
  return (ms, until) => {
    const end = w.now() + ms;
    while (i < events.length && t0 + events[i].tMs <= end) {
      const e = events[i++];
      w.advance(Math.max(0, t0 + e.tMs - w.now()));
      w.emit(e.type, e.data);
      if (until && until()) return true;
    }
    w.advance(end - w.now());
    return false;
  };
}

/**
 * Taps the menu row showing `text`, scrolling the menu (a drag, as a finger would) until the row
 * is whole on the screen: up first (or down when the row was last seen above the screen), the
 * other way once the menu stops moving. The firmware's scroller draws only the rows a drag
 * reveals, so the traced positions go stale as it scrolls: before each look the menu is redrawn
 * through Bangle.uiRedraw (what a widget overlay uses), which changes nothing but the picture.
 */
export function tapRow(w: Watch, text: string, maxDrags = 16): void {
  const t = findRow(w, text, maxDrags);
  w.tap(t.x + t.w / 2, t.y + t.h / 2);
}

/** scrolls as tapRow does until the row showing `text` is whole on the screen; the texts of that screen, the row's own among them */
export function findRow(w: Watch, text: string, maxDrags = 16): DrawnText & { screen: DrawnText[] } {
  const seen = w.lastText(text);
  let dir: "up" | "down" = seen && seen.y < 24 ? "down" : "up";
  let flipped = false;
  let last = "";
  for (let i = 0; i <= maxDrags; i++) {
    const t0 = w.now();
    w.exec("if(Bangle.uiRedraw)Bangle.uiRedraw()");
    w.advance(50);
    const drawn = w.texts.filter((x) => x.tMs >= t0 && x.y >= 24);
    const t = drawn.filter((x) => x.text === text).pop();
    if (t && t.y + t.h <= 176) return { ...t, screen: drawn };
    const now = drawn.map((x) => `${x.text}@${x.y}`).join(",");
    if (now === last && !flipped) {
      dir = dir === "up" ? "down" : "up";
      flipped = true;
    }
    last = now;
    w.swipe(dir);
    w.advance(200);
  }
  throw new Error(`no menu row "${text}" after ${maxDrags} drags; drawn lately: ${w.shown().slice(-12).join(", ")}`);
}

/**
 * The run screen's bar (its left text: the step or "Rep n/N", or PAUSED) as last drawn since
 * fromMs: the screen redraws only what changed each second, so the bar is drawn when the step,
 * its unit, the pause or the flash state change, not every second.
 */
export function runBar(w: Watch, fromMs = -Infinity): string | undefined {
  for (let i = w.texts.length - 1; i >= 0; i--) {
    const t = w.texts[i];
    if (t.tMs < fromMs) break;
    if (t.x <= 5 && t.y >= 24 && t.y < 48) return t.text;
  }
  return undefined;
}

/** the run screen redrew its count-down (m:ss) since fromMs: the session is running */
export const ticking = (w: Watch, fromMs: number) => w.shown(fromMs).some((x) => /^\d+:\d\d$/.test(x));
