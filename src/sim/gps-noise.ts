// The simulator's model of a wrist GPS receiver (Bangle.js 2 class), as replay options:
// - position error: per axis a first-order Gauss-Markov process (AR(1) at 1 Hz) with a 60 s
//   correlation time, σ = noiseM (0-10 m; a wrist receiver in the open is at 3-5 m). Real error
//   wanders slowly (satellite geometry, multipath and the atmosphere change over minutes), so
//   fix-to-fix differences are far smaller than σ: white noise of the same σ would be unrealistic.
// - Doppler speed error: σ = 0.2 m/s, correlated over 1 s. Carrier-derived speed of a consumer
//   receiver is good to ~0.05-0.1 m/s when it sits still; on a wrist the antenna swings with the
//   arm and the receiver's loop filter smooths that over a second or two, which leaves ~0.1-0.3
//   m/s at running speed, wandering over the filter's time.
// - HDOP ≈ 0.8 + σ/4 (±10 %) and 12 - σ satellites (at least 4): a worse sky gives both a worse
//   geometry and more error. This is an assumption: on a real watch HDOP tells geometry, not
//   multipath, so it can stay low while the error grows.
// - Dropouts (tunnels, bridges, a lost lock): 10-60 s without a fix, at dropoutsPerHour.
import type { ReplayOptions } from "./replay";
import { rng } from "./rng";

export const CORR_S = 60;
export const SPEED_NOISE_MPS = 0.2;
export const SPEED_CORR_S = 1;

/** seeds to tune the GPS model on, and the held-out seeds the aims are judged on */
export const TUNING_SEEDS = [101, 102, 103, 104, 105, 106, 107, 108];
export const HELD_OUT_SEEDS = [301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312];

/** replay options for a receiver with noiseM of position noise over a run of durS seconds */
export function gpsNoise(noiseM: number, seed: number, durS = 0, dropoutsPerHour = 0): ReplayOptions {
  const r = rng(seed * 7919 + 13);
  const dropouts: [number, number][] = [];
  const n = Math.round((durS / 3600) * dropoutsPerHour);
  for (let i = 0; i < n; i++) {
    // one per equal slice of the run, somewhere in its middle
    const a = Math.round(((i + 0.2 + r() * 0.5) * durS) / n);
    dropouts.push([a, a + 10 + Math.round(r() * 50)]);
  }
  return { noiseM, corrS: CORR_S, speedNoiseMps: SPEED_NOISE_MPS, speedCorrS: SPEED_CORR_S, dropouts, seed };
}
