import { describe, it, expect } from "vitest";
import { planTotals } from "../src/engine/workout/totals";

describe("plan", () => {
  it("counts a repeat's body for every round", () => {
    expect(planTotals({ steps: [{ repeat: 2, steps: [{ kind: "work", end: { time: 60 } }] }] }).steps).toBe(2);
    expect(planTotals({ steps: [{ kind: "work", end: { time: 60 } }] }).steps).toBe(1);
  });
});
