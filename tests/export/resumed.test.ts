// A session the watch lost power in, resumed and ended early, on the real firmware (GPS/HRM from
// the fenix 2 recording): its log holds two runs of session time (the resume restarts it at 0 and
// does not say when it happened), an unfinished step before the loss, the same step again after
// it, and an end while paused. The exports keep every verified point, laps contiguous, the
// unfinished step as a lap of its own, and say what they assumed.
import { expect, it } from "vitest";
import { describeFw, fwApp, fwReboot, feeder, logText, recordingEvents, shift, startWorkout } from "../firmware/fw";
import { loadApp } from "../../emulator/firmware/node";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { StepRec } from "../../src/engine/log/records";
import { activityFromLog, toGpx, toTcx } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { readFit, gpsbabel } from "./checks";
import { Decoder, Stream } from "@garmin/fitsdk";

const REC = "pyfitparse_activity-small-fenix2-run.csv";

describeFw("exports of a resumed session logged on the firmware", () => {
  it("two runs of session time, an unfinished step, an end while paused", async () => {
    const w = await fwApp();
    startWorkout(w, "Classic 5K");
    const ev = recordingEvents(REC, { fromS: 60 });
    const t0 = w.now();
    feeder(w, ev)(1_050_000); // into rep 1
    const before = decodeLog(logText(w), crc32);
    const steps0 = before.recs.filter((r): r is StepRec => r.k === "S");
    const lastEnd = steps0[steps0.length - 1].startMs + steps0[steps0.length - 1].durMs;
    // the log already holds points and events of the step under way (points are flushed every 12)
    expect(before.track[before.track.length - 1].tMs).toBeGreaterThan(lastEnd + 10_000);
    const lastRec = Math.max(before.track[before.track.length - 1].tMs, ...before.recs.map((r) => (r.k === "F" ? r.tMs : 0)));
    // power lost; the runner opens SpeedSeq again at once and resumes
    const w2 = await fwReboot(w);
    loadApp(w2, "speedseq.app.js");
    w2.advance(2000);
    w2.tapText("Resume");
    w2.advance(1000);
    const feed = feeder(w2, shift(ev, w2.now() - t0));
    feed(240_000);
    // pause, then End session from the paused menu
    w2.press(100);
    feed(2000);
    w2.tap(88, 120);
    feed(1000);
    w2.tapText("End session");
    feed(1000);
    w2.tapText("End");
    feed(2000);
    const text = logText(w2);
    const log = decodeLog(text, crc32);
    expect(log.errors).toEqual([]);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "ended" });

    const a = activityFromLog(text, crc32);
    const unfinishedIdx = steps0.length;
    expect(a.notes).toEqual([
      `step ${unfinishedIdx + 1}: the watch stopped during it (no summary line): a lap of ${((lastRec - lastEnd) / 1000).toFixed(0)} s from the track`,
      `resumed after the watch stopped, from step ${unfinishedIdx + 1}: the log does not say when, so this part is placed straight after the last record before it`,
    ]);
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    // a lap per logged step, plus the unfinished one, in the order they ran
    expect(a.laps.map((l) => l.stepIdx)).toEqual([...steps0.map((s) => s.idx), unfinishedIdx, ...steps.slice(steps0.length).map((s) => s.idx)]);
    expect(a.laps[unfinishedIdx]).toMatchObject({ source: "unfinished", kind: null });
    expect(a.points).toHaveLength(log.track.length);
    for (let i = 1; i < a.points.length; i++) expect(a.points[i].tMs).toBeGreaterThan(a.points[i - 1].tMs);
    // two stretches of running timer: to the loss, and from the resume to the pause (it ended paused)
    expect(a.running).toHaveLength(2);

    const fit = toFit(a);
    expect(new Decoder(Stream.fromByteArray(fit)).checkIntegrity()).toBe(true);
    const { messages: m, errors } = readFit(fit);
    expect(errors).toEqual([]);
    const { messages: raw } = readFit(fit, true);
    expect(m.lapMesgs.map((l) => l.wktStepIndex)).toEqual(a.laps.map((l) => l.stepIdx));
    for (let i = 1; i < m.lapMesgs.length; i++) expect(m.lapMesgs[i].startTime.getTime()).toBe(m.lapMesgs[i - 1].timestamp.getTime());
    for (const k of ["totalElapsedTime", "totalTimerTime", "totalDistance"])
      expect(raw.sessionMesgs[0][k]).toBe(raw.lapMesgs.reduce((s: number, l: Record<string, number>) => s + l[k], 0));
    // the logged steps' own times and distances, unchanged
    const byIdx = m.lapMesgs.filter((_, i) => a.laps[i].source === "summary");
    const rawByIdx = raw.lapMesgs.filter((_, i) => a.laps[i].source === "summary");
    steps.forEach((s, i) => {
      expect(byIdx[i].wktStepIndex).toBe(s.idx);
      expect(rawByIdx[i].totalTimerTime).toBe(s.durMs);
      expect(rawByIdx[i].totalDistance).toBe(Math.round(s.distM * 100));
    });
    const timer = m.eventMesgs.filter((e) => e.event === "timer");
    expect(timer.map((e) => e.eventType)).toEqual(["start", "stopAll", "start", "stopAll"]);
    // the timer stopped at the pause, seconds before the session was ended
    const lastLap = m.lapMesgs[m.lapMesgs.length - 1];
    expect(lastLap.timestamp.getTime() - timer[3].timestamp.getTime()).toBeGreaterThanOrEqual(3000);
    expect(lastLap.timestamp.getTime() - timer[3].timestamp.getTime()).toBeLessThanOrEqual(6000);
    expect(m.recordMesgs).toHaveLength(log.track.length);
    for (const [fmt, data] of [["garmin_fit", fit], ["gtrnctr", toTcx(a)], ["gpx", toGpx(a)]] as const) expect(gpsbabel(fmt, data).n).toBe(log.track.length);
  }, 600_000);
});
