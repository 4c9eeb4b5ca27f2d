import { describe, expect, it } from "vitest";
import { readCadence, recordingErrors } from "../../src/sim/cadenceRecording";
import { mean, pct } from "../../src/sim/cadenceReplay";

// The cadence columns are real (tests/fixtures/README.md); the wrist signal is synthesised from them.
describe("estimator against real recordings' cadence columns", () => {
  for (const f of ["fitparser_running-with-developer-data.csv", "pyfitparse_activity-small-fenix2-run.csv"]) {
    it(f, () => {
      const errs = recordingErrors(readCadence(`tests/fixtures/${f}`), 6001);
      expect(errs.length).toBeGreaterThan(100);
      expect(mean(errs)).toBeLessThanOrEqual(2);
      expect(pct(errs, 0.95)).toBeLessThanOrEqual(5);
    });
  }
});
