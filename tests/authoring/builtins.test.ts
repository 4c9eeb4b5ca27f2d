// The built-ins added for the coaching principles: a tempo block and a lighter swap for a tired
// day. Each validates, fits the watch (name one menu row, note two pre-start lines), reads back
// from its text, and does what its note says for slow and fast runners alike.
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { parseWorkout } from "../../src/engine/workout/validate";
import { resolvePlan, paceSPerKm } from "../../src/engine/workout/pace";
import { planTotals } from "../../src/engine/workout/totals";
import { MAX_NAME, MAX_NOTE } from "../../src/engine/workout/limits";
import { parseText } from "../../src/authoring/text";
import { printWorkout } from "../../src/authoring/print";
import { noteLines } from "../../src/authoring/preview";
import type { Step } from "../../src/engine/plan";
import { expand } from "../workout/arbitraries";

const byName = (n: string) => TEMPLATES.find((t) => t.name === n)!;
const GOALS = [{ distM: 5000, timeS: 15 * 60 }, { distM: 5000, timeS: 25 * 60 }, { distM: 10000, timeS: 65 * 60 }, { distM: 42195, timeS: 4.5 * 3600 }];
const mid = (s: Step) => ((s.pace as number[])[0] + (s.pace as number[])[1]) / 2;

describe("new built-ins", () => {
  it("are there, valid, on one menu row with a two-line note, and read back from their text", () => {
    for (const n of ["Tempo 20", "Easy+strides"]) {
      const t = byName(n);
      expect(t, n).toBeDefined();
      expect(parseWorkout(JSON.stringify(t)).ok).toBe(true);
      expect(t.name.length).toBeLessThanOrEqual(MAX_NAME);
      expect(t.note!.length).toBeGreaterThan(10);
      expect(t.note!.length).toBeLessThanOrEqual(MAX_NOTE);
      expect(noteLines(t.note!).length).toBeLessThanOrEqual(2);
      const back = parseText(printWorkout(t));
      expect(back.ok && back.plan).toEqual(t);
    }
  });

  it("Tempo 20: one unbroken block of 20 min at threshold, between 10K and half-marathon pace, for every goal", () => {
    const t = byName("Tempo 20");
    for (const g of GOALS) {
      const work = expand(resolvePlan(t, g).steps).filter((s) => s.kind === "work");
      expect(work).toHaveLength(1);
      expect(work[0].end.time).toBe(1200);
      expect(mid(work[0])).toBeGreaterThan(paceSPerKm(g.distM, g.timeS, 10000));
      expect(mid(work[0])).toBeLessThan(paceSPerKm(g.distM, g.timeS, 21097.5));
    }
  });

  it("Easy+strides: no reps, short strides with walks, easy running well slower than 5K pace, shorter than the key session", () => {
    const t = byName("Easy+strides");
    const seq = expand(t.steps);
    expect(planTotals(t).reps).toBe(0);
    const strides = seq.filter((s) => s.kind === "stride");
    expect(strides.length).toBeGreaterThanOrEqual(4);
    for (const s of strides) expect(s.end.time).toBeLessThanOrEqual(30);
    for (const g of GOALS) {
      const easy = expand(resolvePlan(t, g).steps).filter((s) => s.label === "Easy");
      expect(easy.length).toBe(2);
      for (const e of easy) expect((e.pace as number[])[0]).toBeGreaterThan(paceSPerKm(g.distM, g.timeS, 5000) + 45);
    }
    expect(planTotals(t).estS).toBeLessThan(planTotals(byName("Classic 5K")).estS);
  });
});
