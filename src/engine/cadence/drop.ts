// Cadence-drop detector for one step of the plan: "when cadence drops, shorten the rep".
//
// Each work/stride step establishes its own rhythm: after reset() at the step's start, the
// first settleS seconds are ignored (the estimator's 10 s window still holds the previous
// step), the confident estimates up to graceS are averaged into `baseline`. After that a drop
// is flagged (once, on the edge) when cadence stays below baseline·(1 − dropFrac), or below the
// step's minimum cadence, for holdS. The flag clears only when cadence is back above
// baseline·(1 − clearFrac) (and the minimum) for holdS (hysteresis), and a new flag needs
// refractoryS since the last. Nothing is flagged or learnt in other kinds of step
// (warmup, recovery, rest, cooldown), while walking (spm < walkSpm) or at low confidence.

import type { StepKind } from "../plan";

export const DROP_NONE = 0;
/** cadence fell below the rep's own rhythm */
export const DROP_RHYTHM = 1;
/** cadence fell below the step's minimum cadence */
export const DROP_MIN = 2;

export interface DropOptions {
  settleS?: number;
  graceS?: number;
  dropFrac?: number;
  clearFrac?: number;
  holdS?: number;
  refractoryS?: number;
  minConf?: number;
  walkSpm?: number;
}

function opt(o: DropOptions | undefined, v: number | undefined, d: number): number {
  return o && v !== undefined ? v : d;
}

export class DropDetector {
  /** the rep's established cadence, steps/min (0 until established) */
  baseline: number;
  /** a drop is flagged and not yet cleared */
  flagged: boolean;
  /** code and time of the last flag (DROP_NONE / -1 when none in this step) */
  lastCode: number;
  lastFlagMs: number;
  private settleMs: number;
  private graceMs: number;
  private dropFrac: number;
  private clearFrac: number;
  private holdMs: number;
  private refractoryMs: number;
  private minConf: number;
  private walkSpm: number;
  private t0: number;
  private sum: number;
  private n: number;
  private lowSince: number;
  private okSince: number;

  constructor(o?: DropOptions) {
    this.settleMs = opt(o, o && o.settleS, 10.5) * 1000;
    this.graceMs = opt(o, o && o.graceS, 20) * 1000;
    this.dropFrac = opt(o, o && o.dropFrac, 0.035);
    this.clearFrac = opt(o, o && o.clearFrac, 0.015);
    this.holdMs = opt(o, o && o.holdS, 2.5) * 1000;
    this.refractoryMs = opt(o, o && o.refractoryS, 30) * 1000;
    this.minConf = opt(o, o && o.minConf, 0.35);
    this.walkSpm = opt(o, o && o.walkSpm, 140);
    this.baseline = 0; this.flagged = false; this.lastCode = DROP_NONE; this.lastFlagMs = -1;
    this.t0 = -1; this.sum = 0; this.n = 0; this.lowSince = -1; this.okSince = -1;
  }

  /** Call at the start of every plan step. */
  reset(): void {
    this.baseline = 0; this.flagged = false; this.lastCode = DROP_NONE; this.lastFlagMs = -1;
    this.t0 = -1; this.sum = 0; this.n = 0; this.lowSince = -1; this.okSince = -1;
  }

  /**
   * Feed each new cadence estimate. Returns DROP_RHYTHM or DROP_MIN when a drop is newly
   * flagged (the session buzzes the cadence-drop pattern, H_CAD in haptics.ts, and logs it), otherwise DROP_NONE.
   */
  update(tMs: number, spm: number, conf: number, kind: StepKind, minCad: number | undefined): number {
    if (kind !== "work" && kind !== "stride") return DROP_NONE;
    if (this.t0 < 0) this.t0 = tMs;
    const valid = conf >= this.minConf && spm >= this.walkSpm;
    if (!valid) { this.lowSince = -1; this.okSince = -1; return DROP_NONE; }
    const el = tMs - this.t0;
    if (el < this.graceMs || this.n < 3) {
      if (el >= this.settleMs) { this.sum += spm; this.n++; }
      if (el < this.graceMs || this.n < 3) return DROP_NONE;
    }
    if (this.baseline === 0) this.baseline = this.sum / this.n;
    const floor = minCad !== undefined ? minCad : 0;
    const code = spm < this.baseline * (1 - this.dropFrac) ? DROP_RHYTHM : spm < floor ? DROP_MIN : DROP_NONE;
    if (this.flagged) {
      if (spm > this.baseline * (1 - this.clearFrac) && spm >= floor) {
        if (this.okSince < 0) this.okSince = tMs;
        if (tMs - this.okSince >= this.holdMs) { this.flagged = false; this.okSince = -1; }
      } else this.okSince = -1;
      return DROP_NONE;
    }
    if (code === DROP_NONE) { this.lowSince = -1; return DROP_NONE; }
    if (this.lowSince < 0) this.lowSince = tMs;
    if (tMs - this.lowSince < this.holdMs) return DROP_NONE;
    if (this.lastFlagMs >= 0 && tMs - this.lastFlagMs < this.refractoryMs) return DROP_NONE;
    this.flagged = true;
    this.lowSince = -1;
    this.lastCode = code;
    this.lastFlagMs = tMs;
    return code;
  }
}
