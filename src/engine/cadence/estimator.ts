// Cadence (steps/min) from the wrist accelerometer, for every sample all session.
//
// Per sample: the magnitude |a| goes into a fixed ring of N samples (no allocation).
// Every HOP samples: mean and spread from E.sum/E.variance; the ring is copied in time order
// through a Hann window into a 2N buffer whose upper half is zero (zero-padding halves the
// bin width), and E.FFT writes the spectrum modulus back in place. The step rate is the bin
// maximising |X(f)| + HALF_W·|X(f/2)| inside the gait's step band, refined by a parabola
// through the log-magnitudes of the three bins around it.
//
// Step/stride confusion: the magnitude carries the step rate (impacts, bounce, swing
// centripetal) and the stride rate (swing, left/right asymmetry). The running step band
// (132–216 spm) cannot hold the stride of any 140–210 run (70–105), and the f/2 term rewards
// the true step (whose half is the stride peak) over the 3/2-stride harmonic. The gait (walk or
// run) comes from the signal's spread, and walking is searched in its own band (80–144).
// The firmware step counter (steps()) is the fallback when the accelerometer is not usable
// (power save, low confidence) and lifts an estimate that is half of what the counter saw;
// it is never used to lower one, since it under-counts above ~187 spm.

/** Native window maths: Espruino's E (sum, variance = sum of squared deviations, FFT in place). */
export interface CadenceOps {
  sum(arr: ArrayLike<number>): number;
  variance(arr: ArrayLike<number>, mean: number): number;
  FFT(re: ArrayLike<number> | number, im?: ArrayLike<number>, inverse?: boolean): void;
}

/** samples in the analysis window (10.24 s at 12.5 Hz) */
export const CAD_N = 128;
/** samples between estimates (1.28 s at 12.5 Hz) */
export const CAD_HOP = 16;
const PAD = CAD_N * 2;
/**
 * Step bands in bins of 2.93 spm: walking from K_LO (1.33 Hz, 80 spm), running from K_RUN (the
 * first bin at or above 2.2 Hz, 132 spm), both up to K_HI (3.6 Hz, 216 spm).
 */
const K_LO = 27, K_RUN = 46, K_HI = 74;
/** the band scanned for the confidence's energy starts at the lowest stride, K_LO / 2 */
const K_FROM = 13;
const HALF_W = 0.5;
/** magnitude spread (g) below which the wearer is still; at or above RUN_SD a walk is ruled out */
const STILL_SD = 0.06;
const RUN_SD = 0.26;
/** |X(2f)|/|X(f)| at or above which f is a running stride rather than a walking step */
const OCT_RATIO = 0.65;

export const GAIT_STILL = 0;
export const GAIT_WALK = 1;
export const GAIT_RUN = 2;
export const SRC_NONE = 0;
export const SRC_ACCEL = 1;
export const SRC_FIRMWARE = 2;
/**
 * One spectrum bin in steps/min: estimates run only at the full 12.5 Hz. Declared last: esbuild
 * stops inlining this file's constants from the first one it cannot (a computed value) onwards.
 */
const SPM_PER_BIN = (12.5 * 60) / PAD;

/** the largest of bins k-1, k, k+1 */
function peakNear(w: Float32Array, k: number): number {
  return w[k - 1] > w[k] && w[k - 1] >= w[k + 1] ? k - 1 : w[k + 1] > w[k] ? k + 1 : k;
}

export class CadenceEstimator {
  /** latest cadence, steps/min (0 = none) */
  spm: number;
  /** confidence 0..1 of spm */
  conf: number;
  /** GAIT_STILL / GAIT_WALK / GAIT_RUN from the last window */
  gait: number;
  /** where spm came from: SRC_ACCEL, SRC_FIRMWARE or SRC_NONE */
  src: number;
  /** cadence from the firmware step counter over the last ~20 s (0 = unknown) */
  fwSpm: number;
  /** bins the last window's scan loop visited (for the cost model) */
  scanBins: number;
  private ops: CadenceOps;
  private ring: Float32Array;
  private ringX: Float32Array;
  private work: Float32Array;
  private hann: Float32Array;
  /** samples since the window (re)started; the next one goes to ring[count mod N] */
  private count: number;
  private lastTMs: number;
  private dtMs: number;
  private fwCount: Float64Array;
  private fwT: Float64Array;
  private fwI: number;
  private fwN: number;

  constructor(ops: CadenceOps) {
    this.ops = ops;
    this.ring = new Float32Array(CAD_N);
    this.ringX = new Float32Array(CAD_N);
    this.work = new Float32Array(PAD);
    this.hann = new Float32Array(CAD_N);
    for (let i = 0; i < CAD_N; i++) this.hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / CAD_N);
    this.fwCount = new Float64Array(8);
    this.fwT = new Float64Array(8);
    // no estimate yet (GAIT_STILL, SRC_NONE), no samples, no step counts
    this.spm = this.conf = this.gait = this.src = this.fwSpm = this.scanBins = this.count = this.fwI = this.fwN = 0;
    this.lastTMs = -Infinity;
    this.dtMs = 80;
  }

  /**
   * One accelerometer sample in g. tMs (optional) is the engine's clock at the sample; with it
   * the estimator follows the rate itself (power save shows as ~800 ms between samples).
   * Returns true when spm/conf/gait were updated.
   */
  push(x: number, y: number, z: number, tMs?: number): boolean {
    if (tMs !== undefined) {
      const dt = tMs - this.lastTMs;
      if (dt > 0 && dt < 5000) this.dtMs += (dt - this.dtMs) * 0.2;
      this.lastTMs = tMs;
    }
    // power save (1.25 Hz, ~800 ms apart against 80): no accelerometer estimate, and the window
    // restarts when the full rate is back
    if (this.dtMs > 400) { this.count = 0; return this.fallback(); }
    const i = this.count & (CAD_N - 1);
    this.ring[i] = Math.sqrt(x * x + y * y + z * z);
    this.ringX[i] = x;
    // an estimate every CAD_HOP samples once the window is full
    if (++this.count % CAD_HOP || this.count < CAD_N) return false;
    this.analyse();
    return true;
  }

  /**
   * The firmware step counter: its running count and the engine's clock (call on every
   * 'step' event, or periodically with Bangle.getHealthStatus("day").steps).
   */
  steps(count: number, tMs: number): void {
    // keep one (count, time) pair per 2.5 s: 8 of them span the last ~20 s
    const last = (this.fwI + 7) & 7;
    if (this.fwN === 0 || tMs - this.fwT[last] >= 2500) {
      this.fwCount[this.fwI] = count;
      this.fwT[this.fwI] = tMs;
      this.fwI = (this.fwI + 1) & 7;
      if (this.fwN < 8) this.fwN++;
    }
    let j = (this.fwI + 8 - this.fwN) & 7;
    while (this.fwT[j] < tMs - 21000 && j !== last) j = (j + 1) & 7;
    const dt = tMs - this.fwT[j];
    this.fwSpm = dt >= 5000 ? ((count - this.fwCount[j]) * 60000) / dt : 0;
  }

  private fallback(): boolean {
    // power save (or nothing usable): only the step counter is left, at low confidence
    const fw = this.fwSpm > 0, changed = fw || this.src !== SRC_NONE;
    this.gait = GAIT_STILL;
    this.spm = fw ? this.fwSpm : 0;
    this.conf = fw ? 0.2 : 0;
    this.src = fw ? SRC_FIRMWARE : SRC_NONE;
    return changed;
  }

  /** The ring in time order, less its mean, through the Hann window into w; then w's spectrum modulus in place. */
  private spectrum(ring: Float32Array, w: Float32Array, mean: number): void {
    const hann = this.hann, idx = this.count;
    for (let i = 0; i < CAD_N; i++) w[i] = (ring[(idx + i) & (CAD_N - 1)] - mean) * hann[i];
    w.fill(0, CAD_N);
    this.ops.FFT(w);
  }

  /**
   * Still ambiguous (a gentle runner or a walker): the forearm axis sees the arm swing as
   * gravity rotating. A run's swing is at its stride (= lo), with nothing at lo/2; a walk's is at half its step (lo/2), while impacts leak into the forearm axis at lo: so lo must dominate clearly.
   */
  private swingAt(lo: number): boolean {
    // its own buffer, made when needed (rarely while running): the watch's RAM holds only one
    const w = new Float32Array(PAD);
    this.spectrum(this.ringX, w, this.ops.sum(this.ringX) / CAD_N);
    this.scanBins += CAD_N;
    return w[peakNear(w, lo)] > 2 * w[peakNear(w, lo >> 1)];
  }

  private analyse(): void {
    const ops = this.ops, ring = this.ring, w = this.work;
    const mean = ops.sum(ring) / CAD_N;
    const sd = Math.sqrt(ops.variance(ring, mean) / CAD_N);
    if (sd < STILL_SD) {
      this.scanBins = 0;
      this.fallback();
      return;
    }
    this.spectrum(ring, w, mean);
    // band energy for the confidence: from the lowest stride to the top of the band
    let best = K_LO, bestScore = -1, total = 0;
    for (let k = K_FROM; k <= K_HI; k++) {
      const m = w[k];
      total += m * m;
      if (k < K_LO) continue;
      const h1 = w[k >> 1], h2 = w[(k + 1) >> 1];
      const s = m + HALF_W * (h1 > h2 ? h1 : h2);
      if (s > bestScore) { bestScore = s; best = k; }
    }
    this.scanBins = K_HI - K_FROM + 1;
    // octave decision: a walk at f and a run whose stride is f both show peaks at f and 2f
    // (a peak at or above 2·K_LO, always past K_RUN, is a run's step: its half is the stride to check)
    let run = best >= K_RUN;
    const lo = best * 2 <= K_HI ? best : best >> 1 >= K_LO ? best >> 1 : 0;
    if (lo) {
      const l = peakNear(w, lo), hi = peakNear(w, l * 2);
      run = sd >= RUN_SD || w[hi] >= OCT_RATIO * w[l] || this.swingAt(l);
      best = run ? hi : l;
    }
    best = peakNear(w, best);
    const a = Math.log(w[best - 1] + 1e-9), b = Math.log(w[best] + 1e-9), c = Math.log(w[best + 1] + 1e-9);
    const den = a - 2 * b + c;
    let spm = (best + (den < 0 ? (0.5 * (a - c)) / den : 0)) * SPM_PER_BIN;
    // confidence: the share of band energy the gait explains: the step peak and its stride
    // partner at half the rate (the Hann main lobe holds each within ±2 bins)
    let peak = 0;
    const h = best >> 1;
    for (let k = -2; k <= 2; k++) peak += w[best + k] * w[best + k] + w[h + k] * w[h + k];
    const conf = total > 0 ? (peak / total - 0.15) / 0.45 : 0;
    if (spm < this.fwSpm * 0.6) spm *= 2; // the counter never over-counts: we found a stride
    this.gait = run ? GAIT_RUN : GAIT_WALK;
    this.spm = spm;
    this.conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    this.src = SRC_ACCEL;
  }
}
