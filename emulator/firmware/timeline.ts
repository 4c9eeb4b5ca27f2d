// A running session's sensor events as the watch delivers them: GPS and HRM at 1 Hz from a real
// recording (src/sim/replay.ts), the accelerometer at 12.5 Hz and the firmware step counter's
// 'step' events from the wrist model following the recording's cadence (src/sim/wrist.ts).
// The benches play the same timeline into SpeedSeq and into BangleApps Run.
import { replay } from "../../src/sim/replay";
import type { Row } from "../../src/sim/recording";
import { wristChunk } from "../driver";
import type { Watch } from "./watch";

export interface FwEvent { tMs: number; type: "GPS" | "HRM" | "accel" | "step"; data: unknown }

const CHUNK_MS = 10_000;

/** durS seconds of the recording from fromS, times relative to the session's start */
export function sessionTimeline(rows: Row[], o: { fromS?: number; durS: number; seed?: number; accel?: boolean }): FwEvent[] {
  const from = o.fromS ?? 0;
  const seed = o.seed ?? 1;
  const ev: FwEvent[] = replay(rows, { fromS: from, toS: from + o.durS, seed }).map((e) => ({ tMs: e.tMs, type: e.type, data: e.data }));
  if (o.accel !== false) {
    const shifted = rows.map((r) => ({ ...r, tS: r.tS - from }));
    let prev = { x: 0, y: 0, z: -1 };
    let steps = 0;
    let nextStepMs = Infinity;
    for (let k = 0; k * CHUNK_MS < o.durS * 1000; k++) {
      for (const s of wristChunk(shifted, k, seed)) {
        const d = { x: s.x, y: s.y, z: s.z };
        const mag = Math.sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
        const diff = Math.sqrt((d.x - prev.x) ** 2 + (d.y - prev.y) ** 2 + (d.z - prev.z) ** 2);
        ev.push({ tMs: s.tMs, type: "accel", data: { x: r4(d.x), y: r4(d.y), z: r4(d.z), mag: r4(mag), diff: r4(diff) } });
        prev = d;
      }
    }
    // the firmware's step counter, at the recording's cadence (its own filter is not modelled)
    for (let tMs = 0; tMs < o.durS * 1000; tMs += 1000) {
      const r = rows.find((x) => x.tS >= from + tMs / 1000);
      const spm = r && isFinite(r.spm) ? r.spm : 0;
      if (spm <= 0) continue;
      const gap = 60000 / spm;
      if (nextStepMs === Infinity || nextStepMs < tMs) nextStepMs = tMs;
      for (; nextStepMs < tMs + 1000; nextStepMs += gap) ev.push({ tMs: Math.round(nextStepMs), type: "step", data: ++steps });
    }
  }
  return ev.sort((a, b) => a.tMs - b.tMs);
}

function r4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * Plays events into the watch, their times relative to now, running virtual time between them.
 * `every(ms, fn)` calls fn at that spacing of watch time (e.g. to sample memory).
 */
export function play(w: Watch, events: FwEvent[], o: { untilMs?: number; everyMs?: number; every?: (tMs: number) => void; from?: number } = {}): void {
  const t0 = w.now();
  let nextSample = o.everyMs ?? Infinity;
  const end = o.untilMs ?? (events.length ? events[events.length - 1].tMs + 1 : 0);
  for (let i = o.from ?? 0; i < events.length && events[i].tMs <= end; i++) {
    const e = events[i];
    while (nextSample <= e.tMs) {
      w.advance(t0 + nextSample - w.now());
      o.every!(nextSample);
      nextSample += o.everyMs!;
    }
    w.advance(t0 + e.tMs - w.now());
    w.emit(e.type, e.data);
  }
  w.advance(t0 + end - w.now());
}
