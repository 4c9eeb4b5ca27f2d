// fast-check arbitraries of valid workout plans (shared with the engine's property tests),
// and a reference expansion written independently of the cursor, for comparison.

import fc from "fast-check";
import * as L from "../../src/engine/workout/limits";
import type { End, Node, PaceRef, Plan, Step, StepKind } from "../../src/engine/plan";

const KINDS: StepKind[] = ["warmup", "stride", "work", "recovery", "cooldown", "rest"];

/** Bounds on step lengths, e.g. to keep simulated sessions short; defaults are the format's limits. */
export interface PlanOpts {
  maxTimeS?: number;
  maxDistM?: number;
}

export function arbEnd(o: PlanOpts = {}): fc.Arbitrary<End> {
  const maxS = o.maxTimeS ?? 14400;
  const hrBelow = fc
    .record({
      hrBelow: fc.integer({ min: 40, max: 230 }),
      maxS: fc.integer({ min: 1, max: maxS }),
      minFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      holdS: fc.integer({ min: 0, max: 600 }),
      withMin: fc.boolean(),
      withHold: fc.boolean(),
    })
    .map((r) => {
      const e: End = { hrBelow: r.hrBelow, maxS: r.maxS };
      if (r.withMin) e.minS = Math.floor(r.minFrac * r.maxS);
      if (r.withHold) e.holdS = r.holdS;
      return e;
    });
  return fc.oneof(
    fc.integer({ min: 1, max: maxS }).map((time) => ({ time })),
    fc.integer({ min: 10, max: o.maxDistM ?? 100000 }).map((dist) => ({ dist })),
    fc.constant({ lap: 1 as const }),
    hrBelow,
    fc.record(
      { hrAbove: fc.integer({ min: 40, max: 230 }), maxS: fc.integer({ min: 1, max: maxS }) },
      { requiredKeys: ["hrAbove"] },
    ),
  );
}

export const arbPaceRef: fc.Arbitrary<PaceRef> = fc.record(
  {
    race: fc.integer({ min: 1500, max: 42195 }),
    offS: fc.integer({ min: -120, max: 300 }),
    bandS: fc.integer({ min: 1, max: 60 }),
  },
  { requiredKeys: ["race"] },
);

const arbBand: fc.Arbitrary<[number, number]> = fc
  .tuple(fc.integer({ min: 120, max: 899 }), fc.integer({ min: 1, max: 120 }))
  .map(([fast, w]) => [fast, Math.min(900, fast + w)] as [number, number]);

const arbHr: fc.Arbitrary<[number, number]> = fc
  .tuple(fc.integer({ min: 40, max: 229 }), fc.integer({ min: 1, max: 60 }))
  .map(([lo, w]) => [lo, Math.min(230, lo + w)] as [number, number]);

export function arbStep(o: PlanOpts = {}): fc.Arbitrary<Step> {
  return fc.record(
    {
      kind: fc.constantFrom(...KINDS),
      end: arbEnd(o),
      pace: fc.oneof(arbBand, arbPaceRef),
      hr: arbHr,
      minCad: fc.integer({ min: 100, max: 240 }),
      label: fc.string({ minLength: 1, maxLength: 12 }),
    },
    { requiredKeys: ["kind", "end"] },
  );
}

function arbNodes(depth: number, maxLen: number, o: PlanOpts): fc.Arbitrary<Node[]> {
  const node: fc.Arbitrary<Node> =
    depth >= 3
      ? arbStep(o)
      : fc.oneof(
          { arbitrary: arbStep(o), weight: 3 },
          {
            arbitrary: fc.record(
              {
                repeat: fc.integer({ min: 1, max: 6 }),
                steps: arbNodes(depth + 1, 3, o),
                between: arbStep(o),
              },
              { requiredKeys: ["repeat", "steps"] },
            ),
            weight: 1,
          },
        );
  return fc.array(node, { minLength: 1, maxLength: maxLen });
}

/** Leaves as written (between steps included), as the validator counts them. */
export function writtenLeaves(list: Node[]): number {
  let n = 0;
  for (const x of list) {
    if ("repeat" in x) n += writtenLeaves(x.steps) + (x.between ? 1 : 0);
    else n++;
  }
  return n;
}

/** The plan executed step by step: repeats expanded, between steps between rounds. */
export function expand(list: Node[]): Step[] {
  const out: Step[] = [];
  for (const x of list) {
    if (!("repeat" in x)) {
      out.push(x);
      continue;
    }
    for (let r = 0; r < x.repeat; r++) {
      if (r > 0 && x.between) out.push(x.between);
      out.push(...expand(x.steps));
    }
  }
  return out;
}

/** Valid plans within every limit of the format (sizes checked here, fields by construction). */
export function arbPlan(o: PlanOpts = {}): fc.Arbitrary<Plan> {
  return fc
    .record(
      {
        v: fc.constant(1 as const),
        name: fc.string({ minLength: 1, maxLength: L.MAX_NAME }),
        note: fc.string({ maxLength: L.MAX_NOTE }),
        steps: arbNodes(0, 6, o),
      },
      { requiredKeys: ["v", "name", "steps"] },
    )
    .filter((p) => writtenLeaves(p.steps) <= 64 && expand(p.steps).length <= 500 && JSON.stringify(p).length <= 4096);
}
