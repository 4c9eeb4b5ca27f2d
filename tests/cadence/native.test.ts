import { describe, expect, it } from "vitest";
import { nativeE } from "../../src/sim/native";

describe("nativeE (Espruino E.* semantics)", () => {
  it("sum adds the elements", () => {
    expect(nativeE.sum(new Float32Array([1, 2, 3.5]))).toBeCloseTo(6.5);
    expect(nativeE.sum([])).toBe(0);
  });
  it("variance returns the sum of squared deviations, not divided by n", () => {
    expect(nativeE.variance(new Int8Array([1, 2, 3]), 2)).toBe(2);
  });
  it("convolve wraps the second array and accepts negative offsets", () => {
    const a = [1, 0, 0], b = [5, 6, 7];
    expect(nativeE.convolve(a, b, 0)).toBe(5);
    expect(nativeE.convolve(a, b, 1)).toBe(6);
    expect(nativeE.convolve(a, b, 4)).toBe(6);
    expect(nativeE.convolve(a, b, -1)).toBe(7);
    expect(nativeE.convolve([1, 1, 1, 1], [1, 2], 1)).toBe(2 + 1 + 2 + 1);
  });
  it("one-array FFT writes back the modulus scaled by 1/N", () => {
    const n = 16;
    const re = new Float64Array(n);
    for (let i = 0; i < n; i++) re[i] = Math.cos((2 * Math.PI * 3 * i) / n);
    nativeE.FFT(re);
    expect(re[3]).toBeCloseTo(0.5, 9);
    expect(re[13]).toBeCloseTo(0.5, 9);
    expect(re[0]).toBeCloseTo(0, 9);
    expect(re[4]).toBeCloseTo(0, 9);
  });
  it("two-array FFT uses exp(-iωt) forward and the inverse restores the input", () => {
    const n = 8;
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let i = 0; i < n; i++) re[i] = Math.sin((2 * Math.PI * i) / n);
    const orig = Array.from(re);
    nativeE.FFT(re, im);
    // sin -> -i/2 at bin 1 with the forward sign convention
    expect(re[1]).toBeCloseTo(0, 9);
    expect(im[1]).toBeCloseTo(-0.5, 9);
    expect(im[7]).toBeCloseTo(0.5, 9);
    nativeE.FFT(re, im, true);
    for (let i = 0; i < n; i++) expect(re[i]).toBeCloseTo(orig[i], 9);
  });
  it("FFT zero-pads to a power of two but writes back only the array's length", () => {
    const re = [1, 1, 1];
    nativeE.FFT(re);
    expect(re.length).toBe(3);
    expect(re[0]).toBeCloseTo(0.75, 9); // DC of [1,1,1,0] / 4
  });
});
