// Crashes, locks and long presses during a session: no single touch or hold ends it, and after
// the app dies at any point the relaunch resumes it with every finished rep still in the log.
import { describe, expect, it } from "vitest";
import { createBoard } from "../../emulator/board/index";
import { installApp } from "../../emulator/install";
import { appSource, play, recordingEvents, shown, logText, startedClassic5K } from "./boot";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { rng } from "../../src/sim/rng";
import type { StepRec } from "../../src/engine/log/records";

const REC = "pyfitparse_activity-small-fenix2-run.csv";

const started = startedClassic5K;

const stepsOf = (text: string) => decodeLog(text, crc32).recs.filter((r): r is StepRec => r.k === "S");

describe("crash and resume", () => {
  const r = rng(11);
  for (let k = 0; k < 4; k++) {
    const killAtMs = 60000 + Math.floor(r() * 2300000);
    it(`killed without warning at ${Math.round(killAtMs / 1000)} s, relaunched, resumed: nothing finished is lost`, () => {
      const b = started();
      const ev = recordingEvents(REC, 60);
      play(b, ev, killAtMs);
      const before = stepsOf(logText(b, 0));
      // power loss mid-write: a torn last line
      b.storage.appendSF("speedseq.log0", "S9z,4,2,1");
      const b2 = createBoard({ accel: false, storage: b.storage, startTime: b.wallNow() });
      installApp(b2, appSource());
      expect(shown(b2)).toContain("Resume");
      b2.tapText("Resume");
      b2.assertNoErrors();
      play(b2, ev.map((e) => ({ ...e, tMs: e.tMs - killAtMs })), 2770000 - killAtMs, () => b2.ui().mode !== "custom");
      b2.assertNoErrors();
      const log = decodeLog(logText(b2, 0), crc32);
      const steps = log.recs.filter((x): x is StepRec => x.k === "S");
      // every step finished before the crash is still there, unchanged
      for (const s of before) expect(steps).toContainEqual(s);
      // and the session completed: each step index once, ending with E
      expect(steps.map((s) => s.idx)).toEqual([...Array(21).keys()]);
      expect(log.recs.some((x) => x.k === "E")).toBe(true);
      // only the torn line is damaged
      expect(log.errors.length).toBeLessThanOrEqual(1);
    });
  }

  it("Save closes an unfinished log instead, then asks for the RPE", () => {
    const b = started();
    play(b, recordingEvents(REC, 60), 900000);
    const n = stepsOf(logText(b, 0)).length;
    const b2 = createBoard({ accel: false, storage: b.storage, startTime: b.wallNow() });
    installApp(b2, appSource());
    b2.tapText("Save");
    const log = decodeLog(logText(b2, 0), crc32);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "saved" });
    expect(stepsOf(logText(b2, 0)).length).toBe(n);
    expect(shown(b2)).toContain("Rate effort");
    b2.assertNoErrors();
  });
});

describe("locks, touches and holds during a session", () => {
  it("while locked the first press only unlocks; the next pauses; a tap then opens the menu, End needs a confirmation", () => {
    const b = started();
    const ev = recordingEvents(REC, 60);
    play(b, ev, 30000);
    expect(b.isLocked()).toBe(true);
    b.press();
    expect(b.isLocked()).toBe(false);
    b.advance(1000);
    expect(shown(b)).not.toContain("PAUSED");
    b.press();
    b.advance(1000);
    expect(shown(b)).toContain("PAUSED");
    b.tap(88, 120);
    b.tapText("End session");
    b.tapText("No");
    b.advance(1000);
    expect(b.ui().mode).toBe("custom");
    b.press(); // resume
    b.advance(1000);
    expect(shown(b).slice(-12)).not.toContain("PAUSED");
    expect(decodeLog(logText(b, 0), crc32).recs.some((r) => r.k === "E")).toBe(false);
    b.assertNoErrors();
  });

  it("taps and swipes while running change nothing", () => {
    const b = started();
    play(b, recordingEvents(REC, 60), 5000);
    const lines = logText(b, 0);
    b.tap(88, 88);
    b.swipe(1, 0);
    b.swipe(-1, 0);
    b.swipe(0, 1);
    b.advance(1000);
    expect(b.ui().mode).toBe("custom");
    expect(shown(b).slice(-14)).not.toContain("PAUSED");
    expect(logText(b, 0).startsWith(lines)).toBe(true);
    b.assertNoErrors();
  });

  it("holding BTN1 for 2 s only pauses; the 6 s hold leaves, cleanly, and the relaunch resumes", () => {
    const b = started();
    const ev = recordingEvents(REC, 60);
    play(b, ev, 5000);
    b.press(2000);
    expect(b.exited).toBe(false);
    b.advance(1000);
    expect(shown(b)).toContain("PAUSED");
    b.press(6500);
    expect(b.exited).toBe(true);
    expect(b.power()).toEqual({ GPS: [], HRM: [], Compass: [], Barometer: [] });
    expect(b.leakCheck()).toEqual([]);
    const b2 = createBoard({ accel: false, storage: b.storage, startTime: b.wallNow() });
    installApp(b2, appSource());
    expect(shown(b2)).toContain("Resume");
  });
});
