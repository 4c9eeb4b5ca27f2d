import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parseWorkout } from "../../src/engine/workout/validate";
import { arbPlan, expand } from "./arbitraries";

type Any = any;

function plan(steps: Any[], extra?: Any): Any {
  return Object.assign({ v: 1, name: "Test", steps }, extra || {});
}
const ok = (over?: Any): Any => Object.assign({ kind: "work", end: { dist: 400 } }, over || {});

function err(input: unknown): string {
  const r = parseWorkout(input);
  if (r.ok) throw new Error("expected a rejection, got ok for " + JSON.stringify(input));
  return r.error;
}

/** a plan where the bad step is the third leaf, first step of the second repeat */
function third(bad: Any): Any {
  return plan([ok(), { repeat: 2, steps: [ok()] }, { repeat: 3, steps: [bad, ok()] }]);
}

describe("parseWorkout accepts", () => {
  it("a minimal plan as text and as an object, returning the same content", () => {
    const p = plan([ok()]);
    const a = parseWorkout(JSON.stringify(p));
    const b = parseWorkout(p);
    expect(a).toEqual({ ok: true, plan: p });
    expect(b.ok && b.plan).toBe(p);
  });

  it("every end condition and every optional field", () => {
    const p = plan([
      { kind: "warmup", end: { lap: 1 }, label: "Warm-up" },
      { kind: "work", end: { time: 60 }, pace: [240, 250], hr: [150, 170], minCad: 170 },
      { kind: "recovery", end: { hrBelow: 120, minS: 60, holdS: 5, maxS: 180 } },
      { kind: "stride", end: { hrAbove: 160 }, pace: { race: 1500, offS: -3, bandS: 4 } },
      { kind: "rest", end: { hrAbove: 160, maxS: 90 } },
      { kind: "cooldown", end: { dist: 100000 } },
    ]);
    expect(parseWorkout(p).ok).toBe(true);
  });

  it("every generated valid plan (property)", () => {
    fc.assert(
      fc.property(arbPlan(), (p) => {
        const r = parseWorkout(JSON.stringify(p));
        if (!r.ok) throw new Error(r.error);
      }),
      { numRuns: 300 },
    );
  });

  it("generated plans with bounded step lengths keep the bounds (property)", () => {
    fc.assert(
      fc.property(arbPlan({ maxTimeS: 300, maxDistM: 2000 }), (p) => {
        expect(parseWorkout(p).ok).toBe(true);
        for (const x of expand(p.steps)) {
          expect(x.end.time ?? 0).toBeLessThanOrEqual(300);
          expect(x.end.maxS ?? 0).toBeLessThanOrEqual(300);
          expect(x.end.dist ?? 0).toBeLessThanOrEqual(2000);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("parseWorkout names the step and the problem", () => {
  const cases: [string, unknown, string][] = [
    ["the example distance in a nested place", third(ok({ end: { dist: 5 } })),
      "Step 3 (in repeat 2, step 1): a distance must be between 10 m and 100 km (got 5)"],
    ["an end with nothing in it", plan([ok(), ok({ end: {} })]), 'Step 2: "end" needs one of time, dist, lap, hrBelow, hrAbove'],
    ["a missing end", plan([{ kind: "work" }]), 'Step 1: "end" needs one of time, dist, lap, hrBelow, hrAbove'],
    ["two ends", plan([ok({ end: { time: 60, dist: 400 } })]), 'Step 1: "end" has both time and dist; use only one'],
    ["a zero time", plan([ok({ end: { time: 0 } })]), "Step 1: a time must be between 1 s and 4 h (got 0)"],
    ["a time over 4 h", plan([ok({ end: { time: 14401 } })]), "Step 1: a time must be between 1 s and 4 h (got 14401)"],
    ["a time as text", plan([ok({ end: { time: "60" } })]), 'Step 1: a time must be between 1 s and 4 h (got "60")'],
    ["a time of null", plan([ok({ end: { time: null } })]), "Step 1: a time must be between 1 s and 4 h (got null)"],
    ["a NaN distance", plan([ok({ end: { dist: NaN } })]), "Step 1: a distance must be between 10 m and 100 km (got NaN)"],
    ["an infinite distance", plan([ok({ end: { dist: Infinity } })]), "Step 1: a distance must be between 10 m and 100 km (got Infinity)"],
    ["a distance over 100 km", plan([ok({ end: { dist: 100001 } })]), "Step 1: a distance must be between 10 m and 100 km"],
    ["lap: true", plan([ok({ end: { lap: true } })]), 'Step 1: "lap" must be 1 (got true)'],
    ["hrBelow without maxS", plan([ok({ end: { hrBelow: 120 } })]), 'Step 1: "hrBelow" needs "maxS"'],
    ["hrBelow out of range", plan([ok({ end: { hrBelow: 300, maxS: 60 } })]),
      'Step 1: the heart rate in "hrBelow" must be between 40 and 230 bpm (got 300)'],
    ["hrAbove too low", plan([ok({ end: { hrAbove: 39 } })]), 'Step 1: the heart rate in "hrAbove" must be between 40 and 230 bpm (got 39)'],
    ["minS over maxS", plan([ok({ end: { hrBelow: 120, minS: 200, maxS: 180 } })]), 'Step 1: "minS" (200 s) must not be more than "maxS" (180 s)'],
    ["a negative holdS", plan([ok({ end: { hrBelow: 120, holdS: -1, maxS: 180 } })]), 'Step 1: "holdS" (how long HR must stay low) must be between 0 and 600 s (got -1)'],
    ["maxS on a time step", plan([ok({ end: { time: 60, maxS: 90 } })]), 'Step 1: "maxS" only goes with "hrBelow" or "hrAbove"'],
    ["minS on hrAbove", plan([ok({ end: { hrAbove: 150, minS: 30 } })]), 'Step 1: "minS" only goes with "hrBelow"'],
    ["holdS on a distance", plan([ok({ end: { dist: 400, holdS: 3 } })]), 'Step 1: "holdS" only goes with "hrBelow"'],
    ["an unknown end key", plan([ok({ end: { distance: 400 } })]), 'Step 1: unknown key "distance" in "end"'],
    ["a bad kind", plan([ok(), ok(), ok({ kind: "run" })]), 'Step 3: "kind" must be one of warmup, stride, work, recovery, cooldown, rest (got "run")'],
    ["a missing kind", plan([{ end: { time: 60 } }]), 'Step 1: missing "kind", which is one of warmup'],
    ["an unknown step key", plan([ok({ pase: [240, 250] })]), 'Step 1: unknown key "pase" (allowed: kind, end, pace, hr, minCad, label)'],
    ["a step that is a number", plan([ok(), 5]), "Step 2: must be a step like"],
    ["a step that is null", plan([null]), "Step 1: must be a step like"],
    ["a reversed pace band", plan([ok({ pace: [250, 240] })]), 'Step 1: "pace" must be [fast, slow] with the faster (smaller) number first (got [250, 240])'],
    ["a pace too fast", plan([ok({ pace: [100, 240] })]), "Step 1: paces must be between 2:00 and 15:00 per km, in seconds (got 100)"],
    ["a pace too slow", plan([ok({ pace: [240, 901] })]), "Step 1: paces must be between 2:00 and 15:00 per km"],
    ["a pace band of three", plan([ok({ pace: [240, 250, 260] })]), 'Step 1: "pace" must be [fast, slow]'],
    ["a pace as text", plan([ok({ pace: "4:00" })]), 'Step 1: "pace" must be [fast, slow] in seconds per km or {"race"'],
    ["a pace race out of the model's range", plan([ok({ pace: { race: 800 } })]),
      'Step 1: the "race" distance of a pace must be between 1500 m and 42195 m (the pace model\'s range) (got 800)'],
    ["a pace offset too big", plan([ok({ pace: { race: 5000, offS: 400 } })]), 'Step 1: "offS" of a pace must be between -120 and +300'],
    ["a zero pace band", plan([ok({ pace: { race: 5000, bandS: 0 } })]), 'Step 1: "bandS" of a pace must be between 1 and 60'],
    ["an unknown pace key", plan([ok({ pace: { race: 5000, off: 3 } })]), 'Step 1: unknown key "off" in "pace"'],
    ["a reversed HR band", plan([ok({ hr: [170, 150] })]), 'Step 1: "hr" must be [low, high] with the lower number first'],
    ["an HR band out of range", plan([ok({ hr: [150, 250] })]), "Step 1: a heart rate must be between 40 and 230 bpm (got 250)"],
    ["an HR band that is a number", plan([ok({ hr: 150 })]), 'Step 1: "hr" must be [low, high] in bpm'],
    ["a low cadence", plan([ok({ minCad: 50 })]), 'Step 1: "minCad" (steps per minute) must be between 100 and 240 (got 50)'],
    ["a long label", plan([ok({ label: "Thirteen char" })]), 'Step 1: "label" must be text of 1 to 12 characters (got "Thirteen char")'],
    ["an empty label", plan([ok({ label: "" })]), 'Step 1: "label" must be text of 1 to 12 characters'],
    ["a label that is a number", plan([ok({ label: 4 })]), 'Step 1: "label" must be text of 1 to 12 characters (got 4)'],
    ["a zero repeat", plan([ok(), { repeat: 0, steps: [ok()] }]), 'Repeat 1: "repeat" must be a whole number from 1 to 50 (got 0)'],
    ["a repeat over 50", plan([{ repeat: 51, steps: [ok()] }]), 'Repeat 1: "repeat" must be a whole number from 1 to 50 (got 51)'],
    ["a fractional repeat", plan([{ repeat: 2.5, steps: [ok()] }]), 'Repeat 1: "repeat" must be a whole number'],
    ["a repeat as text", plan([{ repeat: "3", steps: [ok()] }]), 'Repeat 1: "repeat" must be a whole number from 1 to 50 (got "3")'],
    ["a repeat of null", plan([{ repeat: null, steps: [ok()] }]), 'Repeat 1: "repeat" must be a whole number from 1 to 50 (got null)'],
    ["an empty repeat", plan([{ repeat: 2, steps: [] }]), 'Repeat 1: "steps" needs at least one step'],
    ["a repeat without steps", plan([{ repeat: 2 }]), 'Repeat 1: "steps" must be a list (got undefined)'],
    ["an unknown repeat key", plan([{ repeat: 2, steps: [ok()], rest: 60 }]), 'Repeat 1: unknown key "rest" (allowed: repeat, steps, between)'],
    ["a nested repeat's problem", plan([{ repeat: 2, steps: [ok(), { repeat: 3, steps: [ok()], between: 5 }] }]),
      "Step 3 (between the rounds of repeat 2): must be a step like"],
    ["a bad between step", plan([{ repeat: 2, steps: [ok()], between: { kind: "rest", end: { time: -1 } } }]),
      "Step 2 (between the rounds of repeat 1): a time must be between 1 s and 4 h (got -1)"],
    ["a between that is a repeat", plan([{ repeat: 2, steps: [ok()], between: { repeat: 2, steps: [ok()] } }]),
      'Step 2 (between the rounds of repeat 1): "between" must be a single step, not a repeat'],
    ["a problem inside a nested repeat", plan([{ repeat: 2, steps: [ok(), { repeat: 2, steps: [ok(), ok({ kind: "jog" })] }] }]),
      'Step 3 (in repeat 2, step 2): "kind" must be one of'],
    ["no name", plan([ok()], { name: undefined }), '"name" must be text of 1 to 14 characters (got undefined)'],
    ["a long name", plan([ok()], { name: "A name of twenty-one!" }), '"name" must be text of 1 to 14 characters (got "A name of twenty..."'],
    ["a long note", plan([ok()], { note: "x".repeat(59) }), '"note" must be text of at most 58 characters'],
    ["an unknown top key", plan([ok()], { author: "me" }), 'The workout: unknown key "author" (allowed: v, name, note, steps)'],
    ["no steps", plan([]), 'The workout: "steps" needs at least one step'],
    ["steps that are not a list", plan({ kind: "work" } as Any), 'The workout: "steps" must be a list (got an object)'],
    ["no version", { name: "x", steps: [ok()] }, 'Missing the format version: add "v": 1'],
    ["a future version", plan([ok()], { v: 2 }), "Workout format version 2 is not supported; this app reads version 1"],
    ["a version as text", plan([ok()], { v: "1" }), 'Workout format version "1" is not supported'],
    ["not JSON", "{v:1,", "The workout is not valid JSON"],
    ["a JSON list", "[1,2]", "A workout must be an object like"],
    ["JSON null", "null", "A workout must be an object like"],
    ["undefined", undefined, "A workout must be an object like"],
    ["a number", 42, "A workout must be an object like"],
  ];
  for (const [what, input, msg] of cases) {
    it(what, () => {
      expect(err(input)).toContain(msg);
    });
  }

  it("says where a message starts, for the nested example in full", () => {
    expect(err(third(ok({ end: { dist: 5 } })))).toBe(
      "Step 3 (in repeat 2, step 1): a distance must be between 10 m and 100 km (got 5)",
    );
  });

  it("rejects NaN, strings, null, objects and lists put anywhere a number goes (property)", () => {
    const bad = fc.oneof(fc.constant(NaN), fc.constant(null), fc.string(), fc.constant({}), fc.constant([]), fc.constant(-Infinity));
    const paths: ((p: Any, x: unknown) => void)[] = [
      (p, x) => (p.steps[1].end.time = x),
      (p, x) => (p.steps[0].end.dist = x),
      (p, x) => (p.steps[2].steps[0].end.hrBelow = x),
      (p, x) => (p.steps[2].steps[0].end.maxS = x),
      (p, x) => (p.steps[2].steps[0].end.minS = x),
      (p, x) => (p.steps[2].steps[0].end.holdS = x),
      (p, x) => (p.steps[2].repeat = x),
      (p, x) => (p.steps[0].pace[0] = x),
      (p, x) => (p.steps[1].pace.race = x),
      (p, x) => (p.steps[1].pace.offS = x),
      (p, x) => (p.steps[0].hr[1] = x),
      (p, x) => (p.steps[0].minCad = x),
      (p, x) => (p.steps[2].between.end.hrAbove = x),
    ];
    const base = (): Any =>
      plan([
        ok({ pace: [240, 250], hr: [150, 170], minCad: 170 }),
        ok({ end: { time: 60 }, pace: { race: 5000, offS: 0 } }),
        {
          repeat: 3,
          steps: [{ kind: "recovery", end: { hrBelow: 120, minS: 60, holdS: 5, maxS: 180 } }],
          between: { kind: "work", end: { hrAbove: 160 } },
        },
      ]);
    expect(parseWorkout(base()).ok).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), bad, (i, x) => {
        const p = base();
        paths[i](p, x);
        const r = parseWorkout(p);
        expect(r.ok).toBe(false);
        // the message names a step or repeat
        if (!r.ok) expect(r.error).toMatch(/^(Step \d|Repeat \d)/);
      }),
      { numRuns: 400 },
    );
  });
});

describe("parseWorkout limits", () => {
  const leaf = (i: number): Any => ({ kind: i % 2 ? "recovery" : "work", end: { time: 60 + i } });

  it("allows 64 written steps and refuses 65", () => {
    const steps64 = Array.from({ length: 64 }, (_, i) => leaf(i));
    expect(parseWorkout(plan(steps64)).ok).toBe(true);
    expect(err(plan(steps64.concat([leaf(64)])))).toBe("Too many steps: at most 64 written out; use repeats for the rest");
  });

  it("counts steps as written, not expanded, and counts between steps", () => {
    const inRepeat = { repeat: 50, steps: Array.from({ length: 9 }, (_, i) => leaf(i)) };
    // 9 written, 450 expanded
    expect(parseWorkout(plan([inRepeat])).ok).toBe(true);
    const steps = Array.from({ length: 62 }, (_, i) => leaf(i));
    expect(parseWorkout(plan(steps.concat([{ repeat: 2, steps: [leaf(0)], between: leaf(1) }]))).ok).toBe(true);
    expect(err(plan(steps.concat([leaf(0), { repeat: 2, steps: [leaf(0)], between: leaf(1) }])))).toContain("Too many steps");
  });

  it("allows repeats 3 deep and refuses a 4th level", () => {
    const deep = (n: number): Any => (n === 0 ? leaf(0) : { repeat: 2, steps: [deep(n - 1)] });
    expect(parseWorkout(plan([deep(3)])).ok).toBe(true);
    expect(err(plan([ok(), deep(4)]))).toBe("Repeat 4 (in repeat 3, step 1): repeats can be nested at most 3 deep");
  });

  it("allows 500 expanded steps and refuses 501", () => {
    const five = Array.from({ length: 5 }, (_, i) => leaf(i));
    expect(parseWorkout(plan([{ repeat: 50, steps: [{ repeat: 2, steps: five }] }])).ok).toBe(true);
    expect(err(plan([leaf(9), { repeat: 50, steps: [{ repeat: 2, steps: five }] }]))).toBe(
      "The workout has 501 steps once the repeats are counted; at most 500",
    );
    // between steps count: 50 rounds of 9 plus 49 betweens = 499, then 2 more
    const nine = Array.from({ length: 9 }, (_, i) => leaf(i));
    expect(parseWorkout(plan([{ repeat: 50, steps: nine, between: leaf(0) }, leaf(1)])).ok).toBe(true);
    expect(err(plan([{ repeat: 50, steps: nine, between: leaf(0) }, leaf(1), leaf(2)]))).toContain("has 501 steps");
  });

  it("refuses JSON text over 4096 characters, as text and as an object", () => {
    const big = (n: number): Any =>
      plan(Array.from({ length: n }, (_, i) => ok({ label: "Label " + i, pace: { race: 5000, offS: -5, bandS: 5 }, hr: [150, 170], minCad: 170 })));
    let n = 1;
    while (JSON.stringify(big(n + 1)).length <= 4096) n++;
    expect(parseWorkout(JSON.stringify(big(n))).ok).toBe(true);
    const text = JSON.stringify(big(n + 1));
    expect(err(text)).toBe("The workout is " + text.length + " characters long; at most 4096");
    expect(err(big(n + 1))).toBe("The workout is " + text.length + " characters long as JSON; at most 4096");
  });
});
