import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { parseWorkout } from "../../src/engine/workout/validate";
import { Cursor, planTotals } from "../../src/engine/workout/cursor";
import { resolvePlan } from "../../src/engine/workout/pace";
import type { Step } from "../../src/engine/plan";
import { expand } from "./arbitraries";

const byName = (n: string) => {
  const t = TEMPLATES.find((x) => x.name === n);
  if (!t) throw new Error("no template " + n);
  return t;
};

describe("built-in templates", () => {
  it("are the seven named workouts, each valid as JSON text, with a note", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual(["Classic 5K", "Ladder", "3-zone", "HR rest", "4x1km", "Tempo 20", "Easy+strides"]);
    for (const t of TEMPLATES) {
      const r = parseWorkout(JSON.stringify(t));
      if (!r.ok) throw new Error(t.name + ": " + r.error);
      expect(t.note && t.note.length).toBeGreaterThan(0);
    }
  });

  it("stay valid once their paces are resolved for slow and fast runners", () => {
    for (const goal of [{ distM: 5000, timeS: 14 * 60 }, { distM: 10000, timeS: 70 * 60 }, { distM: 42195, timeS: 5 * 3600 }]) {
      for (const t of TEMPLATES) {
        const r = parseWorkout(resolvePlan(t, goal));
        if (!r.ok) throw new Error(t.name + ": " + r.error);
      }
    }
  });

  it("Classic 5K: warm-up, 4 strides with recoveries, 6 x 400 m just under 5K pace with 90 s between, cool-down", () => {
    const seq = expand(byName("Classic 5K").steps);
    expect(seq.map((s) => s.kind).join(" ")).toBe(
      "warmup " + "stride recovery ".repeat(4) + "work recovery ".repeat(5) + "work cooldown",
    );
    const reps = seq.filter((s) => s.kind === "work");
    for (const r of reps) {
      expect(r.end.dist).toBe(400);
      expect(r.pace).toMatchObject({ race: 5000 });
      expect((r.pace as { offS: number }).offS).toBeLessThan(0);
    }
    const recs = seq.slice(9).filter((s) => s.kind === "recovery");
    for (const r of recs) expect(r.end.time).toBeGreaterThanOrEqual(90);
  });

  it("Ladder: reps get longer and the longest comes last", () => {
    const reps = expand(byName("Ladder").steps).filter((s) => s.kind === "work");
    const d = reps.map((r) => r.end.dist!);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(new Set(d).size).toBe(d.length);
  });

  it("3-zone: nested repeats rotate tempo, faster surges and easy blocks", () => {
    const t = byName("3-zone");
    const goal = { distM: 5000, timeS: 1200 };
    const seq = expand(resolvePlan(t, goal).steps);
    const mid = (s: Step) => ((s.pace as number[])[0] + (s.pace as number[])[1]) / 2;
    const tempo = seq.filter((s) => s.label === "Tempo");
    const surge = seq.filter((s) => s.label === "Surge");
    const easy = seq.filter((s) => s.label === "Easy");
    expect(tempo.length).toBeGreaterThan(1);
    expect(surge.length).toBeGreaterThan(tempo.length);
    expect(easy.length).toBe(tempo.length - 1);
    expect(mid(surge[0])).toBeLessThan(mid(tempo[0]));
    expect(mid(easy[0])).toBeGreaterThan(mid(tempo[0]) + 30);
    expect(t.steps.some((n) => "repeat" in n && n.steps.some((m) => "repeat" in m))).toBe(true);
  });

  it("HR rest: recoveries end on HR with a minimum, a hold and a cap", () => {
    const recs = expand(byName("HR rest").steps).filter((s) => s.kind === "recovery");
    expect(recs.length).toBe(4);
    for (const r of recs) {
      expect(r.end.hrBelow).toBeGreaterThan(0);
      expect(r.end.minS!).toBeLessThan(r.end.maxS!);
      expect(r.end.holdS).toBeGreaterThan(0);
    }
  });
});

describe("4x1km matches the recorded fenix 5X session", () => {
  // tests/fixtures/fitparser_running-with-developer-data.csv (MIT, jimmykane/fit-parser)
  const rows = readFileSync("tests/fixtures/fitparser_running-with-developer-data.csv", "utf8").trim().split("\n").slice(1)
    .map((l) => l.split(","));
  const laps: { t0: number; t1: number; d0: number; d1: number }[] = [];
  let prevT = 0;
  let prevD = 0;
  for (const r of rows) {
    const lap = +r[8];
    const t = +r[0];
    const d = +r[7];
    if (!laps[lap - 1]) laps[lap - 1] = { t0: prevT, t1: t, d0: prevD, d1: d };
    laps[lap - 1].t1 = t;
    laps[lap - 1].d1 = d;
    prevT = t;
    prevD = d;
  }

  it("has the device's first 9 laps: a lap-ended warm-up, then 1000 m reps each followed by 60 s", () => {
    const c = new Cursor(byName("4x1km"));
    for (let i = 0; i < 9; i++, c.next()) {
      const lap = laps[i];
      const s = c.step!;
      if (i === 0) {
        expect(s.kind).toBe("warmup");
        expect(s.end.lap).toBe(1);
        expect(lap.t1 - lap.t0).toBeLessThan(3); // pressed away at once on the device
      } else if (i % 2 === 1) {
        expect(s.kind).toBe("work");
        expect(s.end.dist).toBe(1000);
        expect(lap.d1 - lap.d0).toBeGreaterThan(990);
        expect(lap.d1 - lap.d0).toBeLessThan(1010);
      } else {
        expect(s.kind).toBe("recovery");
        expect(s.end.time).toBe(60);
        expect(Math.abs(lap.t1 - lap.t0 - 60)).toBeLessThanOrEqual(1.5);
      }
    }
    expect(c.step!.kind).toBe("cooldown");
    expect(c.step!.end.lap).toBe(1);
    expect(c.next()).toBeNull();
    expect(planTotals(byName("4x1km")).open).toBe(2);
  });
});

describe("speedseq.plans.json (the built-ins as the watch reads them)", () => {
  it("is what the build writes from TEMPLATES, each one valid", async () => {
    const { buildPlans } = await import("../../tools/build-extras.mjs");
    const built = await buildPlans();
    expect(built.failures).toEqual([]);
    expect(JSON.parse(built.json)).toEqual(TEMPLATES);
    expect(readFileSync("apps/speedseq/speedseq.plans.json", "utf8")).toBe(built.json);
  });
});
