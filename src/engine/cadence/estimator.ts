// Cadence (steps/min) from the wrist accelerometer, for every sample all session.
//
// Per sample: the magnitude |a| goes into a fixed ring of N samples (no allocation).
// Every HOP samples: mean and spread from E.sum/E.variance; the ring is copied in time order
// through a tapered (Tukey) window into a 2N buffer whose upper half is zero (zero-padding halves the
// bin width), and E.FFT writes the spectrum modulus back in place. The step rate is the bin
// maximising |X(f)| + HALF_W·|X(f/2)| inside the gait's step band, refined by a parabola
// through the log-magnitudes of the three bins around it.
//
// Step/stride confusion: the magnitude carries the step rate (impacts, bounce, swing
// centripetal) and the stride rate (swing, left/right asymmetry). The running step band
// (132–216 spm) cannot hold the stride of any 140–210 run (70–105), and the f/2 term rewards
// the true step (whose half is the stride peak) over the 3/2-stride harmonic. The gait (walk or
// run) comes from the signal's spread, and walking is searched in its own band (80–144).
//
// Aliasing: sharp foot strikes put most of the magnitude's energy in harmonics of the step, and
// at 12.5 Hz every harmonic folds into 0–6.25 Hz: the 2nd of 3.5 Hz shows at 5.5 Hz, the 3rd at
// 2 Hz, and a harmonic can outscore the step itself (205 spm's 3rd at 135, 190's at 180, 140's
// 4th at 190). Two checks, both on a running-sized signal:
// - the forearm axis x goes through the same buffer first: the arm swing rotates gravity along
//   it at the stride rate, smoothly, and a sine does not alias. Where its stride peak stands out
//   (X_PROM times its band's mean), twice the refined stride is the rate when the magnitude's
//   peak is within X_AGREE bins of it; further off, the magnitude's own peak next to it is.
//   A rate both agree on is shown (confidence at least BOTH_CONF).
// - otherwise the peak f is compared with every running rate that aliases one of its 3rd–8th
//   harmonics onto f (the list in unalias): the winner has the highest comb (its stride and first three
//   harmonics, each read where it aliases to), is another lobe (over 2 bins from f), has a
//   fundamental of its own (ALIAS_FUND of f's, at a local peak) and is taken as computed.
// Near 187.5 spm the 3rd harmonic lands on the step itself (the samples repeat every 4), and
// near 204.5 the 3rd-harmonic alias's own harmonics fall on the step's: there the window cannot
// separate them and the swing is what decides.
//
// The firmware step counter (steps()) is the fallback when the accelerometer is not usable
// (power save, low confidence) and lifts an estimate that is half of what the counter saw;
// it is never used to lower one, since it under-counts above ~187 spm.
//
// Cost (bench/cadence-fw.ts times it on the firmware): per sample two short stores; per estimate
// the magnitude's taper loop of TAPER/4 passes, its FFT and the 48-bin scan, every other estimate
// the forearm's loop, FFT and 15-bin stride scan, and the alias check's few comb reads only where
// the swing does not settle it. RAM: two 16-bit rings, the window's taper, one work buffer.

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
 * The window: a Tukey window, flat but for a raised-cosine taper over TAPER samples at each end
 * (a quarter of it). Against the Hann window it had before, its main lobe is narrower, so the
 * step's peak stands apart from its neighbours (the harsh wrist's 140 spm read 1.9 spm off on
 * average instead of 2.6 on the held-out seeds, 2.5 with either window on the tuning seeds; no false
 * drop flag in steady running where Hann had a few), and the interpreted loop multiplies 32
 * samples instead of 128 (bench/cadence.ts, bench/cadence-fw.ts).
 */
export const TAPER = 16;
/**
 * Step bands in bins of 2.93 spm: walking from K_LO (1.33 Hz, 80 spm), running from K_RUN (the
 * first bin at or above 2.2 Hz, 132 spm), both up to K_HI (3.6 Hz, 216 spm).
 */
const K_LO = 27, K_RUN = 46, K_HI = 74;
/** the band scanned for the confidence's energy starts at the lowest stride, K_LO / 2 */
const K_FROM = 13;
const HALF_W = 0.5;
/** ring units per g: the rings hold whole 1/2048 g (finer than the sensor's steps) as 16-bit integers, half a float's RAM, and ±16 g */
const G_UNITS = 2048;
/** the least fundamental, as a share of the peak found, of a rate that the peak would be an alias of */
const ALIAS_FUND = 0.4;
/** how far the forearm axis's stride peak must stand above its band's mean to be trusted */
const X_PROM = 2;
/** bins within which the magnitude's peak agrees with twice the forearm's stride */
const X_AGREE = 5;
/** the least confidence of a rate the magnitude and the forearm's swing agree on (the screen shows 0.5 and up) */
const BOTH_CONF = 0.5;
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

/**
 * The window in time order (its oldest sample at ring[p]) into w's lower half, its first and last
 * TAPER samples through the taper, the upper half zero; then w's spectrum modulus in place. The
 * copies, the zeros and the FFT are native; the interpreted loop is 2·TAPER multiplies, eight to a
 * pass. The mean is not subtracted: the magnitude ring holds |a| − 1 g, and what the window leaves
 * of a constant from the band's lowest bin up is at most 2.4 % of it (the forearm's gravity: under
 * 0.02 % in its stride band).
 */
function spectrum(ops: CadenceOps, ring: Int16Array, taper: Float32Array, w: Float32Array, p: number): void {
  let i = 0, j = CAD_N;
  w.set(ring.subarray(p));
  w.set(ring.subarray(0, p), CAD_N - p);
  while (i < TAPER) {
    w[i] *= taper[i];
    w[--j] *= taper[i++];
    w[i] *= taper[i];
    w[--j] *= taper[i++];
    w[i] *= taper[i];
    w[--j] *= taper[i++];
    w[i] *= taper[i];
    w[--j] *= taper[i++];
  }
  w.fill(0, CAD_N);
  ops.FFT(w);
}

/** Bangle's 'accel' event, of which the estimator reads the magnitude and the forearm axis */
export interface AccelSample {
  x: number;
  mag: number;
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
  /**
   * The per-sample path: every 12.5 Hz sample (Bangle's 'accel' event as is) into the window, an
   * estimate every CAD_HOP samples once it is full, then done(). Register it as the accelerometer
   * listener itself: one short call per sample, no clock.
   */
  put: (a: AccelSample) => void;
  /**
   * The rate check, about once a second with the engine's clock: below 5 samples/s (power save,
   * 1.25 Hz) there is no accelerometer estimate and the window restarts. Returns true when that
   * changed the estimate (the step counter's fallback). hop (a power of two: CAD_HOP, or more where
   * estimates are needed less often) sets the samples from one estimate to the next from now on.
   */
  rate: (tMs: number, hop: number) => boolean;
  /** called after each new accelerometer estimate */
  done: () => void;
  private ops: CadenceOps;
  private ring: Int16Array;
  private ringX: Int16Array;
  private work: Float32Array;
  private taper: Float32Array;
  /** the step counter's last 8 counts, then the times of each (one array: each costs RAM of its own) */
  private fw: Float64Array;
  private fwI: number;
  /** the last swing stride in bins (0: none stood out), -1 when the next estimate measures it */
  private xs: number;

  constructor(ops: CadenceOps) {
    const me = this;
    const R = (this.ring = new Int16Array(CAD_N)), X = (this.ringX = new Int16Array(CAD_N));
    /** samples since the window (re)started: the next one goes to ring[n mod N]; n0, t0: at the last rate check */
    let n = 0, n0 = 0, t0 = 0, h = CAD_HOP - 1;
    this.ops = ops;
    this.work = new Float32Array(PAD);
    // (the window stays in floats: read from a 16-bit array, the multiply loop below ran slower)
    this.taper = new Float32Array(TAPER);
    for (let i = 0; i < TAPER; i++) this.taper[i] = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / TAPER);
    this.fw = new Float64Array(16);
    // no estimate yet (GAIT_STILL, SRC_NONE), no step counts
    this.spm = this.conf = this.gait = this.src = this.fwSpm = this.fwI = 0;
    this.xs = -1;
    this.done = () => {};
    this.put = function (a: AccelSample): void {
      R[n & (CAD_N - 1)] = a.mag * G_UNITS - G_UNITS;
      X[n & (CAD_N - 1)] = a.x * G_UNITS;
      if (++n & h || n < CAD_N) return;
      me.analyse(n & (CAD_N - 1));
      me.done();
    };
    this.rate = function (tMs: number, hop: number): boolean {
      const dt = tMs - t0;
      h = hop - 1;
      // a check about a second after the last; a clock jump only restarts the measurement
      if (dt > 0 && dt < 900) return false;
      const slow = dt > 0 && dt < 5000 && (n - n0) * 1000 < 5 * dt;
      t0 = tMs;
      if (slow) n = 0;
      n0 = n;
      return slow && me.fallback();
    };
  }

  /**
   * The firmware step counter: its running count and the engine's clock (the watch calls it at
   * its 1 s tick with the latest count; more often is fine). Between pairs kept it returns at once.
   */
  steps(count: number, tMs: number): void {
    const F = this.fw;
    let k = this.fwI, j = (k + 7) & 7;
    // one (count, time) pair per 2.5 s: 8 of them span the last ~20 s
    if (tMs - F[8 + j] < 2500 && tMs >= F[8 + j]) return;
    F[k] = count;
    F[8 + k] = tMs;
    this.fwI = j = (k + 1) & 7;
    // the oldest pair of the last 21 s (a slot not written yet says 0 steps at time 0)
    while (F[8 + j] < tMs - 21000 && j !== k) j = (j + 1) & 7;
    k = tMs - F[8 + j];
    this.fwSpm = k >= 5000 ? ((count - F[j]) * 60000) / k : 0;
  }

  private fallback(): boolean {
    // power save (or nothing usable): only the step counter is left, at low confidence
    const fw = this.fwSpm > 0, changed = fw || this.src !== SRC_NONE;
    this.xs = -1;
    this.gait = GAIT_STILL;
    this.spm = fw ? this.fwSpm : 0;
    this.conf = fw ? 0.2 : 0;
    this.src = fw ? SRC_FIRMWARE : SRC_NONE;
    return changed;
  }

  /**
   * Still ambiguous (a gentle runner or a walker): the forearm axis sees the arm swing as
   * gravity rotating. A run's swing is at its stride (= lo), with nothing at lo/2; a walk's is at half its step (lo/2), while impacts leak into the forearm axis at lo: so lo must dominate clearly.
   */
  private swingAt(lo: number, p: number): boolean {
    // its own buffer, made when needed (rarely while running): the watch's RAM holds only one
    const w = new Float32Array(PAD);
    spectrum(this.ops, this.ringX, this.taper, w, p);
    return w[peakNear(w, lo)] > 2 * w[peakNear(w, lo >> 1)];
  }

  /**
   * The step rate (in bins, fractional), of f and the rates one of whose harmonics aliases onto f,
   * whose comb scores highest: each candidate is (m·PAD + sign·f) / h, from the list A, kept inside
   * the running band. A candidate must be another lobe (over 2 bins from f: within one the comb
   * cannot tell them apart, and the noise would pull the rate off) and show its own fundamental
   * (at least ALIAS_FUND of the peak's, at or next to a local maximum: not the flank of another lobe).
   */
  private unalias(f: number): number {
    // (its helpers and list are made per call, which is seldom: held all session they would cost RAM)
    const w = this.work, R = Math.round, wf = ALIAS_FUND * w[R(f)];
    // the step rates that alias one of their harmonics onto a peak at bin f, as (m, sign, h) for
    // (m·PAD + sign·f) / h: the 3rd to 8th harmonics that can land in the running band
    const A = [1, -1, 3, 1, -1, 4, 1, 1, 5, 1, 1, 6, 2, -1, 7, 2, -1, 8, 2, 1, 8];
    // bin k or a neighbour is a local maximum
    const isPeak = function (k: number): boolean {
      return (w[k] >= w[k - 1] && w[k] >= w[k + 1]) || (w[k - 1] >= w[k - 2] && w[k - 1] >= w[k]) || (w[k + 1] >= w[k] && w[k + 1] >= w[k + 2]);
    };
    // a step rate's comb score at (fractional) bin c: its stride and its first three harmonics, each
    // where it aliases to (the modulus holds all PAD bins, the upper half mirroring the lower, and
    // 3c stays below PAD, so bin round(h·c) is the h-th harmonic's alias as it is)
    const comb = function (c: number): number {
      return w[R(c / 2)] + w[R(c)] + w[R(2 * c)] + w[R(3 * c)];
    };
    let best = f, top = comb(f), i = 0, c: number, s: number;
    while (i < A.length) {
      c = (A[i++] * PAD + A[i++] * f) / A[i++];
      if (c >= K_RUN && c <= K_HI && (c > f + 2 || c < f - 2) && w[R(c)] >= wf && isPeak(R(c)) && (s = comb(c)) > top) {
        top = s;
        best = c;
      }
    }
    return best;
  }

  /** an estimate from the full window, whose oldest sample is ring[p] */
  private analyse(p: number): void {
    // every local up front: a let inside a loop or branch costs a scope of its own on the watch
    const ops = this.ops, ring = this.ring, w = this.work, M = Math;
    const mean = ops.sum(ring) / CAD_N;
    const sd = M.sqrt(ops.variance(ring, mean) / CAD_N) / G_UNITS;
    let k: number, best: number, bestScore: number, s: number, h1: number, h2: number, run: boolean, lo: number, hi: number, spm: number, peak = 0, conf: number, j: number, xs = 0, xv = 0, xsum = 0, both = false;
    if (sd < STILL_SD) return void this.fallback();
    // the forearm axis first, into the same buffer: the arm swing is a smooth stride-rate
    // rotation of gravity, and a sine does not alias, so its peak (when it stands out: X_PROM
    // times the band's mean) says which step rate the magnitude's harmonics belong to
    // the swing's stride every other estimate, the one before reused in between: it changes slowly (the
    // window moves by an eighth, half of it outside reps), and its spectrum is a third of the estimate's time
    if (this.xs < 0) {
      spectrum(ops, this.ringX, this.taper, w, p);
      k = K_HI >> 1;
      while (k >= K_RUN >> 1) {
        xsum += w[k];
        if (w[k] > xv) {
          xv = w[k];
          xs = k;
        }
        k--;
      }
      if (xv * ((K_HI >> 1) - (K_RUN >> 1) + 1) < X_PROM * xsum) xs = 0;
      else if (w[xs - 1] <= xv && w[xs + 1] <= xv) {
        // refined like the step below (a local maximum: within half a bin): twice the stride doubles its error
        h1 = M.log(w[xs - 1] + 1e-9);
        h2 = M.log(w[xs + 1] + 1e-9);
        s = h1 - 2 * M.log(w[xs] + 1e-9) + h2;
        xs += s < 0 ? (0.5 * (h1 - h2)) / s : 0;
      }
      this.xs = xs;
    } else {
      xs = this.xs;
      this.xs = -1;
    }
    spectrum(ops, ring, this.taper, w, p);
    // band energy for the confidence, from the lowest stride to the top of the band: the sum of squares
    const total = ops.variance(w.subarray(K_FROM, K_HI + 1), 0);
    // the step: the bin maximising |X(f)| + HALF_W·|X(f/2)| (of equals, the lowest: the scan goes
    // down). Two bins a pass, 2j+1 and 2j, which share their half-rate bin j: the top and bottom
    // bins of the band, each without its pair, are scored on their own.
    // (the scan is a fifth of an estimate's time: h1 is bin k's half-rate bin, h2 the one above it,
    // carried from the pass before, and j walks down the band)
    h1 = w[(k = K_HI >> 1)];
    bestScore = w[(best = j = K_HI)] + HALF_W * h1;
    while (--k > K_LO >> 1) {
      h2 = h1;
      if ((s = w[--j] + HALF_W * ((h1 = w[k]) > h2 ? h1 : h2)) >= bestScore) {
        bestScore = s;
        best = j;
      }
      if ((s = w[--j] + HALF_W * h1) >= bestScore) {
        bestScore = s;
        best = j;
      }
    }
    h2 = w[k];
    if (w[K_LO] + HALF_W * (h2 > h1 ? h2 : h1) >= bestScore) best = K_LO;
    // octave decision: a walk at f and a run whose stride is f both show peaks at f and 2f
    // (a peak at or above 2·K_LO, always past K_RUN, is a run's step: its half is the stride to check)
    run = best >= K_RUN;
    lo = best * 2 <= K_HI ? best : best >> 1 >= K_LO ? best >> 1 : 0;
    if (lo) {
      lo = peakNear(w, lo);
      hi = peakNear(w, lo * 2);
      run = sd >= RUN_SD || w[hi] >= OCT_RATIO * w[lo] || this.swingAt(lo, p);
      best = run ? hi : lo;
    }
    best = peakNear(w, best);
    // a parabola through the log-magnitudes of the three bins around the peak
    h1 = M.log(w[best - 1] + 1e-9);
    h2 = M.log(w[best + 1] + 1e-9);
    s = h1 - 2 * M.log(w[best] + 1e-9) + h2;
    // (peakNear's bin need not be a local maximum: an offset past a bin is no refinement)
    spm = best + (s < 0 && (h1 = (0.5 * (h1 - h2)) / s) < 1 && h1 > -1 ? h1 : 0);
    // aliasing: at 12.5 Hz a harmonic of the step can outscore the step itself (205's 3rd shows
    // at 135, 190's at 180); a running-sized signal is checked even where it looks like a walk.
    // A rate found so is taken as computed from the refined peak: where the alias and the step
    // share a lobe (near 187.5, where the 3rd harmonic lands on the step), the lobe's own peak is
    // pulled between them. Not needed where the forearm's swing already agrees with the peak.
    if ((run || sd >= RUN_SD) && !(xs && spm <= 2 * xs + X_AGREE && spm >= 2 * xs - X_AGREE)) {
      s = this.unalias(spm);
      run = run || s !== spm;
      best = M.round((spm = s));
    }
    // the swing's step rate (twice its stride, the step's own harmonics cannot pull it) is the
    // rate where the magnitude's peak is within X_AGREE bins of it; further off, the magnitude's
    // own peak next to it is, where there is one (not the flank of another's lobe)
    if (xs && run && spm <= 2 * xs + X_AGREE && spm >= 2 * xs - X_AGREE) {
      spm = 2 * xs;
      best = M.round(spm);
      both = true;
    }
    else if (xs && run && w[(k = peakNear(w, M.round(2 * xs))) - 1] <= w[k] && w[k + 1] <= w[k]) {
      best = k;
      h1 = M.log(w[best - 1] + 1e-9);
      h2 = M.log(w[best + 1] + 1e-9);
      s = h1 - 2 * M.log(w[best] + 1e-9) + h2;
      spm = best + (s < 0 && (h1 = (0.5 * (h1 - h2)) / s) < 1 && h1 > -1 ? h1 : 0);
    }
    spm *= SPM_PER_BIN;
    // confidence: the share of band energy the gait explains: the step peak and its stride
    // partner at half the rate (the window's main lobe holds each within ±2 bins)
    k = best - 2;
    hi = best >> 1;
    lo = hi - 2;
    while (lo <= hi + 2) peak += w[k] * w[k++] + w[lo] * w[lo++];
    conf = total > 0 ? (peak / total - 0.15) / 0.45 : 0;
    // two independent signals agreeing (the magnitude's peak and the swing) is worth showing even
    // where sharp strikes spread the magnitude's energy over its aliases
    if (both && conf < BOTH_CONF) conf = BOTH_CONF;
    // the counter never over-counts: we found a stride (one that doubles into the step band)
    if (spm < this.fwSpm * 0.6 && spm * 2 <= K_HI * SPM_PER_BIN) spm *= 2;
    this.gait = run ? GAIT_RUN : GAIT_WALK;
    this.spm = spm;
    this.conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    this.src = SRC_ACCEL;
  }
}
