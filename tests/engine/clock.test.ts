import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { MonoClock } from "../../src/engine/clock";
import { parseRecording } from "../../src/sim/recording";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { resolvePlan } from "../../src/engine/workout/pace";

describe("MonoClock", () => {
  it("follows the wall clock between plausible ticks", () => {
    const c = new MonoClock(1_000_000);
    expect(c.tick(1_001_000)).toBe(1000);
    expect(c.at(1_001_400)).toBe(1400);
    expect(c.tick(1_002_010)).toBe(2010);
  });
  it("counts a jump as one nominal tick and never goes backwards", () => {
    const c = new MonoClock(0);
    c.tick(1000);
    expect(c.tick(1000 + 3_600_000)).toBe(2000);
    expect(c.jumps).toBe(1);
    expect(c.tick(-5_000_000)).toBe(3000);
    expect(c.at(-6_000_000)).toBe(3000);
    expect(c.jumps).toBe(2);
  });
  it("hands out no time before the last one, at a tick or between ticks", () => {
    const c = new MonoClock(0);
    expect(c.at(4000)).toBe(4000);
    // the tick comes late in wall time but early against what at() already handed out
    expect(c.tick(1000)).toBe(4000);
    // a wall time before the tick is held at the last value; later ones never go back
    expect(c.at(500)).toBe(4000);
    expect(c.at(1500)).toBe(4500);
    expect(c.at(1200)).toBe(4500);
  });
});

describe("a ±1 h wall-clock jump mid-rep", () => {
  const rows = parseRecording(readFileSync("tests/fixtures/fitparser_running-with-developer-data.csv", "utf8"));
  const plan = resolvePlan(TEMPLATES.find((p) => p.name === "4x1km")!, { distM: 5000, timeS: 22 * 60 });
  const splits = (byMs: number) => {
    const run = runSession(plan, replay(rows), { cmds: [{ atMs: 1250, cmd: "lap" }], clockJumps: byMs ? [{ atMs: 150_500, byMs }] : [] });
    const d = decodeLog(run.lines.join(""), crc32);
    return { steps: d.recs.filter((r) => r.k === "S"), jumps: d.recs.filter((r) => r.k === "F" && r.what === "clockJump").length };
  };
  const base = splits(0);
  it("leaves every split unchanged", () => {
    expect(base.steps.length).toBeGreaterThanOrEqual(9);
    for (const by of [3_600_000, -3_600_000]) {
      const j = splits(by);
      expect(j.steps).toEqual(base.steps);
      expect(j.jumps).toBe(1);
    }
  });
});
