// An activity as a FIT file, encoded by Garmin's @garmin/fitsdk: file_id, device_info, timer
// events, one record per track point, one lap per step, the session and the activity.
//
// Units: the SDK's Encoder applies each field's scale and offset itself (it writes
// (value + offset) × scale), so fields are given in the profile's units, metres, seconds, m/s,
// exactly as its Decoder returns them; the file then holds cm, ms and mm/s
// (tests/export/fit.test.ts reads the raw values back). Positions are semicircles, times FIT
// date_time seconds. Cadence is strides/min (one foot): steps/min ÷ 2, the half in
// fractional_cadence.
import { Encoder, Profile, Utils } from "@garmin/fitsdk";
import type { Mesg } from "@garmin/fitsdk";
import type { Activity, Lap, Point } from "./activity";
import type { StepKind } from "../engine/plan";
import type { StepWhy } from "../engine/log/records";

/** how a step kind appears as a FIT lap's intensity */
export const INTENSITY: Record<StepKind, string> = {
  warmup: "warmup",
  stride: "active",
  work: "active",
  recovery: "recovery",
  rest: "rest",
  cooldown: "cooldown",
};

/** how a step's end appears as a FIT lap_trigger (FIT has no heart-rate trigger: an HR end is a time the watch chose) */
export const LAP_TRIGGER: Record<StepWhy, string> = {
  time: "time",
  cap: "time",
  hr: "time",
  dist: "distance",
  lap: "manual",
  skip: "manual",
  end: "sessionEnd",
};

const SEMI_PER_DEG = 2 ** 31 / 180;

/** the number of a FIT enum value by its name in the SDK's profile (throws on a name it does not have) */
function fitEnum(type: string, name: string): number {
  const t = (Profile.types as Record<string, Record<string, string>>)[type];
  for (const k in t) if (t[k] === name) return Number(k);
  throw new Error(`FIT ${type} has no value '${name}'`);
}

/** FIT date_time: whole seconds since 1989-12-31 00:00 UTC */
export function fitTime(ms: number): number {
  return Math.round((ms - Utils.FIT_EPOCH_MS) / 1000);
}

const semi = (deg: number): number => Math.round(deg * SEMI_PER_DEG);

/** steps/min as FIT's whole strides/min and the fraction (multiples of 1/128) */
export function strides(spm: number): { cadence: number; fraction: number } {
  const s = spm / 2;
  const whole = Math.floor(s);
  return { cadence: whole, fraction: Math.round((s - whole) * 128) / 128 };
}

/** ms of a lap or session as FIT seconds (exact to the ms) */
const sec = (ms: number): number => Math.round(ms) / 1000;
/** metres at the log's resolution (0.1 m) */
const metres = (m: number): number => Math.round(m * 10) / 10;
const speedOf = (distM: number, timerMs: number): number => (timerMs > 0 ? Math.round((distM / (timerMs / 1000)) * 1000) / 1000 : 0);

function lapPositions(a: Activity, k: number): Record<string, number> {
  const pts = a.points.filter((p) => p.lap === k);
  if (!pts.length) return {};
  return {
    startPositionLat: semi(pts[0].lat),
    startPositionLong: semi(pts[0].lon),
    endPositionLat: semi(pts[pts.length - 1].lat),
    endPositionLong: semi(pts[pts.length - 1].lon),
  };
}

function lapMesg(a: Activity, l: Lap, k: number): Record<string, unknown> {
  const last = k === a.laps.length - 1;
  const m: Record<string, unknown> = {
    messageIndex: k,
    timestamp: fitTime(l.endMs),
    startTime: fitTime(l.startMs),
    event: fitEnum("event", "lap"),
    eventType: fitEnum("eventType", "stop"),
    totalElapsedTime: sec(l.elapsedMs),
    totalTimerTime: sec(l.timerMs),
    totalDistance: metres(l.distM),
    avgSpeed: speedOf(l.distM, l.timerMs),
    enhancedAvgSpeed: speedOf(l.distM, l.timerMs),
    sport: fitEnum("sport", "running"),
    subSport: fitEnum("subSport", "generic"),
    lapTrigger: fitEnum("lapTrigger", l.why ? LAP_TRIGGER[l.why] : last ? "sessionEnd" : "manual"),
    wktStepIndex: l.stepIdx,
    ...lapPositions(a, k),
  };
  if (l.kind) m.intensity = fitEnum("intensity", INTENSITY[l.kind]);
  if (l.avgHr > 0) m.avgHeartRate = l.avgHr;
  if (l.maxHr > 0) m.maxHeartRate = l.maxHr;
  if (l.avgCad > 0) {
    const c = strides(l.avgCad);
    m.avgCadence = c.cadence;
    m.avgFractionalCadence = c.fraction;
  }
  return m;
}

function recordMesg(p: Point): Record<string, unknown> {
  const m: Record<string, unknown> = {
    timestamp: fitTime(p.tMs),
    positionLat: semi(p.lat),
    positionLong: semi(p.lon),
    distance: p.distM,
    speed: p.speed,
    enhancedSpeed: p.speed,
  };
  if (p.hr > 0) m.heartRate = Math.round(p.hr);
  if (p.cad > 0) {
    const c = strides(p.cad);
    m.cadence = c.cadence;
    m.fractionalCadence = c.fraction;
  }
  return m;
}

function timerEvent(ms: number, type: "start" | "stopAll"): Record<string, unknown> {
  return { timestamp: fitTime(ms), event: fitEnum("event", "timer"), eventType: fitEnum("eventType", type), eventGroup: 0, data: 0 };
}

/** the FIT activity file of an activity */
export function toFit(a: Activity): Uint8Array {
  const enc = new Encoder();
  const put = (name: string, m: Record<string, unknown>) => enc.onMesg(Profile.MesgNum[name], m as Mesg);
  const manufacturer = fitEnum("manufacturer", "development");
  put("FILE_ID", { type: fitEnum("file", "activity"), manufacturer, product: 0, timeCreated: fitTime(a.startMs), productName: "SpeedSeq" });
  const sw = parseFloat(a.version);
  const dev: Record<string, unknown> = { timestamp: fitTime(a.startMs), deviceIndex: 0, manufacturer, product: 0, productName: "SpeedSeq Bangle.js 2" };
  if (isFinite(sw) && sw >= 0 && sw < 655) dev.softwareVersion = sw;
  put("DEVICE_INFO", dev);

  // in time order: records, timer events, and each lap once it has ended; at one moment a
  // record, then the timer's stop, the lap that ends, and the timer's start
  type Item = { t: number; o: number; name: string; m: Record<string, unknown> };
  const items: Item[] = [];
  a.running.forEach((s) => {
    items.push({ t: s.startMs, o: 3, name: "EVENT", m: timerEvent(s.startMs, "start") });
    items.push({ t: s.endMs, o: 1, name: "EVENT", m: timerEvent(s.endMs, "stopAll") });
  });
  for (const p of a.points) items.push({ t: p.tMs, o: 0, name: "RECORD", m: recordMesg(p) });
  a.laps.forEach((l, k) => items.push({ t: l.endMs, o: 2, name: "LAP", m: lapMesg(a, l, k) }));
  items.sort((x, y) => x.t - y.t || x.o - y.o);
  for (const it of items) put(it.name, it.m);

  const t = a.totals;
  const first = a.points[0];
  const lastPt = a.points[a.points.length - 1];
  const session: Record<string, unknown> = {
    messageIndex: 0,
    timestamp: fitTime(a.endMs),
    startTime: fitTime(a.startMs),
    event: fitEnum("event", "session"),
    eventType: fitEnum("eventType", "stop"),
    trigger: fitEnum("sessionTrigger", "activityEnd"),
    sport: fitEnum("sport", "running"),
    subSport: fitEnum("subSport", "generic"),
    totalElapsedTime: sec(t.elapsedMs),
    totalTimerTime: sec(t.timerMs),
    totalDistance: metres(t.distM),
    avgSpeed: speedOf(t.distM, t.timerMs),
    enhancedAvgSpeed: speedOf(t.distM, t.timerMs),
    firstLapIndex: 0,
    numLaps: a.laps.length,
  };
  if (first) Object.assign(session, { startPositionLat: semi(first.lat), startPositionLong: semi(first.lon), endPositionLat: semi(lastPt.lat), endPositionLong: semi(lastPt.lon) });
  if (t.avgHr > 0) session.avgHeartRate = t.avgHr;
  if (t.maxHr > 0) session.maxHeartRate = t.maxHr;
  if (t.avgCad > 0) {
    const c = strides(t.avgCad);
    session.avgCadence = c.cadence;
    session.avgFractionalCadence = c.fraction;
  }
  // FIT's workout_rpe is the CR10 scale × 10
  if (a.rpe !== undefined) session.workoutRpe = a.rpe * 10;
  put("SESSION", session);
  put("ACTIVITY", {
    timestamp: fitTime(a.endMs),
    totalTimerTime: sec(t.timerMs),
    numSessions: 1,
    type: fitEnum("activity", "manual"),
    event: fitEnum("event", "activity"),
    eventType: fitEnum("eventType", "stop"),
  });
  return enc.close();
}
