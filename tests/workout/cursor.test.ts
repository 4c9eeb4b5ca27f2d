import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { Node, Plan, Step } from "../../src/engine/plan";
import { Cursor, planTotals } from "../../src/engine/workout/cursor";
import { arbPlan, expand } from "./arbitraries";
import { TEMPLATES } from "../../src/engine/workout/templates";

const s = (label: string, kind: Step["kind"] = "work", end: Step["end"] = { time: 60 }): Step => ({ kind, end, label });

function walk(p: Plan): { labels: string[]; reps: number[]; iters: string[] } {
  const c = new Cursor(p);
  const out = { labels: [] as string[], reps: [] as number[], iters: [] as string[] };
  for (let x = c.step; x; x = c.next()) {
    out.labels.push(x.label!);
    out.reps.push(c.rep);
    out.iters.push(c.where);
  }
  return out;
}

/** iter() of every leaf in execution order, by an expansion written independently of the cursor */
function expandIters(list: Node[], rounds: string[] = []): string[] {
  const show = (rs: string[]) => (rs.length === 0 ? "" : rs.length === 1 ? rs[0] : "set " + rs[rs.length - 2] + ", " + rs[rs.length - 1]);
  const out: string[] = [];
  for (const x of list) {
    if (!("repeat" in x)) {
      out.push(show(rounds));
      continue;
    }
    for (let r = 0; r < x.repeat; r++) {
      if (r > 0 && x.between) out.push(show([...rounds, r + "/" + x.repeat]));
      out.push(...expandIters(x.steps, [...rounds, r + 1 + "/" + x.repeat]));
    }
  }
  return out;
}

describe("Cursor", () => {
  const nested: Plan = {
    v: 1,
    name: "Nested",
    steps: [
      s("W", "warmup"),
      {
        repeat: 2,
        steps: [s("A"), { repeat: 2, steps: [s("b", "stride"), s("r", "recovery")], between: s("x", "rest") }],
        between: s("S", "rest"),
      },
      s("C", "cooldown"),
    ],
  };

  it("walks nested repeats with between steps in execution order", () => {
    expect(walk(nested).labels.join(" ")).toBe("W A b r x b r S A b r x b r C");
  });

  it("counts only work steps as reps, and knows the total without expanding", () => {
    const w = walk(nested);
    expect(w.reps).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    const c = new Cursor(nested);
    expect(c.reps).toBe(2);
    expect(planTotals(nested).steps).toBe(15);
  });

  it("says which round of which set a step is in", () => {
    expect(walk(nested).iters).toEqual([
      "", "1/2", "set 1/2, 1/2", "set 1/2, 1/2", "set 1/2, 1/2", "set 1/2, 2/2", "set 1/2, 2/2",
      "1/2", "2/2", "set 2/2, 1/2", "set 2/2, 1/2", "set 2/2, 1/2", "set 2/2, 2/2", "set 2/2, 2/2", "",
    ]);
  });

  it("stops at the end and stays there", () => {
    const c = new Cursor({ v: 1, name: "x", steps: [s("a"), s("b")] });
    expect(c.next()!.label).toBe("b");
    expect(c.idx).toBe(1);
    expect(c.next()).toBeNull();
    expect(c.step).toBeNull();
    expect(c.idx).toBe(2);
    expect(c.next()).toBeNull();
    expect(c.idx).toBe(2);
    expect(c.nextLeaf).toBeNull();
    expect(c.rep).toBe(2);
  });

  it("peeks at the next step without moving", () => {
    const c = new Cursor(nested);
    expect(c.nextLeaf!.label).toBe("A");
    c.next(); // A
    expect(c.nextLeaf!.label).toBe("b");
    expect(c.step!.label).toBe("A");
    expect(c.idx).toBe(1);
    for (let i = 0; i < 7; i++) c.next(); // second A
    expect(c.step!.label).toBe("A");
    expect(c.nextLeaf!.label).toBe("b");
  });

  it("leaves out the between step of a single round", () => {
    const p: Plan = { v: 1, name: "x", steps: [{ repeat: 1, steps: [s("a")], between: s("z", "rest") }, s("c")] };
    expect(walk(p).labels).toEqual(["a", "c"]);
    expect(planTotals(p).steps).toBe(2);
  });

  it("jumps to a leaf (a resume) as if it had stepped there (property)", () => {
    fc.assert(
      fc.property(arbPlan(), fc.nat(40), (p, to) => {
        const a = new Cursor(p);
        while (a.idx < to && a.next()) {}
        const b = new Cursor(p);
        if (to > 0) b.next(to);
        expect([b.idx, b.rep, b.where, b.step, b.nextLeaf]).toEqual([a.idx, a.rep, a.where, a.step, a.nextLeaf]);
      }),
      { numRuns: 200 },
    );
  });

  it("visits exactly the expanded sequence of any valid plan (property)", () => {
    fc.assert(
      fc.property(arbPlan(), (p) => {
        const ref = expand(p.steps);
        const iters = expandIters(p.steps);
        const c = new Cursor(p);
        expect(planTotals(p).steps).toBe(ref.length);
        expect(c.reps).toBe(ref.filter((x) => x.kind === "work").length);
        let reps = 0;
        for (let i = 0; i < ref.length; i++) {
          // the cursor hands out copies (it keeps the plan as text): equal leaves
          expect(c.step).toEqual(ref[i]);
          expect(c.idx).toBe(i);
          if (ref[i].kind === "work") reps++;
          expect(c.rep).toBe(reps);
          expect(c.where).toBe(iters[i]);
          expect(c.nextLeaf).toEqual(i + 1 < ref.length ? ref[i + 1] : null);
          expect(c.next()).toEqual(i + 1 < ref.length ? ref[i + 1] : null);
        }
        expect(c.step).toBeNull();
        expect(c.idx).toBe(ref.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("planTotals", () => {
  it("adds times, distances, HR minimum times and lap steps of a nested plan", () => {
    const p: Plan = {
      v: 1,
      name: "x",
      steps: [
        s("w", "warmup", { lap: 1 }),
        {
          repeat: 3,
          steps: [s("a", "work", { dist: 400 }), s("r", "recovery", { hrBelow: 120, minS: 45, maxS: 120 })],
          between: s("b", "rest", { time: 100 }),
        },
        s("c", "cooldown", { hrAbove: 150 }),
      ],
    };
    const t = planTotals(p, 300);
    expect(t).toEqual({ steps: 10, reps: 3, timeS: 3 * 45 + 2 * 100, distM: 1200, open: 1, estS: 3 * 45 + 2 * 100 + 1.2 * 300 });
  });

  it("estimates distance steps at their own band's middle pace, else the given one", () => {
    const p: Plan = {
      v: 1,
      name: "x",
      steps: [
        { kind: "work", end: { dist: 1000 }, pace: [240, 250] },
        { kind: "work", end: { dist: 2000 }, pace: { race: 5000 } },
      ],
    };
    expect(planTotals(p, 330).estS).toBe(245 + 660);
    expect(planTotals(p).estS).toBe(245 + 720);
  });

  it("matches the expanded plan (property)", () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 150, max: 600 }), (p, pace) => {
        const ref = expand(p.steps);
        let timeS = 0;
        let distM = 0;
        let open = 0;
        let estS = 0;
        for (const x of ref) {
          const e = x.end;
          if (e.time !== undefined) (timeS += e.time), (estS += e.time);
          else if (e.dist !== undefined) {
            distM += e.dist;
            estS += (e.dist / 1000) * (Array.isArray(x.pace) ? (x.pace[0] + x.pace[1]) / 2 : pace);
          } else if (e.lap) open++;
          else (timeS += e.minS || 0), (estS += e.minS || 0);
        }
        const t = planTotals(p, pace);
        expect(t.steps).toBe(ref.length);
        expect(t.reps).toBe(ref.filter((x) => x.kind === "work").length);
        expect(t.timeS).toBe(timeS);
        expect(t.distM).toBe(distM);
        expect(t.open).toBe(open);
        expect(t.estS).toBeCloseTo(estS, 6);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Cursor: the form guard's set and its shortening", () => {
  const byName = (n: string) => TEMPLATES.find((t) => t.name === n)!;
  /** the cursor on leaf idx */
  const at = (p: Plan, idx: number) => {
    const c = new Cursor(p);
    if (idx) c.next(idx);
    return c;
  };
  it("ends the set where the innermost repeat holding the leaf ends (all its rounds), or at 1e6 outside repeats", () => {
    // Classic 5K: warm-up 0, strides 1-8, the 400s 9-19 (the jogs between them included), cool-down 20
    expect(at(byName("Classic 5K"), 10).end).toBe(20);
    expect(at(byName("Classic 5K"), 3).end).toBe(9);
    expect(at(byName("Classic 5K"), 0).end).toBe(1e6);
    // 3-zone: a jog in set 1's surges ends with them (leaf 8); the easy block between sets is in the outer repeat (to the cool-down, leaf 24)
    const z = byName("3-zone");
    expect([at(z, 3).step!.label, at(z, 3).end]).toEqual(["Jog", 8]);
    expect([at(z, 8).step!.label, at(z, 8).end]).toEqual(["Easy", 24]);
    // the Ladder has no repeats: the set is the rest of the plan
    expect(at(byName("Ladder"), 2).end).toBe(1e6);
  });

  it("shortens to 75 % only the work leaves before cut, read again in place by next(idx), where unchanged", () => {
    const p = byName("Classic 5K");
    const c = at(p, 12);
    expect([c.step!.kind, c.where, c.nextLeaf!.end.dist]).toEqual(["recovery", "2/6", 400]);
    c.cut = c.end;
    expect(c.next(c.idx)!.kind).toBe("recovery");
    expect([c.idx, c.where, c.nextLeaf!.end.dist, c.nextLeaf!.label]).toEqual([12, "2/6", 300, "Short"]);
    const seen: [string, number | undefined][] = [];
    for (let s = c.next(); s; s = c.next()) seen.push([s.kind, s.end.dist ?? s.end.time]);
    expect(seen).toEqual([["work", 300], ["recovery", 90], ["work", 300], ["recovery", 90], ["work", 300], ["recovery", 90], ["work", 300], ["cooldown", 600]]);
    // the plan itself is untouched
    expect((p.steps[2] as { steps: Step[] }).steps[0].end.dist).toBe(400);
  });

  it("shortens timed reps too (rounded to whole seconds), and a resume with cut lands on the shortened rep", () => {
    const p: Plan = { v: 1, name: "t", steps: [{ repeat: 4, steps: [s("Rep", "work", { time: 90 })], between: s("Jog", "recovery", { time: 60 }) }] };
    const c = new Cursor(p);
    c.cut = 5;
    expect(c.next(2)!.end.time).toBe(68);
    expect(c.next(4)!.end.time).toBe(68);
    // a resume straight to leaf 4 walks past leaf 2 (the same object of the plan's repeat): still 75 % once
    const r = new Cursor(p);
    r.cut = 5;
    expect([r.next(4)!.end.time, r.nextLeaf!.end.time]).toEqual([68, 60]);
    // leaf 6 is past the cut
    expect(r.next(6)!.end.time).toBe(90);
    expect(p.steps[0]).toMatchObject({ steps: [{ end: { time: 90 }, label: "Rep" }] });
  });
});
