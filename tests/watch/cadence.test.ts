// The accelerometer path of the app on the board: a synthetic wrist at 180 steps/min through a
// real recording's Classic 5K. The cadence estimator runs on the watch's samples (12.5 Hz, as the
// app asks), the rep screen shows the cadence and the log's step summaries hold it.
import { describe, expect, it } from "vitest";
import { boot, startWorkout, play, recordingEvents, logText } from "./boot";
import { synthesise, steady } from "../../src/sim/wrist";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { StepRec } from "../../src/engine/log/records";

const SPM = 180;

describe("cadence on the wrist", () => {
  it("is estimated from the watch's accelerometer, shown and logged", () => {
    const wrist = synthesise(steady(SPM, 1500), 21).samples;
    let i = 0;
    const accel = (tMs: number) => {
      while (i + 1 < wrist.length && wrist[i + 1].tMs <= tMs) i++;
      return wrist[i];
    };
    const b = startWorkout(boot({ accel }), "Classic 5K");
    // the warm-up (10 min) and the first strides
    play(b, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60), 700_000);
    b.assertNoErrors();
    // the rep screen's cadence number, drawn next to "spm"
    const texts = b.texts();
    const spmAt = texts.map((t) => t.text).lastIndexOf("spm");
    const shownSpm = Number(texts.slice(0, spmAt).reverse().find((t) => /^\d+$/.test(t.text) && Number(t.text) > 100)?.text);
    expect(Math.abs(shownSpm - SPM)).toBeLessThanOrEqual(3);
    const warmup = decodeLog(logText(b, 0), crc32).recs.find((r): r is StepRec => r.k === "S" && r.kind === "warmup");
    expect(warmup).toBeDefined();
    expect(Math.abs(warmup!.avgCad - SPM)).toBeLessThanOrEqual(3);
    expect(warmup!.flags & 4).toBe(0); // no cadence-drop flag on steady running
  });
});
