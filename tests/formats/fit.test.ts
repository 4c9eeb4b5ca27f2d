// The FIT reader against the normalized CSVs made from the same files (tests/fixtures/README.md).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseFit } from "../../src/sim/formats/fit";
import { parseRecording, type Row } from "../../src/sim/recording";

const fx = (f: string) => `tests/fixtures/${f}`;

/** compares two row lists column by column, NaN meaning "absent" on both sides */
function expectSameRows(got: Row[], want: Row[]): void {
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

describe("parseFit", () => {
  for (const f of ["fitparser_running-with-developer-data", "pyfitparse_activity-small-fenix2-run", "pyfitparse_2013-02-06-12-11-14"]) {
    it(`${f}.fit matches its CSV (points, positions, HR, doubled cadence, distance, laps)`, async () => {
      const got = await parseFit(new Uint8Array(readFileSync(fx(`${f}.fit`))));
      expectSameRows(got, parseRecording(readFileSync(fx(`${f}.csv`), "utf8")));
    });
  }
  it("rejects bytes that are not FIT", async () => {
    await expect(parseFit(new TextEncoder().encode("t_seconds,lat\n0,1\n"))).rejects.toThrow(/not a FIT file/);
  });
});
