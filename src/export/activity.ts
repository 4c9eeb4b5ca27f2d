// A decoded session log as one activity on the wall clock: laps (one per step, contiguous), track
// points with distance and speed, the timer's running stretches, and totals that are the sums of
// the laps. Every file format in src/export is written from this. Pure: no Node, no DOM.
//
// What the log holds and what is derived here (README "Exports"):
// - lap bounds, active time, distance, HR and cadence of a step come from its `S` line as written;
// - a point's distance is the track's path length rescaled inside each lap so that the lap's
//   points end at the lap's own distance (the watch measures it from every 1 Hz fix, the track
//   keeps one point per 5 s); a point's speed is that distance over time between points;
// - HR and cadence of a point are the watch's at that point (track lines carry them); an older
//   log's track has none, and there points carry their step's averages (stepValues).
import type { DecodedLog, LogError } from "../engine/log/decode";
import type { EndRec, EndWhy, EventRec, StepRec, StepWhy, TrackPoint } from "../engine/log/records";
import { STEP_CAD_DROP, STEP_EXTENDED, STEP_PACE_FAST, STEP_PACE_SLOW, STEP_PAUSED, STEP_FORM_FADE, STEP_SHORT, Q_GPS_POOR, Q_HR_LOW_CONF, Q_NO_GPS, Q_NO_HR } from "../engine/log/records";
import type { StepKind } from "../engine/plan";

export interface Lap {
  /** the step's index in execution order (the log's idx); for a lost or unfinished step, the index it would have had */
  stepIdx: number;
  /** null: the step's summary is not in the log (its line failed its CRC, or the watch stopped during the step) */
  kind: StepKind | null;
  /** work rep number, 0 otherwise */
  rep: number;
  /** "Warm-up", "Rep 3", "Recovery", … */
  label: string;
  /** wall clock, ms since 1970 */
  startMs: number;
  endMs: number;
  /** endMs − startMs (pauses included) */
  elapsedMs: number;
  /** time the timer ran (pauses excluded) */
  timerMs: number;
  distM: number;
  /** bpm and steps/min, 0 when absent */
  avgHr: number;
  maxHr: number;
  avgCad: number;
  /** how the step ended; null when its summary is missing */
  why: StepWhy | null;
  flags: number;
  quality: number;
  /** the runner's rating of this rep, if given */
  rpe?: number;
  /** seconds of this lap without a GPS fix (the log's gpsLost/gpsBack; distance went on at the last pace), if any */
  gpsGapS?: number;
  /** "summary": from the step's own line; "lost": its line did not verify (rebuilt from the track); "unfinished": the watch stopped during it */
  source: "summary" | "lost" | "unfinished";
}

export interface Point {
  /** wall clock ms */
  tMs: number;
  lat: number;
  lon: number;
  /** metres from the start, rescaled per lap (see above) */
  distM: number;
  /** m/s */
  speed: number;
  /** bpm, steps/min as the watch had them at the point; 0 when absent (an older log with stepValues: the lap's averages) */
  hr: number;
  cad: number;
  /** index in Activity.laps */
  lap: number;
  /** index in Activity.running: the stretch of running timer it was logged in */
  span: number;
}

/** a stretch during which the session's timer ran (wall ms) */
export interface Span {
  startMs: number;
  endMs: number;
}

export interface Totals {
  elapsedMs: number;
  timerMs: number;
  distM: number;
  /** timer-weighted over the laps that have one; 0 when none */
  avgHr: number;
  maxHr: number;
  avgCad: number;
}

export interface Activity {
  plan: string;
  version: string;
  goal?: string;
  planHash: number;
  startMs: number;
  endMs: number;
  laps: Lap[];
  points: Point[];
  running: Span[];
  totals: Totals;
  /** the session's RPE (1–10), if given */
  rpe?: number;
  /** how the log was closed; null when it was not */
  endWhy: EndWhy | null;
  /** what was skipped, rebuilt or assumed, one line each (empty for a clean log) */
  notes: string[];
  /** where the points' HR and cadence come from: the track itself, the steps' averages (an older log), or nowhere */
  pointValues: "point" | "step" | "none";
}

export interface ActivityOptions {
  /** wall clock of the start (ms) when the header line is missing or should be overridden */
  startMs?: number;
  /** in an older log, whose track has no HR or cadence, give each point its step's averages; default true */
  stepValues?: boolean;
}

export class ExportError extends Error {}

/**
 * A point's cadence above this (steps/min) is left out: no runner gets near it, so it is an
 * estimate the watch got wrong, and FIT, TCX and GPX could not hold it anyway (254 strides/min at most).
 */
export const MAX_POINT_SPM = 400;

const KIND_LABEL: Record<StepKind, string> = {
  warmup: "Warm-up",
  stride: "Stride",
  work: "Rep",
  recovery: "Recovery",
  cooldown: "Cool-down",
  rest: "Rest",
};

export const FLAG_NAMES: [number, string][] = [
  [STEP_PACE_FAST, "paceFast"],
  [STEP_PACE_SLOW, "paceSlow"],
  [STEP_CAD_DROP, "cadDrop"],
  [STEP_EXTENDED, "extended"],
  [STEP_PAUSED, "paused"],
  [STEP_FORM_FADE, "formFade"],
  [STEP_SHORT, "shortened"],
];
export const QUALITY_NAMES: [number, string][] = [
  [Q_GPS_POOR, "gpsPoor"],
  [Q_HR_LOW_CONF, "hrLowConf"],
  [Q_NO_GPS, "noGps"],
  [Q_NO_HR, "noHr"],
];

/** the names of the bits set in v, joined by "|" */
export function bitNames(v: number, names: [number, string][]): string {
  return names.filter(([b]) => v & b).map(([, n]) => n).join("|");
}

/** one session's stretch of the log: the whole log, or what followed a resume after a crash */
interface Segment {
  fromIdx: number;
  steps: StepRec[];
  points: TrackPoint[];
  events: EventRec[];
  end?: EndRec;
}

/** a lap in session time of its segment, before it is placed on the wall clock */
interface SegLap {
  lap: Omit<Lap, "startMs" | "endMs" | "elapsedMs" | "timerMs">;
  t0: number;
  t1: number;
  /** the step's active ms as logged; absent for a lap without a summary */
  activeMs?: number;
}

const EARTH_M = 6371008.8;

/** great-circle metres between two points */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

function label(kind: StepKind | null, rep: number, idx: number, source: Lap["source"]): string {
  if (kind) return kind === "work" ? `Rep ${rep}` : KIND_LABEL[kind];
  return source === "lost" ? `Step ${idx + 1} (lost)` : `Step ${idx + 1} (unfinished)`;
}

/** [start, end] pauses of a segment in its session time; an open pause ends at `end` */
function pausesOf(seg: Segment, end: number): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (const e of seg.events) {
    if (e.what === "pause" && open < 0) open = e.tMs;
    else if (e.what === "resume" && open >= 0) {
      out.push([open, e.tMs]);
      open = -1;
    }
  }
  if (open >= 0) out.push([open, Math.max(open, end)]);
  return out;
}

/** [start, end] of the segment's GPS gaps: gpsBack gives the end and the length; one still open runs to `end` */
function gpsGaps(seg: Segment, end: number): [number, number][] {
  const out: [number, number][] = [];
  let lost = -1;
  for (const e of seg.events) {
    if (e.what === "gpsLost") lost = e.tMs;
    else if (e.what === "gpsBack") {
      out.push([e.tMs - (e.value ?? 0) * 1000, e.tMs]);
      lost = -1;
    }
  }
  if (lost >= 0) out.push([lost, Math.max(lost, end)]);
  return out;
}

/** ms of pause inside [a, b] */
function pausedIn(pauses: [number, number][], a: number, b: number): number {
  let ms = 0;
  for (const [p, r] of pauses) ms += Math.max(0, Math.min(b, r) - Math.max(a, p));
  return ms;
}

/** the session time at which `activeMs` of running time have passed since `start` */
function activeEnd(pauses: [number, number][], start: number, activeMs: number): number {
  let t = start;
  let left = activeMs;
  for (const [p, r] of pauses) {
    if (r <= t) continue;
    if (p > t) {
      if (p - t >= left) return t + left;
      left -= p - t;
    }
    t = Math.max(t, r);
  }
  return t + left;
}

/** splits the log's records into segments: a `resume` event at session time 0 starts a new one (the watch resumed after a crash) */
function segments(log: DecodedLog, notes: string[]): { segs: Segment[]; head: Extract<DecodedLog["recs"][number], { k: "H" }> | null; rpe?: number; stepRpe: Map<number, number> } {
  const segs: Segment[] = [{ fromIdx: 0, steps: [], points: [], events: [] }];
  let head: Extract<DecodedLog["recs"][number], { k: "H" }> | null = null;
  let rpe: number | undefined;
  const stepRpe = new Map<number, number>();
  for (const r of log.recs) {
    const seg = segs[segs.length - 1];
    if (r.k === "H") {
      if (!head) head = r;
      else notes.push("a second header line in the log: ignored");
    } else if (r.k === "S") seg.steps.push(r);
    else if (r.k === "T") seg.points.push(...r.pts);
    else if (r.k === "F") {
      if (r.what === "resume" && r.tMs === 0 && (seg.steps.length || seg.points.length || seg.events.length)) {
        segs.push({ fromIdx: Math.round(r.value ?? 0), steps: [], points: [], events: [] });
      } else seg.events.push(r);
    } else if (r.k === "R") {
      if (r.idx === undefined || r.idx < 0) rpe = r.rpe;
      else stepRpe.set(r.idx, r.rpe);
    } else if (r.k === "E") seg.end = r;
  }
  return { segs, head, rpe, stepRpe };
}

/** the laps of one segment in its own session time, and where it ends */
function segmentLaps(seg: Segment, notes: string[], segNo: number): { laps: SegLap[]; end: number; pauses: [number, number][] } {
  const closed = seg.end && seg.end.why !== "saved" ? seg.end : undefined;
  let lastT = 0;
  for (const p of seg.points) lastT = Math.max(lastT, p.tMs);
  for (const e of seg.events) lastT = Math.max(lastT, e.tMs);
  // pauses need an end for an open one: the latest thing known so far
  let guess = lastT;
  for (const s of seg.steps) guess = Math.max(guess, s.startMs + s.durMs);
  if (closed) guess = Math.max(guess, closed.durMs);
  const pauses = pausesOf(seg, guess);
  const laps: SegLap[] = [];
  let t = 0;
  let idx = seg.fromIdx;
  const where = segNo ? ` (after the resume ${segNo})` : "";
  const gap = (t1: number, nextIdx: number) => {
    // steps whose lines did not verify: one lap from the track over the time they took
    if (nextIdx > idx || t1 > t + 1) {
      const n = Math.max(1, nextIdx - idx);
      notes.push(
        `step${n > 1 ? "s" : ""} ${idx + 1}${n > 1 ? "–" + (idx + n) : ""}${where}: summary line lost; ` +
          (t1 > t + 1 ? `one lap of ${((t1 - t) / 1000).toFixed(1)} s rebuilt from the track` : "no time passed, no lap"),
      );
      if (t1 > t + 1) laps.push({ lap: blank(idx, "lost"), t0: t, t1 });
    }
  };
  for (let i = 0; i < seg.steps.length; i++) {
    const s = seg.steps[i];
    if (s.idx < idx) {
      notes.push(`step ${s.idx + 1}${where}: a second summary line for it: ignored`);
      continue;
    }
    gap(s.startMs, s.idx);
    const next = seg.steps[i + 1];
    let end: number;
    if (next && next.idx === s.idx + 1) end = next.startMs;
    else if (!next && closed) end = closed.durMs;
    else end = activeEnd(pauses, s.startMs, s.durMs);
    if (next) end = Math.min(end, next.startMs);
    end = Math.max(end, s.startMs);
    laps.push({
      lap: {
        stepIdx: s.idx,
        kind: s.kind,
        rep: s.rep,
        label: label(s.kind, s.rep, s.idx, "summary"),
        distM: s.distM,
        avgHr: s.avgHr,
        maxHr: s.maxHr,
        avgCad: s.avgCad,
        why: s.why,
        flags: s.flags,
        quality: s.quality,
        source: "summary",
      },
      t0: s.startMs,
      t1: end,
      activeMs: s.durMs,
    });
    t = end;
    idx = s.idx + 1;
  }
  let end = t;
  if (closed) end = Math.max(end, closed.durMs);
  if (!closed && lastT > t + 1000) {
    // the watch stopped during a step: what it logged of it is one more lap
    notes.push(`step ${idx + 1}${where}: the watch stopped during it (no summary line): a lap of ${((lastT - t) / 1000).toFixed(0)} s from the track`);
    laps.push({ lap: blank(idx, "unfinished"), t0: t, t1: lastT });
    end = lastT;
  }
  return { laps, end, pauses };
}

function blank(idx: number, source: "lost" | "unfinished"): SegLap["lap"] {
  return { stepIdx: idx, kind: null, rep: 0, label: label(null, 0, idx, source), distM: NaN, avgHr: 0, maxHr: 0, avgCad: 0, why: null, flags: 0, quality: 0, source };
}

/**
 * The activity in a decoded log (decodeLog's result): whatever verified, with notes on what did
 * not. Throws ExportError when there is nothing to export (no step, no point) or no start time
 * (header line lost and no options.startMs).
 */
export function buildActivity(log: DecodedLog, o: ActivityOptions = {}): Activity {
  const notes: string[] = log.errors.map((e: LogError) => `line ${e.line}: ${e.reason}: skipped`);
  if (log.torn) notes.push("the last line is unfinished (a write cut short): skipped");
  const { segs, head, rpe, stepRpe } = segments(log, notes);
  const startMs = o.startMs ?? head?.startMs;
  if (startMs === undefined) throw new ExportError("the header line (start time) is not in the log: give the start time");
  if (!head) notes.push("the header line is not in the log: start time as given, plan unknown");

  const laps: Lap[] = [];
  const running: Span[] = [];
  /** per point: wall ms, position, HR and cadence (if its line has them), and the segment it belongs to */
  const pts: { tMs: number; lat: number; lon: number; bpm?: number; spm?: number; seg: number }[] = [];
  const segPauses: [number, number][][] = [];
  let offset = startMs;
  segs.forEach((seg, k) => {
    if (k > 0) notes.push(`resumed after the watch stopped, from step ${seg.fromIdx + 1}: the log does not say when, so this part is placed straight after the last record before it`);
    const { laps: sl, end, pauses } = segmentLaps(seg, notes, k);
    const gaps = gpsGaps(seg, end);
    for (const l of sl) {
      const elapsed = l.t1 - l.t0;
      let gapMs = 0;
      for (const [a, b] of gaps) gapMs += Math.max(0, Math.min(b, l.t1) - Math.max(a, l.t0));
      laps.push({
        ...l.lap,
        ...(gapMs >= 1000 ? { gpsGapS: Math.round(gapMs / 1000) } : {}),
        startMs: offset + l.t0,
        endMs: offset + l.t1,
        elapsedMs: elapsed,
        timerMs: l.activeMs ?? elapsed - pausedIn(pauses, l.t0, l.t1),
      });
    }
    // the timer ran from the segment's start to its end, but for the pauses
    let t = 0;
    for (const [p, r] of pauses) {
      if (p > t) running.push({ startMs: offset + t, endMs: offset + Math.min(p, end) });
      t = Math.max(t, r);
    }
    if (end > t) running.push({ startMs: offset + t, endMs: offset + end });
    segPauses.push(pauses.map(([p, r]) => [offset + p, offset + r]));
    for (const p of seg.points) pts.push({ tMs: offset + p.tMs, lat: p.lat, lon: p.lon, bpm: p.bpm, spm: p.spm, seg: k });
    offset += end;
  });
  if (!laps.length && !pts.length) throw new ExportError("no step and no track point in the log verified: nothing to export");
  if (!laps.length) {
    // points but no step at all: one lap over them
    const t1 = pts[pts.length - 1].tMs;
    laps.push({ ...blank(0, "unfinished"), startMs, endMs: t1, elapsedMs: t1 - startMs, timerMs: t1 - startMs });
    notes.push("no step summary in the log: one lap over the track");
  }
  const end = segs.map((s) => s.end).filter((e): e is EndRec => !!e).pop();
  if (!end) notes.push("the session was not closed (no end line): it ends at the last record");
  else if (end.why === "saved") notes.push("the session was saved after the watch stopped (end line 'saved')");

  const points = placePoints(pts, laps, segPauses.flat());
  for (const l of laps) {
    if (stepRpe.has(l.stepIdx) && l.source === "summary") l.rpe = stepRpe.get(l.stepIdx);
    if (isNaN(l.distM)) l.distM = 0;
  }
  // a point's stretch: the last one started at or before it (points are stored in whole
  // seconds, so one can fall just after a pause began)
  for (const p of points) {
    let k = 0;
    while (k + 1 < running.length && running[k + 1].startMs <= p.tMs) k++;
    p.span = k;
  }
  // each point's own values where its line has them, else (an older log) its step's averages
  let own = 0;
  let avg = 0;
  points.forEach((p, i) => {
    const q = pts[i];
    if (q.bpm !== undefined) {
      p.hr = q.bpm;
      p.cad = q.spm! <= MAX_POINT_SPM ? q.spm! : 0;
      own++;
    } else if (o.stepValues !== false) {
      p.hr = laps[p.lap].avgHr;
      p.cad = laps[p.lap].avgCad;
      avg++;
    }
  });
  const act: Activity = {
    plan: head?.plan ?? "",
    version: head?.version ?? "",
    planHash: head?.planHash ?? 0,
    startMs,
    endMs: laps[laps.length - 1].endMs,
    laps,
    points,
    running,
    totals: totals(laps),
    endWhy: end ? end.why : null,
    notes,
    pointValues: own ? "point" : avg ? "step" : "none",
  };
  if (head?.goal !== undefined) act.goal = head.goal;
  if (rpe !== undefined) act.rpe = rpe;
  return act;
}

/** sums of the laps; HR and cadence means weighted by timer time over the laps that have them */
export function totals(laps: Lap[]): Totals {
  let elapsedMs = 0;
  let timerMs = 0;
  let distDm = 0;
  let hrW = 0;
  let hrT = 0;
  let cadW = 0;
  let cadT = 0;
  let maxHr = 0;
  for (const l of laps) {
    elapsedMs += l.elapsedMs;
    timerMs += l.timerMs;
    // decimetres, the log's resolution: the sum stays exact
    distDm += Math.round(l.distM * 10);
    if (l.avgHr > 0) (hrW += l.avgHr * l.timerMs), (hrT += l.timerMs);
    if (l.avgCad > 0) (cadW += l.avgCad * l.timerMs), (cadT += l.timerMs);
    maxHr = Math.max(maxHr, l.maxHr);
  }
  return { elapsedMs, timerMs, distM: distDm / 10, avgHr: hrT ? Math.round(hrW / hrT) : 0, maxHr, avgCad: cadT ? Math.round(cadW / cadT) : 0 };
}

/**
 * Points with their lap, distance and speed. Path length between two points counts unless a pause
 * or a crash lies between them (the watch did not count it either); inside each lap it is scaled
 * to the lap's distance. Laps without a summary get the path length as their distance.
 */
function placePoints(pts: { tMs: number; lat: number; lon: number; seg: number }[], laps: Lap[], pauses: [number, number][]): Point[] {
  // cumulative path length at each point
  const path: number[] = [];
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    const counts = i > 0 && a.seg === b.seg && !pauses.some(([p, r]) => p < b.tMs && r > a.tMs);
    path.push(i === 0 ? 0 : path[i - 1] + (counts ? haversineM(a.lat, a.lon, b.lat, b.lon) : 0));
  }
  // path length at any wall time: linear between points, flat outside them
  const pathAt = (t: number): number => {
    if (!pts.length || t <= pts[0].tMs) return 0;
    let lo = 0;
    let hi = pts.length - 1;
    if (t >= pts[hi].tMs) return path[hi];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (pts[mid].tMs <= t) lo = mid;
      else hi = mid;
    }
    const f = (t - pts[lo].tMs) / (pts[hi].tMs - pts[lo].tMs);
    return path[lo] + f * (path[hi] - path[lo]);
  };
  const lapOf = (t: number): number => {
    let k = 0;
    while (k < laps.length - 1 && t >= laps[k].endMs) k++;
    return k;
  };
  const base: number[] = [];
  let sum = 0;
  for (const l of laps) {
    if (isNaN(l.distM)) l.distM = Math.round((pathAt(l.endMs) - pathAt(l.startMs)) * 10) / 10;
    base.push(sum);
    sum += l.distM;
  }
  const out: Point[] = pts.map((p, i) => {
    const k = lapOf(p.tMs);
    const l = laps[k];
    const p0 = pathAt(l.startMs);
    const span = pathAt(l.endMs) - p0;
    const f = span > 1e-6 ? (path[i] - p0) / span : l.elapsedMs > 0 ? (p.tMs - l.startMs) / l.elapsedMs : 0;
    const d = base[k] + Math.min(1, Math.max(0, f)) * l.distM;
    return { tMs: p.tMs, lat: p.lat, lon: p.lon, distM: Math.round(d * 100) / 100, speed: 0, hr: 0, cad: 0, lap: k, span: 0 };
  });
  // speed: distance over time from the point before, within a stretch the timer ran; the first
  // point of a stretch takes the speed towards the next one
  const joined = (i: number) => i > 0 && pts[i - 1].seg === pts[i].seg && !pauses.some(([p, r]) => p < pts[i].tMs && r > pts[i - 1].tMs);
  const v = (i: number) => (out[i].distM - out[i - 1].distM) / Math.max(1e-3, (out[i].tMs - out[i - 1].tMs) / 1000);
  for (let i = 0; i < out.length; i++) {
    if (joined(i)) out[i].speed = v(i);
    else if (i + 1 < out.length && joined(i + 1)) out[i].speed = v(i + 1);
    else {
      const l = laps[out[i].lap];
      out[i].speed = l.timerMs > 0 ? l.distM / (l.timerMs / 1000) : 0;
    }
    out[i].speed = Math.round(Math.max(0, out[i].speed) * 1000) / 1000;
  }
  return out;
}
