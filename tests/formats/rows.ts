import { expect } from "vitest";
import type { Row } from "../../src/sim/recording";

/** compares two row lists column by column, NaN meaning "absent" on both sides */
export function expectSameRows(got: Row[], want: Row[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i], w = want[i];
    const ctx = `row ${i} (t=${w.tS})`;
    expect(g.tS, ctx).toBeCloseTo(w.tS, 3);
    for (const k of ["lat", "lon"] as const) if (isFinite(w[k])) expect(g[k], `${ctx} ${k}`).toBeCloseTo(w[k], 6); else expect(g[k], `${ctx} ${k}`).toBeNaN();
    for (const k of ["alt", "hr", "spm", "mps", "distM"] as const) if (isFinite(w[k])) expect(g[k], `${ctx} ${k}`).toBeCloseTo(w[k], 1); else expect(g[k], `${ctx} ${k}`).toBeNaN();
    expect(g.lap, ctx).toBe(w.lap);
  }
}
