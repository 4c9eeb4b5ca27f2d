// Every format from the log the real app wrote on the real firmware (tests/fixtures/speedseq-classic5k.log,
// made by tests/export/firmware.test.ts): FIT read by Garmin's own Decoder, TCX/GPX/CSV against the
// log, and each track file read by an independent reader (Debian's gpsbabel).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { activityFromLog, exportFiles, toTcx, toGpx, toStepsCsv, toPointsCsv } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { bitNames, FLAG_NAMES } from "../../src/export/activity";
import { parseFit } from "../../src/sim/formats/fit";
import { crc32 } from "../../src/sim/crc";
import { FIXTURE_LOG } from "./session";
import { truth, checkFit, gpsbabel, checkBabel, stepAt } from "./checks";
import { checkTcx, checkGpx, checkCsv } from "./formats";

const text = readFileSync(FIXTURE_LOG, "utf8");
const t = truth(text);
const a = activityFromLog(text, crc32);

describe("the fixture log", () => {
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
  });
});

describe("the form guard's step flags", () => {
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

describe("FIT", () => {
  const fit = toFit(a);
  it("decodes cleanly with the SDK: one lap per step, contiguous, totals = sums, cadence halved", () => {
    checkFit(t, fit);
  });
  it("reads back through the project's own FIT reader with cadence doubled again", async () => {
    const rows = await parseFit(fit);
    expect(rows).toHaveLength(t.track.length);
    rows.forEach((r, i) => {
      const s = stepAt(t, t.track[i].tMs);
      expect(r.spm).toBe(s.avgCad);
      expect(r.hr).toBe(s.avgHr);
    });
  });
  it("is what exportFiles gives for 'fit'", async () => {
    const [f] = await exportFiles(a, "fit");
    expect(f.suffix).toBe(".fit");
    expect(f.data).toEqual(fit);
  });
});

describe("TCX, GPX and CSV", () => {
  it("TCX: a lap per step with the step's time, distance, HR, cadence, and every point", () => checkTcx(t, toTcx(a)));
  it("GPX: every point with hr and one-foot cad, a segment per running stretch", () => checkGpx(t, toGpx(a)));
  it("CSV: a row per step, and a row per point that the recording reader takes", () => checkCsv(t, toStepsCsv(a), toPointsCsv(a)));
  it("CSV comes as two files", async () => {
    const files = await exportFiles(a, "csv");
    expect(files.map((f) => f.suffix)).toEqual([".steps.csv", ".points.csv"]);
  });
});

describe("an independent reader (gpsbabel) sees every point of each track file", () => {
  it("GPX", () => {
    const b = gpsbabel("gpx", toGpx(a));
    checkBabel(t, b);
    expect(b.cad[0]).toBe(Math.round(stepAt(t, t.track[0].tMs).avgCad / 2));
  });
  it("TCX", () => {
    const b = gpsbabel("gtrnctr", toTcx(a));
    checkBabel(t, b);
    expect(b.hr[0]).toBe(stepAt(t, t.track[0].tMs).avgHr);
  });
  it("FIT", () => {
    const b = gpsbabel("garmin_fit", toFit(a));
    checkBabel(t, b);
    expect(b.cad[0]).toBe(Math.floor(stepAt(t, t.track[0].tMs).avgCad / 2));
  });
});
