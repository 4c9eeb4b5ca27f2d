// fast-check generators for log records, and the documented resolution each field keeps.
import fc from "fast-check";
import { expect } from "vitest";
import type { LineRec, Rec } from "../../src/engine/log/records";
import { STEP_KINDS, STEP_WHYS, EVENT_WHATS, END_WHYS } from "../../src/engine/log/records";

const ms = fc.integer({ min: 0, max: 200_000_000 }); // session time: up to ~55 h
const dist = fc.double({ min: 0, max: 200_000, noNaN: true });
const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" }), fc.constantFrom("", "4x1000m, 60s *fast* 100%"));

export const header = fc.record(
  {
    k: fc.constant("H" as const),
    startMs: fc.tuple(fc.integer({ min: 0, max: 2_147_483_646 }), fc.integer({ min: 0, max: 999 })).map(([s, m]) => s * 1000 + m),
    plan: text,
    planHash: fc.integer({ min: 0, max: 0xffffffff }),
    version: text,
    goal: text.filter((s) => s !== ""),
  },
  { requiredKeys: ["k", "startMs", "plan", "planHash", "version"] },
);

export const step = fc.record({
  k: fc.constant("S" as const),
  idx: fc.integer({ min: 0, max: 1000 }),
  kind: fc.constantFrom(...STEP_KINDS),
  rep: fc.integer({ min: 0, max: 100 }),
  startMs: ms,
  durMs: ms,
  distM: dist,
  avgPaceSPerKm: fc.oneof(fc.constant(0), fc.double({ min: 60, max: 3600, noNaN: true })),
  avgHr: fc.oneof(fc.constant(0), fc.double({ min: 30, max: 240, noNaN: true })),
  maxHr: fc.integer({ min: 0, max: 240 }),
  avgCad: fc.oneof(fc.constant(0), fc.double({ min: 60, max: 260, noNaN: true })),
  why: fc.constantFrom(...STEP_WHYS),
  flags: fc.integer({ min: 0, max: 127 }),
  quality: fc.integer({ min: 0, max: 15 }),
});

export const event = fc.record(
  {
    k: fc.constant("F" as const),
    tMs: ms,
    what: fc.constantFrom(...EVENT_WHATS),
    value: fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  },
  { requiredKeys: ["k", "tMs", "what"] },
);

export const rpe = fc.record(
  { k: fc.constant("R" as const), rpe: fc.integer({ min: 1, max: 10 }), idx: fc.integer({ min: -1, max: 1000 }) },
  { requiredKeys: ["k", "rpe"] },
);

export const end = fc.record({ k: fc.constant("E" as const), durMs: ms, distM: dist, why: fc.constantFrom(...END_WHYS) });

export const lineRec: fc.Arbitrary<LineRec> = fc.oneof(header, step, event, rpe, end);

/** A point's HR or cadence as the session hands it over: a reading up to max, or none (0, NaN, absent). */
function hrOrCad(max: number): fc.Arbitrary<number | undefined> {
  return fc.oneof(fc.double({ min: 0, max, noNaN: true }), fc.constantFrom(0, NaN, undefined));
}

/** A GPS track in session seconds and degrees (with HR and cadence): mostly running-sized steps, sometimes jumps. */
export const track = fc
  .tuple(
    fc.double({ min: -89, max: 89, noNaN: true }),
    fc.double({ min: -179, max: 179, noNaN: true }),
    fc.array(
      fc.tuple(
        fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 3600 })),
        fc.oneof(fc.double({ min: -0.001, max: 0.001, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })),
        fc.oneof(fc.double({ min: -0.001, max: 0.001, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })),
        hrOrCad(240),
        hrOrCad(400),
      ),
      { minLength: 1, maxLength: 60 },
    ),
  )
  .map(([lat, lon, steps]) => {
    let t = 0;
    return steps.map(([dt, dla, dlo, bpm, spm]) => {
      t += dt;
      lat += dla;
      lon += dlo;
      return { tS: t, lat, lon, bpm, spm };
    });
  });

const near = (got: number, want: number, res: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(res / 2 + 1e-9);

/** decode(encode(x)) equals x up to the documented resolution of each field. */
export function expectSameRec(got: Rec, want: LineRec): void {
  expect(got.k).toBe(want.k);
  if (want.k === "S" && got.k === "S") {
    const { distM, avgPaceSPerKm, avgHr, avgCad, ...exact } = want;
    const { distM: gd, avgPaceSPerKm: gp, avgHr: gh, avgCad: gc, ...gotExact } = got;
    expect(gotExact).toEqual(exact);
    near(gd, distM, 0.1);
    near(gp, avgPaceSPerKm, 0.1);
    near(gh, avgHr, 1);
    near(gc, avgCad, 1);
  } else if (want.k === "F" && got.k === "F") {
    const { value, ...exact } = want;
    const { value: gv, ...gotExact } = got;
    expect(gotExact).toEqual(exact);
    if (value === undefined) expect(gv).toBeUndefined();
    else near(gv!, value, 0.1);
  } else if (want.k === "E" && got.k === "E") {
    expect(got.durMs).toBe(want.durMs);
    expect(got.why).toBe(want.why);
    near(got.distM, want.distM, 0.1);
  } else {
    expect(got).toEqual(want);
  }
}
