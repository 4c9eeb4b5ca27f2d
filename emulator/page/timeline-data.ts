// What the timeline plots, without the plot: the source's pace smoothed, the axes' tick steps and
// labels, and the marks from the session log and the buzzes. No DOM (tests/browser/page-logic.test.ts
// runs it in Node).
import type { Row } from "../../src/sim/recording";
import type { Rec } from "../../src/engine/log/records";
import type { Buzz } from "../driver";
import { buzzPatterns, patternShape } from "../session";

export interface Mark { tS: number; kind: "step" | "buzz" | "flag"; label: string }

/** the marks' colours and what each means, for the plot and its legend (the "now" line last) */
export const MARK_LEGEND: { kind: Mark["kind"] | "now"; colour: string; text: string }[] = [
  { kind: "step", colour: "#888", text: "step start (from the session log)" },
  { kind: "buzz", colour: "#d33", text: "buzz pattern (by name)" },
  { kind: "flag", colour: "#e90", text: "event: pause, pace or cadence flag, GPS lost… (session log)" },
  { kind: "now", colour: "#000", text: "now" },
];

/** seconds either side of a point that its smoothed pace averages over */
export const SMOOTH_HALF_S = 10;

/**
 * Speed (m/s) at each row: the mean of the speeds within ±halfS seconds of it (a centred moving
 * average). Speeds derived from GPX positions jump from point to point with the position noise;
 * this is what the plot shows instead.
 */
export function smoothSpeeds(rows: Row[], halfS = SMOOTH_HALF_S): number[] {
  const out: number[] = [];
  let lo = 0, hi = 0;
  let sum = 0, n = 0;
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i].tS;
    for (; hi < rows.length && rows[hi].tS <= t + halfS; hi++) if (isFinite(rows[hi].mps)) { sum += rows[hi].mps; n++; }
    for (; rows[lo].tS < t - halfS; lo++) if (isFinite(rows[lo].mps)) { sum -= rows[lo].mps; n--; }
    out.push(n > 0 ? sum / n : NaN);
  }
  return out;
}

/** pace in min/km for a speed, or null where the runner is (nearly) standing */
export function paceMin(mps: number): number | null {
  return isFinite(mps) && mps > 0.8 ? 1000 / mps / 60 : null;
}

/** the session-time axis ticks, in seconds: whole minutes only */
export const TIME_INCRS = [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];

/** a session-time tick: its minute ("45"), as the axis label "session time (min)" says */
export function timeTick(s: number): string {
  return String(Math.round(s / 60));
}

/** the pace axis ticks, in min/km: whole seconds of pace only (15 s, 30 s, 1 min, 2 min) */
export const PACE_INCRS = [0.25, 0.5, 1, 2];

/** a pace tick in min/km as the watch writes paces: 4.5 -> "4:30" */
export function paceTick(minPerKm: number): string {
  const s = Math.round(minPerKm * 60);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** the HR/cadence axis ticks (bpm and steps/min share it) */
export const BEAT_INCRS = [10, 20, 50];

/**
 * The marks for the timeline: each buzz pattern (by name) and, from the session log's records,
 * each step's start and each event, placed on the board's clock (offMs: the header's wall clock
 * minus the watch's wall clock at board time 0).
 */
export function timelineMarks(buzzes: Buzz[], recs: Rec[], wall0: number): Mark[] {
  const m: Mark[] = buzzPatterns(buzzes).map((p) => ({ tS: p.tMs / 1000, kind: "buzz", label: p.id >= 0 ? p.name : `buzz ${patternShape(p)} ms` }));
  const head = recs.find((r) => r.k === "H");
  const off = head && head.k === "H" ? head.startMs - wall0 : 0;
  for (const r of recs) {
    if (r.k === "S") m.push({ tS: (off + r.startMs) / 1000, kind: "step", label: r.rep ? `${r.kind} ${r.rep}` : r.kind });
    if (r.k === "F") m.push({ tS: (off + r.tMs) / 1000, kind: "flag", label: r.what });
  }
  return m;
}
