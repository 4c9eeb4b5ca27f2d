// The exports of a log written just now by the real app on the real firmware (tests/export/session.ts),
// through the same checks as the fixtures'. UPDATE_FIXTURES=1 saves that log as
// tests/fixtures/speedseq-classic5k-hr.log, which the other export tests read (fast, and without the
// firmware) beside speedseq-classic5k.log, the same session written before track points carried
// HR and cadence (kept as it is: an older log). Skipped with one line where the firmware files are missing (tests/firmware/fw.ts).
import { expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describeFw } from "../firmware/fw";
import { classic5kOnFirmware, FIXTURE_LOG_HR as FIXTURE_LOG } from "./session";
import { activityFromLog, toTcx, toGpx, toStepsCsv, toPointsCsv } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { crc32 } from "../../src/sim/crc";
import { truth, checkFit, gpsbabel, checkBabel } from "./checks";
import { checkTcx, checkGpx, checkCsv } from "./formats";

describeFw("exports of a Classic 5K logged on the firmware just now", () => {
  it("every format passes the fixture's checks", async () => {
    const text = await classic5kOnFirmware();
    // saved before the checks, so that a failing one can be looked into
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(FIXTURE_LOG, text);
    const t = truth(text);
    expect(t.log.errors).toEqual([]);
    expect(t.steps).toHaveLength(21);
    expect(t.end.why).toBe("done");
    expect(t.events.filter((e) => e.what === "pause")).toHaveLength(1);
    expect(t.rpe).toBe(6);
    // every point has its HR and cadence from the watch (the recording has HR throughout)
    expect(t.track.every((p) => p.bpm! > 0 && p.spm !== undefined)).toBe(true);
    const a = activityFromLog(text, crc32);
    expect(a.notes).toEqual([]);
    expect(a.pointValues).toBe("point");
    checkFit(t, toFit(a));
    checkTcx(t, toTcx(a));
    checkGpx(t, toGpx(a));
    checkCsv(t, toStepsCsv(a), toPointsCsv(a));
    checkBabel(t, gpsbabel("garmin_fit", toFit(a)));
    checkBabel(t, gpsbabel("gtrnctr", toTcx(a)));
    checkBabel(t, gpsbabel("gpx", toGpx(a)));
    if (process.env.UPDATE_FIXTURES !== "1" && (!existsSync(FIXTURE_LOG) || readFileSync(FIXTURE_LOG, "utf8") !== text))
      console.log(`${FIXTURE_LOG} differs from the log the app writes now (the app changed?): UPDATE_FIXTURES=1 npx vitest run tests/export/firmware.test.ts rewrites it`);
  }, 600_000);
});
