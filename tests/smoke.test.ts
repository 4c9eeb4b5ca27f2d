import { describe, it, expect } from "vitest";
import { isRepeat } from "../src/engine/plan";

describe("plan", () => {
  it("tells a repeat from a step", () => {
    expect(isRepeat({ repeat: 2, steps: [] })).toBe(true);
    expect(isRepeat({ kind: "work", end: { time: 60 } })).toBe(false);
  });
});
