// The parser never throws, whatever it is given, and every error it gives has a position inside
// the text; whatever it accepts, the validator accepts too. Three kinds of input: any string,
// soups of the grammar's own words (which reach deep into the parser), and valid texts edited at
// random.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseText, type TextResult } from "../../src/authoring/text";
import { printWorkout } from "../../src/authoring/print";
import { parseWorkout } from "../../src/engine/workout/validate";
import { arbPlan } from "../workout/arbitraries";

/** the property: no throw, errors placed inside the text, or a plan the validator takes */
function sound(text: string): void {
  let r: TextResult;
  try {
    r = parseText(text);
  } catch (e) {
    throw new Error("parseText threw on " + JSON.stringify(text) + ": " + e);
  }
  if (r.ok) {
    const v = parseWorkout(r.plan);
    if (!v.ok) throw new Error("accepted " + JSON.stringify(text) + " but the validator says: " + v.error);
    return;
  }
  const lines = text.split(/\r\n|\r|\n/);
  expect(r.errors.length).toBeGreaterThan(0);
  expect(r.errors.length).toBeLessThanOrEqual(20);
  for (const e of r.errors) {
    const where = JSON.stringify(text) + " -> " + JSON.stringify(e);
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines.length, where).toBe(true);
    expect(Number.isInteger(e.col) && e.col >= 1 && e.col <= lines[e.line - 1].length + 1, where).toBe(true);
    expect(e.len, where).toBeGreaterThanOrEqual(1);
    expect(e.message.length, where).toBeGreaterThan(5);
  }
}

const WORDS = [
  "name: x", "name:", "note: n", "note:", "6x", "2x", "0x", "51x", "between", "between:", "-", "- ", "  ", "    ", "\t", "\n", "\n", "\n", "\r\n",
  "10m", "90s", "1h20m", "0.1m", "400mtr", "1.5km", "1mi", "5k", "10k", "HM", "M", "mile", "1500", "pace", "pace-3s", "+10s", "-", "±8s", "+-", "+/-",
  "4:30/km", "4:30", "/km", "/mi", "4:20-4:31/km", "press", "lap", "until", "HR", "HR<130", "<", ">", ">=", "≥", "130", "bpm", "min", "max", "hold",
  "60s", "2m", "HR 140-155", "cad>=170", "cad", "spm", "warm-up", "stride", "jog", "recover", "cool-down", "rest", '"Jog"', '"', '\\"', "#", "# c",
  "1e5", "..", "::", "9999999999999999999999mtr", "x", "é", "\u2028", "\u0000",
];

const soup = fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(" "));
const tightSoup = fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(""));

/** a valid text edited: a slice cut, a word put in, a line repeated or re-indented */
const edited = fc
  .tuple(arbPlan().map(printWorkout), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let t = text;
    for (const [at, len, word, how] of edits) {
      const i = at % (t.length + 1);
      if (how === 0) t = t.slice(0, i) + t.slice(i + len);
      else if (how === 1) t = t.slice(0, i) + word + t.slice(i);
      else {
        const lines = t.split("\n");
        const k = at % lines.length;
        if (how === 2) lines.splice(k, 0, lines[k]);
        else lines[k] = " ".repeat(len % 5) + lines[k].trimStart();
        t = lines.join("\n");
      }
    }
    return t;
  });

describe("parser fuzzing", () => {
  it("any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), sound), { numRuns: 2000 });
  });

  it("soups of the grammar's words", () => {
    fc.assert(fc.property(soup, sound), { numRuns: 3000 });
    fc.assert(fc.property(tightSoup, sound), { numRuns: 3000 });
    fc.assert(fc.property(soup.map((s) => "name: fuzz\n" + s), sound), { numRuns: 3000 });
  });

  it("valid workouts edited at random", () => {
    fc.assert(fc.property(edited, sound), { numRuns: 1500 });
  });

  it("some of the soups are valid workouts (the fuzzing reaches the end of the parser)", () => {
    let okCount = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom("- 10m", "- 400mtr 5k pace-3s", "6x", "  - 90s jog", "  between 60s", "- until HR<130 max 3m recover", "\n"), { maxLength: 12 }), (parts) => {
        const r = parseText("name: fuzz\n" + parts.join("\n"));
        if (r.ok) okCount++;
        sound("name: fuzz\n" + parts.join("\n"));
      }),
      { numRuns: 500 },
    );
    expect(okCount).toBeGreaterThan(50);
  });
});
