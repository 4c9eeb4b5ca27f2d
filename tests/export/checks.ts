// The checks every export must pass, stated against the log itself (decodeLog's records), not
// against src/export's own model: shared by the fixture tests and the firmware test.
import { expect } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { decodeLog, type DecodedLog } from "../../src/engine/log/decode";
import type { EndRec, EventRec, HeaderRec, StepRec, TrackPoint } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";

/** what a clean session log says, straight from its records */
export interface Truth {
  log: DecodedLog;
  head: HeaderRec;
  steps: StepRec[];
  events: EventRec[];
  end: EndRec;
  track: TrackPoint[];
  /** session RPE */
  rpe?: number;
}

export function truth(text: string): Truth {
  const log = decodeLog(text, crc32);
  const recs = log.recs;
  const session = recs.filter((r) => r.k === "R" && (r.idx === undefined || r.idx < 0)).pop();
  return {
    log,
    head: recs.find((r): r is HeaderRec => r.k === "H")!,
    steps: recs.filter((r): r is StepRec => r.k === "S"),
    events: recs.filter((r): r is EventRec => r.k === "F"),
    end: recs.find((r): r is EndRec => r.k === "E")!,
    track: log.track,
    rpe: session && session.k === "R" ? session.rpe : undefined,
  };
}

/** the step a session time falls in (the last one started at or before it) */
export function stepAt(t: Truth, tMs: number): StepRec {
  let s = t.steps[0];
  for (const x of t.steps) if (x.startMs <= tMs) s = x;
  return s;
}

/** the HR and cadence a point should carry: its own (a current log's track line), else (an older log) its step's averages; 0 = none */
export function pointHrCad(t: Truth, p: TrackPoint): { hr: number; cad: number } {
  // a cadence no runner reaches is left out (MAX_POINT_SPM)
  if (p.bpm !== undefined) return { hr: p.bpm, cad: p.spm! <= 400 ? p.spm! : 0 };
  const s = stepAt(t, p.tMs);
  return { hr: s.avgHr, cad: s.avgCad };
}

/** the wall second FIT stores for a session time */
const fitSecond = (t: Truth, tMs: number) => Math.round((t.head.startMs + tMs) / 1000) * 1000;

const INTENSITY = { warmup: "warmup", stride: "active", work: "active", recovery: "recovery", rest: "rest", cooldown: "cooldown" } as const;
const TRIGGER = { time: "time", cap: "time", hr: "time", dist: "distance", lap: "manual", skip: "manual", end: "sessionEnd" } as const;

type AnyMesg = Record<string, any>;

export function readFit(bytes: Uint8Array, raw = false): { messages: Record<string, AnyMesg[]>; errors: unknown[] } {
  const dec = new Decoder(Stream.fromByteArray(bytes));
  const r = raw ? dec.read({ applyScaleAndOffset: false, mergeHeartRates: false }) : dec.read();
  return { messages: r.messages as unknown as Record<string, AnyMesg[]>, errors: r.errors };
}

/** a FIT file of a clean log, read by the SDK's own Decoder */
export function checkFit(t: Truth, bytes: Uint8Array): void {
  const dec = new Decoder(Stream.fromByteArray(bytes));
  expect(dec.isFIT()).toBe(true);
  expect(dec.checkIntegrity()).toBe(true);
  const { messages: m, errors } = readFit(bytes);
  expect(errors).toEqual([]);
  const { messages: raw, errors: rawErrors } = readFit(bytes, true);
  expect(rawErrors).toEqual([]);

  expect(m.fileIdMesgs).toHaveLength(1);
  expect(m.fileIdMesgs[0]).toMatchObject({ type: "activity", manufacturer: "development" });
  expect(m.deviceInfoMesgs.length).toBeGreaterThanOrEqual(1);
  expect(m.sessionMesgs).toHaveLength(1);
  expect(m.activityMesgs).toHaveLength(1);
  expect(m.activityMesgs[0].numSessions).toBe(1);
  const session = m.sessionMesgs[0];
  const rawSession = raw.sessionMesgs[0];
  expect(session.sport).toBe("running");

  // one lap per step, in order, with the step's index, intensity and trigger
  const laps = m.lapMesgs;
  const rawLaps = raw.lapMesgs;
  expect(laps).toHaveLength(t.steps.length);
  expect(session.numLaps).toBe(t.steps.length);
  t.steps.forEach((s, i) => {
    const l = laps[i];
    const r = rawLaps[i];
    expect(l.wktStepIndex).toBe(s.idx);
    expect(l.intensity).toBe(INTENSITY[s.kind]);
    expect(l.lapTrigger).toBe(TRIGGER[s.why]);
    expect(l.sport).toBe("running");
    // the file holds ms, cm and mm/s (the SDK's Encoder took s, m and m/s)
    expect(r.totalTimerTime).toBe(s.durMs);
    expect(r.totalDistance).toBe(Math.round(s.distM * 100));
    expect(Math.abs(r.avgSpeed - (s.distM / s.durMs) * 1e6)).toBeLessThanOrEqual(1);
    const next = t.steps[i + 1];
    expect(r.totalElapsedTime).toBe((next ? next.startMs : t.end.durMs) - s.startMs);
    expect(l.startTime.getTime()).toBe(fitSecond(t, s.startMs));
    if (s.avgHr) expect(l.avgHeartRate).toBe(s.avgHr);
    if (s.maxHr) expect(l.maxHeartRate).toBe(s.maxHr);
    // cadence: strides/min, the half step in fractional cadence
    if (s.avgCad) {
      expect(l.avgRunningCadence + l.avgFractionalCadence).toBe(s.avgCad / 2);
      expect(raw.lapMesgs[i].avgFractionalCadence).toBe(s.avgCad % 2 ? 64 : 0);
    }
  });
  // contiguous: each lap starts where the one before ended; the first at the session's start, the last ends it
  expect(laps[0].startTime.getTime()).toBe(session.startTime.getTime());
  expect(session.startTime.getTime()).toBe(fitSecond(t, 0));
  for (let i = 1; i < laps.length; i++) expect(laps[i].startTime.getTime()).toBe(laps[i - 1].timestamp.getTime());
  expect(laps[laps.length - 1].timestamp.getTime()).toBe(session.timestamp.getTime());
  // session totals are the sums of the laps (raw units: exact) and the log's own totals
  const sum = (k: string) => rawLaps.reduce((a, l) => a + l[k], 0);
  expect(rawSession.totalElapsedTime).toBe(sum("totalElapsedTime"));
  expect(rawSession.totalTimerTime).toBe(sum("totalTimerTime"));
  expect(rawSession.totalDistance).toBe(sum("totalDistance"));
  expect(rawSession.totalElapsedTime).toBe(t.end.durMs);
  expect(rawSession.totalTimerTime).toBe(t.steps.reduce((a, s) => a + s.durMs, 0));
  expect(Math.abs(session.totalDistance - t.end.distM)).toBeLessThan(1);
  expect(session.maxHeartRate).toBe(Math.max(...t.steps.map((s) => s.maxHr)));
  if (t.rpe !== undefined) expect(session.workoutRpe).toBe(t.rpe * 10);

  // one record per track point, at its time and place, with its HR and halved cadence (pointHrCad)
  const recs = m.recordMesgs;
  expect(recs).toHaveLength(t.track.length);
  let lastD = -1;
  t.track.forEach((p, i) => {
    const r = recs[i];
    expect(r.timestamp.getTime()).toBe(fitSecond(t, p.tMs));
    expect(Math.abs((r.positionLat * 180) / 2 ** 31 - p.lat)).toBeLessThan(1e-6);
    expect(Math.abs((r.positionLong * 180) / 2 ** 31 - p.lon)).toBeLessThan(1e-6);
    const s = stepAt(t, p.tMs);
    const v = pointHrCad(t, p);
    expect(r.heartRate).toBe(v.hr || undefined);
    if (v.cad) expect(r.cadence + r.fractionalCadence).toBe(v.cad / 2);
    else expect(r.cadence).toBeUndefined();
    // distance never goes back, and stays inside its step's share of the total
    expect(r.distance).toBeGreaterThanOrEqual(lastD);
    lastD = r.distance;
    const before = t.steps.filter((x) => x.idx < s.idx).reduce((a, x) => a + x.distM, 0);
    expect(r.distance).toBeGreaterThanOrEqual(before - 0.01);
    expect(r.distance).toBeLessThanOrEqual(before + s.distM + 0.01);
    expect(r.speed).toBeGreaterThanOrEqual(0);
    expect(r.speed).toBeLessThan(12);
  });

  // the timer: started at the start, stopped at each pause, started at each resume, stopped at the end
  const timer = m.eventMesgs.filter((e) => e.event === "timer");
  const pauses = t.events.filter((e) => e.what === "pause");
  expect(timer.map((e) => e.eventType)).toEqual(["start", ...pauses.flatMap(() => ["stopAll", "start"]), "stopAll"]);
  expect(timer[0].timestamp.getTime()).toBe(fitSecond(t, 0));
  pauses.forEach((p, i) => expect(timer[1 + 2 * i].timestamp.getTime()).toBe(fitSecond(t, p.tMs)));
  expect(timer[timer.length - 1].timestamp.getTime()).toBe(fitSecond(t, t.end.durMs));
}

export function gpsbabelPresent(): boolean {
  return existsSync("/usr/bin/gpsbabel");
}

export interface BabelTrack {
  n: number;
  first: { lat: number; lon: number };
  last: { lat: number; lon: number };
  /** heart rate and cadence columns when gpsbabel found them */
  hr: number[];
  cad: number[];
}

/** a track file read by Debian's gpsbabel and written out as its universal CSV */
export function gpsbabel(format: "gpx" | "gtrnctr" | "garmin_fit", data: string | Uint8Array): BabelTrack {
  if (!gpsbabelPresent()) throw new Error("gpsbabel is not installed: run `node scripts/ensure.mjs --gpsbabel` (npm test does)");
  const dir = mkdtempSync(join(tmpdir(), "speedseq-export-"));
  const file = join(dir, "in");
  writeFileSync(file, data);
  const csv = execFileSync("gpsbabel", ["-t", "-i", format, "-f", file, "-o", "unicsv", "-F", "-"], { encoding: "utf8" });
  const lines = csv.trim().split("\n");
  const head = lines[0].split(",");
  const col = (n: string) => head.indexOf(n);
  const rows = lines.slice(1).map((l) => l.split(","));
  const pos = (r: string[]) => ({ lat: Number(r[col("Latitude")]), lon: Number(r[col("Longitude")]) });
  const nums = (n: string) => (col(n) < 0 ? [] : rows.map((r) => Number(r[col(n)])));
  return { n: rows.length, first: pos(rows[0]), last: pos(rows[rows.length - 1]), hr: nums("Heartrate"), cad: nums("Cadence") };
}

/** gpsbabel sees every track point of the log, the first and last where the log has them */
export function checkBabel(t: Truth, b: BabelTrack): void {
  expect(b.n).toBe(t.track.length);
  const f = t.track[0];
  const l = t.track[t.track.length - 1];
  expect(Math.abs(b.first.lat - f.lat)).toBeLessThan(2e-6);
  expect(Math.abs(b.first.lon - f.lon)).toBeLessThan(2e-6);
  expect(Math.abs(b.last.lat - l.lat)).toBeLessThan(2e-6);
  expect(Math.abs(b.last.lon - l.lon)).toBeLessThan(2e-6);
}
