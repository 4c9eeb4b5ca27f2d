// Drives the cadence estimator and drop detector over a synthesised wrist signal the way the
// engine does: every accel sample to put() (through feeder()), the firmware step count to steps(), and each new
// estimate to the detector with the plan step in force (reset() at each step start).

import { CadenceEstimator, CAD_HOP } from "../engine/cadence/estimator";
import { DropDetector, type DropOptions } from "../engine/cadence/drop";
import { nativeE } from "./native";
import type { Synth } from "./wrist";

export interface Estimate { tMs: number; spm: number; conf: number; gait: number }
export interface Flag { tMs: number; code: number; baseline: number; kind: string }

/**
 * Feeds an estimator one sample in g at a time, as the watch does: the magnitude the firmware puts
 * in the event, and (with tMs, the engine's clock at the sample) the rate check once a second as
 * the watch's tick makes it. The returned function is true when spm/conf/gait were updated.
 */
export function feeder(est: CadenceEstimator): (x: number, y: number, z: number, tMs?: number) => boolean {
  let tRate = -Infinity, made = false;
  est.done = () => { made = true; };
  return (x, y, z, tMs) => {
    made = tMs !== undefined && (tMs - tRate >= 1000 || tMs < tRate) && ((tRate = tMs), est.rate(tMs, CAD_HOP));
    est.put({ x: x, mag: Math.sqrt(x * x + y * y + z * z) });
    return made;
  };
}

export function replay(s: Synth, dropOpts?: DropOptions): { estimates: Estimate[]; flags: Flag[] } {
  const est = new CadenceEstimator(nativeE);
  const push = feeder(est);
  const det = new DropDetector(dropOpts);
  const reps = s.scenario.reps ?? [];
  let rep = -1, fi = 0;
  const estimates: Estimate[] = [], flags: Flag[] = [];
  for (const p of s.samples) {
    while (rep + 1 < reps.length && reps[rep + 1].startS * 1000 <= p.tMs) { rep++; det.reset(); }
    while (fi < s.firmwareStepMs.length && s.firmwareStepMs[fi] <= p.tMs) est.steps(++fi, p.tMs);
    if (!push(p.x, p.y, p.z, p.tMs)) continue;
    estimates.push({ tMs: p.tMs, spm: est.spm, conf: est.conf, gait: est.gait });
    // the session hands the detector only the estimates it shows (conf ≥ 0.5, src/engine/session.ts)
    if (rep < 0 || est.conf < 0.5) continue;
    const r = reps[rep];
    const code = det.update(p.tMs, est.spm, est.conf, r.kind, r.minCad);
    if (code) flags.push({ tMs: p.tMs, code, baseline: det.baseline, kind: r.kind });
  }
  return { estimates, flags };
}

/** Absolute errors (steps/min) of confident-or-not estimates after warmS, against the truth at that time. */
export function errors(s: Synth, estimates: Estimate[], warmS = 12): number[] {
  const out: number[] = [];
  for (const e of estimates) {
    const t = e.tMs / 1000;
    if (t < warmS) continue;
    out.push(Math.abs(e.spm - s.scenario.spmAt(t)));
  }
  return out;
}

export function mean(a: number[]): number {
  return a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN;
}

export function pct(a: number[], p: number): number {
  const b = [...a].sort((x, y) => x - y);
  return b.length ? b[Math.min(b.length - 1, Math.floor(p * b.length))] : NaN;
}
