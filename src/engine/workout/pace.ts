// The one pace model: Riegel's endurance formula T2 = T1 * (D2 / D1) ^ 1.06, which turns the
// runner's goal race into a predicted time (and so a pace) for any other race distance.
// It is fitted to races from about 1500 m to the marathon; outside that range a distance is
// clamped to it, i.e. the pace at the nearest end of the range is used (see README).

import type { Node, PaceRef, Step } from "../plan";
import { DEFAULT_BAND_S, MAX_PACE_S, MIN_PACE_S, PACE_MAX_M, PACE_MIN_M } from "./limits";

export const RIEGEL_EXP = 1.06;

export interface Goal {
  /** goal race distance, metres */
  distM: number;
  /** goal race time, seconds */
  timeS: number;
}

/** true when distM is outside the model's range and will be clamped */
export function paceClamped(distM: number): boolean {
  return distM < PACE_MIN_M || distM > PACE_MAX_M;
}

function clampM(distM: number): number {
  return distM < PACE_MIN_M ? PACE_MIN_M : distM > PACE_MAX_M ? PACE_MAX_M : distM;
}

/** Predicted pace (s/km) over distM for a runner who can run goalDistM in goalS. */
export function paceSPerKm(goalDistM: number, goalS: number, distM: number): number {
  const d1 = clampM(goalDistM);
  const d2 = clampM(distM);
  // the goal's own pace is taken to hold at the clamped goal distance
  const t1 = (goalS * d1) / goalDistM;
  return ((t1 * Math.pow(d2 / d1, RIEGEL_EXP)) / d2) * 1000;
}

/** Predicted time (s) over distM; outside the range, at the pace of the nearest end. */
export function predictS(goalDistM: number, goalS: number, distM: number): number {
  return (paceSPerKm(goalDistM, goalS, distM) * distM) / 1000;
}

/** null when a goal can drive the model, else why not. */
export function goalError(goal: Goal): string | null {
  if (!goal || typeof goal.distM !== "number" || !isFinite(goal.distM) || goal.distM < 400 || goal.distM > 100000)
    return "The goal distance must be between 400 m and 100 km";
  if (typeof goal.timeS !== "number" || !isFinite(goal.timeS) || goal.timeS <= 0) return "The goal time must be more than 0";
  const p = (goal.timeS / goal.distM) * 1000;
  if (p < MIN_PACE_S || p > MAX_PACE_S) return "The goal pace must be between 2:00 and 15:00 per km";
  return null;
}

/** [fast, slow] in whole s/km for a pace reference; kept inside 2:00..15:00 with fast < slow. */
export function refBand(ref: PaceRef, goal: Goal): [number, number] {
  const b = ref.bandS !== undefined ? ref.bandS : DEFAULT_BAND_S;
  let c = paceSPerKm(goal.distM, goal.timeS, ref.race) + (ref.offS || 0);
  if (c < MIN_PACE_S + b) c = MIN_PACE_S + b;
  if (c > MAX_PACE_S - b) c = MAX_PACE_S - b;
  return [Math.round(c - b), Math.round(c + b)];
}

/** a plan, a repeat or a step: what may hold paces */
interface Holder {
  steps?: Node[];
  between?: Step;
  pace?: Step["pace"];
}

/**
 * A copy of the plan (or of a repeat or step) with every PaceRef turned into an absolute
 * [fast, slow] band: centre = predicted pace at ref.race + offS, fast = centre - bandS,
 * slow = centre + bandS (bandS defaults to 5). Steps without a reference are shared, not
 * copied. The goal must pass goalError.
 */
export function resolvePlan<T extends Holder>(plan: T, goal: Goal): T {
  const p = plan.pace;
  if (!plan.steps && (!p || Array.isArray(p))) return plan;
  const out: Holder = Object.assign({}, plan);
  if (plan.steps) {
    out.steps = plan.steps.map(function (x) {
      return resolvePlan(x, goal);
    });
    if (plan.between) out.between = resolvePlan(plan.between, goal);
  } else out.pace = refBand(p as PaceRef, goal);
  return out as T;
}
