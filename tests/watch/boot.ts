// Test helpers for the watch app on the board: the app's files bundled as build.mjs bundles them
// (in memory, so a test never runs a stale build), a booted board, and a recording's sensor
// events fed at their times while virtual time runs.
import { afterEach } from "vitest";
import { watchSources } from "../../tools/app-options.mjs";
import { readFileSync } from "node:fs";
import { createBoard, type Board, type Storage } from "../../emulator/board/index";
import { installApp, type AppFiles } from "../../emulator/install";
import { parseRecording } from "../../src/sim/recording";
import { replay, type SensorEvent } from "../../src/sim/replay";

let app: AppFiles | undefined;

/** the watch's files (speedseq.app.js and the screens) bundled with build.mjs's options */
export function appSource(): AppFiles {
  if (!app) app = watchSources() as AppFiles;
  return app;
}

/** every board booted by a test; after each test none may hold an app error or a garbled screen
 * (registered only under vitest: the benches use these helpers too) */
const booted: Board[] = [];
if (process.env.VITEST)
  afterEach(() => {
    for (const b of booted.splice(0)) b.assertNoErrors();
  });

/** a booted board with the app running; no accelerometer samples unless `accel` gives them */
export function boot(o: { storage?: Storage; battery?: number; startTime?: number; accel?: (tMs: number) => { x: number; y: number; z: number } } = {}): Board {
  const b = createBoard({ accel: false, ...o });
  installApp(b, appSource());
  booted.push(b);
  return b;
}

/** a fix the pre-start screen accepts */
export const FIX = { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9 };

export function recordingEvents(file: string, fromS = 0): SensorEvent[] {
  return replay(parseRecording(readFileSync(`tests/fixtures/${file}`, "utf8")), { fromS, seed: 3 });
}

/**
 * Plays events (times relative to now) into the board up to `ms` from now, running virtual
 * time between them; `until` stops early when it returns true (checked after each event).
 */
export function play(b: Board, events: SensorEvent[], ms: number, until?: () => boolean): number {
  const t0 = b.now();
  let i = 0;
  while (i < events.length && events[i].tMs < 0) i++;
  for (; i < events.length && events[i].tMs <= ms; i++) {
    const e = events[i];
    b.advance(t0 + e.tMs - b.now());
    b.emit(e.type, e.data);
    if (until && until()) return i + 1;
  }
  b.advance(t0 + ms - b.now());
  return i;
}

/** every text drawn since the draw log was last cleared */
export function shown(b: Board): string[] {
  return b.texts().map((t) => t.text);
}

type TextEntry = ReturnType<Board["texts"]>[number];

/**
 * The texts on the screen now, in the order drawn: each text drawn since the draw log was last
 * cleared that no later clear or filled rectangle has painted over. The run screen redraws only
 * what changed each second, so the last second's drawing alone is not the screen.
 */
export function onScreen(b: Board): TextEntry[] {
  let vis: TextEntry[] = [];
  const hit = (a: TextEntry["box"], r: TextEntry["box"]) => a.x1 <= r.x2 && r.x1 <= a.x2 && a.y1 <= r.y2 && r.y1 <= a.y2;
  for (const e of b.drawLog) {
    if (e.op === "clear") vis = [];
    else if (e.op === "rect" && e.fill) vis = vis.filter((t) => !hit(t.box, e.box));
    else if (e.op === "text" && e.text) vis.push(e);
  }
  return vis;
}

/** the session logs on the board's flash, by number */
export function logText(b: Board, n: number): string {
  return b.storage.readStorageFile(`speedseq.log${n}`) ?? "";
}

/** the README's path on board b: tap the workout, get a fix, BTN1; returns b with the session running */
export function startWorkout(b: Board, name: string): Board {
  b.tapText(name);
  b.emit("GPS", FIX);
  b.advance(1100);
  b.press(100);
  b.advance(1000);
  return b;
}

/** a fresh board on which the README's path has started the Classic 5K */
export function startedClassic5K(): Board {
  return startWorkout(boot(), "Classic 5K");
}
