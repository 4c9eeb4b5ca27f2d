// Per-session metrics on logs made from real recordings (tests/fixtures): each recording is
// replayed through the session engine (src/sim/harness.ts runSession, as tests/engine/
// real4x1km.test.ts does) with its own cadence column as the cadence estimates, and the log the
// engine writes is analysed. The expected values come from the recording itself: the device's
// odometer, HR and cadence samples over the same stretches of time, and the device's own laps.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { parseRecording, deviceLaps, type Row } from "../../src/sim/recording";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { resolvePlan } from "../../src/engine/workout/pace";
import type { Plan } from "../../src/engine/plan";
import { analyzeLogText, type SessionAnalysis } from "../../src/analysis";

const avg = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const cv = (xs: number[]) => (100 * Math.sqrt(xs.reduce((a, x) => a + (x - avg(xs)) ** 2, 0) / (xs.length - 1))) / avg(xs);

/** the recording's cadence column as the engine's cadence estimates (steps/min, confident) */
const cadenceOf = (rows: Row[]) => rows.filter((r) => isFinite(r.spm)).map((r) => ({ tMs: r.tS * 1000 + 100, spm: r.spm, conf: 0.9 }));

/** the device's odometer at a recording second, interpolated */
function odo(rows: Row[], tS: number): number {
  const i = rows.findIndex((r) => r.tS >= tS);
  if (i <= 0) return rows[Math.max(0, i)].distM;
  const a = rows[i - 1];
  const b = rows[i];
  return a.distM + ((b.distM - a.distM) * (tS - a.tS)) / (b.tS - a.tS);
}

/** the recording's samples of one column inside a step's stretch of session time (replay: session ms = recording s × 1000, HR at +600 ms) */
function samples(rows: Row[], startMs: number, durMs: number, col: "hr" | "spm", phaseMs: number): number[] {
  return rows.filter((r) => r.tS * 1000 + phaseMs >= startMs && r.tS * 1000 + phaseMs < startMs + durMs && isFinite(r[col])).map((r) => r[col]);
}

describe("fenix 5X 4 × 1 km (fitparser recording) through the 4x1km workout", () => {
  const rows = parseRecording(readFileSync("tests/fixtures/fitparser_running-with-developer-data.csv", "utf8"));
  const laps = deviceLaps(rows);
  const devReps = laps.filter((l) => ["2", "4", "6", "8"].includes(l.lap));
  const goal = { distM: 5000, timeS: 22 * 60 };
  const plan = resolvePlan(TEMPLATES.find((p) => p.name === "4x1km")!, goal);
  const run = runSession(plan, replay(rows), {
    goal: "5000m 22:00",
    cadence: cadenceOf(rows),
    cmds: [{ atMs: laps[0].t1S * 1000 + 250, cmd: "lap" }, { atMs: laps[laps.length - 1].t1S * 1000, cmd: "lap" }],
  });
  const a: SessionAnalysis = analyzeLogText(run.lines.join(""), crc32);
  // 22:00 over 5 km is 264 s/km; the 4x1km reps run 5K pace + 5 s/km, ±5: [264, 274]
  const band: [number, number] = [264 + 5 - 5, 264 + 5 + 5];
  const devPace = devReps.map((l) => ((l.t1S - l.t0S) / l.distM) * 1000);

  it("finds the plan, four reps, each against [264, 274]", () => {
    expect(a.planKnown).toBe(true);
    expect(a.reps.length).toBe(4);
    expect(a.reps.every((r) => r.complete && r.band![0] === band[0] && r.band![1] === band[1])).toBe(true);
  });

  it("rep paces: the recording's odometer over the same stretch, and the device's laps", () => {
    a.reps.forEach((r, i) => {
      const t0 = r.startMs / 1000;
      const t1 = (r.startMs + r.durMs) / 1000;
      const own = (t1 - t0) / ((odo(rows, t1) - odo(rows, t0)) / 1000);
      expect(Math.abs(r.paceSPerKm! / own - 1), `rep ${i + 1}: ${r.paceSPerKm} vs odometer ${own.toFixed(1)}`).toBeLessThan(0.01);
      expect(Math.abs(r.paceSPerKm! / devPace[i] - 1), `rep ${i + 1} vs device lap`).toBeLessThan(0.01);
      // against the band, where the device's lap pace is clearly on one side of an edge
      const d = devPace[i];
      if (d < band[0] - 1.5) expect(r.vsTarget).toBe("fast");
      else if (d > band[1] + 1.5) expect(r.vsTarget).toBe("slow");
      else if (d > band[0] + 1.5 && d < band[1] - 1.5) expect(r.vsTarget).toBe("in");
    });
    // the run: rep 1 slow (278 s), rep 2 fast (261 s)
    expect(a.reps[0].vsTarget).toBe("slow");
    expect(a.reps[1].vsTarget).toBe("fast");
  });

  it("spread and fade agree with the device's laps", () => {
    expect(Math.abs(a.spread!.cvPct - cv(devPace))).toBeLessThan(0.3);
    const devFade = 100 * (devPace[3] / devPace[0] - 1);
    expect(Math.abs(a.fade!.firstToLastPct - devFade)).toBeLessThan(1);
    // faster at the end than at the start: a negative fade
    expect(a.fade!.firstToLastPct).toBeLessThan(-3);
  });

  it("cadence hold: the recording's cadence over each rep against the first", () => {
    const cads = a.reps.map((r) => avg(samples(rows, r.startMs, r.durMs, "spm", 100)));
    a.reps.forEach((r, i) => {
      expect(Math.abs(r.cad! - cads[i])).toBeLessThanOrEqual(1);
      expect(Math.abs(r.cadVsFirstPct! - (100 * (cads[i] - cads[0])) / cads[0])).toBeLessThan(0.6);
    });
  });

  it("HR drop in each recovery: the recording's peak minus its mean over the recovery", () => {
    const recs = a.recoveries.filter((r) => r.after === "work");
    expect(recs.map((r) => r.afterRep)).toEqual([1, 2, 3, 4]);
    for (const r of recs) {
      const hr = samples(rows, r.startMs, r.durMs, "hr", 600);
      const expected = Math.max(...hr) - avg(hr);
      expect(Math.abs(r.dropBpm! - expected), `recovery after rep ${r.afterRep}: ${r.dropBpm} vs ${expected.toFixed(1)}`).toBeLessThanOrEqual(1.5);
      expect(r.durMs).toBe(60000);
    }
  });

  it("no RPE in this log: no load, and four completed reps make it a hard day", () => {
    expect(a.rpe).toBeNull();
    expect(a.load).toBeNull();
    expect(a.hard).toBe(true);
    expect(a.hardWhy).toBe("reps");
  });
});

describe("steady 7 km with 1 km laps (runpandas TCX recording) through a workout of its own", () => {
  const rows = parseRecording(readFileSync("tests/fixtures/runpandas_2020-12-02T06_08_29-300_Running.csv", "utf8"));
  const laps = deviceLaps(rows).filter((l) => l.t1S > l.t0S);
  // a custom workout (not a built-in): 7 × 1 km at an absolute band, run without a break
  const plan: Plan = { v: 1, name: "7x1km steady", steps: [{ repeat: 7, steps: [{ kind: "work", end: { dist: 1000 }, pace: [340, 360] }] }] };
  const end = rows[rows.length - 1].tS * 1000 + 500;
  const run = runSession(plan, replay(rows), { goal: "5000m 25:00", cadence: cadenceOf(rows), cmds: [{ atMs: end, cmd: "end" }] });
  const text = run.lines.join("");
  const a = analyzeLogText(text, crc32, { plans: [TEMPLATES[0], plan] });

  it("identifies the custom workout only when it is given", () => {
    expect(a.planKnown).toBe(true);
    expect(analyzeLogText(text, crc32).planKnown).toBe(false);
  });

  it("the 7th rep, ended by the runner short of 1 km, is left out of spread and fade", () => {
    expect(a.reps.length).toBe(7);
    expect(a.reps[6].why).toBe("end");
    expect(a.reps[6].complete).toBe(false);
    expect(a.spread!.n).toBe(6);
    expect(a.notes.join(" ")).toMatch(/rep 7: ended by end/);
  });

  it("rep paces, spread and fade from the recording", () => {
    const own = a.reps.slice(0, 6).map((r) => {
      const t0 = r.startMs / 1000;
      const t1 = (r.startMs + r.durMs) / 1000;
      return (t1 - t0) / ((odo(rows, t1) - odo(rows, t0)) / 1000);
    });
    let checked = 0;
    a.reps.slice(0, 6).forEach((r, i) => {
      expect(Math.abs(r.paceSPerKm! / own[i] - 1), `rep ${i + 1}: ${r.paceSPerKm} vs odometer ${own[i].toFixed(1)}`).toBeLessThan(0.02);
      // against the band where the odometer's pace is clearly on one side of an edge: further
      // than the 2 % by which the watch's GPS distance and the device's odometer may differ
      const m = 0.02 * own[i];
      const vs = own[i] < 340 - m ? "fast" : own[i] > 360 + m ? "slow" : own[i] > 340 + m && own[i] < 360 - m ? "in" : null;
      if (vs) expect(r.vsTarget, `rep ${i + 1}`).toBe(vs);
      checked += vs ? 1 : 0;
    });
    expect(checked).toBeGreaterThanOrEqual(3);
    // one absolute band for every rep: spread and fade on the pace itself
    expect(Math.abs(a.spread!.cvPct - cv(own))).toBeLessThan(0.4);
    expect(Math.abs(a.fade!.firstToLastPct - 100 * (own[5] / own[0] - 1))).toBeLessThan(1);
    // and against the device's own 1 km laps 1–6 (boundaries a few metres apart)
    const dev = laps.slice(0, 6).map((l) => ((l.t1S - l.t0S) / l.distM) * 1000);
    expect(Math.abs(a.spread!.cvPct - cv(dev))).toBeLessThan(0.6);
  });

  it("cadence hold: the recording's cadence fell in the last kilometres", () => {
    const cads = a.reps.slice(0, 6).map((r) => avg(samples(rows, r.startMs, r.durMs, "spm", 100)));
    a.reps.slice(0, 6).forEach((r, i) => expect(Math.abs(r.cadVsFirstPct! - (100 * (cads[i] - cads[0])) / cads[0])).toBeLessThan(0.6));
    const lowest = Math.min(...cads.map((c) => (100 * (c - cads[0])) / cads[0]));
    expect(a.cadence!.held).toBe(lowest > -3.8 && a.cadence!.dropFlags === 0);
    expect(a.cadence!.n).toBe(6);
  });
});
