// What the phone shows of one session log: its identity, a summary for the list, the splits per
// step with the plan's target beside what was run, and the series of the charts. Everything is
// derived from the log text with the project's one codec (decodeLog) and the exports' activity
// model (src/export), so the list, the splits and the exported files agree. No DOM here.
import { decodeLog, type DecodedLog } from "../engine/log/decode";
import { hex8 } from "../engine/log/encode";
import type { EventRec, HeaderRec, StepWhy } from "../engine/log/records";
import { crc32 } from "../sim/crc";
import { buildActivity, bitNames, FLAG_NAMES, QUALITY_NAMES, type Activity, type Lap } from "../export/activity";
import { TEMPLATES } from "../engine/workout/templates";
import { resolvePlan } from "../engine/workout/pace";
import { Cursor } from "../engine/workout/cursor";
import { fmtPace, fmtTime } from "../engine/format";
import type { Plan, Step } from "../engine/plan";

/** the header record of a decoded log, if it verified */
export function headerOf(d: DecodedLog): HeaderRec | undefined {
  for (const r of d.recs) if (r.k === "H") return r;
  return undefined;
}

/**
 * A session's identity: its start on the wall clock and its plan's hash, both from the header
 * ("s<startMs>-<planHash hex>"). A log copied again later, grown (a resumed session) or the
 * same, keeps its identity; the store then keeps the copy with more verified records. A log
 * whose header line did not verify is known by the CRC-32 of its whole text ("x<crc>-<size>").
 */
export function sessionId(text: string, d: DecodedLog = decodeLog(text, crc32)): string {
  const h = headerOf(d);
  if (h) return "s" + h.startMs + "-" + hex8(h.planHash);
  return "x" + hex8(crc32(text)) + "-" + text.length;
}

export interface Summary {
  id: string;
  /** CRC-32 of the whole text, for "is this the same copy" */
  crc: number;
  size: number;
  /** wall clock of the start; undefined when the header is lost */
  startMs?: number;
  plan: string;
  goal?: string;
  version?: string;
  /** session time and distance (from the end line, else the activity's totals) */
  durMs: number;
  distM: number;
  /** how the log was closed (done, ended, saved); null when it was not */
  endWhy: string | null;
  /** the session's RPE */
  rpe?: number;
  steps: number;
  records: number;
  /** lines that did not verify */
  damaged: number;
  torn: boolean;
}

/** the list row's facts of a log (never throws) */
export function summarize(text: string): Summary {
  const d = decodeLog(text, crc32);
  const h = headerOf(d);
  let durMs = 0;
  let distM = 0;
  let endWhy: string | null = null;
  let rpe: number | undefined;
  let steps = 0;
  let lastT = 0;
  for (const r of d.recs) {
    if (r.k === "E") {
      durMs = r.durMs;
      distM = r.distM;
      endWhy = r.why;
    } else if (r.k === "R" && (r.idx === undefined || r.idx < 0)) rpe = r.rpe;
    else if (r.k === "S") {
      steps++;
      if (!endWhy) {
        lastT = Math.max(lastT, r.startMs + r.durMs);
        distM += r.distM;
      }
    }
  }
  if (!endWhy) durMs = lastT;
  return {
    id: sessionId(text, d),
    crc: crc32(text),
    size: text.length,
    startMs: h?.startMs,
    plan: h ? h.plan : "(header lost)",
    goal: h?.goal,
    version: h?.version,
    durMs,
    distM,
    endWhy,
    rpe,
    steps,
    records: d.recs.length,
    damaged: d.errors.length,
    torn: d.torn,
  };
}

/** the runner's goal in the header ("5000m 25:00"), or undefined */
export function parseGoal(goal: string | undefined): { distM: number; timeS: number } | undefined {
  const m = /^(\d+)m (\d+(?::\d\d){0,2})$/.exec(goal ?? "");
  if (!m) return undefined;
  let s = 0;
  for (const p of m[2].split(":")) s = s * 60 + Number(p);
  return { distM: Number(m[1]), timeS: s };
}

/**
 * The plan the session ran, when it is among `plans` (default: the built-in workouts; the app adds
 * the workouts sent from this phone): the one whose plan, resolved against the header's goal,
 * hashes (CRC-32 of its JSON, as the watch computes it) to the header's planHash. Other custom
 * workouts live only on the watch: their targets are not known here.
 */
export function matchPlan(h: HeaderRec | undefined, plans: Plan[] = TEMPLATES): Plan | undefined {
  if (!h) return undefined;
  const goal = parseGoal(h.goal);
  for (const t of plans) {
    const p = goal ? resolvePlan(t, goal) : t;
    if (crc32(JSON.stringify(p)) >>> 0 === h.planHash >>> 0) return p;
  }
  return undefined;
}

/** a step's end condition and targets as text ("400 m at 4:43-4:53/km") */
export function targetText(s: Step): string {
  const e = s.end;
  let t = "";
  if (e.time !== undefined) t = fmtTime(e.time);
  else if (e.dist !== undefined) t = e.dist >= 1000 && e.dist % 100 === 0 ? (e.dist / 1000).toString() + " km" : e.dist + " m";
  else if (e.lap) t = "until lap";
  else if (e.hrBelow !== undefined) t = "until HR < " + e.hrBelow + (e.holdS ? " for " + e.holdS + " s" : "") + " (" + fmtTime(e.minS ?? 0) + "-" + fmtTime(e.maxS ?? 0) + ")";
  else if (e.hrAbove !== undefined) t = "until HR > " + e.hrAbove + (e.maxS ? " (max " + fmtTime(e.maxS) + ")" : "");
  const extra: string[] = [];
  if (Array.isArray(s.pace)) extra.push("at " + fmtPace(s.pace[0]) + "-" + fmtPace(s.pace[1]) + "/km");
  if (s.hr) extra.push("HR " + s.hr[0] + "-" + s.hr[1]);
  if (s.minCad) extra.push("cadence >= " + s.minCad);
  return [t].concat(extra).join(" ");
}

export const WHY_TEXT: Record<StepWhy, string> = {
  time: "time reached",
  dist: "distance reached",
  hr: "HR target met",
  cap: "time cap (HR not met)",
  lap: "lap pressed",
  skip: "skipped",
  end: "session ended",
};

export type PaceVerdict = "fast" | "slow" | "in band" | "";

export interface Split {
  n: number;
  stepIdx: number;
  label: string;
  kind: string;
  /** the plan's target, "" when the plan is not known */
  target: string;
  /** the plan's pace band [fast, slow] s/km, if any */
  band?: [number, number];
  timerS: number;
  distM: number;
  /** s/km over the timer time; 0 when unknown */
  paceS: number;
  verdict: PaceVerdict;
  avgHr: number;
  maxHr: number;
  avgCad: number;
  why: string;
  flags: string;
  quality: string;
  rpe?: number;
  source: Lap["source"];
}

export interface Mark {
  /** seconds from the start */
  tS: number;
  label: string;
}

export interface Charts {
  /** seconds from the session's start, one per track point */
  t: number[];
  /** min/km from the track (null where standing) */
  pace: (number | null)[];
  /** HR and cadence at each point: the watch's own, or (an older log, perPoint false) the step's averages */
  hr: (number | null)[];
  cad: (number | null)[];
  perPoint: boolean;
  /** step starts */
  steps: Mark[];
  /** flags and pauses from the event lines */
  flags: Mark[];
  /** work steps as [start, end] s, shaded */
  work: [number, number][];
}

export interface SessionView {
  summary: Summary;
  activity?: Activity;
  /** why there is no activity (nothing verified, no start time) */
  problem?: string;
  plan?: Plan;
  splits: Split[];
  charts?: Charts;
  events: EventRec[];
  notes: string[];
}

/** everything the session page shows; plans: the workouts its plan is looked up among */
export function viewOf(text: string, plans: Plan[] = TEMPLATES): SessionView {
  const summary = summarize(text);
  const d = decodeLog(text, crc32);
  const h = headerOf(d);
  const plan = matchPlan(h, plans);
  const events = d.recs.filter((r): r is EventRec => r.k === "F");
  let activity: Activity | undefined;
  let problem: string | undefined;
  try {
    activity = buildActivity(d);
  } catch (e) {
    problem = (e as Error).message;
  }
  const splits: Split[] = [];
  if (activity) {
    activity.laps.forEach((l, k) => {
      let step: Step | null = null;
      if (plan) {
        // a cursor walks forward only: a fresh one to each lap's step
        const cur = new Cursor(plan);
        step = l.stepIdx > 0 ? cur.next(l.stepIdx) : cur.step;
      }
      const band = step && Array.isArray(step.pace) ? (step.pace as [number, number]) : undefined;
      const timerS = l.timerMs / 1000;
      const paceS = l.distM > 10 && timerS > 0 ? timerS / (l.distM / 1000) : 0;
      let verdict: PaceVerdict = "";
      if (band && paceS > 0) verdict = paceS < band[0] ? "fast" : paceS > band[1] ? "slow" : "in band";
      splits.push({
        n: k + 1,
        stepIdx: l.stepIdx,
        label: (step && step.label) || l.label,
        kind: l.kind ?? "?",
        target: step ? targetText(step) : "",
        band,
        timerS,
        distM: l.distM,
        paceS,
        verdict,
        avgHr: l.avgHr,
        maxHr: l.maxHr,
        avgCad: l.avgCad,
        why: l.why ? WHY_TEXT[l.why] : l.source === "unfinished" ? "watch stopped" : "summary lost",
        flags: bitNames(l.flags, FLAG_NAMES),
        quality: bitNames(l.quality, QUALITY_NAMES),
        rpe: l.rpe,
        source: l.source,
      });
    });
  }
  return { summary, activity, problem, plan, splits, charts: activity ? chartsOf(activity, events) : undefined, events, notes: activity ? activity.notes : [] };
}

/** the charts' series: one x per track point (seconds from the start) */
export function chartsOf(a: Activity, events: EventRec[]): Charts {
  const t: number[] = [];
  const pace: (number | null)[] = [];
  const hr: (number | null)[] = [];
  const cad: (number | null)[] = [];
  for (const p of a.points) {
    t.push((p.tMs - a.startMs) / 1000);
    pace.push(p.speed > 0.8 ? 1000 / p.speed / 60 : null);
    hr.push(p.hr > 0 ? p.hr : null);
    cad.push(p.cad > 0 ? p.cad : null);
  }
  const steps = a.laps.map((l) => ({ tS: (l.startMs - a.startMs) / 1000, label: l.label }));
  const work: [number, number][] = a.laps
    .filter((l) => l.kind === "work" || l.kind === "stride")
    .map((l) => [(l.startMs - a.startMs) / 1000, (l.endMs - a.startMs) / 1000]);
  // events are in session time, which is time from the start unless the session was resumed
  // after a crash (the clock restarts there: such events are drawn where their time falls)
  const flags: Mark[] = [];
  const end = (a.endMs - a.startMs) / 1000;
  for (const e of events) {
    const s = e.tMs / 1000;
    if (s >= 0 && s <= end + 1) flags.push({ tS: s, label: e.what });
  }
  return { t, pace, hr, cad, perPoint: a.pointValues === "point", steps, flags, work };
}

/** "8.66 km" */
export function fmtKm(m: number): string {
  return isFinite(m) ? (m / 1000).toFixed(2) + " km" : "?";
}

export function fmtDur(ms: number): string {
  return fmtTime(ms / 1000);
}

/** the start as the runner's local date and time */
export function fmtStart(ms: number | undefined): string {
  if (ms === undefined) return "start unknown";
  const d = new Date(ms);
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":" + p(d.getMinutes());
}

export { fmtPace, fmtTime };
