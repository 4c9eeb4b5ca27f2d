// The synthetic wrist's noise seed: the same runner with fresh noise (the emulator's 10 s chunks),
// and without one the stream every cadence benchmark and test was tuned on, unchanged.
import { describe, expect, it } from "vitest";
import { steady, synthesise } from "../../src/sim/wrist";
import { wristChunk } from "../../emulator/driver";

describe("wrist noise seed", () => {
  const sc = steady(180, 20);

  it("without a noise seed draws exactly as before; with one, other noise", () => {
    const a = synthesise(sc, 7), b = synthesise(sc, 7, undefined), c = synthesise(sc, 7, 99);
    expect(b.samples).toEqual(a.samples);
    expect(c.samples.length).toBeGreaterThan(200);
    expect(c.samples.map((s) => s.x)).not.toEqual(a.samples.map((s) => s.x));
    // the same runner: step count over 20 s at 180 spm is the same to within a step
    expect(Math.abs(c.stepMs.length - a.stepMs.length)).toBeLessThanOrEqual(1);
  });

  it("the emulator's consecutive 10 s chunks do not repeat their noise", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ tS: i, spm: 180 })) as never;
    const c0 = wristChunk(rows, 0, 5), c1 = wristChunk(rows, 1, 5);
    const shifted = c1.map((s) => ({ ...s, tMs: s.tMs - 10_000 }));
    expect(shifted.length).toBeGreaterThan(100);
    expect(shifted.slice(0, 100)).not.toEqual(c0.slice(0, 100));
  });
});
