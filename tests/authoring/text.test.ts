// The workout text (docs/workout-syntax.md): what each construct reads as, the canonical printer,
// the round trip text -> JSON -> text for generated plans and every built-in, and errors placed
// at their line and column.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parseText, formatError, type TextResult } from "../../src/authoring/text";
import { printWorkout, printStep } from "../../src/authoring/print";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { parseWorkout } from "../../src/engine/workout/validate";
import type { Plan, Step } from "../../src/engine/plan";
import { arbPlan, arbStep } from "../workout/arbitraries";

function ok(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(r.errors.map(formatError).join("\n"));
  return r.plan;
}

/** the one step of "name: t\n- <line>" */
function step(line: string): Step {
  const p = ok("name: t\n" + line);
  expect(p.steps).toHaveLength(1);
  return p.steps[0] as Step;
}

/** the first error of a text, as "line:col: message" */
function firstError(text: string): string {
  const r: TextResult = parseText(text);
  if (r.ok) throw new Error("parsed: " + JSON.stringify(r.plan));
  return formatError(r.errors[0]);
}

describe("the text syntax", () => {
  it("reads the issue's examples, intervals.icu style", () => {
    const p = ok(["name: Track night", "note: 6x400 just under 5K pace", "10m warm-up", "6x", "- 400mtr 5k pace-3s", "- 90s jog", "", "recover until HR<130 min 60s max 2m", "- press lap cool-down"].join("\n"));
    expect(p).toEqual({
      v: 1,
      name: "Track night",
      note: "6x400 just under 5K pace",
      steps: [
        { kind: "warmup", end: { time: 600 } },
        { repeat: 6, steps: [{ kind: "work", end: { dist: 400 }, pace: { race: 5000, offS: -3 } }, { kind: "recovery", end: { time: 90 } }] },
        { kind: "recovery", end: { hrBelow: 130, minS: 60, maxS: 120 } },
        { kind: "cooldown", end: { lap: 1 } },
      ],
    });
    expect(parseWorkout(p).ok).toBe(true);
  });

  it("ends: times, distances, the lap button, heart rate", () => {
    expect(step("- 45s").end).toEqual({ time: 45 });
    expect(step("- 10m").end).toEqual({ time: 600 });
    expect(step("- 10min").end).toEqual({ time: 600 });
    expect(step("- 1h20m").end).toEqual({ time: 4800 });
    expect(step("- 2m 30s").end).toEqual({ time: 150 });
    expect(step("- 1.5h").end).toEqual({ time: 5400 });
    expect(step("- 0.1m").end).toEqual({ time: 6 });
    expect(step("- 12.5s").end).toEqual({ time: 12.5 });
    expect(step("- 400mtr").end).toEqual({ dist: 400 });
    expect(step("- 2.3km").end).toEqual({ dist: 2300 });
    expect(step("- 1mi").end).toEqual({ dist: 1609 });
    expect(step("- press lap").end).toEqual({ lap: 1 });
    expect(step("- until lap").end).toEqual({ lap: 1 });
    expect(step("- until HR<130 max 3m").end).toEqual({ hrBelow: 130, maxS: 180 });
    expect(step("- until HR < 120bpm min 60s max 3m hold 5s").end).toEqual({ hrBelow: 120, minS: 60, maxS: 180, holdS: 5 });
    expect(step("- hold 5s max 3m until HR<120 min 1m").end).toEqual({ hrBelow: 120, minS: 60, maxS: 180, holdS: 5 });
    expect(step("- until HR>160").end).toEqual({ hrAbove: 160 });
    expect(step("- until HR>160 max 10m").end).toEqual({ hrAbove: 160, maxS: 600 });
  });

  it("kinds, with work when none is given", () => {
    const kinds = ["warm-up", "warmup", "stride", "strides", "work", "rep", "recovery", "recover", "jog", "walk", "cool-down", "cooldown", "rest", ""];
    expect(kinds.map((k) => step(`- 1m ${k}`).kind)).toEqual(
      ["warmup", "warmup", "stride", "stride", "work", "work", "recovery", "recovery", "recovery", "recovery", "cooldown", "cooldown", "rest", "work"],
    );
    expect(step("- 1m WARM-UP").kind).toBe("warmup");
  });

  it("paces: absolute with a band, ranges, per mile; relative to the goal race with offsets and bands", () => {
    expect(step("- 1km 4:30/km").pace).toEqual([265, 275]);
    expect(step("- 1km 4:30/km ±8s").pace).toEqual([262, 278]);
    expect(step("- 1km 4:30/km +-8s").pace).toEqual([262, 278]);
    expect(step("- 1km 4:20-4:31/km").pace).toEqual([260, 271]);
    expect(step("- 1km 4:31 - 4:20 /km").pace).toEqual([260, 271]);
    expect(step("- 1km 7:00/mi").pace).toEqual([256, 266]); // 7:00/mi = 4:21/km
    expect(step("- 1km 4:30.5/km").pace).toEqual([265.5, 275.5]);
    expect(step("- 400mtr 5k pace-3s").pace).toEqual({ race: 5000, offS: -3 });
    expect(step("- 400mtr 5K pace -3s").pace).toEqual({ race: 5000, offS: -3 });
    expect(step("- 1km 10k pace").pace).toEqual({ race: 10000 });
    expect(step("- 2km HM pace+10s").pace).toEqual({ race: 21097.5, offS: 10 });
    expect(step("- 2km half pace+10s").pace).toEqual({ race: 21097.5, offS: 10 });
    expect(step("- 5km M pace").pace).toEqual({ race: 42195 });
    expect(step("- 5km marathon pace ±10s").pace).toEqual({ race: 42195, bandS: 10 });
    expect(step("- 300mtr 1500 pace").pace).toEqual({ race: 1500 });
    expect(step("- 300mtr mile pace").pace).toEqual({ race: 1609 });
    expect(step("- 300mtr 2.4k pace+0s ±5s").pace).toEqual({ race: 2400, offS: 0, bandS: 5 });
  });

  it("HR targets, a minimum cadence, labels; parts in any order", () => {
    const s = step('- "Tempo \\"T\\"" cad>=170 HR 150-165 20m 10k pace');
    expect(s).toEqual({ kind: "work", end: { time: 1200 }, pace: { race: 10000 }, hr: [150, 165], minCad: 170, label: 'Tempo "T"' });
    expect(step("- 20m cad≥168spm HR 150-165bpm").minCad).toBe(168);
    expect(step('- 1m "#1 #2" # a comment').label).toBe("#1 #2");
  });

  it("nested repeats by indentation, a step between rounds, flat intervals.icu repeats ended by a blank line", () => {
    const p = ok(["name: 3-zone", "3x", "  - 1km 10k pace", "  3x", "    - 200mtr 3k pace", "    - 45s jog", "", "  between 3m recovery", "- 10m cool-down"].join("\n"));
    expect(p.steps).toEqual([
      {
        repeat: 3,
        steps: [
          { kind: "work", end: { dist: 1000 }, pace: { race: 10000 } },
          { repeat: 3, steps: [{ kind: "work", end: { dist: 200 }, pace: { race: 3000 } }, { kind: "recovery", end: { time: 45 } }] },
        ],
        between: { kind: "recovery", end: { time: 180 } },
      },
      { kind: "cooldown", end: { time: 600 } },
    ]);
    const flat = ok(["name: f", "6x", "- 400mtr", "between: 90s jog", "- 1m"].join("\n"));
    expect(flat.steps).toEqual([{ repeat: 6, steps: [{ kind: "work", end: { dist: 400 } }], between: { kind: "recovery", end: { time: 90 } } }, { kind: "work", end: { time: 60 } }]);
    const blank = ok(["name: f", "4x", "100mtr stride", "60s walk", "", "10m cool-down"].join("\n"));
    expect(blank.steps).toHaveLength(2);
    expect(ok("name: f\n# a comment\n2x # twice\n  - 1m").steps).toEqual([{ repeat: 2, steps: [{ kind: "work", end: { time: 60 } }] }]);
  });

  it("name and note: the rest of the line, or a quoted text", () => {
    expect(ok("name:   Hills #3  \n- 1m").name).toBe("Hills #3");
    expect(ok('name: " padded "\nnote: ""\n- 1m')).toMatchObject({ name: " padded ", note: "" });
    expect(ok("NOTE: why\nName: n\n- 1m")).toMatchObject({ name: "n", note: "why" });
  });
});

describe("docs/workout-syntax.md", () => {
  it("every example workout in it reads, the first as the built-in Classic 5K", () => {
    const doc = readFileSync("docs/workout-syntax.md", "utf8");
    const blocks = [...doc.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].filter((m) => !m[1]).map((m) => m[2]).filter((b) => b.includes("name:"));
    const workouts = blocks.flatMap((b) => b.split(/\n\n(?=name:|# )/));
    expect(workouts.length).toBe(4);
    for (const w of workouts) ok(w);
    expect(ok(workouts[0])).toEqual(TEMPLATES.find((t) => t.name === "Classic 5K"));
  });

  it("the README's example reads", () => {
    const readme = readFileSync("README.md", "utf8");
    const sec = readme.slice(readme.indexOf("## Authoring workouts"));
    const ex = sec.match(/^ {2}```\n([\s\S]*?)^ {2}```/m)![1].replace(/^ {2}/gm, "");
    expect(ok(ex).name).toBe("Track night");
  });
});

describe("the canonical printer", () => {
  it("writes the built-in Classic 5K like this", () => {
    expect(printWorkout(TEMPLATES.find((t) => t.name === "Classic 5K")!)).toBe(
      [
        "name: Classic 5K",
        "note: Strides, then 6x400 m just under 5K pace",
        '- 10m warm-up "Warm-up"',
        "4x",
        '  - 100mtr stride "Stride"',
        '  - 60s recovery "Walk/jog"',
        "6x",
        '  - 400mtr 5k pace-5s "400"',
        '  between 90s recovery "Jog"',
        '- 10m cool-down "Cool-down"',
        "",
      ].join("\n"),
    );
  });

  it("puts the kind before an until, and prints every number exactly", () => {
    expect(printStep({ kind: "recovery", end: { hrBelow: 120, minS: 60, holdS: 5, maxS: 180 }, label: "HR rest" })).toBe('recovery until HR<120 min 60s max 3m hold 5s "HR rest"');
    expect(printStep({ kind: "work", end: { time: 3725 }, pace: [261, 270] })).toBe("1h2m5s 4:21-4:30/km");
    expect(printStep({ kind: "work", end: { dist: 1500 }, pace: [250, 266] })).toBe("1.5km 4:18/km ±8s");
    expect(printStep({ kind: "work", end: { dist: 1609 }, pace: [120, 900] })).toBe("1609mtr 2:00-15:00/km");
    expect(printStep({ kind: "rest", end: { time: 0.0000015 } })).toBe("0.0000015s rest");
    expect(printStep({ kind: "work", end: { time: 60 }, pace: { race: 5000, offS: -0 } })).toBe("60s 5k pace-0s");
  });

  it("every built-in prints and reads back to itself", () => {
    for (const t of TEMPLATES) {
      const text = printWorkout(t);
      expect(ok(text), t.name).toEqual(t);
      expect(printWorkout(ok(text))).toBe(text);
    }
  });

  it("any valid plan reads back from its text, and the text is a fixed point", () => {
    fc.assert(
      fc.property(arbPlan(), (p) => {
        const text = printWorkout(p);
        const back = parseText(text);
        if (!back.ok) throw new Error(text + "\n" + back.errors.map(formatError).join("\n"));
        expect(back.plan).toEqual(p);
        expect(printWorkout(back.plan)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it("numbers that are not whole read back exactly too", () => {
    const frac = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    const arb = fc.record({
      s: arbStep(),
      time: frac(1, 14400),
      dist: frac(10, 100000),
      fast: frac(120, 500),
      w: frac(0.001, 400),
      off: frac(-120, 300),
      race: frac(1500, 42195),
      hr: frac(40, 229),
      which: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const s: Step = { ...a.s };
        if (a.which === 0) s.end = { time: a.time };
        else if (a.which === 1) s.end = { dist: a.dist };
        else if (a.which === 2) s.pace = [a.fast, a.fast + a.w];
        else {
          s.pace = { race: a.race, offS: a.off };
          s.hr = [a.hr, a.hr + 0.5];
        }
        if (!parseWorkout({ v: 1, name: "n", steps: [s] }).ok) return;
        const text = "name: n\n- " + printStep(s) + "\n";
        const back = parseText(text);
        if (!back.ok) throw new Error(text + back.errors.map(formatError).join("\n"));
        expect(back.plan.steps[0]).toEqual(s);
      }),
      { numRuns: 400 },
    );
  });
});

describe("errors name the line and column", () => {
  it.each([
    ["name: x\n- 400m", "2:3: a step lasts 1s to 4h (m means minutes: for metres write 400mtr)"],
    ["name: x\n- 5k", "2:3: 5k is a race: write 5k pace for its pace, or 5km for a distance"],
    ["name: x\n- 400mtr pace", "2:10: which race's pace? e.g. 5k pace, 10k pace, HM pace, M pace (or an absolute pace like 4:30/km)"],
    ["name: x\n- 1km 4:30", "2:7: a pace needs /km or /mi after it, e.g. 4:30/km"],
    ["name: x\n- 400mtr 90s", '2:10: this step already ends at "400mtr" (column 3); a step has one end'],
    ["name: x\n- recover until HR<130 min 60s", "2:11: a rest until HR<130 needs max, the longest it may last (it always ends): add max 3m"],
    ["name: x\n- until HR<130 min 3m max 2m", "2:16: min (180 s) must not be more than max (120 s)"],
    ["name: x\n- 90s max 2m", "2:7: max goes with an end on heart rate: until HR<130 min 60s max 3m"],
    ["name: x\n- jog", "2:6: how does this step end? Give a time (90s, 10m), a distance (400mtr, 1km), press lap, or until HR<130 max 3m"],
    ["name: x\n- 1km fast", '2:7: unknown word "fast": a step has an end (90s, 400mtr, press lap, until HR<130), a kind (warm-up, stride, work, recovery, cool-down, rest), a pace (4:30/km, 5k pace-3s), HR 140-155, cad>=170 or a "label"'],
    ["name: x\n- 1km 5k pace-200s", "2:14: an offset from race pace must be between -120s and +300s per km"],
    ["name: x\n- 1km 800 pace", "2:7: the race of a pace must be between 1500 m and 42195 m (the pace model's range; got 800 m)"],
    ["name: x\n- 1km 1:50/km", "2:7: paces must be between 2:00 and 15:00 per km (with the band around it)"],
    ["name: x\n- 1km HR 160-150", "2:7: a heart-rate target is low-high with the lower first, e.g. HR 140-155"],
    ['name: x\n- 1km "far too long label"', "2:7: a label is 1 to 12 characters (this one has 18)"],
    ['name: x\n- 1km "open', '2:7: this label has no closing "'],
    ["name: x\n- 1km cad>=90", "2:12: a cadence must be between 100 and 240 steps per minute"],
    ["name: x\n- 1km ±5s", "2:7: a band (±8s) goes right after a pace"],
    ["name: x\n- 1km; 2km", '2:6: unexpected character ";"'],
    ["name: x\n6x\n\n- 1km", "2:1: 6x needs its steps on the lines below it: indented, or right under it (a blank line ends them)"],
    ["name: x\n60x\n  - 1km", "2:1: a repeat runs 1 to 50 times (got 60)"],
    ["name: x\n- 1km\n  - 2km", "3:1: this line is indented, but not under a repeat (6x) or as deep as the lines around it"],
    ["name: x\n2x\n    - 1km\n  - 2km", "4:1: this line is indented, but not under a repeat (6x) or as deep as the lines around it"],
    ["name: x\n2x\n\t- 1km", "3:1: indent with spaces, not tabs"],
    ["name: x\nbetween 90s", "2:1: between only goes inside a repeat, as its last line: the step run between the rounds"],
    ["name: x\n2x\n  between 90s\n  - 1km", "3:3: between must be the last line of its repeat"],
    ["name: x\n2x\n  between 90s", "2:1: this repeat needs at least one step besides between"],
    ["name: x\n- 1km between 90s", "2:7: between starts its own line, the last of a repeat: between 90s jog"],
    ["name: x\n2x\n  2x\n    2x\n      2x\n        - 1m", "5:7: repeats can be nested at most 3 deep"],
    ["name: A name too long\n- 1m", "1:7: a name is 1 to 14 characters (this one has 15)"],
    ["name: x\nname: y\n- 1m", "2:1: the workout already has a name (line 1)"],
    ["- 10m", "1:1: a workout needs a name: start with a line like name: Track 400s (1 to 14 characters)"],
    ["name: x\n", "2:1: a workout needs at least one step, e.g. - 10m warm-up"],
    ["name: x\n- 1km\n50x\n  50x\n    - 1m", "3:1: the workout reaches 2501 steps once the repeats are counted; at most 500"],
  ])("%j", (text, want) => {
    expect(firstError(text)).toBe(want);
  });

  it("reports every bad line, not just the first", () => {
    const r = parseText("name: x\n- 1km fast\n- 2km\n- 3km slow");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.line}:${e.col}`)).toEqual(["2:7", "4:7"]);
  });

  it("the 65th written step is too many; the JSON limit is the validator's", () => {
    const lines = ["name: x"];
    for (let i = 0; i < 65; i++) lines.push("- 1m");
    expect(firstError(lines.join("\n"))).toBe("66:1: too many steps: at most 64 written out; use repeats (6x) for the rest");
    const long = ["name: x"];
    for (let i = 0; i < 60; i++) long.push(`- 1m recovery 5k pace+100s ±50s HR 100-200 cad>=150 "label ${String(i).padStart(6, "0")}"`);
    expect(firstError(long.join("\n"))).toMatch(/^1:1: the workout is \d+ characters as JSON, at most 4096/);
  });
});
