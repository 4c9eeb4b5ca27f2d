// One session-hour of log written from a real recording (tests/fixtures, fitparser run):
// its GPS at one point per 5 s with the recording's HR and cadence at each, run out and back until the hour is full, its device laps as
// ~40 step summaries, and a busy session's worth of events and RPEs. Shared by the size test
// and bench/log.ts.
import { readFileSync } from "node:fs";
import { LogWriter } from "../../src/engine/log/encode";
import type { LineRec, StepRec } from "../../src/engine/log/records";
import { STEP_WHYS } from "../../src/engine/log/records";
import { parseRecording, deviceLaps, type Row } from "../../src/sim/recording";
import { crc32 } from "../../src/sim/crc";
import { nextLine } from "./lines";

export const FIXTURE = "tests/fixtures/fitparser_running-with-developer-data.csv";
export const HOUR_S = 3600;
export const TRACK_EVERY_S = 5;
export const STEPS_PER_HOUR = 40;

export interface HourLog {
  text: string;
  trackBytes: number;
  trackPoints: number;
  stepBytes: number;
  steps: number;
  otherBytes: number;
  recs: LineRec[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The recording's rows with a fix (and their HR and cadence), one every TRACK_EVERY_S, played forward then backward until the hour is full. */
function hourOfTrack(rows: Row[]): { tS: number; lat: number; lon: number; bpm: number; spm: number }[] {
  const fix = rows.filter((r) => !isNaN(r.lat));
  const picked: Row[] = [];
  for (const r of fix) if (!picked.length || r.tS - picked[picked.length - 1].tS >= TRACK_EVERY_S) picked.push(r);
  const out: { tS: number; lat: number; lon: number; bpm: number; spm: number }[] = [];
  let dir = 1;
  let i = 0;
  for (let tS = 0; tS < HOUR_S; tS += TRACK_EVERY_S) {
    out.push({ tS, lat: picked[i].lat, lon: picked[i].lon, bpm: picked[i].hr, spm: picked[i].spm });
    if (i + dir < 0 || i + dir >= picked.length) dir = -dir;
    i += dir;
  }
  return out;
}

/** Step summaries from the device laps (repeated until there are STEPS_PER_HOUR), with the recording's HR, cadence and pace. */
function stepsFrom(rows: Row[]): StepRec[] {
  const laps = deviceLaps(rows);
  const steps: StepRec[] = [];
  let startMs = 0;
  for (let i = 0; steps.length < STEPS_PER_HOUR; i++) {
    const lap = laps[i % laps.length];
    const inLap = rows.filter((r) => r.tS >= lap.t0S && r.tS < lap.t1S);
    const hr = inLap.map((r) => r.hr).filter((x) => !isNaN(x));
    const durMs = (lap.t1S - lap.t0S) * 1000;
    steps.push({
      k: "S",
      idx: steps.length,
      kind: i % 2 ? "recovery" : "work",
      rep: i % 2 ? 0 : (i >> 1) + 1,
      startMs,
      durMs,
      distM: lap.distM,
      avgPaceSPerKm: lap.distM > 0 ? durMs / lap.distM : 0,
      avgHr: mean(hr),
      maxHr: hr.length ? Math.max(...hr) : 0,
      avgCad: mean(inLap.map((r) => r.spm).filter((x) => !isNaN(x))),
      why: STEP_WHYS[i % STEP_WHYS.length],
      flags: i % 32,
      quality: i % 16,
    });
    startMs += durMs;
  }
  return steps;
}

export function writeHour(pointsPerLine?: number): HourLog {
  const rows = parseRecording(readFileSync(FIXTURE, "utf8"));
  const w = new LogWriter(crc32, 0, pointsPerLine);
  const recs: LineRec[] = [];
  let trackBytes = 0;
  let stepBytes = 0;
  let otherBytes = 0;
  let text = "";
  const put = (r: LineRec) => {
    const l = nextLine(w, r);
    recs.push(r);
    if (r.k === "S") stepBytes += l.length;
    else otherBytes += l.length;
    text += l;
  };
  const track = (l: string | null) => {
    if (l) (trackBytes += l.length), (text += l);
  };
  put({ k: "H", startMs: 1_700_000_000_000, plan: "10 x 1000 m @ 5k pace, 60 s jog", planHash: 0xdeadbeef, version: "0.01", goal: "5k 19:30" });
  const pts = hourOfTrack(rows);
  const steps = stepsFrom(rows);
  const every = Math.floor(pts.length / steps.length);
  pts.forEach((p, i) => {
    track(w.add(p.tS, p.lat, p.lon, p.bpm, p.spm));
    if (i % every === every - 1 && i / every < steps.length) {
      const s = steps[Math.floor(i / every)];
      const tMs = p.tS * 1000;
      // a busy session: three events and an RPE per step
      put({ k: "F", tMs, what: "lap" });
      put({ k: "F", tMs: tMs + 1500, what: "paceFast", value: 251.5 });
      put({ k: "F", tMs: tMs + 9000, what: "cadDrop", value: 171 });
      put(s);
      put({ k: "R", rpe: 1 + (i % 10), idx: s.idx });
    }
  });
  track(w.flush());
  put({ k: "R", rpe: 8 });
  put({ k: "E", durMs: HOUR_S * 1000, distM: 11873.4, why: "done" });
  return { text, trackBytes, trackPoints: pts.length, stepBytes, steps: steps.length, otherBytes, recs };
}
