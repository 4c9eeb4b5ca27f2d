// The watch's checks of a workout file (src/engine/workout/guard.ts): the text before it is parsed
// (size, bracket depth, characters the watch's lenient parser would read as more than JSON, a
// __proto__ key), then the parsed plan against the format's limits, walked without recursion.
// Every built-in passes, every plan the validator accepts passes, and what they refuse is refused.
import { describe, expect, it } from "vitest";
import { textProblem, planProblem, MAX_BRACKETS } from "../../src/engine/workout/guard";
import { MAX_DEPTH, MAX_JSON_CHARS, MAX_WRITTEN_STEPS } from "../../src/engine/workout/limits";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { parseWorkout } from "../../src/engine/workout/validate";

const step = { kind: "work", end: { time: 60 } };
const plan = (steps: unknown[], extra: object = {}) => ({ v: 1, name: "T", steps, ...extra });
/** a step inside n repeats, each inside the last */
function nested(n: number): object {
  let s: object = step;
  for (let i = 0; i < n; i++) s = { repeat: 2, steps: [s] };
  return plan([s]);
}

describe("the text, before it is parsed", () => {
  it("passes every built-in and the deepest plan the format allows", () => {
    for (const t of TEMPLATES) expect(textProblem(JSON.stringify(t))).toBe("");
    const deep = JSON.stringify(nested(MAX_DEPTH)).replace('"end":{"time":60}', '"end":{"time":60},"pace":{"race":5000}');
    expect(parseWorkout(deep).ok).toBe(true);
    expect(textProblem(deep)).toBe("");
  });
  it("refuses empty, oversized, too deep, __proto__ and what only a lenient parser reads", () => {
    expect(textProblem(undefined)).toBe("the file is empty");
    expect(textProblem("")).toBe("the file is empty");
    expect(textProblem(" ".repeat(MAX_JSON_CHARS + 1))).toBe(`${MAX_JSON_CHARS + 1} bytes, at most ${MAX_JSON_CHARS}`);
    expect(textProblem(" ".repeat(MAX_JSON_CHARS))).toBe("");
    expect(textProblem("[".repeat(MAX_BRACKETS) + "]".repeat(MAX_BRACKETS))).toBe("");
    expect(textProblem("[".repeat(MAX_BRACKETS + 1) + "]".repeat(MAX_BRACKETS + 1))).toMatch(/^nested too deep/);
    expect(textProblem("[".repeat(MAX_BRACKETS + 1))).toBe("not JSON (cut short?)");
    expect(textProblem('{"a":[1,2}]')).toBe("");
    expect(textProblem(JSON.stringify(nested(MAX_DEPTH + 1)))).toMatch(/^nested too deep/);
    expect(textProblem('{"v":1,"__proto__":{"steps":[]}}')).toBe("it has a __proto__ key");
    for (const t of ["{'a':1}", '{"a":1/*x*/}', '{"a":`x`}', '{"a":\\u0031}']) expect(textProblem(t)).toBe("not JSON");
    expect(textProblem('{"name":"abc')).toBe("not JSON (cut short?)");
  });
  it("counts no bracket inside a string, however its quotes are escaped", () => {
    // the same answers by the firmware's string functions (no backslash) and one character at a time
    expect(textProblem('{"a":"x\\\\y","b":' + "[".repeat(MAX_BRACKETS) + "]".repeat(MAX_BRACKETS) + "}")).toMatch(/^nested too deep/);
    expect(textProblem('{"a":"xy","b":' + "[".repeat(MAX_BRACKETS) + "]".repeat(MAX_BRACKETS) + "}")).toMatch(/^nested too deep/);
    expect(textProblem('{"a":"x\\\\y","b":' + "[".repeat(MAX_BRACKETS - 1) + "]".repeat(MAX_BRACKETS - 1) + "}")).toBe("");
    expect(textProblem(JSON.stringify(plan([step], { name: "[[[[[[[[[[[[" })))).toBe("");
    expect(textProblem(JSON.stringify(plan([step], { name: 'a\\"[[[[[[[[[[[' })))).toBe("");
    // a string ending in an escaped backslash closes there: the brackets after it count
    expect(textProblem('["a\\\\"' + "[".repeat(MAX_BRACKETS) + "]")).toMatch(/^nested too deep/);
    // a quote in a comment-like run outside strings does not hide brackets either
    expect(textProblem('{"a":1}/*"*/' + "[".repeat(20))).toBe("not JSON");
  });
});

describe("the parsed plan", () => {
  it("passes every built-in", () => {
    for (const t of TEMPLATES) expect(planProblem(JSON.parse(JSON.stringify(t)))).toBe("");
  });
  it("refuses what is not a plan of this format", () => {
    expect(planProblem(undefined)).toMatch(/^not JSON/);
    expect(planProblem([])).toMatch(/^not JSON/);
    expect(planProblem({ ...plan([step]), v: 2 })).toBe("made for a newer app (format 2)");
    expect(planProblem({ name: "T", steps: [step] })).toMatch(/^not a workout/);
    expect(planProblem(plan([step], { name: "N".repeat(4000) }))).toBe("its name must be 1 to 14 characters");
    expect(planProblem(plan([step], { name: 5 }))).toBe("its name must be 1 to 14 characters");
    expect(planProblem(plan([step], { note: {} }))).toMatch(/^its note/);
    expect(planProblem(plan([]))).toBe("the workout needs a list of steps");
    expect(planProblem(plan("steps" as unknown as unknown[]))).toBe("the workout needs a list of steps");
  });
  it("names the step and the field of the first wrong type or range, numbered as written", () => {
    const bad: [object, string][] = [
      [{ kind: "jog", end: { time: 60 } }, "kind"],
      [{ kind: "work", end: 60 }, "end"],
      [{ kind: "work", end: { time: "60" } }, "end"],
      [{ kind: "work", end: { time: 60, dist: 400 } }, "end"],
      [{ kind: "work", end: { hrBelow: 120 } }, "end"],
      [{ kind: "work", end: { lap: true } }, "end"],
      [{ kind: "work", end: { time: 60 }, pace: [250, 240] }, "pace"],
      [{ kind: "work", end: { time: 60 }, pace: { race: "5k" } }, "pace"],
      [{ kind: "work", end: { time: 60 }, hr: 150 }, "hr"],
      [{ kind: "work", end: { time: 60 }, minCad: "fast" }, "minCad"],
      [{ kind: "work", end: { time: 60 }, label: ["x"] }, "label"],
    ];
    for (const [s, what] of bad) {
      const p = plan([step, { repeat: 2, steps: [step], between: step }, s]);
      expect(parseWorkout(p).ok).toBe(false);
      // step 1, the repeat's body (2), its between step (3), then the bad one
      expect(planProblem(p)).toBe(`step 4: its ${what} is wrong`);
    }
    expect(planProblem(plan([{ repeat: 2, steps: [step], between: { kind: "rest" } }]))).toBe("step 2 (between the rounds of repeat 1): its end is wrong");
    expect(planProblem(plan([{ repeat: 2, steps: [step], between: { repeat: 2, steps: [step] } }]))).toMatch(/^step 2 \(between/);
  });
  it("refuses repeats out of range, too deep, too many steps written or expanded", () => {
    expect(planProblem(plan([{ repeat: 0, steps: [step] }]))).toBe("repeat 1: 1 to 50 times");
    expect(planProblem(plan([{ repeat: 2.5, steps: [step] }]))).toBe("repeat 1: 1 to 50 times");
    expect(planProblem(plan([{ repeat: 2, steps: [] }]))).toBe("repeat 1 needs a list of steps");
    expect(planProblem(nested(MAX_DEPTH))).toBe("");
    expect(planProblem(nested(MAX_DEPTH + 1))).toBe(`repeats nested more than ${MAX_DEPTH} deep`);
    expect(planProblem(plan(Array(MAX_WRITTEN_STEPS).fill(step)))).toBe("");
    expect(planProblem(plan(Array(MAX_WRITTEN_STEPS + 1).fill(step)))).toBe(`more than ${MAX_WRITTEN_STEPS} steps`);
    expect(planProblem(plan([{ repeat: 50, steps: [{ repeat: 11, steps: [step] }] }]))).toBe("more than 500 steps with the repeats");
    expect(planProblem(plan([{ repeat: 50, steps: [{ repeat: 10, steps: [step] }] }]))).toBe("");
  });
});
