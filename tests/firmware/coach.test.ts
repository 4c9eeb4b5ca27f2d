// Coaching on the wrist, on the real firmware (README "Form guard", "Hard session warning"): a
// session where cadence and pace fade together in a rep gets the offer buzz and text at the next
// recovery, one BTN1 press takes it, the rest of the set runs shorter and the log says so; and the
// pre-start screen warns of a hard session in the last 36 h without blocking the start.
import { expect, it } from "vitest";
import { describeFw, fwApp, fwReboot, feeder, logText, shift, tapRow, runBar, FIX, FW_TIMEOUT } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { sessionTimeline } from "../../emulator/firmware/timeline";
import { synthTrack } from "../../src/sim/synth-track";
import type { SensorEvent } from "../../src/sim/replay";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { H_OFFER, H_RECOVERY, pattern } from "../../src/engine/haptics";
import { STEP_FORM_FADE, STEP_SHORT } from "../../src/engine/log/records";
import type { EventRec, StepRec } from "../../src/engine/log/records";
import { histEntry } from "../../src/engine/decide";
import type { Plan } from "../../src/engine/plan";

/** 4 x 90 s in a 3:55-4:05 band with 60 s jogs between, a 1-min cool-down: leaves 0-6 the set, 7 the cool-down */
const GUARD: Plan = {
  v: 1,
  name: "Guard 4x90s",
  steps: [
    { repeat: 4, steps: [{ kind: "work", end: { time: 90 }, pace: [235, 245], label: "Rep" }], between: { kind: "recovery", end: { time: 60 }, label: "Jog" } },
    { kind: "cooldown", end: { time: 60 } },
  ],
};
/** rep 2 runs 150-240 s of the session: from 45 s into it cadence drops 8 % and pace slows to 4:30 */
const FADE_S = [195, 240];

/** installs a workout file and opens the list again (it is read when shown) */
function install(w: Watch, file: string, plan: Plan): void {
  w.writeFile(file, JSON.stringify(plan));
  w.exec('load("speedseq.app.js")');
  w.advance(1500);
  w.exec("echo(0)");
}

/** the README's start path for a listed workout: tap its row, a fix, BTN1 */
function start(w: Watch, name: string): void {
  tapRow(w, name);
  w.advance(500);
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
}

const drawnSince = (w: Watch, t: number) => w.texts.filter((x) => x.tMs >= t && x.y >= 24).map((x) => x.text);

/** GPS, HR, the wrist's accelerometer and steps of a runner on pace but for the fade in rep 2 */
function fadeEvents(): SensorEvent[] {
  const fast = 1000 / 240, slow = 1000 / 270;
  const track = synthTrack([{ durS: FADE_S[0], mps: fast }, { durS: FADE_S[1] - FADE_S[0], mps: slow }, { durS: 500, mps: fast }], { seed: 4 });
  for (const r of track.rows) r.spm = r.tS >= FADE_S[0] && r.tS < FADE_S[1] ? 166 : 180;
  return sessionTimeline(track.rows, { durS: 640, seed: 2 }) as SensorEvent[];
}

describeFw("coaching on the wrist", () => {
  it("form guard: cadence and pace fade in rep 2, the offer at the next recovery, BTN1 takes it, reps 3 and 4 run 75 %", async () => {
    const w = await fwApp();
    install(w, "speedseq.wguard.json", GUARD);
    start(w, GUARD.name);
    const t0 = w.now();
    const feed = feeder(w, fadeEvents());

    // up to the end of rep 2 (the session started a second before t0): no offer yet
    feed(238_000);
    expect(drawnSince(w, t0)).not.toContain("Form fading:");
    // locked, as a watch on Run lock Auto is during a run: a press would only unlock it
    w.exec("Bangle.setLocked(true)");
    w.advance(100);
    expect(w.eval<boolean>("Bangle.isLocked()")).toBe(true);
    expect(w.buzzes.filter((z) => z.ms === pattern(H_OFFER)[0])).toEqual([]);
    // 5 s into the recovery: the recovery pattern, then the offer's, and the offer on the screen
    feed(7_000);
    const recStart = t0 + 239_000;
    const rec = w.buzzes.find((z) => z.ms === pattern(H_RECOVERY)[2] && z.tMs >= recStart - 2000)!;
    expect(rec, "the recovery pattern").toBeDefined();
    const offer = w.buzzes.filter((z) => z.tMs >= recStart - 2000 && z.ms === pattern(H_OFFER)[0]);
    expect(offer.length, "the offer pattern").toBe(1);
    expect(offer[0].tMs).toBeGreaterThan(rec.tMs);
    // (the run screen draws what changed: the offer's lines when it began)
    const screen = drawnSince(w, recStart - 2000);
    expect(screen).toContain("Form fading:");
    expect(screen).toContain("BTN1 = shorten next reps");
    expect(screen).toContain("(BTN1 does not pause now)");
    // the watch unlocked for the offer, so the one press is delivered
    expect(w.eval<boolean>("Bangle.isLocked()")).toBe(false);
    w.press(100);
    w.advance(1000);
    expect(drawnSince(w, w.now() - 900)).not.toContain("PAUSED");
    expect(drawnSince(w, w.now() - 900)).not.toContain("Form fading:");
    // the next rep (from about 300 s) says it is short; the session runs to its summary
    feed(310_000 - (w.now() - t0));
    expect(drawnSince(w, t0 + 290_000)).toContain("Short");
    feed(400_000, () => (w.lastText("Rate effort")?.tMs ?? -1) > t0);
    expect(w.lastText("Rate effort")).toBeDefined();

    const log = decodeLog(logText(w), crc32);
    expect(log.errors).toEqual([]);
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    const reps = steps.filter((s) => s.kind === "work");
    expect(reps.map((s) => Math.round(s.durMs / 1000))).toEqual([90, 90, 68, 68]);
    expect(reps.map((s) => (s.flags & STEP_FORM_FADE) !== 0)).toEqual([false, true, false, false]);
    expect(reps.map((s) => (s.flags & STEP_SHORT) !== 0)).toEqual([false, false, true, true]);
    expect(steps.filter((s) => s.kind !== "work").map((s) => Math.round(s.durMs / 1000))).toEqual([60, 60, 60, 60]);
    const ev = log.recs.filter((r): r is EventRec => r.k === "F" && ["formOffer", "shorten", "asPlanned", "pause"].includes(r.what));
    expect(ev.map((e) => [e.what, e.value])).toEqual([["formOffer", 7], ["shorten", 7]]);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "done" });
  }, FW_TIMEOUT);

  it("form guard after a power loss: the offer taken, the watch dies in rep 3, Resume runs reps 3 and 4 short", async () => {
    const w = await fwApp();
    install(w, "speedseq.wguard.json", GUARD);
    start(w, GUARD.name);
    const t0 = w.now();
    const ev = fadeEvents();
    const feed = feeder(w, ev);
    feed(245_000);
    expect(drawnSince(w, t0 + 235_000)).toContain("Form fading:");
    w.press(100);
    // 20 s into rep 3 (from about 300 s): the power goes
    feed(320_000 - (w.now() - t0));
    const w2 = await fwReboot(w);
    loadApp(w2, "speedseq.app.js");
    w2.advance(3000);
    w2.tapText("Resume");
    w2.advance(1000);
    const from = w2.now();
    feeder(w2, shift(ev, w2.now() - t0))(400_000, () => (w2.lastText("Rate effort")?.tMs ?? -1) > from);
    expect(w2.lastText("Rate effort")).toBeDefined();
    const log = decodeLog(logText(w2), crc32);
    expect(log.errors).toEqual([]);
    const reps = log.recs.filter((r): r is StepRec => r.k === "S" && r.kind === "work");
    // rep 3 ran again from its start after the resume (its first part was lost with the power), as short as before
    expect(reps.map((s) => [s.idx, Math.round(s.durMs / 1000), (s.flags & STEP_SHORT) !== 0])).toEqual([[0, 90, false], [2, 90, false], [4, 68, true], [6, 68, true]]);
    expect(log.recs.filter((r): r is EventRec => r.k === "F" && r.what === "shorten").map((e) => e.value)).toEqual([7]);
  }, FW_TIMEOUT);

  it("pre-start warns of a hard session 20 h ago, as a heuristic, and BTN1 still starts", async () => {
    const w = await fwApp();
    const ended = w.now() - 20.5 * 3600_000;
    w.writeFile("speedseq.hist.json", JSON.stringify([histEntry(ended - 50 * 60_000, 50 * 60_000, 8, "Classic 5K", 0, 6)]));
    w.exec('load("speedseq.app.js")');
    w.advance(1500);
    w.exec("echo(0)");
    const t = w.now();
    tapRow(w, "Tempo 20");
    w.advance(500);
    w.emit("GPS", { ...FIX, time: new Date(w.now()) });
    w.advance(1100);
    const pre = drawnSince(w, t);
    expect(pre).toContain("Hard session 20 h ago:");
    expect(pre).toContain("easy day? (heuristic)");
    expect(pre).toContain("BTN: start");
    w.press(100);
    w.advance(2000);
    expect(runBar(w)).toBe("Warm-up");
  }, FW_TIMEOUT);

  it("pre-start says nothing of an easy session 20 h ago or a hard one 40 h ago", async () => {
    const w = await fwApp();
    const h = 3600_000;
    w.writeFile("speedseq.hist.json", JSON.stringify([
      histEntry(w.now() - 20 * h - 40 * 60_000, 40 * 60_000, 3, "Easy+strides", 1, 0),
      histEntry(w.now() - 40 * h - 50 * 60_000, 50 * 60_000, 8, "Classic 5K", 0, 6),
    ]));
    w.exec('load("speedseq.app.js")');
    w.advance(1500);
    w.exec("echo(0)");
    const t = w.now();
    tapRow(w, "Tempo 20");
    w.advance(1600);
    const pre = drawnSince(w, t);
    expect(pre.some((s) => /^Hard session/.test(s))).toBe(false);
    // the note is shown in its place
    expect(pre).toContain("20 min comfortably hard at");
  }, FW_TIMEOUT);
});
