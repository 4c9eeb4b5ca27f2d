// Cadence-drop detector for one step of the plan: "when cadence drops, shorten the rep".
//
// Each work/stride step establishes its own rhythm: after reset() at the step's start, the
// first settleS seconds are ignored (the estimator's 10 s window still holds the previous
// step); from then on `baseline` is the running mean of every confident running estimate, and
// from graceS a drop is flagged (once, on the edge) when cadence stays below
// baseline·(1 − dropFrac), or below the step's minimum cadence, for holdS. The flag clears only
// when cadence is back above baseline·(1 − clearFrac) (and the minimum) for holdS (hysteresis),
// and a new flag needs refractoryS since the last. Nothing is flagged or learnt in other kinds
// of step (warmup, recovery, rest, cooldown), while walking (spm < walkSpm) or at low confidence.
//
// Why a running mean and 3.8 %: terrain swings cadence both ways around the runner's rhythm
// (rolling hills: about ±3 % over a minute or two), fatigue only lowers it. A rhythm taken
// from the step's first seconds can sit on a rise, and the next dip then looks like a 5 %
// drop. The mean of the step so far is centred on the swings (within about 0.8 % once it has
// seen a dip), so a dip stays under 3.8 %; a real 5 % drop still shows as about 4.2 % or more
// (the mean takes in the start of the drop until the flag holds it). The cost: a fade slow
// enough for the mean to follow (5 % over a minute or more) is flagged later or not at all.

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

const DEFAULTS: Required<DropOptions> = {
  settleS: 10.5, graceS: 20, dropFrac: 0.038, clearFrac: 0.015, holdS: 2.5, refractoryS: 30, minConf: 0.35, walkSpm: 140,
};

export class DropDetector {
  private o: Required<DropOptions>;
  // the rest is set by reset()
  /** the rep's rhythm: mean of its estimates so far, steps/min (held while flagged; 0 before the first) */
  baseline!: number;
  /** a drop is flagged and not yet cleared */
  flagged!: boolean;
  /** the step's first estimate, ms (-1 before it) */
  private t0!: number;
  /** estimates in `baseline` */
  private n!: number;
  /** since when cadence has been on the other side of the line that would flip `flagged` (-1: it is not) */
  private since!: number;
  private lastFlagMs!: number;

  constructor(o?: DropOptions) {
    // the defaults themselves unless tuned (one object less in the watch's RAM)
    this.o = o ? Object.assign(Object.assign({}, DEFAULTS), o) : DEFAULTS;
    this.reset();
  }

  /** Call at the start of every plan step. */
  reset(): void {
    this.baseline = this.n = 0;
    this.flagged = false;
    this.t0 = this.since = -1;
    this.lastFlagMs = -Infinity;
  }

  /**
   * Feed each new cadence estimate. Returns DROP_RHYTHM or DROP_MIN when a drop is newly
   * flagged (the session buzzes the cadence-drop pattern, H_CAD in haptics.ts, and logs it), otherwise DROP_NONE.
   */
  update(tMs: number, spm: number, conf: number, kind: StepKind, minCad: number | undefined): number {
    const o = this.o;
    if (kind !== "work" && kind !== "stride") return DROP_NONE;
    if (this.t0 < 0) this.t0 = tMs;
    if (!(conf >= o.minConf && spm >= o.walkSpm)) { this.since = -1; return DROP_NONE; }
    const el = tMs - this.t0;
    if (el < o.settleS * 1000) return DROP_NONE;
    // held while flagged, so that recovery is judged against the rhythm before the drop
    if (!this.flagged) this.baseline += (spm - this.baseline) / ++this.n;
    if (el < o.graceS * 1000 || this.n < 3) return DROP_NONE;
    const floor = minCad || 0;
    const code = spm < this.baseline * (1 - o.dropFrac) ? DROP_RHYTHM : spm < floor ? DROP_MIN : DROP_NONE;
    // flagged: wait for a recovery past the nearer clearing line; otherwise for a drop
    const across = this.flagged ? spm > this.baseline * (1 - o.clearFrac) && spm >= floor : code !== DROP_NONE;
    if (!across) { this.since = -1; return DROP_NONE; }
    if (this.since < 0) this.since = tMs;
    if (tMs - this.since < o.holdS * 1000 || (!this.flagged && tMs - this.lastFlagMs < o.refractoryS * 1000)) return DROP_NONE;
    this.since = -1;
    this.flagged = !this.flagged;
    if (!this.flagged) return DROP_NONE;
    this.lastFlagMs = tMs;
    return code;
  }
}
