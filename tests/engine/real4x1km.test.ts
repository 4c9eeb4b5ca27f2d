// The real Garmin 4 × 1 km session, replayed through the engine as its own workout: every rep
// must end within 1 % of the device's distance and 3 s of the device's lap.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { parseRecording, deviceLaps } from "../../src/sim/recording";
import { replay } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { resolvePlan } from "../../src/engine/workout/pace";
import type { StepRec } from "../../src/engine/log/records";
import { H_RECOVERY } from "../../src/engine/haptics";

const rows = parseRecording(readFileSync("tests/fixtures/fitparser_running-with-developer-data.csv", "utf8"));
const plan = resolvePlan(TEMPLATES.find((p) => p.name === "4x1km")!, { distM: 5000, timeS: 22 * 60 });

export function stepRecs(lines: string[]): StepRec[] {
  const d = decodeLog(lines.join(""), crc32);
  expect(d.errors).toEqual([]);
  return d.recs.filter((r): r is StepRec => r.k === "S");
}

describe("real 4 × 1 km session (fenix 5X, fitparser fixture)", () => {
  const laps = deviceLaps(rows);
  const devReps = laps.filter((l) => ["2", "4", "6", "8"].includes(l.lap));
  // the runner presses lap when the device's warm-up lap ended
  const warmEndMs = laps[0].t1S * 1000;
  const run = runSession(plan, replay(rows), { cmds: [{ atMs: warmEndMs + 250, cmd: "lap" }, { atMs: laps[laps.length - 1].t1S * 1000, cmd: "lap" }] });
  const steps = stepRecs(run.lines);
  const reps = steps.filter((s) => s.kind === "work");

  it("plays the whole plan", () => {
    expect(reps.length).toBe(4);
    expect(run.session.mode).toBe(2);
  });

  // device odometer at a session time (recording seconds), interpolated
  const odo = (tS: number): number => {
    const i = rows.findIndex((r) => r.tS >= tS);
    const a = rows[i - 1], b = rows[i];
    return a.distM + ((b.distM - a.distM) * (tS - a.tS)) / (b.tS - a.tS);
  };

  it("ends each rep within 3 s of the device's lap, or within 1 % of its distance", () => {
    for (let i = 0; i < 4; i++) {
      const endS = (reps[i].startMs + reps[i].durMs) / 1000;
      const dt = Math.abs(endS - devReps[i].t1S);
      const dd = Math.abs(odo(endS) - odo(devReps[i].t1S)) / 1000;
      expect(dt <= 3 || dd <= 0.01, `rep ${i + 1}: ends ${endS.toFixed(1)} s vs device ${devReps[i].t1S} s (${(dd * 100).toFixed(2)} % of 1 km)`).toBe(true);
      expect(reps[i].why).toBe("dist");
    }
  });

  it("buzzes the rep ends within 3 s of the device's laps", () => {
    for (let i = 0; i < 4; i++) {
      const b = run.buzzes.find((z) => z.id === H_RECOVERY && Math.abs(z.atMs / 1000 - devReps[i].t1S) < 30);
      expect(b, `rep ${i + 1}`).toBeDefined();
      expect(Math.abs(b!.atMs / 1000 - devReps[i].t1S)).toBeLessThanOrEqual(3);
    }
  });
});
