// Whole sessions on the real firmware, replayed from real recordings (GPS and HRM events emitted at
// their times while virtual time runs): the Classic 5K through the README's button path, and the
// fenix 4 x 1 km session uploaded as its own workout file. The checks mirror the board's
// (tests/watch/session.test.ts) and the engine's (tests/engine/real4x1km.test.ts): the log on
// flash, every step in order, the buzzes against the logged boundaries and the device's laps.
import { expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { describeFw, fwApp, feeder, logText, recordingEvents, startWorkout, tapRow, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { fmtTime } from "../../src/engine/format";
import { H_REP, H_END, H_RECOVERY, pattern } from "../../src/engine/haptics";
import { parseRecording, deviceLaps } from "../../src/sim/recording";
import { replay, type SensorEvent } from "../../src/sim/replay";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { parseWorkout } from "../../src/engine/workout/validate";
import type { HeaderRec, StepRec } from "../../src/engine/log/records";

/** Classic 5K: warm-up, 4 x (stride, walk), 6 x 400 with 5 jogs between, cool-down */
const CLASSIC_STEPS = 1 + 8 + 11 + 1;

/** what the app drew since t (below the widget bar) */
const drawn = (w: Watch, t: number) => w.texts.filter((x) => x.tMs >= t && x.y >= 24).map((x) => x.text);

/** plays a stream to its end or until the summary is up; samples free JsVars every `sampleMs` */
function runToSummary(w: Watch, feed: (ms: number, until?: () => boolean) => boolean, maxMs: number): number[] {
  const t0 = w.now();
  const free: number[] = [];
  const summary = () => (w.lastText("Rate effort")?.tMs ?? -1) >= t0;
  while (w.now() - t0 < maxMs && !summary()) {
    feed(60_000, summary);
    free.push(w.memory().free);
  }
  return free;
}

describeFw("whole sessions on the firmware", () => {
  it("Classic 5K from a real recording: every step logged in order, 6 reps of 400 m, one rep buzz at each logged start", async () => {
    const w = await fwApp();
    startWorkout(w, "Classic 5K");
    const t0 = w.now();
    const feed = feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }));
    let sawRep = false;
    feed(1_300_000, () => (sawRep = (w.lastText("Rep 1/6")?.tMs ?? -1) >= t0));
    expect(sawRep).toBe(true);
    // (first drawn under the countdown's big digit) 5 s into the rep: the rep count, metres to go, the band
    feed(5000);
    // (the run screen redraws only what changed each second: what the rep's screen shows is
    // what was drawn since its bar)
    const rep = drawn(w, w.lastText("Rep 1/6")!.tMs);
    expect(rep.slice(0, 2)).toEqual(["Rep 1/6", "400"]);
    expect(rep.slice(rep.indexOf("metres to go")).some((s) => /^\d+$/.test(s))).toBe(true);
    expect(rep.some((s) => /^\d:\d\d-\d:\d\d$/.test(s))).toBe(true);
    const free = runToSummary(w, feed, 2_000_000);
    expect(w.lastText("Rate effort")).toBeDefined();
    // the app never came near the end of the watch's 12,000 JsVars
    expect(Math.min(...free)).toBeGreaterThan(2000);

    // the session is over: sensors released, the long-press time restored
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    expect(w.listeners()).not.toHaveProperty("GPS");
    expect(w.eval("Bangle.getOptions().btnLoadTimeout")).toBe(1500);

    const log = decodeLog(logText(w), crc32);
    expect(log.errors).toEqual([]);
    expect(log.torn).toBe(false);
    const head = log.recs[0] as HeaderRec;
    expect(head).toMatchObject({ k: "H", plan: "Classic 5K" });
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    expect(steps.map((s) => s.idx)).toEqual([...Array(CLASSIC_STEPS).keys()]);
    const reps = steps.filter((s) => s.kind === "work");
    expect(reps.map((s) => s.rep)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of reps) {
      expect(Math.abs(r.distM - 400), `rep ${r.rep}: ${r.distM} m`).toBeLessThan(15);
      expect(r.why).toBe("dist");
    }
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "done" });

    // one rep-start buzz a rep, each within 0.5 s of the rep's logged start (wall = header + session
    // ms; the board allows 1.5 s, the firmware's timers keep it within a few ms)
    const repBuzzes = w.buzzes.filter((z) => z.ms === pattern(H_REP)[0]);
    expect(repBuzzes.length).toBe(6);
    for (let i = 0; i < 6; i++) expect(Math.abs(repBuzzes[i].tMs - (head.startMs + reps[i].startMs)), `rep ${i + 1}`).toBeLessThan(500);
    // the end pattern: three long buzzes
    expect(w.buzzes.filter((z) => z.ms === pattern(H_END)[0]).length).toBeGreaterThanOrEqual(3);

    // the summary's first rows, as the log has them
    const row = (r: StepRec) => `${r.rep} ${fmtTime(r.durMs / 1000)} @${fmtTime(r.durMs / r.distM)}`;
    const sum = drawn(w, w.lastText("Rate effort")!.tMs);
    for (const r of reps.slice(0, 3)) expect(sum).toContain(row(r));
  }, FW_TIMEOUT);

  it("the fenix 4 x 1 km session, uploaded as its own workout: each rep ends within 3 s of the device's lap or 1 % of its distance", async () => {
    const w = await fwApp();
    // an upload, as the README says: validated where it is made, written as speedseq.w<id>.json
    const four = TEMPLATES.find((p) => p.name === "4x1km")!;
    const up = parseWorkout(JSON.stringify({ ...four, name: "Fenix 4x1km", note: "The recorded fenix 5X session" }));
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    w.writeFile("speedseq.wfenix.json", JSON.stringify(up.plan));
    // the list is read when it is shown: leave and come back
    w.exec('load("speedseq.app.js")');
    w.advance(1500);
    w.exec("echo(0)");

    const rows = parseRecording(readFileSync("tests/fixtures/fitparser_running-with-developer-data.csv", "utf8"));
    const laps = deviceLaps(rows);
    const devReps = laps.filter((l) => ["2", "4", "6", "8"].includes(l.lap));
    const ev: SensorEvent[] = replay(rows, { seed: 3 });
    // the README's path with the recording's own first fix
    tapRow(w, "Fenix 4x1km");
    w.advance(500);
    const fix0 = ev.find((e) => e.type === "GPS")!;
    w.emit("GPS", fix0.data);
    w.advance(1100);
    expect(drawn(w, w.now() - 1000)).toContain("BTN: start");
    const tPress = w.now();
    w.press(100);
    const t0 = w.now(); // recording second 0
    const feed = feeder(w, ev);
    const at = (s: number) => t0 + s * 1000;
    // the warm-up ends at the lap: BTN1 when the device's first lap ended, as the runner did
    feed(at(laps[0].t1S + 0.25) - w.now());
    expect(w.lastText("lap: BTN")!.tMs).toBeGreaterThanOrEqual(tPress);
    expect(drawn(w, w.lastText("lap: BTN")!.tMs)).not.toContain("to go");
    w.press(100);
    // the cool-down too, at the end of the recording
    const lastS = laps[laps.length - 1].t1S;
    feed(at(lastS) - w.now());
    w.press(100);
    runToSummary(w, feed, 60_000);
    expect(w.lastText("Rate effort")).toBeDefined();

    const log = decodeLog(logText(w), crc32);
    expect(log.errors).toEqual([]);
    const head = log.recs[0] as HeaderRec;
    expect(head.plan).toBe("Fenix 4x1km");
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    expect(steps.map((s) => s.kind)).toEqual(["warmup", "work", "recovery", "work", "recovery", "work", "recovery", "work", "recovery", "cooldown"]);
    expect(steps[0].why).toBe("lap");
    expect(steps[steps.length - 1].why).toBe("lap");
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "done" });
    const reps = steps.filter((s) => s.kind === "work");

    // device odometer at a recording second, interpolated
    const odo = (tS: number): number => {
      const i = rows.findIndex((r) => r.tS >= tS);
      const a = rows[i - 1], b = rows[i];
      return a.distM + ((b.distM - a.distM) * (tS - a.tS)) / (b.tS - a.tS);
    };
    // a step's end in recording seconds: header wall time + session ms, against the stream's start
    const endS = (s: StepRec) => (head.startMs + s.startMs + s.durMs - t0) / 1000;
    for (let i = 0; i < 4; i++) {
      const e = endS(reps[i]);
      const dt = Math.abs(e - devReps[i].t1S);
      const dd = Math.abs(odo(e) - odo(devReps[i].t1S)) / 1000;
      expect(dt <= 3 || dd <= 0.01, `rep ${i + 1}: ends ${e.toFixed(1)} s vs device ${devReps[i].t1S} s (${(dd * 100).toFixed(2)} % of 1 km)`).toBe(true);
      expect(reps[i].why).toBe("dist");
      // the recovery pattern starts within 3 s of the device's lap
      const b = w.buzzes.find((z) => z.ms === pattern(H_RECOVERY)[0] && Math.abs(z.tMs - at(devReps[i].t1S)) < 30_000);
      expect(b, `recovery buzz after rep ${i + 1}`).toBeDefined();
      expect(Math.abs(b!.tMs - at(devReps[i].t1S)), `rep ${i + 1}`).toBeLessThanOrEqual(3000);
    }
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);
});
