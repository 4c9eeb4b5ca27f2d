// A Classic 5K on the real firmware, the way a runner does it: the README's start path, the
// fenix 2 recording replayed as the watch's GPS/HRM (1 Hz), wrist accelerometer (12.5 Hz) and
// step events (emulator/firmware/timeline.ts), a 22 s pause in the warm-up (BTN1, BTN1), the
// session running to its end by itself, then an RPE for rep 2 and one for the session on the
// summary screen. Returns the log the app wrote on flash.
import { readFileSync } from "node:fs";
import { fwApp, startWorkout } from "../firmware/fw";
import { sessionTimeline } from "../../emulator/firmware/timeline";
import { parseRecording } from "../../src/sim/recording";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { fmtTime } from "../../src/engine/format";
import type { StepRec } from "../../src/engine/log/records";

export const RECORDING = "tests/fixtures/pyfitparse_activity-small-fenix2-run.csv";
/** written before track points carried HR and cadence: the older log every reader must keep reading */
export const FIXTURE_LOG = "tests/fixtures/speedseq-classic5k.log";
/** the same session as the app writes it now (track points with HR and cadence) */
export const FIXTURE_LOG_HR = "tests/fixtures/speedseq-classic5k-hr.log";
/** BTN1 presses, ms after the session's start: pause and resume in the warm-up */
export const PRESSES_MS = [240_000, 262_000];

export async function classic5kOnFirmware(): Promise<string> {
  const w = await fwApp();
  w.advance(2000);
  startWorkout(w, "Classic 5K");
  if (!w.list().includes("speedseq.log0\x01")) throw new Error(`the session did not start; shown: ${w.shown().slice(-12).join(", ")}`);
  const rows = parseRecording(readFileSync(RECORDING, "utf8"));
  const events = sessionTimeline(rows, { durS: rows[rows.length - 1].tS, seed: 1 });
  const t0 = w.now();
  let p = 0;
  for (const e of events) {
    while (p < PRESSES_MS.length && PRESSES_MS[p] <= e.tMs) {
      w.advance(t0 + PRESSES_MS[p++] - w.now());
      w.press(100);
    }
    w.advance(t0 + e.tMs - w.now());
    w.emit(e.type, e.data);
  }
  w.advance(5000);
  const log = decodeLog(w.readStorageFile("speedseq.log0"), crc32);
  if (!log.recs.some((r) => r.k === "E")) throw new Error(`the session did not end; shown: ${w.shown().slice(-12).join(", ")}`);
  // the summary: rate rep 2, then the session (the runner unlocks the watch first)
  w.exec("Bangle.setLocked(false)");
  w.advance(500);
  const rep2 = log.recs.find((r): r is StepRec => r.k === "S" && r.kind === "work" && r.rep === 2)!;
  w.tapText(`2 ${fmtTime(rep2.durMs / 1000)} @${fmtTime(rep2.durMs / rep2.distM)}`);
  w.advance(1000);
  w.tapText("Save");
  w.advance(1500);
  w.tapText("Rate effort");
  w.advance(1000);
  w.tapText("Save");
  w.advance(1500);
  return w.readStorageFile("speedseq.log0");
}
