import { describe, expect, it } from "vitest";
import {
  allScenarios, armsStill, countedSpm, fromCadenceSeries, powerSave, rng, standing, steady, suddenDrop8, synthesise,
} from "../../src/sim/wrist";
import { nativeE } from "../../src/sim/native";

/** Strongest frequency (steps/min) of the magnitude signal over 256 samples from sample i0. */
function peakSpm(s: ReturnType<typeof synthesise>, i0: number, axis: "mag" | "x" = "mag"): number {
  const n = 256, buf = new Float64Array(n);
  const seg = s.samples.slice(i0, i0 + n);
  const v = seg.map((p) => (axis === "mag" ? Math.hypot(p.x, p.y, p.z) : p.x));
  const mean = v.reduce((a, b) => a + b, 0) / n;
  v.forEach((x, i) => (buf[i] = (x - mean) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n))));
  nativeE.FFT(buf);
  let best = 1;
  for (let k = 2; k < n / 2; k++) if (buf[k] > buf[best]) best = k;
  return (best * 12.5 * 60) / n;
}

describe("wrist synthesiser", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = synthesise(steady(180, 20), 1), b = synthesise(steady(180, 20), 1), c = synthesise(steady(180, 20), 2);
    expect(a.samples).toEqual(b.samples);
    expect(a.samples[10]).not.toEqual(c.samples[10]);
    const r = rng(5);
    expect(r()).not.toBe(r());
  });

  it("delivers ~12.5 Hz samples with jitter, in g, gravity near 1 g on average", () => {
    const s = synthesise(steady(180, 60), 3);
    expect(s.samples.length).toBeGreaterThan(740);
    expect(s.samples.length).toBeLessThanOrEqual(750);
    const dts = s.samples.slice(1).map((p, i) => p.tMs - s.samples[i].tMs);
    expect(Math.min(...dts)).toBeGreaterThan(60);
    expect(Math.max(...dts)).toBeLessThan(110);
    expect(new Set(dts).size).toBeGreaterThan(5); // jitter, not a perfect clock
    const mag = s.samples.map((p) => Math.hypot(p.x, p.y, p.z));
    const mean = mag.reduce((a, b) => a + b, 0) / mag.length;
    expect(mean).toBeGreaterThan(0.9);
    expect(mean).toBeLessThan(1.4);
  });

  it("puts the true number of steps in, at the scenario's cadence, across 140–210", () => {
    for (const spm of [140, 170, 210]) {
      const s = synthesise(steady(spm, 120), 11);
      expect(Math.abs(countedSpm(s, 10, 110) - spm)).toBeLessThan(1.5);
    }
  });

  it("has step-rate energy in the magnitude and stride-rate energy in the swing axis", () => {
    const s = synthesise(armsStill(180), 4); // swinging outside the still spells
    expect(Math.abs(peakSpm(s, 200) - 180)).toBeLessThan(6);
    expect(Math.abs(peakSpm(s, 200, "x") - 90)).toBeLessThan(6);
  });

  it("models the firmware step counter's 320 ms rejection: exact at 170, under-counts at 200", () => {
    const slow = synthesise(steady(170, 60), 5), fast = synthesise(steady(200, 60), 5);
    expect(slow.firmwareStepMs.length / slow.stepMs.length).toBeGreaterThan(0.97);
    expect(fast.firmwareStepMs.length / fast.stepMs.length).toBeLessThan(0.9);
  });

  it("drops cadence where the scenario says", () => {
    const s = synthesise(suddenDrop8(190), 6);
    expect(countedSpm(s, 30, 85)).toBeGreaterThan(186);
    expect(countedSpm(s, 95, 175)).toBeLessThan(178);
  });

  it("standing still has no steps and little motion; power save is 1.25 Hz", () => {
    const s = synthesise(standing(), 8);
    expect(s.stepMs.length).toBe(0);
    const mag = s.samples.map((p) => Math.hypot(p.x, p.y, p.z));
    const mean = mag.reduce((a, b) => a + b, 0) / mag.length;
    const sd = Math.sqrt(mag.reduce((a, b) => a + (b - mean) ** 2, 0) / mag.length);
    expect(sd).toBeLessThan(0.08);
    const ps = synthesise(powerSave(), 8);
    expect(ps.samples.length).toBeGreaterThan(140);
    expect(ps.samples.length).toBeLessThanOrEqual(150);
  });

  it("every named scenario synthesises with a unique name", () => {
    const names = allScenarios().map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["drop_gradual_5pct", "drop_sudden_8pct", "surges", "walking_recovery", "arms_still", "hills_turns", "standing", "power_save"]));
  });

  it("fromCadenceSeries follows a recording's cadence column", () => {
    const series = [{ tS: 0, spm: 160 }, { tS: 60, spm: 160 }, { tS: 61, spm: 190 }, { tS: 120, spm: 190 }];
    const s = fromCadenceSeries(series, 9);
    expect(Math.abs(countedSpm(s, 5, 55) - 160)).toBeLessThan(2);
    expect(Math.abs(countedSpm(s, 65, 115) - 190)).toBeLessThan(2);
  });
});
