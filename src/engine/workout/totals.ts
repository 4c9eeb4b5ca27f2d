// Sizes and sums of a plan computed by arithmetic over the tree: a repeat multiplies its
// body, its between step runs (repeat - 1) times. Nothing is expanded in RAM.

import type { Node, Repeat, Step } from "../plan";

export interface Totals {
  /** leaves in the expanded plan */
  steps: number;
  /** "work" leaves in the expanded plan */
  reps: number;
  /** seconds of time-ended steps plus the minimum time of HR-ended steps */
  timeS: number;
  /** metres of distance-ended steps */
  distM: number;
  /** lap-ended steps: their length is up to the runner, so estS leaves them out */
  open: number;
  /** planned duration: timeS plus every distance step at its own band's middle pace, or at the default pace */
  estS: number;
}

/** used for distance steps without an absolute pace band when no pace is given */
export const DEFAULT_EST_S_PER_KM = 360;

/** Totals of a plan (or of any list of nodes); sPerKm is the pace assumed for distance steps without an absolute band. */
export function planTotals(plan: { steps: Node[] }, sPerKm?: number): Totals {
  // (inside: on the watch it exists only while totals are made)
  function walk(t: Totals, list: Node[], times: number, sPerKm: number): void {
    for (let i = 0; i < list.length; i++) {
      const node = list[i];
      if ((node as Repeat).repeat !== undefined) {
        const r = node as Repeat;
        walk(t, r.steps, times * r.repeat, sPerKm);
        if (r.between && r.repeat > 1) walk(t, [r.between], times * (r.repeat - 1), sPerKm);
        continue;
      }
      // a step, run times times
      const st = node as Step;
      const e = st.end;
      t.steps += times;
      if (st.kind === "work") t.reps += times;
      let sec = 0;
      if (e.time !== undefined) sec = e.time;
      else if (e.hrBelow !== undefined || e.hrAbove !== undefined) sec = e.minS || 0;
      else if (e.dist !== undefined) {
        t.distM += e.dist * times;
        const p = st.pace;
        const pace = Array.isArray(p) ? (p[0] + p[1]) / 2 : sPerKm;
        t.estS += (e.dist / 1000) * pace * times;
      } else t.open += times;
      t.timeS += sec * times;
      t.estS += sec * times;
    }
  }
  const t: Totals = { steps: 0, reps: 0, timeS: 0, distM: 0, open: 0, estS: 0 };
  walk(t, plan.steps, 1, sPerKm && sPerKm > 0 ? sPerKm : DEFAULT_EST_S_PER_KM);
  return t;
}

/** Leaf steps once every repeat is expanded. */
export function expandedCount(list: Node[]): number {
  return planTotals({ steps: list }).steps;
}
