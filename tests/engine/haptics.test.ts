import { describe, it, expect } from "vitest";
import { H_REP, H_CAD, H_FAST, H_COUNT, patternMs, pattern } from "../../src/engine/haptics";
import { Session } from "../../src/engine/session";
import { crc32 } from "../../src/sim/crc";

function setup() {
  const played: { id: number; at: number }[] = [];
  let now = 0;
  // the session's scheduler, on an hour-long timed step (no boundary of its own in these tests)
  const h = new Session({ v: 1, name: "t", steps: [{ kind: "work", end: { time: 3600 } }] }, { buzz: (id, d) => played.push({ id, at: now + d }), write() {}, crc: crc32 }, 0, "t", "", 0, 0);
  return { h, played, at: (t: number) => (now = t) };
}

describe("the buzz scheduler (Session.request)", () => {
  it("drops an alert while a pattern plays instead of queueing it", () => {
    const { h, played, at } = setup();
    at(0);
    expect(h.request(H_REP, 0, 0)).toBe(true);
    at(100);
    expect(h.request(H_CAD, 100, 0)).toBe(false);
    expect(played.map((p) => p.id)).toEqual([H_REP]);
  });
  it("delays a boundary by at most the pattern already playing", () => {
    const { h, played, at } = setup();
    at(0);
    h.request(H_FAST, 0, 0);
    at(50);
    h.request(H_REP, 50, 0);
    expect(played[1].at).toBeLessThanOrEqual(patternMs(H_FAST) + 400);
  });
  it("never starts an alert that would still be playing when a boundary is due", () => {
    const { h, at } = setup();
    at(10_000);
    h.boundaryAt = 10_500;
    expect(h.request(H_CAD, 10_000, 0)).toBe(false);
    h.boundaryAt = 20_000;
    expect(h.request(H_CAD, 10_000, 0)).toBe(true);
  });
  it("keeps alerts at least 5 s apart", () => {
    const { h, at } = setup();
    at(0);
    expect(h.request(H_FAST, 0, 0)).toBe(true);
    at(3000);
    expect(h.request(H_CAD, 3000, 0)).toBe(false);
    at(6000);
    expect(h.request(H_CAD, 6000, 0)).toBe(true);
  });
  it("schedules ahead: a delayed countdown tick lands at its time", () => {
    const { h, played, at } = setup();
    at(1000);
    h.request(H_COUNT, 1000, 700);
    expect(played[0].at).toBe(1700);
  });
});

describe("the patterns", () => {
  it("are the README's table, ms on and off", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(pattern)).toEqual([
      [600], [150, 150, 400], [70], [250, 150, 250], [500, 200, 500, 200, 500], [80, 80, 80, 80, 80], [60, 120, 60], [300, 120, 300, 120, 300],
    ]);
    expect(patternMs(H_FAST)).toBe(240);
  });
});
