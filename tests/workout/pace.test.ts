import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { Plan, Step } from "../../src/engine/plan";
import { goalError, paceClamped, paceSPerKm, predictS, refBand, resolvePlan } from "../../src/engine/workout/pace";
import { parseWorkout } from "../../src/engine/workout/validate";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { fmtPace, fmtTime } from "../../src/engine/format";
import { arbPlan, expand } from "./arbitraries";

describe("Riegel pace model", () => {
  it("predicts the published Riegel values from a 20:00 5K", () => {
    // 41:42 for 10K, 1:32:00 for the half and 3:11:49 for the marathon (Riegel tables)
    expect(fmtTime(Math.round(predictS(5000, 1200, 10000)))).toBe("41:42");
    expect(Math.round(predictS(5000, 1200, 10000))).toBe(2502);
    expect(Math.round(predictS(5000, 1200, 21097.5) / 60)).toBe(92);
    expect(Math.round(predictS(5000, 1200, 42195) / 60)).toBe(192);
  });

  it("gives the goal back at the goal distance and slows with distance", () => {
    expect(predictS(10000, 2700, 10000)).toBeCloseTo(2700, 9);
    expect(paceSPerKm(5000, 1200, 5000)).toBeCloseTo(240, 9);
    expect(paceSPerKm(5000, 1200, 3000)).toBeLessThan(240);
    expect(paceSPerKm(5000, 1200, 10000)).toBeGreaterThan(240);
  });

  it("is consistent both ways inside its range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1500, max: 42195 }), fc.integer({ min: 1500, max: 42195 }), fc.integer({ min: 180, max: 600 }), (d1, d2, pace) => {
        const t1 = (d1 / 1000) * pace;
        const t2 = predictS(d1, t1, d2);
        expect(predictS(d2, t2, d1)).toBeCloseTo(t1, 6);
        expect(t2 / t1).toBeCloseTo(Math.pow(d2 / d1, 1.06), 9);
      }),
    );
  });

  it("clamps distances outside 1500 m .. marathon to the nearest end", () => {
    expect(paceClamped(800)).toBe(true);
    expect(paceClamped(1500)).toBe(false);
    expect(paceClamped(42195)).toBe(false);
    expect(paceClamped(50000)).toBe(true);
    expect(paceSPerKm(5000, 1200, 800)).toBeCloseTo(paceSPerKm(5000, 1200, 1500), 9);
    expect(paceSPerKm(5000, 1200, 100000)).toBeCloseTo(paceSPerKm(5000, 1200, 42195), 9);
    // a 1 km goal at 3:00/km is taken as 3:00/km held for 1500 m
    expect(paceSPerKm(1000, 180, 1500)).toBeCloseTo(180, 9);
    expect(paceSPerKm(1000, 180, 3000)).toBeCloseTo(180 * Math.pow(2, 0.06), 9);
  });

  it("checks goals", () => {
    expect(goalError({ distM: 5000, timeS: 1200 })).toBeNull();
    expect(goalError({ distM: NaN, timeS: 1200 })).toContain("distance");
    expect(goalError({ distM: 5000, timeS: 0 })).toContain("time");
    expect(goalError({ distM: 5000, timeS: 100 })).toContain("pace");
  });
});

describe("resolvePlan", () => {
  const goal = { distM: 5000, timeS: 1200 };

  it("turns a 5K reference into 5K pace + offset +/- band", () => {
    expect(refBand({ race: 5000, offS: -5 }, goal)).toEqual([230, 240]);
    expect(refBand({ race: 5000, bandS: 3 }, goal)).toEqual([237, 243]);
    const p10 = paceSPerKm(5000, 1200, 10000);
    expect(refBand({ race: 10000, offS: 10 }, goal)).toEqual([Math.round(p10 + 5), Math.round(p10 + 15)]);
  });

  it("keeps bands inside 2:00..15:00 with fast before slow", () => {
    expect(refBand({ race: 42195, offS: 300, bandS: 60 }, { distM: 5000, timeS: 4200 })).toEqual([780, 900]);
    expect(refBand({ race: 1500, offS: -120, bandS: 2 }, { distM: 5000, timeS: 700 })).toEqual([120, 124]);
  });

  it("resolves the Classic 5K without touching the template", () => {
    const t = TEMPLATES[0];
    const before = JSON.stringify(t);
    const r = resolvePlan(t, goal);
    expect(JSON.stringify(t)).toBe(before);
    const reps = expand(r.steps).filter((x) => x.kind === "work");
    expect(reps.length).toBe(6);
    for (const x of reps) expect(x.pace).toEqual([230, 240]);
    // steps without a reference are shared, not copied
    expect(r.steps[0]).toBe(t.steps[0]);
  });

  it("leaves no reference behind and stays valid (property)", () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 1500, max: 42195 }), fc.integer({ min: 150, max: 800 }), (p, distM, pace) => {
        const g = { distM, timeS: (distM / 1000) * pace };
        const r = resolvePlan(p, g);
        const a = expand(p.steps);
        const b = expand(r.steps);
        expect(b.length).toBe(a.length);
        b.forEach((x: Step, i) => {
          const ref = a[i].pace;
          if (ref === undefined) expect(x.pace).toBeUndefined();
          else if (Array.isArray(ref)) expect(x.pace).toEqual(ref);
          else {
            expect(Array.isArray(x.pace)).toBe(true);
            const [fast, slow] = x.pace as [number, number];
            const c = paceSPerKm(g.distM, g.timeS, ref.race) + (ref.offS || 0);
            const band = ref.bandS === undefined ? 5 : ref.bandS;
            if (c - band >= 120 && c + band <= 900) {
              expect(Math.abs(fast - (c - band))).toBeLessThanOrEqual(0.5);
              expect(Math.abs(slow - (c + band))).toBeLessThanOrEqual(0.5);
            }
          }
          expect({ ...x, pace: a[i].pace }).toEqual(a[i]);
        });
        const v = parseWorkout(r as Plan);
        if (!v.ok) throw new Error(v.error);
      }),
      { numRuns: 200 },
    );
  });
});

describe("format", () => {
  it("formats paces", () => {
    expect(fmtPace(245)).toBe("4:05");
    expect(fmtPace(239.6)).toBe("4:00");
    expect(fmtPace(59.6)).toBe("1:00");
    expect(fmtPace(900)).toBe("15:00");
    expect(fmtPace(NaN)).toBe("-:--");
    expect(fmtPace(Infinity)).toBe("-:--");
    expect(fmtPace(0)).toBe("-:--");
  });

  it("formats times", () => {
    expect(fmtTime(3723)).toBe("1:02:03");
    expect(fmtTime(754)).toBe("12:34");
    expect(fmtTime(754.99)).toBe("12:34");
    expect(fmtTime(5)).toBe("0:05");
    expect(fmtTime(3600)).toBe("1:00:00");
    expect(fmtTime(-5)).toBe("-0:05");
    expect(fmtTime(NaN)).toBe("--:--");
  });
});
