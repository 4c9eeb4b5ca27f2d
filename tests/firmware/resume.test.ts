// The app killed mid-session on the real firmware, then opened again: it offers Resume or Save
// (apps/speedseq/README.md, "While running"), and either way no finished step is lost and every
// line of the log still verifies. Two kinds of kill: load() from the console (what the long BTN1
// hold does on a watch: the emulator build has no long-press poll, README of the firmware folder),
// which runs the app's 'kill' handler, and a power loss: a new instance booted on a copy of the
// flash, with a line torn by the loss, where nothing of the old app ran on the way out.
import { expect, it } from "vitest";
import { describeFw, fwApp, fwReboot, feeder, logText, recordingEvents, runBar, shift, startWorkout, FW_TIMEOUT } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { StepRec } from "../../src/engine/log/records";

const REC = "pyfitparse_activity-small-fenix2-run.csv";
const CLASSIC_STEPS = 21;

const stepsOf = (text: string) => decodeLog(text, crc32).recs.filter((r): r is StepRec => r.k === "S");

/** a Classic 5K started by the README's path, fed by the recording for killAtMs; the stream and its start */
function runUntil(w: Watch, killAtMs: number) {
  startWorkout(w, "Classic 5K");
  const ev = recordingEvents(REC, { fromS: 60 });
  const t0 = w.now();
  feeder(w, ev)(killAtMs);
  return { ev, t0 };
}

/** feeds what is left of the stream (from the watch's now) until the summary is up */
function finish(w: Watch, ev: ReturnType<typeof recordingEvents>, t0: number): void {
  const feed = feeder(w, shift(ev, w.now() - t0));
  const from = w.now();
  feed(2_800_000 - (w.now() - t0), () => (w.lastText("Rate effort")?.tMs ?? -1) >= from);
  expect(w.lastText("Rate effort")?.tMs ?? -1, "no summary").toBeGreaterThanOrEqual(from);
}

/** the resume-or-save prompt after a relaunch, with the number of steps it says are done */
function prompt(w: Watch, from: number): number {
  const text = w.texts.filter((x) => x.tMs >= from).map((x) => x.text).join("\n");
  expect(text).toContain("Unfinished session");
  expect(text).toContain("Classic 5K");
  expect(w.lastText("Resume")!.tMs).toBeGreaterThanOrEqual(from);
  expect(w.lastText("Save")!.tMs).toBeGreaterThanOrEqual(from);
  return Number(/(\d+) steps done/.exec(text)![1]);
}

/** a finished session's log: each step once, in order, the ones from before the kill unchanged */
function checkComplete(text: string, before: StepRec[], maxErrors: number) {
  const log = decodeLog(text, crc32);
  expect(log.errors.length).toBeLessThanOrEqual(maxErrors);
  const steps = log.recs.filter((r): r is StepRec => r.k === "S");
  for (const s of before) expect(steps).toContainEqual(s);
  expect(steps.map((s) => s.idx)).toEqual([...Array(CLASSIC_STEPS).keys()]);
  expect(steps.filter((s) => s.kind === "work").map((s) => s.rep)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "done" });
  return log;
}

describeFw("killed mid-session, opened again", () => {
  it("load() mid-rep: the kill handler releases everything; Resume continues the same log to the end", async () => {
    const w = await fwApp();
    const { ev, t0 } = runUntil(w, 1_350_000);
    expect(runBar(w)).toBe("Rep 3/6");
    const before = stepsOf(logText(w));
    expect(before.length).toBeGreaterThan(10);
    w.exec("load()");
    w.advance(1500);
    w.exec("echo(0)");
    // the clock is up; nothing of ours is left running
    expect(w.eval("global.__FILE__")).not.toBe("speedseq.app.js");
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    expect(w.listeners()).not.toHaveProperty("GPS");
    expect(w.listeners()).not.toHaveProperty("accel");
    expect(w.eval("Bangle.getOptions().btnLoadTimeout")).toBe(1500);
    // the kill flushed the log: every line verifies, no torn end
    const killed = decodeLog(logText(w), crc32);
    expect(killed.errors).toEqual([]);
    expect(killed.torn).toBe(false);
    // the runner keeps running; 20 s later opens SpeedSeq again
    feeder(w, shift(ev, w.now() - t0))(20_000);
    const from = w.now();
    loadApp(w, "speedseq.app.js");
    expect(prompt(w, from)).toBe(before.length);
    w.advance(2000);
    w.tapText("Resume");
    w.advance(1000);
    expect(w.powered()).toEqual({ GPS: ["speedseq"], HRM: ["speedseq"] });
    // the unfinished rep 3 runs again from its start
    expect(runBar(w, from)).toBe("Rep 3/6");
    finish(w, ev, t0);
    const log = checkComplete(logText(w), before, 0);
    expect(log.errors).toEqual([]);
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("power loss with a torn last line: the new boot's relaunch resumes, only the torn line is lost", async () => {
    const w = await fwApp();
    const { ev, t0 } = runUntil(w, 1_800_000);
    const before = stepsOf(logText(w));
    // the loss tears the line being written
    w.exec('require("Storage").open("speedseq.log0","a").write("S9z,4,2,1")');
    const w2 = await fwReboot(w);
    expect(w2.eval("global.__FILE__")).not.toBe("speedseq.app.js");
    const from = w2.now();
    loadApp(w2, "speedseq.app.js");
    expect(prompt(w2, from)).toBe(before.length);
    w2.advance(3000);
    w2.tapText("Resume");
    w2.advance(1000);
    finish(w2, ev, t0);
    const log = checkComplete(logText(w2), before, 1);
    // the torn text became one bad line, closed by the resume's newline
    expect(log.errors.length).toBe(1);
    expect(w2.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("Save instead closes the log as it was (E saved), then the summary and the effort", async () => {
    const w = await fwApp();
    runUntil(w, 700_000); // the warm-up and the first stride done
    const before = stepsOf(logText(w));
    expect(before.length).toBeGreaterThan(1);
    const w2 = await fwReboot(w);
    const from = w2.now();
    loadApp(w2, "speedseq.app.js");
    expect(prompt(w2, from)).toBe(before.length);
    w2.advance(2000);
    const t = w2.now();
    w2.tapText("Save");
    w2.advance(1000);
    const log = decodeLog(logText(w2), crc32);
    expect(log.errors).toEqual([]);
    expect(stepsOf(logText(w2))).toEqual(before);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "saved" });
    expect(w2.shown(t)).toContain("Rate effort");
    // no sensor was turned on for a session that is not resumed
    expect(w2.powered()).toEqual({ GPS: [], HRM: [] });
    // rated and in the history, the next launch shows the list, not the prompt again
    w2.tapText("Rate effort");
    w2.advance(1000);
    w2.tapText("Save");
    w2.advance(1000);
    const hist = JSON.parse(w2.readFile("speedseq.hist.json")!) as unknown[][];
    expect(hist.map((h) => h[5])).toEqual(["Classic 5K"]);
    const again = w2.now();
    loadApp(w2, "speedseq.app.js");
    const shown = w2.shown(again);
    expect(shown).toContain("Classic 5K");
    expect(shown.join("\n")).not.toContain("Unfinished session");
  }, FW_TIMEOUT);
});
