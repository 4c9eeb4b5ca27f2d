import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { Session } from "../../src/engine/session";
import { parseRecording } from "../../src/sim/recording";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { resolvePlan } from "../../src/engine/workout/pace";

/** a session started at wall time wallMs (an hour-long timed step), and the clock jumps it logged */
function at(wallMs: number) {
  const lines: string[] = [];
  const s = new Session({ v: 1, name: "t", steps: [{ kind: "work", end: { time: 3600 } }] }, { buzz() {}, write: (l) => lines.push(l), crc: crc32 }, wallMs, "t", "", 0, 0);
  const jumps = () => decodeLog(lines.join(""), crc32).recs.filter((r) => r.k === "F" && r.what === "clockJump").length;
  return { s, jumps };
}

describe("session time", () => {
  it("follows the wall clock between plausible ticks", () => {
    const { s } = at(1_000_000);
    s.tick(1_001_000);
    expect(s.t).toBe(1000);
    expect(s.at(1_001_400)).toBe(1400);
    s.tick(1_002_010);
    expect(s.t).toBe(2010);
  });
  it("counts a jump as one nominal tick, logs it, and never goes backwards", () => {
    const { s, jumps } = at(0);
    s.tick(1000);
    s.tick(1000 + 3_600_000);
    expect(s.t).toBe(2000);
    expect(jumps()).toBe(1);
    s.tick(-5_000_000);
    expect(s.t).toBe(3000);
    expect(s.at(-6_000_000)).toBe(3000);
    expect(jumps()).toBe(2);
  });
  it("hands out no time before the last event, at a tick or between ticks", () => {
    const { s } = at(0);
    s.hrm(4000, 120, 90);
    expect(s.t).toBe(4000);
    // the tick comes late in wall time but early against the event already placed
    s.tick(1000);
    expect(s.t).toBe(4000);
    // a wall time before the tick is held at the last value; later ones never go back
    expect(s.at(500)).toBe(4000);
    s.hrm(1500, 120, 90);
    expect(s.t).toBe(4500);
    expect(s.at(1200)).toBe(4500);
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
