// JS versions of Espruino's native typed-array helpers (E.sum, E.variance, E.FFT, E.convolve)
// with the watch's semantics, for Node tests, benchmarks and the fake board.
// Semantics follow the Espruino firmware reference (jswrap_espruino.c, 2v29):
// - E.sum(arr): plain sum of the elements.
// - E.variance(arr, mean): the SUM of (arr[i]-mean)^2 — not divided by the length.
// - E.convolve(a, b, offset): sum over i of a[i] * b[(i + offset) mod b.length] (offset may be negative).
// - E.FFT(re, im?, inverse?): in place; the input is zero-padded to the next power of two;
//   the forward transform uses exp(-2πi·kn/N) and is scaled by 1/N, the inverse is unscaled.
//   With one array the modulus sqrt(re²+im²) is written back into `re`; with two, the complex
//   result goes back into both. Only as many elements as each array holds are written back.
//   The watch computes in doubles; writing into a Float32Array rounds like the watch does.

type Arr = ArrayLike<number> & { [i: number]: number };

function sum(arr: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < arr.length; i++) s += +arr[i];
  return s;
}

function variance(arr: ArrayLike<number>, mean: number): number {
  let v = 0;
  for (let i = 0; i < arr.length; i++) {
    const d = +arr[i] - mean;
    v += d * d;
  }
  return v;
}

function convolve(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number {
  const l = b.length;
  if (l === 0) return 0;
  let j = (offset | 0) % l;
  if (j < 0) j += l;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    c += +a[i] * +b[j];
    if (++j >= l) j = 0;
  }
  return c;
}

/** Radix-2 in-place complex FFT on doubles; dir 1 = forward (scaled by 1/n), -1 = inverse. */
function fftCore(dir: number, x: Float64Array, y: Float64Array): void {
  const n = x.length;
  // bit reversal
  for (let i = 0, j = 0; i < n - 1; i++) {
    if (i < j) {
      const tx = x[i]; x[i] = x[j]; x[j] = tx;
      const ty = y[i]; y[i] = y[j]; y[j] = ty;
    }
    let k = n >> 1;
    while (k <= j) { j -= k; k >>= 1; }
    j += k;
  }
  for (let half = 1; half < n; half <<= 1) {
    const step = half << 1;
    const ang = (-dir * Math.PI) / half;
    for (let m = 0; m < half; m++) {
      const wr = Math.cos(ang * m), wi = Math.sin(ang * m);
      for (let i = m; i < n; i += step) {
        const i1 = i + half;
        const tr = wr * x[i1] - wi * y[i1];
        const ti = wr * y[i1] + wi * x[i1];
        x[i1] = x[i] - tr; y[i1] = y[i] - ti;
        x[i] += tr; y[i] += ti;
      }
    }
  }
  if (dir === 1) for (let i = 0; i < n; i++) { x[i] /= n; y[i] /= n; }
}

function FFT(re: ArrayLike<number> | number, im?: ArrayLike<number>, inverse?: boolean): void {
  if (typeof re === "number") throw new Error("Expecting first 2 arguments to be iterable or undefined");
  const len = re.length;
  let n = 1;
  while (n < len) n <<= 1;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < len; i++) x[i] = +re[i];
  if (im) for (let i = 0; i < Math.min(n, im.length); i++) y[i] = +im[i];
  fftCore(inverse ? -1 : 1, x, y);
  const r = re as Arr;
  if (im) {
    const m = im as Arr;
    for (let i = 0; i < Math.min(n, len); i++) r[i] = x[i];
    for (let i = 0; i < Math.min(n, im.length); i++) m[i] = y[i];
  } else {
    for (let i = 0; i < Math.min(n, len); i++) r[i] = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
  }
}

/** The subset of Espruino's E used for window maths: same signatures as EspruinoE in src/types/espruino.d.ts. */
export interface NativeOps {
  sum(arr: ArrayLike<number>): number;
  variance(arr: ArrayLike<number>, mean: number): number;
  FFT(re: ArrayLike<number> | number, im?: ArrayLike<number>, inverse?: boolean): void;
  convolve(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number;
}

export const nativeE: NativeOps = { sum, variance, FFT, convolve };
