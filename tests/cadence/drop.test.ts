import { describe, expect, it } from "vitest";
import { DROP_MIN, DROP_NONE, DROP_RHYTHM, DropDetector } from "../../src/engine/cadence/drop";
import { replay } from "../../src/sim/cadenceReplay";
import { gradualDrop5, hillsTurns, steady, suddenDrop8, surges, synthesise, walkingRecovery, type Scenario } from "../../src/sim/wrist";

const HELD_OUT = [5001, 5002, 5003, 5004, 5005];

/** Feed a cadence function at 1.28 s intervals; returns the flags as [tS, code]. */
function feed(det: DropDetector, f: (tS: number) => number, durS: number, kind: "work" | "recovery" = "work", minCad?: number, conf = 0.9): [number, number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < durS; t += 1.28) {
    const c = det.update(t * 1000, f(t), conf, kind, minCad);
    if (c !== DROP_NONE) out.push([t, c]);
  }
  return out;
}

describe("drop detector (unit)", () => {
  it("learns the rep's rhythm after the grace period and flags a sustained drop once", () => {
    const det = new DropDetector();
    const flags = feed(det, (t) => (t < 60 ? 190 : 180), 200);
    // the mean up to the flag: ~39 estimates at 190 and the 3 at 180 of the hold, then held
    expect(det.baseline).toBeGreaterThan(189);
    expect(det.baseline).toBeLessThan(189.5);
    expect(flags).toHaveLength(1);
    expect(flags[0][1]).toBe(DROP_RHYTHM);
    expect(flags[0][0]).toBeGreaterThan(60);
    expect(flags[0][0]).toBeLessThan(64);
  });

  it("ignores what happens during the grace period and the previous step's tail", () => {
    const det = new DropDetector();
    expect(feed(det, (t) => (t < 8 ? 120 : 185), 120)).toHaveLength(0);
    expect(det.baseline).toBeCloseTo(185, 5);
  });

  it("has hysteresis: dithering around the threshold flags once; a recovery then a new drop flags again", () => {
    // a 6 % drop is flagged at ~43 s; from 60 s cadence dithers across the drop line (200 − 3.8 %)
    // for 5 s at a time, never back above the clearing line (200 − 1.5 %): without hysteresis the
    // flag would clear and come again
    const det = new DropDetector();
    const dither = feed(det, (t) => (t < 40 ? 200 : t < 60 ? 188 : 192.4 + (Math.floor(t / 5.12) % 2 ? 1.5 : -1.5)), 150);
    expect(dither).toHaveLength(1);
    expect(det.flagged).toBe(true);
    const det2 = new DropDetector();
    const twice = feed(det2, (t) => (t < 40 || (t >= 80 && t < 120) ? 200 : 188), 200);
    expect(twice).toHaveLength(2);
  });

  it("follows slow swings both ways: rolling hills started on a rise do not flag, a drop after them does", () => {
    // ±3 % over 120 s from the mean, the rep starting on the rise: its first 20 s average ~2 % above
    // the mean, so the dip at 90 s is ~5 % below them, but under 3.8 % below the running mean
    const hills = (t: number) => 176 * (1 + 0.03 * Math.sin((2 * Math.PI * t) / 120));
    const det = new DropDetector();
    expect(feed(det, hills, 360)).toHaveLength(0);
    expect(det.baseline).toBeCloseTo(176, 0); // the swings' centre after three of them
    const flags = feed(new DropDetector(), (t) => (t < 300 ? hills(t) : 176 * 0.95), 330);
    expect(flags).toHaveLength(1);
    expect(flags[0][0]).toBeGreaterThan(300);
    expect(flags[0][0]).toBeLessThan(304);
  });

  it("follows the rhythm while not flagged: a shallow slow change moves the baseline, a flag holds it", () => {
    const det = new DropDetector();
    feed(det, (t) => (t < 60 ? 190 : 186), 200); // 2.1 %: no flag, the mean moves towards 186
    expect(det.flagged).toBe(false);
    expect(det.baseline).toBeLessThan(188);
    const held = new DropDetector();
    feed(held, (t) => (t < 60 ? 190 : 170), 200);
    expect(held.flagged).toBe(true);
    expect(held.baseline).toBeGreaterThan(188); // 190 less the hold's 3 estimates at 170; followed, ~176
  });

  it("flags below the step's minimum cadence even when the rhythm is steady", () => {
    const flags = feed(new DropDetector(), () => 172, 60, "work", 175);
    expect(flags).toHaveLength(1);
    expect(flags[0][1]).toBe(DROP_MIN);
  });

  it("takes each option over its default and keeps the defaults for the rest", () => {
    const drop = (t: number) => (t < 60 ? 190 : 180);
    const dflt = feed(new DropDetector(), drop, 200);
    const quick = feed(new DropDetector({ holdS: 0.5 }), drop, 200);
    expect(dflt).toHaveLength(1);
    expect(quick).toHaveLength(1);
    expect(quick[0][0]).toBeLessThan(dflt[0][0]);
    expect(feed(new DropDetector({ dropFrac: 0.06 }), drop, 200)).toHaveLength(0); // 180 is within 6 % of 190
    expect(feed(new DropDetector({ walkSpm: 185 }), drop, 200)).toHaveLength(0); // 180 counts as walking
    expect(feed(new DropDetector({ minConf: 0.95 }), drop, 200)).toHaveLength(0);
    const twice = (t: number) => (t < 40 || (t >= 80 && t < 120) ? 200 : 188);
    expect(feed(new DropDetector({ refractoryS: 200 }), twice, 200)).toHaveLength(1); // the second drop lasts to the end
    const late = new DropDetector({ settleS: 30, graceS: 40 });
    feed(late, (t) => (t < 30 ? 170 : 190), 60);
    expect(late.baseline).toBeCloseTo(190, 5);
  });

  it("never flags in recovery steps, while walking, or at low confidence", () => {
    expect(feed(new DropDetector(), (t) => (t < 60 ? 190 : 150), 200, "recovery")).toHaveLength(0);
    expect(feed(new DropDetector(), (t) => (t < 60 ? 190 : 110), 200)).toHaveLength(0);
    expect(feed(new DropDetector(), (t) => (t < 60 ? 190 : 170), 200, "work", 180, 0.1)).toHaveLength(0);
  });
});

describe("drop detector on synthesised runs (held-out seeds)", () => {
  function latencies(sc: Scenario): number[] {
    return HELD_OUT.map((seed) => {
      const { flags } = replay(synthesise(sc, seed));
      const f = flags.find((x) => x.tMs / 1000 >= sc.dropAtS! - 20);
      return f ? f.tMs / 1000 - sc.dropAtS! : Infinity;
    });
  }

  it("flags a 5 % gradual drop and an 8 % sudden drop within 10 s", () => {
    for (const l of latencies(gradualDrop5())) expect(l).toBeLessThanOrEqual(10);
    for (const l of latencies(suddenDrop8())) expect(l).toBeLessThanOrEqual(10);
  });

  it("does not flag before the drop, in steady running, surges or rolling hills", () => {
    for (const seed of HELD_OUT) {
      for (const sc of [steady(150, 300), steady(205, 300), surges(), hillsTurns()]) expect(replay(synthesise(sc, seed)).flags).toHaveLength(0);
      const g = gradualDrop5();
      expect(replay(synthesise(g, seed)).flags.filter((f) => f.tMs / 1000 < 90)).toHaveLength(0);
    }
  });

  it("does not flag a walking recovery; the walk itself never flags even if the plan still says work", () => {
    for (const seed of HELD_OUT) {
      const sc = walkingRecovery();
      expect(replay(synthesise(sc, seed)).flags).toHaveLength(0);
      // stopping to walk inside a work rep may flag once on the way down (it is a drop), never while walking
      const allWork = { ...sc, reps: [{ startS: 0, kind: "work" as const }] };
      const flags = replay(synthesise(allWork, seed)).flags;
      expect(flags.filter((f) => f.tMs > 136000 && f.tMs < 210000)).toHaveLength(0);
      expect(flags.length).toBeLessThanOrEqual(1);
    }
  });
});
