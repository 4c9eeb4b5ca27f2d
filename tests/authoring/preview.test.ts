// The live preview (what the watch will show, estimated time and distance, size against the
// watch's limits), the goal, upload names and the customise page's files.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { preview, previewLines, planSize, noteLines, parseGoal, LIMITS, WATCH_DEFAULT_GOAL } from "../../src/authoring/preview";
import { resolvePlan } from "../../src/engine/workout/pace";
import { workoutFileName, isWorkoutFileName } from "../../src/authoring/names";
import { WORKOUT_FILE_RE } from "../../src/sync/workout";
import { customFiles } from "../../src/authoring/custom";
import { parseText } from "../../src/authoring/text";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { planTotals } from "../../src/engine/workout/totals";
import * as L from "../../src/engine/workout/limits";
import type { Plan } from "../../src/engine/plan";
import { arbPlan, writtenLeaves } from "../workout/arbitraries";

const classic = TEMPLATES.find((t) => t.name === "Classic 5K")!;

function plan(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

describe("preview", () => {
  it("the size in the units of the watch's limits", () => {
    expect(LIMITS).toEqual({ jsonChars: L.MAX_JSON_CHARS, written: L.MAX_WRITTEN_STEPS, depth: L.MAX_DEPTH, total: L.MAX_TOTAL_STEPS });
    expect(planSize(classic)).toEqual({ jsonChars: JSON.stringify(classic).length, written: 6, depth: 1, total: 21 });
    const z = TEMPLATES.find((t) => t.name === "3-zone")!;
    expect(planSize(z)).toMatchObject({ written: 6, depth: 2, total: 25 });
    fc.assert(
      fc.property(arbPlan(), (p) => {
        const s = planSize(p);
        expect(s.written).toBe(writtenLeaves(p.steps));
        expect(s.total).toBe(planTotals(p).steps);
        expect(s.depth).toBeLessThanOrEqual(L.MAX_DEPTH);
      }),
    );
  });

  it("estimates as the watch does: paces resolved for the goal (the watch's default without one) through the one pace model", () => {
    const p = preview(classic);
    expect(p.goal).toEqual(WATCH_DEFAULT_GOAL);
    expect(WATCH_DEFAULT_GOAL).toEqual({ distM: 5000, timeS: 1500 });
    expect(p.defaultGoal).toBe(true);
    expect(p.totals).toEqual(planTotals(resolvePlan(classic, WATCH_DEFAULT_GOAL)));
    // 20 min of time steps + 4 x 60 s + 5 x 90 s; the 400s at 5K pace - 5 s/km (295 s/km for 25:00), the strides (no pace) at 6:00/km
    expect(p.totals.estS).toBeCloseTo(1890 + 6 * 0.4 * 295 + 4 * 0.1 * 360, 6);
    const fast = preview(classic, { distM: 5000, timeS: 15 * 60 });
    const slow = preview(classic, { distM: 5000, timeS: 30 * 60 });
    expect(fast.defaultGoal).toBe(false);
    expect(fast.totals.estS).toBeLessThan(slow.totals.estS);
    expect(fast.totals.estS - 1890).toBeCloseTo(6 * 0.4 * 175 + 4 * 0.1 * 360, 6);
    // distance: the distance steps plus the timed steps at 6:00/km (none of them has a pace)
    expect(p.estDistM).toBeCloseTo(2800 + (1890 / 360) * 1000, 6);
    expect(p.file).toBe(workoutFileName("Classic 5K"));
    const text = previewLines(p).join("\n");
    expect(text).toContain('"plan 45:42" before the start, for a 5k in 25:00 (the watch\'s default goal; set yours in its settings)');
    expect(previewLines(fast).join("\n")).toContain('"plan 40:54" before the start, for a 5k in 15:00\n');
    expect(text).toContain("size       " + JSON.stringify(classic).length + "/4096 characters, 6/64 written steps, repeats 1/3 deep, 21/500 steps in all");
  });

  it("the note as the pre-start screen breaks it, and a warning when a third line is not shown", () => {
    expect(noteLines("Strides, then 6x400 m just under 5K pace")).toEqual(["Strides, then 6x400 m just", "under 5K pace"]);
    expect(noteLines("x".repeat(30))).toEqual(["x".repeat(28), "xx"]);
    const p = preview(plan("name: n\nnote: " + "word ".repeat(10).trim() + "\n- 1m"));
    expect(p.note.length).toBe(2);
    expect(p.warnings).toEqual([]);
    const q = preview(plan("name: n\nnote: " + "a".repeat(25) + " " + "b".repeat(22) + " end of it\n- 1m"));
    expect(q.note.length).toBe(3);
    expect(q.warnings[0]).toContain('"of it" is not shown');
  });

  it("goals: a race and a time", () => {
    expect(parseGoal("5k 20:00")).toEqual({ ok: true, goal: { distM: 5000, timeS: 1200 } });
    expect(parseGoal("HM 1:35:00")).toEqual({ ok: true, goal: { distM: 21097.5, timeS: 5700 } });
    expect(parseGoal("10000=45:00")).toEqual({ ok: true, goal: { distM: 10000, timeS: 2700 } });
    expect(parseGoal("marathon 3:30:00")).toEqual({ ok: true, goal: { distM: 42195, timeS: 12600 } });
    expect(parseGoal("5k fast")).toMatchObject({ ok: false });
    expect(parseGoal("5k 5:00")).toEqual({ ok: false, error: "The goal pace must be between 2:00 and 15:00 per km" });
  });
});

describe("upload names", () => {
  it("speedseq.w<7 characters>.json: the watch lists it, Storage keeps it whole, the same name gives the same file", () => {
    expect(workoutFileName("Classic 5K")).toMatch(/^speedseq\.w[0-9a-z]{7}\.json$/);
    expect(workoutFileName("Classic 5K")).toBe(workoutFileName("Classic 5K"));
    expect(workoutFileName("Classic 5K")).not.toBe(workoutFileName("Classic 5k"));
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 14 }), (n) => {
        const f = workoutFileName(n);
        expect(f.length).toBe(22);
        expect(f.length).toBeLessThanOrEqual(28);
        // the watch's own pattern (src/watch/workouts.ts)
        expect(/^speedseq\.w.*\.json$/.test(f)).toBe(true);
        expect(isWorkoutFileName(f)).toBe(true);
        // what the phone's write snippet accepts (src/sync/workout.ts)
        expect(f).toMatch(WORKOUT_FILE_RE);
      }),
    );
    expect(isWorkoutFileName("speedseq.json")).toBe(false);
    expect(isWorkoutFileName("speedseq.w" + "x".repeat(14) + ".json")).toBe(false);
  });
});

describe("the customise page's files", () => {
  const mine = plan("name: Hills\n- 10m warm-up\n8x\n  - 60s\n  - 90s jog\n- 10m cool-down");

  it("the picked built-ins as speedseq.plans.json, each own workout as its own file", () => {
    const r = customFiles(TEMPLATES, ["HR rest", "Classic 5K"], [mine]);
    if (!r.ok) throw new Error(r.error);
    expect(r.storage.map((s) => s.name)).toEqual(["speedseq.plans.json", workoutFileName("Hills")]);
    expect(JSON.parse(r.storage[0].content).map((p: Plan) => p.name)).toEqual(["Classic 5K", "HR rest"]);
    expect(JSON.parse(r.storage[1].content)).toEqual(mine);
    const none = customFiles(TEMPLATES, [], []);
    expect(none).toEqual({ ok: true, storage: [{ name: "speedseq.plans.json", content: "[]" }] });
  });

  it("refuses a name used twice or a built-in's name, an unknown built-in, an invalid workout", () => {
    expect(customFiles(TEMPLATES, [], [mine, mine])).toMatchObject({ ok: false, error: expect.stringContaining('two workouts are named "Hills"') });
    expect(customFiles(TEMPLATES, [], [{ ...mine, name: "Ladder" }])).toMatchObject({ ok: false, error: expect.stringContaining('"Ladder" is the name of a built-in workout') });
    expect(customFiles(TEMPLATES, ["Nope"], [])).toEqual({ ok: false, error: 'there is no built-in workout named "Nope"' });
    expect(customFiles(TEMPLATES, [], [{ ...mine, steps: [] }])).toMatchObject({ ok: false, error: expect.stringContaining("workout 1: ") });
  });
});
