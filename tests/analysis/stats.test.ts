// The statistics under the training log, on data whose answers are known by construction.
import { describe, it, expect } from "vitest";
import { leastSquares, pooledSlope, pairSlope, direction, sd, MIN_T, type Obs } from "../../src/analysis";

describe("statistics", () => {
  it("least squares recovers an exact line, and gives none for a vertical one", () => {
    const xs = [1, 2, 3, 4, 5];
    const l = leastSquares(xs, xs.map((x) => 3 - 0.5 * x))!;
    expect(l.slope).toBeCloseTo(-0.5, 12);
    expect(l.intercept).toBeCloseTo(3, 12);
    expect(l.r2).toBeCloseTo(1, 12);
    expect(leastSquares([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(leastSquares([1], [1])).toBeNull();
    // a textbook case: (0,1) (1,3) (2,2) (3,5): slope 1.1, intercept 1.1
    const t = leastSquares([0, 1, 2, 3], [1, 3, 2, 5])!;
    expect(t.slope).toBeCloseTo(1.1, 12);
    expect(t.intercept).toBeCloseTo(1.1, 12);
  });

  it("sample standard deviation (n − 1)", () => {
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it("the pooled slope ignores the groups' own levels", () => {
    // two groups 10 apart, each rising 0.5 a day; a plain fit over both would be fooled by
    // the second group sitting late and high
    const obs: Obs[] = [];
    for (let d = 0; d < 10; d++) obs.push({ unit: "s" + d, group: "a", t: d, y: 0.5 * d });
    for (let d = 10; d < 20; d++) obs.push({ unit: "s" + d, group: "b", t: d, y: -20 + 0.5 * d });
    const tr = pooledSlope(obs)!;
    expect(tr.slope).toBeCloseTo(0.5, 12);
    expect(tr.se!).toBeCloseTo(0, 12);
    expect(tr.units).toBe(20);
    expect(pooledSlope([{ unit: "x", group: "a", t: 1, y: 1 }])).toBeNull();
  });

  it("the jackknife error: leave one session out, sqrt((k − 1)/k · Σ (b₍ᵢ₎ − b̄)²)", () => {
    const pts = [[0, 0], [1, 1], [2, 0], [3, 3], [4, 2]];
    const obs: Obs[] = pts.map(([t, y], i) => ({ unit: "u" + i, group: "g", t, y }));
    const ols = (ps: number[][]) => {
      const mt = ps.reduce((a, p) => a + p[0], 0) / ps.length;
      const my = ps.reduce((a, p) => a + p[1], 0) / ps.length;
      return ps.reduce((a, p) => a + (p[0] - mt) * (p[1] - my), 0) / ps.reduce((a, p) => a + (p[0] - mt) ** 2, 0);
    };
    const loo = pts.map((_, i) => ols(pts.filter((_, j) => j !== i)));
    const m = loo.reduce((a, b) => a + b, 0) / loo.length;
    const se = Math.sqrt((4 / 5) * loo.reduce((a, b) => a + (b - m) ** 2, 0));
    const tr = pooledSlope(obs)!;
    expect(tr.slope).toBeCloseTo(ols(pts), 12);
    expect(tr.se!).toBeCloseTo(se, 12);
  });

  it("pairs: dy over dt through the origin, only across sessions, same key, within the pace band", () => {
    const obs = [
      { unit: "a", key: "d400", t: 0, x: 300, y: 5 },
      { unit: "b", key: "d400", t: 7, x: 303, y: 6 }, // 1 % from a: paired (dt 7, dy 1)
      { unit: "c", key: "d400", t: 14, x: 330, y: 9 }, // 10 % away: never paired
      { unit: "c", key: "d1000", t: 14, x: 300, y: 9 }, // other length: never paired
      { unit: "b", key: "d400", t: 7, x: 300, y: 8 }, // same session as the other b
      { unit: "d", key: "d400", t: 21, x: 301, y: 8 }, // pairs a (21, 3), b (14, 2), b' (14, 0)
    ];
    const tr = pairSlope(obs, 0.02)!;
    // pairs: a-b (7,1), a-b' (7,3), a-d (21,3), b-d (14,2), b'-d (14,0)
    const sxy = 7 * 1 + 7 * 3 + 21 * 3 + 14 * 2 + 14 * 0;
    const sxx = 49 + 49 + 441 + 196 + 196;
    expect(tr.n).toBe(5);
    expect(tr.slope).toBeCloseTo(sxy / sxx, 12);
    expect(tr.agree).toBeCloseTo(4 / 4, 12);
    // at 0.1 % only a and b' (both 300 s/km) pair
    const narrow = pairSlope(obs, 0.001)!;
    expect(narrow.n).toBe(1);
    expect(narrow.slope).toBeCloseTo(3 / 7, 12);
    expect(pairSlope(obs.slice(2, 4), 0.02)).toBeNull();
  });

  it("direction: a minimum size, MIN_T standard errors, enough sessions", () => {
    expect(MIN_T).toBe(3);
    const tr = (slopePerWeek: number, sePerWeek: number, units = 10) => ({ slope: slopePerWeek / 7, se: sePerWeek / 7, n: 50, units });
    expect(direction(tr(0.5, 0.1), 0.2, 4)).toBe("up");
    expect(direction(tr(-0.5, 0.1), 0.2, 4)).toBe("down");
    expect(direction(tr(0.5, 0.2), 0.2, 4)).toBe("flat"); // 2.5 standard errors
    expect(direction(tr(0.1, 0.01), 0.2, 4)).toBe("flat"); // too small to matter
    expect(direction(tr(0.5, 0.1, 3), 0.2, 4)).toBe("insufficient");
    expect(direction(null, 0.2, 4)).toBe("insufficient");
  });
});
