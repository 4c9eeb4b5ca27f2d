// Synthetic runs with known truth: a runner on a straight line whose speed follows segments.
// The true time at which any distance is crossed is known exactly, so boundary errors of the
// engine (the recorded crossing and the buzz) can be measured against it.
import type { Row } from "./recording";
import { rng, gauss } from "./rng";
import { EARTH_M } from "../engine/gps";

export interface Segment { durS: number; mps: number }

export interface SynthTrack {
  rows: Row[];
  /** true seconds at which the runner has covered distM */
  crossS(distM: number): number;
  /** true distance covered at tS seconds */
  distAt(tS: number): number;
}

const LAT0 = 51.5;
const LON0 = -0.12;
/** metres per degree of latitude on the engine's sphere, so the synthetic truth and the engine
 * measure the same metres (111,320, the equator's degree, made every track 0.11 % longer) */
export const M_PER_DEG = (EARTH_M * Math.PI) / 180;

/**
 * Samples every sampleS seconds (jittered by up to jitterS) along a line heading north-east;
 * speed ramps linearly within 2 s between segments; the device speed field gets noise.
 */
export function synthTrack(segs: Segment[], opts: { seed?: number; sampleS?: number; jitterS?: number; speedNoise?: number } = {}): SynthTrack {
  const r = rng(opts.seed ?? 7);
  const dtS = 0.05;
  // integrate distance finely so crossings are exact to ~1 ms
  const tArr: number[] = [0];
  const dArr: number[] = [0];
  const vAt = (t: number): number => {
    let acc = 0;
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i];
      if (t < acc + s.durS || i === segs.length - 1) {
        const prev = i > 0 ? segs[i - 1].mps : s.mps;
        const k = Math.min(1, (t - acc) / 2);
        return prev + (s.mps - prev) * k;
      }
      acc += s.durS;
    }
    return 0;
  };
  const total = segs.reduce((a, s) => a + s.durS, 0);
  for (let t = dtS; t <= total + 1e-9; t += dtS) {
    tArr.push(t);
    dArr.push(dArr[dArr.length - 1] + ((vAt(t - dtS) + vAt(t)) / 2) * dtS);
  }
  const distAt = (t: number): number => {
    const i = Math.min(tArr.length - 2, Math.max(0, Math.floor(t / dtS)));
    return dArr[i] + ((dArr[i + 1] - dArr[i]) * (t - tArr[i])) / dtS;
  };
  const sample = opts.sampleS ?? 1;
  const jitter = opts.jitterS ?? 0;
  const rows: Row[] = [];
  for (let k = 0; k * sample <= total; k++) {
    const t = Math.min(total, Math.max(0, k * sample + (k ? (r() - 0.5) * jitter : 0)));
    const d = distAt(t);
    const e = d * Math.SQRT1_2;
    rows.push({
      tS: t, lat: LAT0 + e / M_PER_DEG, lon: LON0 + e / (M_PER_DEG * Math.cos((LAT0 * Math.PI) / 180)), alt: 10,
      hr: 150, spm: 180, mps: Math.max(0, vAt(t) + gauss(r) * (opts.speedNoise ?? 0.1)), distM: d, lap: "1",
    });
  }
  const crossS = (distM: number): number => {
    let lo = 0;
    let hi = dArr.length - 1;
    if (distM > dArr[hi]) return Infinity;
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (dArr[m] < distM) lo = m;
      else hi = m;
    }
    return tArr[lo] + ((distM - dArr[lo]) / (dArr[hi] - dArr[lo] || 1)) * dtS;
  };
  return { rows, crossS, distAt };
}
