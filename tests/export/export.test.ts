// Every format from the logs the real app wrote on the real firmware (tests/fixtures/speedseq-classic5k-hr.log,
// made by tests/export/firmware.test.ts, its points with HR and cadence; and speedseq-classic5k.log,
// the same session as the app wrote it before, whose points have neither): FIT read by Garmin's own
// Decoder, TCX/GPX/CSV against the log, and each track file read by an independent reader (Debian's gpsbabel).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { activityFromLog, exportFiles, toTcx, toGpx, toStepsCsv, toPointsCsv } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { bitNames, FLAG_NAMES } from "../../src/export/activity";
import { parseFit } from "../../src/sim/formats/fit";
import { crc32 } from "../../src/sim/crc";
import { FIXTURE_LOG, FIXTURE_LOG_HR } from "./session";
import { truth, checkFit, gpsbabel, checkBabel, pointHrCad } from "./checks";
import { checkTcx, checkGpx, checkCsv } from "./formats";

describe("the fixture log with HR and cadence per point", () => {
  const t = truth(readFileSync(FIXTURE_LOG_HR, "utf8"));
  const a = activityFromLog(readFileSync(FIXTURE_LOG_HR, "utf8"), crc32);
  it("carries the watch's values, which vary inside a step (not its averages)", () => {
    expect(a.pointValues).toBe("point");
    a.points.forEach((p, i) => {
      expect(p.hr).toBe(t.track[i].bpm);
      expect(p.hr).toBeGreaterThan(0);
    });
    // the HR of the warm-up's points rises from the recording's first values
    const warm = a.points.filter((p) => p.lap === 0).map((p) => p.hr);
    expect(Math.max(...warm) - Math.min(...warm)).toBeGreaterThan(30);
    // inside the reps the points' mean cadence is close to the step's average (the same estimates, sampled)
    for (const l of a.laps.filter((x) => x.kind === "work")) {
      const c = a.points.filter((p) => a.laps[p.lap] === l && p.cad > 0).map((p) => p.cad);
      expect(Math.abs(c.reduce((x, y) => x + y, 0) / c.length - l.avgCad)).toBeLessThan(8);
    }
  });
});

for (const [which, file] of [["HR and cadence per point", FIXTURE_LOG_HR], ["older, step averages", FIXTURE_LOG]] as const) {
const text = readFileSync(file, "utf8");
const t = truth(text);
const a = activityFromLog(text, crc32);

describe(`the fixture log (${which})`, () => {
  it("is a whole Classic 5K with a pause, both RPEs and no damage", () => {
    expect(t.log.errors).toEqual([]);
    expect(t.log.torn).toBe(false);
    expect(t.head.plan).toBe("Classic 5K");
    expect(t.steps.map((s) => s.idx)).toEqual([...Array(21).keys()]);
    expect(t.end.why).toBe("done");
    expect(t.events.filter((e) => e.what === "pause")).toHaveLength(1);
    expect(t.rpe).toBe(6);
    expect(t.track.length).toBeGreaterThan(400);
    expect(a.notes).toEqual([]);
    expect(a.pointValues).toBe(file === FIXTURE_LOG ? "step" : "point");
  });
});

if (file === FIXTURE_LOG) describe("the form guard's step flags (the older fixture, written when its last rep faded)", () => {
  it("name the rep the watch saw fade (the fixture's last rep) and a shortened rep", () => {
    const rows = toStepsCsv(a).trim().split("\n");
    const faded = rows.filter((r) => r.includes("formFade"));
    expect(faded).toHaveLength(1);
    expect(faded[0]).toContain("cadDrop");
    // and a rep the runner shortened (flag 64) beside it
    const lap = a.laps.find((l) => l.rep === 6)!;
    expect(bitNames(lap.flags, FLAG_NAMES)).toBe("paceFast|paceSlow|cadDrop|formFade");
    expect(bitNames(lap.flags | 64, FLAG_NAMES)).toBe("paceFast|paceSlow|cadDrop|formFade|shortened");
  });
});

describe(`FIT (${which})`, () => {
  const fit = toFit(a);
  it("decodes cleanly with the SDK: one lap per step, contiguous, totals = sums, cadence halved", () => {
    checkFit(t, fit);
  });
  it("reads back through the project's own FIT reader with cadence doubled again", async () => {
    const rows = await parseFit(fit);
    expect(rows).toHaveLength(t.track.length);
    rows.forEach((r, i) => {
      const v = pointHrCad(t, t.track[i]);
      expect(r.spm).toBe(v.cad || NaN);
      expect(r.hr).toBe(v.hr || NaN);
    });
  });
  it("is what exportFiles gives for 'fit'", async () => {
    const [f] = await exportFiles(a, "fit");
    expect(f.suffix).toBe(".fit");
    expect(f.data).toEqual(fit);
  });
});

describe(`TCX, GPX and CSV (${which})`, () => {
  it("TCX: a lap per step with the step's time, distance, HR, cadence, and every point", () => checkTcx(t, toTcx(a)));
  it("GPX: every point with hr and one-foot cad, a segment per running stretch", () => checkGpx(t, toGpx(a)));
  it("CSV: a row per step, and a row per point that the recording reader takes", () => checkCsv(t, toStepsCsv(a), toPointsCsv(a)));
  it("CSV comes as two files", async () => {
    const files = await exportFiles(a, "csv");
    expect(files.map((f) => f.suffix)).toEqual([".steps.csv", ".points.csv"]);
  });
});

describe(`an independent reader (gpsbabel) sees every point of each track file (${which})`, () => {
  // a point with both values
  const k = t.track.findIndex((p) => pointHrCad(t, p).hr > 0 && pointHrCad(t, p).cad > 0);
  const v = pointHrCad(t, t.track[k]);
  it("GPX", () => {
    const b = gpsbabel("gpx", toGpx(a));
    checkBabel(t, b);
    expect(b.cad[k]).toBe(Math.round(v.cad / 2));
  });
  it("TCX", () => {
    const b = gpsbabel("gtrnctr", toTcx(a));
    checkBabel(t, b);
    expect(b.hr[k]).toBe(v.hr);
  });
  it("FIT", () => {
    const b = gpsbabel("garmin_fit", toFit(a));
    checkBabel(t, b);
    expect(b.cad[k]).toBe(Math.floor(v.cad / 2));
  });
});
}
