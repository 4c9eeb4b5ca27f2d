// The FIT reader against the normalized CSVs made from the same files (tests/fixtures/README.md).
import { expectSameRows } from "./rows";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseFit } from "../../src/sim/formats/fit";
import { parseRecording } from "../../src/sim/recording";

const fx = (f: string) => `tests/fixtures/${f}`;


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
