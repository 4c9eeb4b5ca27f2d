// Boundary errors of distance steps on synthetic runs with known truth (tests and bench share it):
// the recorded end (interpolated crossing) and the buzz (scheduled ahead) measured separately,
// and how far the runner truly ran in each 400 m rep.
import { synthTrack } from "./synth-track";
import { replay } from "./replay";
import type { ReplayOptions } from "./replay";
import { runSession } from "./harness";
import { gpsNoise } from "./gps-noise";
import { decodeLog } from "../engine/log/decode";
import { crc32 } from "./crc";
import { rng } from "./rng";
import type { Plan } from "../engine/plan";
import type { StepRec, EventRec } from "../engine/log/records";

const plan: Plan = { v: 1, name: "6x400", steps: [{ repeat: 6, steps: [{ kind: "work", end: { dist: 400 } }, { kind: "recovery", end: { dist: 200 } }] }] };

export interface BoundaryErrors {
  /** recorded step end minus true crossing, s */
  endErr: number[];
  /** nearest buzz minus true crossing, s */
  buzzErr: number[];
  /** per 400 m rep: true distance run between its recorded start and end, minus 400, as a fraction of 400 */
  repErr: number[];
  /** the gap marks the runs logged */
  gapEvents: EventRec[];
}

/**
 * 6 × (400 m fast, 200 m jog) per seed, speeds changing every 20-40 s, through the simulator's
 * receiver (gps-noise.ts) at noiseM of position noise; `o` overrides its options (corrS, dropouts...)
 */
export function boundaryErrors(seeds: number[], noiseM: number, o: ReplayOptions = {}, dropoutsPerHour = 0): BoundaryErrors {
  const endErr: number[] = [];
  const buzzErr: number[] = [];
  const repErr: number[] = [];
  const gapEvents: EventRec[] = [];
  for (const seed of seeds) {
    const r = rng(seed);
    const segs = [];
    for (let i = 0; i < 40; i++) segs.push({ durS: 20 + r() * 20, mps: i % 2 ? 2 + r() : 3.5 + r() * 2.5 });
    // the runner stands for 3 s after starting the session (a moving start would lose the metres
    // before the first fix, which no model can count)
    segs.unshift({ durS: 3, mps: 0 });
    // the rows carry the true speed; the receiver's speed noise is the replay's
    const track = synthTrack(segs, { seed, jitterS: 0.2, speedNoise: 0 });
    const durS = track.rows[track.rows.length - 1].tS;
    const run = runSession(plan, replay(track.rows, { ...gpsNoise(noiseM, seed, durS, dropoutsPerHour), gpsPhaseMs: Math.floor(r() * 1000), ...o }));
    const recs = decodeLog(run.lines.join(""), crc32).recs;
    for (const x of recs) if (x.k === "F" && (x.what === "gpsLost" || x.what === "gpsBack")) gapEvents.push(x);
    const steps = recs.filter((x): x is StepRec => x.k === "S");
    for (const s of steps) {
      const distM = s.kind === "work" ? 400 : 200;
      // the true crossing of this step's distance, counted from where the engine started it
      const trueMs = track.crossS(track.distAt(s.startMs / 1000) + distM) * 1000;
      endErr.push((s.startMs + s.durMs - trueMs) / 1000);
      const b = run.buzzes.reduce((best, z) => (Math.abs(z.atMs - trueMs) < Math.abs(best.atMs - trueMs) ? z : best));
      buzzErr.push((b.atMs - trueMs) / 1000);
      if (s.kind === "work") repErr.push((track.distAt((s.startMs + s.durMs) / 1000) - track.distAt(s.startMs / 1000) - distM) / distM);
    }
  }
  return { endErr, buzzErr, repErr, gapEvents };
}

/** the p-quantile of |x| */
export function absQuantile(xs: number[], p: number): number {
  const a = xs.map(Math.abs).sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.floor(p * a.length))];
}
