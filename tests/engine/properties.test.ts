// Properties of the session engine over generated workouts and event streams.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { arbPlan, expand } from "../workout/arbitraries";
import { synthTrack } from "../../src/sim/synth-track";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { resolvePlan } from "../../src/engine/workout/pace";
import { Session } from "../../src/engine/session";
import type { Plan } from "../../src/engine/plan";
import type { StepRec, EndRec } from "../../src/engine/log/records";

const goal = { distM: 5000, timeS: 1500 };

/** a runner at 3 m/s with HR swinging 70..190 bpm every 4 min, and (laps) the lap control pressed every 5 min */
function play(plan: Plan, laps: boolean) {
  const steps = expand(plan.steps);
  const boundS = steps.reduce((a, s) => a + (s.end.time ?? s.end.maxS ?? (s.end.dist ? s.end.dist / 3 + 5 : 300)) + 2, 0) + 600;
  const track = synthTrack([{ durS: boundS, mps: 3 }], { seed: 3 });
  const ev = replay(track.rows).map((e) => (e.type === "HRM" ? { ...e, data: { bpm: Math.round(130 + 60 * Math.sin((e.tMs / 240000) * 2 * Math.PI)), confidence: 90 } } : e));
  const cmds = [];
  for (let t = 300_000; laps && t < boundS * 1000; t += 300_000) cmds.push({ atMs: t, cmd: "lap" as const });
  const run = runSession(resolvePlan(plan, goal), ev, { cmds, endMs: boundS * 1000 });
  const d = decodeLog(run.lines.join(""), crc32);
  return { run, d, steps, s: d.recs.filter((r): r is StepRec => r.k === "S"), end: d.recs.find((r): r is EndRec => r.k === "E") };
}

describe("engine properties", () => {
  it("any valid workout plays to completion, its steps in order", () => {
    fc.assert(
      fc.property(arbPlan({ maxTimeS: 90, maxDistM: 300 }).filter((p) => expand(p.steps).length <= 40), (plan) => {
        const { run, d, steps, s, end } = play(plan, true);
        expect(d.errors).toEqual([]);
        expect(run.session.mode).toBe(2);
        expect(end).toBeDefined();
        expect(s.map((x) => x.idx)).toEqual(steps.map((_, i) => i));
        expect(s.map((x) => x.kind)).toEqual(steps.map((x) => x.kind));
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it("a time-only session ends on the sum of its steps", () => {
    const timePlan = arbPlan({ maxTimeS: 120 }).map((p) => {
      const strip = (ns: Plan["steps"]): Plan["steps"] =>
        ns.map((n) => ("repeat" in n ? { ...n, steps: strip(n.steps), between: n.between && { ...n.between, end: { time: 30 } } } : { ...n, end: { time: n.end.time ?? n.end.maxS ?? 45 } }));
      return { ...p, steps: strip(p.steps) };
    });
    fc.assert(
      fc.property(timePlan.filter((p) => expand(p.steps).length <= 40), (plan) => {
        const { s, end, steps } = play(plan, false);
        const sumMs = steps.reduce((a, x) => a + x.end.time! * 1000, 0);
        expect(s.map((x) => x.durMs)).toEqual(steps.map((x) => x.end.time! * 1000));
        expect(s.every((x) => x.why === "time")).toBe(true);
        expect(end!.durMs).toBe(sumMs);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("no event sequence crashes the engine or moves its time backwards", () => {
    const num = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -1, 1e12));
    const ev = fc.oneof(
      fc.record({ k: fc.constant("tick" as const), w: num }),
      fc.record({ k: fc.constant("gps" as const), w: num, lat: num, lon: num, speed: num, fix: num, hdop: num }),
      fc.record({ k: fc.constant("hrm" as const), w: num, bpm: num, conf: num }),
      fc.record({ k: fc.constant("cad" as const), w: num, spm: num, conf: num }),
      fc.record({ k: fc.constant("cmd" as const), w: num, cmd: fc.constantFrom("pause", "resume", "skip", "extend", "lap", "end") as fc.Arbitrary<"pause"> }),
    );
    fc.assert(
      fc.property(arbPlan({ maxTimeS: 60, maxDistM: 200 }), fc.array(ev, { maxLength: 200 }), (plan, evs) => {
        const lines: string[] = [];
        const s = new Session(resolvePlan(plan, goal), { buzz: () => {}, write: (l) => lines.push(l), crc: crc32 }, 0, "0.01", "", 0, 0);
        let last = 0;
        for (const e of evs) {
          if (e.k === "tick") s.tick(e.w);
          else if (e.k === "gps") s.gpsFix(e.w, { lat: e.lat, lon: e.lon, speed: e.speed, fix: e.fix, hdop: e.hdop });
          else if (e.k === "hrm") s.hrm(e.w, e.bpm, e.conf);
          else if (e.k === "cad") s.cadence(e.w, e.spm, e.conf);
          else s.command(e.w, e.cmd);
          expect(s.t).toBeGreaterThanOrEqual(last);
          last = s.t;
        }
        expect(decodeLog(lines.join(""), crc32).errors).toEqual([]);
      }),
      { numRuns: 150, seed: 1 },
    );
  });
});
