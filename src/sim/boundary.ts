// Boundary errors of distance steps on synthetic runs with known truth (tests and bench share it):
// the recorded end (interpolated crossing) and the buzz (scheduled ahead) measured separately.
import { synthTrack } from "./synth-track";
import { replay } from "./replay";
import { runSession } from "./harness";
import { decodeLog } from "../engine/log/decode";
import { crc32 } from "./crc";
import { rng } from "./rng";
import type { Plan } from "../engine/plan";
import type { StepRec } from "../engine/log/records";

const plan: Plan = { v: 1, name: "6x400", steps: [{ repeat: 6, steps: [{ kind: "work", end: { dist: 400 } }, { kind: "recovery", end: { dist: 200 } }] }] };

export interface BoundaryErrors {
  /** recorded step end minus true crossing, s */
  endErr: number[];
  /** nearest buzz minus true crossing, s */
  buzzErr: number[];
}

/** 6 × (400 m fast, 200 m jog) per seed, speeds changing every 20-40 s, GPS noise noiseM correlated over corrS */
export function boundaryErrors(seeds: number[], noiseM: number, corrS: number): BoundaryErrors {
  const endErr: number[] = [];
  const buzzErr: number[] = [];
  for (const seed of seeds) {
    const r = rng(seed);
    const segs = [];
    for (let i = 0; i < 40; i++) segs.push({ durS: 20 + r() * 20, mps: i % 2 ? 2 + r() : 3.5 + r() * 2.5 });
    const track = synthTrack(segs, { seed, jitterS: 0.2 });
    const run = runSession(plan, replay(track.rows, { noiseM, corrS, seed, gpsPhaseMs: Math.floor(r() * 1000) }));
    const steps = decodeLog(run.lines.join(""), crc32).recs.filter((x): x is StepRec => x.k === "S");
    for (const s of steps) {
      // the true crossing of this step's distance, counted from where the engine started it
      const trueMs = track.crossS(track.distAt(s.startMs / 1000) + (s.kind === "work" ? 400 : 200)) * 1000;
      endErr.push((s.startMs + s.durMs - trueMs) / 1000);
      const b = run.buzzes.reduce((best, z) => (Math.abs(z.atMs - trueMs) < Math.abs(best.atMs - trueMs) ? z : best));
      buzzErr.push((b.atMs - trueMs) / 1000);
    }
  }
  return { endErr, buzzErr };
}

/** the p-quantile of |x| */
export function absQuantile(xs: number[], p: number): number {
  const a = xs.map(Math.abs).sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.floor(p * a.length))];
}
