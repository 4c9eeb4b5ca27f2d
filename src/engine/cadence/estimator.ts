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
const HALF_W = 0.5;
/** magnitude spread (g) below which the wearer is still; at or above RUN_SD a walk is ruled out */
const STILL_SD = 0.06;
const RUN_SD = 0.26;
/** |X(2f)|/|X(f)| at or above which f is a running stride rather than a walking step */
const OCT_RATIO = 0.65;
/** step bands, Hz */
const RUN_LO = 2.2, RUN_HI = 3.6, WALK_LO = 1.33;
/** below this rate (Hz) the accelerometer is in power save: no accelerometer estimate */
const MIN_RATE_HZ = 5;

export const GAIT_STILL = 0;
export const GAIT_WALK = 1;
export const GAIT_RUN = 2;
export const SRC_NONE = 0;
export const SRC_ACCEL = 1;
export const SRC_FIRMWARE = 2;

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
  private workX: Float32Array;
  private zero: Float32Array;
  private hann: Float32Array;
  private idx: number;
  private filled: number;
  private hop: number;
  private rateHz: number;
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
    this.workX = new Float32Array(PAD);
    this.zero = new Float32Array(PAD - CAD_N);
    this.hann = new Float32Array(CAD_N);
    for (let i = 0; i < CAD_N; i++) this.hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / CAD_N);
    this.fwCount = new Float64Array(8);
    this.fwT = new Float64Array(8);
    this.rateHz = 12.5;
    this.spm = 0; this.conf = 0; this.gait = GAIT_STILL; this.src = SRC_NONE; this.fwSpm = 0; this.scanBins = 0;
    this.idx = 0; this.filled = 0; this.hop = 0; this.lastTMs = -1; this.dtMs = 80; this.fwI = 0; this.fwN = 0;
  }

  /** Forget the signal (e.g. a new session); keeps the rate. */
  clear(): void {
    this.filled = 0; this.hop = 0; this.fwN = 0; this.lastTMs = -1;
    this.spm = 0; this.conf = 0; this.src = SRC_NONE; this.fwSpm = 0;
  }

  /** Tell the estimator the accelerometer rate (12.5 Hz, or 1.25 Hz in power save). */
  setRateHz(hz: number): void {
    if (hz !== this.rateHz) { this.rateHz = hz; this.filled = 0; this.hop = 0; }
  }

  /**
   * One accelerometer sample in g. tMs (optional) is the engine's clock at the sample; with it
   * the estimator follows the rate itself (power save shows as ~800 ms between samples).
   * Returns true when spm/conf/gait were updated.
   */
  push(x: number, y: number, z: number, tMs?: number): boolean {
    if (tMs !== undefined) {
      if (this.lastTMs >= 0) {
        const dt = tMs - this.lastTMs;
        if (dt > 0 && dt < 5000) {
          this.dtMs += (dt - this.dtMs) * 0.2;
          const hz = this.dtMs > 400 ? 1.25 : 12.5;
          if (hz !== this.rateHz) this.setRateHz(hz);
        }
      }
      this.lastTMs = tMs;
    }
    if (this.rateHz < MIN_RATE_HZ) return this.fallback();
    this.ring[this.idx] = Math.sqrt(x * x + y * y + z * z);
    this.ringX[this.idx] = x;
    this.idx = (this.idx + 1) & (CAD_N - 1);
    if (this.filled < CAD_N) this.filled++;
    if (++this.hop < CAD_HOP) return false;
    this.hop = 0;
    if (this.filled < CAD_N) return false;
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
    this.gait = GAIT_STILL;
    const had = this.src;
    if (this.fwSpm > 0) { this.spm = this.fwSpm; this.conf = 0.2; this.src = SRC_FIRMWARE; }
    else { this.spm = 0; this.conf = 0; this.src = SRC_NONE; }
    return had !== this.src || this.src === SRC_FIRMWARE;
  }

  /** the largest of bins k-1, k, k+1 */
  private peakNear(k: number): number {
    const w = this.work;
    return w[k - 1] > w[k] && w[k - 1] >= w[k + 1] ? k - 1 : w[k + 1] > w[k] ? k + 1 : k;
  }

  /**
   * Still ambiguous (a gentle runner or a walker): the forearm axis sees the arm swing as
   * gravity rotating. A run's swing is at its stride (= lo), with nothing at lo/2; a walk's is at half its step (lo/2), while impacts leak into the forearm axis at lo: so lo must dominate clearly.
   */
  private swingAt(lo: number): boolean {
    const ops = this.ops, ring = this.ringX, w = this.workX, hann = this.hann, idx = this.idx;
    const mean = ops.sum(ring) / CAD_N;
    for (let i = 0; i < CAD_N; i++) w[i] = (ring[(idx + i) & (CAD_N - 1)] - mean) * hann[i];
    w.set(this.zero, CAD_N);
    ops.FFT(w);
    this.scanBins += CAD_N;
    const h = lo >> 1;
    const atLo = w[lo - 1] > w[lo] ? w[lo - 1] : w[lo] > w[lo + 1] ? w[lo] : w[lo + 1];
    const atHalf = w[h - 1] > w[h] ? w[h - 1] : w[h] > w[h + 1] ? w[h] : w[h + 1];
    return atLo > 2 * atHalf;
  }

  private analyse(): void {
    const ops = this.ops, ring = this.ring, work = this.work, hann = this.hann;
    const mean = ops.sum(ring) / CAD_N;
    const sd = Math.sqrt(ops.variance(ring, mean) / CAD_N);
    if (sd < STILL_SD) {
      this.scanBins = 0;
      this.fallback();
      return;
    }
    const idx = this.idx;
    for (let i = 0; i < CAD_N; i++) work[i] = (ring[(idx + i) & (CAD_N - 1)] - mean) * hann[i];
    work.set(this.zero, CAD_N);
    ops.FFT(work);
    const binHz = this.rateHz / PAD;
    const kLo = Math.floor(WALK_LO / binHz), kHi = Math.ceil(RUN_HI / binHz);
    // band energy for the confidence: from the lowest stride to the top of the band
    const kA = kLo >> 1;
    let best = kLo, bestScore = -1, total = 0;
    for (let k = kA; k <= kHi; k++) {
      const m = work[k];
      total += m * m;
      if (k < kLo) continue;
      const h1 = work[k >> 1], h2 = work[(k + 1) >> 1];
      const s = m + HALF_W * (h1 > h2 ? h1 : h2);
      if (s > bestScore) { bestScore = s; best = k; }
    }
    this.scanBins = kHi - kA + 1;
    // octave decision: a walk at f and a run whose stride is f both show peaks at f and 2f
    let lo = -1;
    if (best * 2 <= kHi) lo = best;
    else if (best >> 1 >= kLo && best * binHz >= RUN_LO) lo = best >> 1;
    let run = best * binHz >= RUN_LO;
    if (lo > 0) {
      lo = this.peakNear(lo);
      const hi = this.peakNear(lo * 2);
      run = sd >= RUN_SD || work[hi] >= OCT_RATIO * work[lo] || this.swingAt(lo);
      best = run ? hi : lo;
    }
    best = this.peakNear(best);
    const a = Math.log(work[best - 1] + 1e-9), b = Math.log(work[best] + 1e-9), c = Math.log(work[best + 1] + 1e-9);
    const den = a - 2 * b + c;
    const d = den < 0 ? (0.5 * (a - c)) / den : 0;
    let spm = (best + d) * binHz * 60;
    // confidence: the share of band energy the gait explains: the step peak and its stride
    // partner at half the rate (the Hann main lobe holds each within ±2 bins)
    let peak = 0;
    const h = best >> 1;
    for (let k = -2; k <= 2; k++) peak += work[best + k] * work[best + k] + work[h + k] * work[h + k];
    let conf = total > 0 ? (peak / total - 0.15) / 0.45 : 0;
    conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    const fw = this.fwSpm;
    if (fw > 0 && spm < fw * 0.6) spm *= 2; // the counter never over-counts: we found a stride
    this.gait = run ? GAIT_RUN : GAIT_WALK;
    this.spm = spm;
    this.conf = conf;
    this.src = SRC_ACCEL;
  }
}
