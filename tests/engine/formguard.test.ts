// The form guard (README "Form guard"): cadence and pace fading together in a rep make an offer
// at the next recovery to shorten the rest of the set; BTN1 ("shorten") within OFFER_MS takes it,
// no answer keeps the plan; the log says which, and a resume keeps the reps short.
import { describe, it, expect } from "vitest";
import { synthTrack } from "../../src/sim/synth-track";
import type { Segment } from "../../src/sim/synth-track";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import type { RunOptions } from "../../src/sim/harness";
import { DropDetector } from "../../src/engine/cadence/drop";
import { decodeLog, decodeLine } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { Plan } from "../../src/engine/plan";
import type { StepRec, EventRec } from "../../src/engine/log/records";
import { STEP_FORM_FADE, STEP_SHORT } from "../../src/engine/log/records";
import { H_OFFER, H_RECOVERY } from "../../src/engine/haptics";
import { FORM_OFFER } from "../../src/engine/session";
import { OFFER_MS, SHORT_PCT } from "../../src/engine/rules";

/** 4 x 90 s in a 235-245 s/km band with 60 s jogs between, a 2-min cool-down: leaves 0-6 the set, 7 the cool-down */
const PLAN: Plan = {
  v: 1,
  name: "guard",
  steps: [
    { repeat: 4, steps: [{ kind: "work", end: { time: 90 }, pace: [235, 245], label: "Rep" }], between: { kind: "recovery", end: { time: 60 }, label: "Jog" } },
    { kind: "cooldown", end: { time: 120 } },
  ],
};
/** rep 2 runs 150-240 s: its fade starts 45 s in */
const FADE = [195, 240];
const ON_PACE = 1000 / 240;
const FADED = 1000 / 270;

/** the run: pace and cadence fade in rep 2 (either, both or neither), commands at true times */
function run(o: { pace: boolean; cad: boolean; cmds?: RunOptions["cmds"]; resume?: RunOptions["resume"]; fromS?: number; endS?: number }) {
  const segs: Segment[] = [{ durS: FADE[0], mps: ON_PACE }, { durS: FADE[1] - FADE[0], mps: o.pace ? FADED : ON_PACE }, { durS: 900, mps: ON_PACE }];
  const from = o.fromS ?? 0;
  const ev = replay(synthTrack(segs, { seed: 4 }).rows, { seed: 4, fromS: from, toS: 1100 });
  const cadence = [];
  for (let t = from + 1; t < 1100; t++) cadence.push({ tMs: (t - from) * 1000, spm: o.cad && t >= FADE[0] && t < FADE[1] ? 165 : 180, conf: 0.9 });
  const r = runSession(PLAN, ev, { drop: new DropDetector(), cadence, cmds: o.cmds, resume: o.resume, endMs: ((o.endS ?? 1100) - from) * 1000 });
  const d = decodeLog(r.lines.join(""), crc32);
  expect(d.errors).toEqual([]);
  const steps = d.recs.filter((x): x is StepRec => x.k === "S");
  const events = d.recs.filter((x): x is EventRec => x.k === "F");
  return { r, d, steps, events, reps: steps.filter((s) => s.kind === "work") };
}
const guardEvents = (events: EventRec[]) => events.filter((e) => e.what === "formOffer" || e.what === "shorten" || e.what === "asPlanned");

describe("the form guard", () => {
  it("marks the rep and offers at the next recovery when cadence and pace fade together", () => {
    const { r, reps, steps, events } = run({ pace: true, cad: true });
    expect(reps.map((s) => (s.flags & STEP_FORM_FADE) !== 0)).toEqual([false, true, false, false]);
    // the recovery after rep 2 starts at 240 s: the offer opens at its first event with the set's end (leaf 7)
    const offer = events.find((e) => e.what === "formOffer")!;
    expect(offer.value).toBe(7);
    expect(offer.tMs).toBeGreaterThanOrEqual(steps[3].startMs);
    expect(offer.tMs).toBeLessThanOrEqual(steps[3].startMs + 1000);
    // its pattern plays after the recovery's own, never over it
    const rec = r.buzzes.find((b) => b.id === H_RECOVERY && b.atMs >= 239_000)!;
    const off = r.buzzes.filter((b) => b.id === H_OFFER);
    expect(off.length).toBe(1);
    expect(off[0].atMs).toBeGreaterThan(rec.atMs);
    expect(off[0].atMs - rec.atMs).toBeLessThan(2000);
  });

  it("does not offer on a cadence drop alone, nor on a pace fade alone", () => {
    for (const o of [{ pace: false, cad: true }, { pace: true, cad: false }, { pace: false, cad: false }]) {
      const { r, reps, events } = run(o);
      expect(reps.some((s) => (s.flags & STEP_FORM_FADE) !== 0), JSON.stringify(o)).toBe(false);
      expect(guardEvents(events), JSON.stringify(o)).toEqual([]);
      expect(r.buzzes.some((b) => b.id === H_OFFER)).toBe(false);
    }
    // (the planted drop and fade are each seen on their own: the flags the watch already had)
    expect(run({ pace: false, cad: true }).reps[1].flags & 4).toBe(4);
    expect(run({ pace: true, cad: false }).reps[1].flags & 2).toBe(2);
  });

  it("no answer keeps the plan: the offer lapses after OFFER_MS and the log says as planned", () => {
    const { reps, steps, events } = run({ pace: true, cad: true });
    expect(guardEvents(events).map((e) => e.what)).toEqual(["formOffer", "asPlanned"]);
    const lapse = events.find((e) => e.what === "asPlanned")!;
    expect(lapse.tMs - steps[3].startMs).toBeGreaterThanOrEqual(OFFER_MS);
    expect(lapse.tMs - steps[3].startMs).toBeLessThanOrEqual(OFFER_MS + 1000);
    expect(reps.map((s) => s.durMs)).toEqual([90_000, 90_000, 90_000, 90_000]);
    expect(reps.some((s) => (s.flags & STEP_SHORT) !== 0)).toBe(false);
  });

  it("BTN1 within the offer shortens the rest of the set's reps to 75 %, the same whenever in the window it comes", () => {
    const short = Math.round((90 * SHORT_PCT) / 100) * 1000;
    const runs = [241_500, 250_000, 254_000].map((atMs) => run({ pace: true, cad: true, cmds: [{ atMs, cmd: "shorten" }] }));
    for (const x of runs) {
      expect(guardEvents(x.events).map((e) => [e.what, e.value])).toEqual([["formOffer", 7], ["shorten", 7]]);
      expect(x.reps.map((s) => s.durMs)).toEqual([90_000, 90_000, short, short]);
      expect(x.reps.map((s) => (s.flags & STEP_SHORT) !== 0)).toEqual([false, false, true, true]);
      // the recoveries and the cool-down keep their time; nothing is paused by the press
      expect(x.steps.filter((s) => s.kind !== "work").map((s) => s.durMs)).toEqual([60_000, 60_000, 60_000, 120_000]);
      expect(x.events.some((e) => e.what === "pause")).toBe(false);
    }
    // deterministic: the step lines after the offer are the same, and a rerun writes the same log
    expect(runs[1].reps.map((s) => s.startMs)).toEqual(runs[2].reps.map((s) => s.startMs));
    expect(run({ pace: true, cad: true, cmds: [{ atMs: 250_000, cmd: "shorten" }] }).r.lines).toEqual(runs[1].r.lines);
  });

  it("a press after the window, or in a rep, changes nothing", () => {
    for (const atMs of [256_500, 200_000]) {
      const x = run({ pace: true, cad: true, cmds: [{ atMs, cmd: "shorten" }] });
      expect(x.reps.map((s) => s.durMs)).toEqual([90_000, 90_000, 90_000, 90_000]);
      expect(x.events.some((e) => e.what === "shorten")).toBe(false);
    }
  });

  it("the screen's state: the offer stands only in its window", () => {
    expect(run({ pace: true, cad: true, endS: 239 }).r.session.form).not.toBe(FORM_OFFER);
    expect(run({ pace: true, cad: true, endS: 245 }).r.session.form).toBe(FORM_OFFER);
    expect(run({ pace: true, cad: true, endS: 245, cmds: [{ atMs: 244_000, cmd: "shorten" }] }).r.session.form).toBe(0);
    expect(run({ pace: true, cad: true, endS: 257 }).r.session.form).toBe(0);
  });

  it("the log round-trips, and a resume after a power loss replays the shortened set", () => {
    const full = run({ pace: true, cad: true, cmds: [{ atMs: 250_000, cmd: "shorten" }] });
    // the watch dies in rep 3 (leaf 4): what was on flash then, every line before rep 3's summary
    const upTo = full.r.lines.findIndex((l) => {
      const r = decodeLine(l, crc32);
      return r.ok && r.rec.k === "S" && r.rec.idx === 4;
    });
    const text = full.r.lines.slice(0, upTo).join("");
    const before = decodeLog(text, crc32);
    expect(before.recs.some((x) => x.k === "F" && x.what === "shorten" && x.value === 7)).toBe(true);
    // what the watch's scan takes from it (src/watch/scan.ts: the first unfinished leaf, the last shorten)
    const nextIdx = Math.max(...before.recs.filter((x): x is StepRec => x.k === "S").map((s) => s.idx)) + 1;
    const shortenTo = (before.recs.filter((x): x is EventRec => x.k === "F" && x.what === "shorten").pop()!).value!;
    expect([nextIdx, shortenTo]).toEqual([4, 7]);
    const resumed = run({ pace: false, cad: false, fromS: 320, resume: { lastSeq: before.lastSeq, fromIdx: nextIdx, cut: shortenTo } });
    const short = Math.round((90 * SHORT_PCT) / 100) * 1000;
    expect(resumed.steps.map((s) => [s.idx, s.kind, s.durMs])).toEqual([[4, "work", short], [5, "recovery", 60_000], [6, "work", short], [7, "cooldown", 120_000]]);
    expect(resumed.reps.every((s) => (s.flags & STEP_SHORT) !== 0)).toBe(true);
    // the resumed lines continue the log: the whole verifies with no seq missing
    const whole = decodeLog(text + "\n" + resumed.r.lines.join(""), crc32);
    expect(whole.errors).toEqual([]);
  });
});
