// One session's training-log metrics, from its decoded log (decodeLog): each rep against its
// target band, the spread of the reps' paces, the fade from first to last rep, how cadence held,
// the HR drop in each recovery, RPE, the session's load and whether it was a hard day.
// README "The training log" gives every rule in words. Pure: no Node, no DOM.
//
// What the log holds, and so what this can and cannot say:
// - each step's summary (S): start, active time, distance, average pace, average and maximum
//   HR, average cadence, how it ended, flags (pace out of band, cadence drop, paused, +30 s)
//   and quality bits. There is no HR or cadence per moment: the track (T) is positions only.
//   So a recovery's HR at its start, at 60 s or at its end is not in the log; the drop used
//   here is the recovery's peak HR minus its average HR (see RecoveryAnalysis.dropBpm).
// - the target band is not on the step lines: it comes from the plan, identified by the
//   header's planHash (plan.ts). Without it only the watch's own out-of-band flags are known.
import type { DecodedLog } from "../engine/log/decode";
import type { Crc } from "../engine/log/encode";
import { hex8 } from "../engine/log/encode";
import type { HeaderRec, StepRec, StepWhy, EndRec } from "../engine/log/records";
import { STEP_CAD_DROP, STEP_PACE_FAST, STEP_PACE_SLOW, STEP_PAUSED, STEP_FORM_FADE, STEP_SHORT, Q_GPS_POOR, Q_HR_LOW_CONF, Q_NO_GPS, Q_NO_HR } from "../engine/log/records";
import type { Plan, Step, StepKind } from "../engine/plan";
import { planOf, stepsOf, bandOf } from "./plan";
import { leastSquares, mean, sd } from "./stats";
import { CAD_HOLD_PCT, HARD_LOAD, HARD_REPS, HARD_RPE } from "./rules";

const OWN_END: StepWhy[] = ["time", "dist", "hr", "cap", "lap"];

export interface RepAnalysis {
  /** the step's index in execution order (the log's idx) */
  idx: number;
  /** work rep number, 1-based */
  rep: number;
  startMs: number;
  /** active time (pauses excluded) */
  durMs: number;
  distM: number;
  why: StepWhy;
  /** s/km over the rep (the log's average pace: active time over distance); null without distance */
  paceSPerKm: number | null;
  /** ended by its own end condition (not skipped, not ended early) and has a pace */
  complete: boolean;
  /** the step's target band [fast, slow] s/km from the plan; null when the plan or its target is unknown */
  band: [number, number] | null;
  /** against the band: faster than its fast edge, inside, slower than its slow edge; null without band or pace */
  vsTarget: "fast" | "in" | "slow" | null;
  /** s/km outside the band: pace − fast edge when faster (negative), pace − slow edge when slower, 0 inside */
  offBandS: number | null;
  /** pace against the band's centre, per cent (+ = slower than the centre) */
  offCentrePct: number | null;
  /** the watch buzzed too fast / too slow in the rep (out of band for 6 s after the 20 s grace), or flagged a cadence drop */
  flagFast: boolean;
  flagSlow: boolean;
  flagCadDrop: boolean;
  /** the watch's form guard saw cadence and pace fade together in this rep */
  formFade: boolean;
  /** the runner took the form guard's offer: this rep ran SHORT_PCT of its planned length (its lengthKey says how long) */
  shortened: boolean;
  paused: boolean;
  /** bpm; null when the step had no HR */
  avgHr: number | null;
  maxHr: number | null;
  /** HR samples were mostly low confidence: shown, not used in trends */
  hrLowConf: boolean;
  gpsPoor: boolean;
  /** steps/min; null when none */
  cad: number | null;
  /** cadence against the first completed rep with a cadence, per cent (− = lower) */
  cadVsFirstPct: number | null;
  /** the runner's rating of this rep (1–10), if given */
  rpe: number | null;
  /** what makes two reps comparable in length: "d400" (400 m by distance), "t180" (3 min), "l1000" (lap-ended, to 100 m) */
  lengthKey: string;
}

export interface Spread {
  /** completed reps with a pace */
  n: number;
  /** "target": each rep's pace is taken against its band's centre (all reps have one); "pace": raw paces */
  basis: "target" | "pace";
  meanPace: number;
  fastest: number;
  slowest: number;
  /** slowest − fastest, s/km (raw paces) */
  rangeS: number;
  /** coefficient of variation of the basis values (sd / mean), per cent */
  cvPct: number;
  /** (largest − smallest) / mean of the basis values, per cent */
  rangePct: number;
}

export interface Fade {
  /** completed reps used */
  n: number;
  basis: "target" | "pace";
  /** last completed rep against the first, per cent (+ = slower: the reps faded) */
  firstToLastPct: number;
  /** least-squares slope of the pace over rep order, s/km per rep (+ = slowing) */
  slopeSPerRep: number;
  /** the same slope on the basis values, per cent of the reference per rep */
  slopePctPerRep: number;
  /** the line's r² on the basis values */
  r2: number;
}

export interface CadenceHold {
  /** completed reps with a cadence */
  n: number;
  /** steps/min of the first and last of them */
  first: number;
  last: number;
  /** last against first, per cent */
  lastVsFirstPct: number;
  /** the lowest rep against the first, per cent */
  lowestVsFirstPct: number;
  /** reps in which the watch flagged a cadence drop */
  dropFlags: number;
  /** no drop flag and no rep more than CAD_HOLD_PCT below the first */
  held: boolean;
}

export interface RecoveryAnalysis {
  idx: number;
  kind: StepKind;
  /** the kind of the step before it (work: a recovery after a rep) */
  after: StepKind | null;
  /** the rep before it, when that step was a work rep */
  afterRep: number | null;
  /** session time at its start, ms */
  startMs: number;
  durMs: number;
  why: StepWhy;
  /** bpm, null without HR */
  avgHr: number | null;
  maxHr: number | null;
  /**
   * maxHr − avgHr: how far HR sat below the recovery's peak on average. The log has no HR at
   * the start, at 60 s or at the end of a step, so this stands in for "HR at start minus HR at
   * end": HR peaks at or just after the start of a recovery, so the peak is close to the
   * start's value, and the average lies between start and end while HR is falling (it
   * understates the full start-to-end drop; it does not see a drop that ends early).
   */
  dropBpm: number | null;
  /** the maximum HR of the rep before it */
  repMaxHr: number | null;
  hrLowConf: boolean;
  /** ended by its HR rule (hrBelow): HR stayed under `line` for the hold time */
  endedByHr: boolean;
  /** the plan's hrBelow line when known */
  line: number | null;
  /** for a recovery ended by HR: at least maxHr − line of drop, in durMs */
  dropAtLeastBpm: number | null;
}

export type HardWhy = "rpe" | "load" | "reps" | "easy-rpe" | "easy-no-reps";

export interface SessionAnalysis {
  /** "s<startMs>-<planHash hex>", the phone store's identity of a session; "" without header */
  id: string;
  /** wall clock of the start, ms; null when the header is lost */
  startMs: number | null;
  plan: string;
  goal?: string;
  planHash: number;
  /** the plan was identified (targets known) */
  planKnown: boolean;
  /** active time: the steps' durations summed (pauses excluded; what the watch's history uses) */
  timerMs: number;
  distM: number;
  endWhy: EndRec["why"] | null;
  /** the session's RPE (1–10), null if not given */
  rpe: number | null;
  /** session-RPE load: RPE × active minutes (arbitrary units); null without RPE */
  load: number | null;
  hard: boolean;
  /** which rule made it hard or easy (HARD_RPE, HARD_LOAD, HARD_REPS) */
  hardWhy: HardWhy;
  reps: RepAnalysis[];
  /** per-rep RPEs given, in rep order */
  repRpe: { rep: number; idx: number; rpe: number }[];
  /** null with under 2 completed reps */
  spread: Spread | null;
  fade: Fade | null;
  cadence: CadenceHold | null;
  recoveries: RecoveryAnalysis[];
  /** mean dropBpm of the recoveries after reps with HR (not low confidence); null if none */
  recoveryDropBpm: number | null;
  /** what is missing or was ignored, one line each */
  notes: string[];
}

export interface SessionOptions {
  /** candidate workouts (unresolved, as written) to identify the plan by its hash; default the built-ins */
  plans?: Plan[];
}

function lengthKey(s: StepRec): string {
  if (s.why === "dist") return "d" + Math.round(s.distM / 10) * 10;
  if (s.why === "time") return "t" + Math.round(s.durMs / 5000) * 5;
  return "l" + Math.round(s.distM / 100) * 100;
}

function hrOf(s: StepRec): { avg: number | null; max: number | null } {
  const none = (s.quality & Q_NO_HR) !== 0 || s.avgHr <= 0;
  return { avg: none ? null : s.avgHr, max: none || s.maxHr <= 0 ? null : s.maxHr };
}

/** pace value for spread and fade: per cent of the reference (band centre or the session's mean pace) */
function basisOf(reps: RepAnalysis[]): { basis: "target" | "pace"; val: (r: RepAnalysis) => number } {
  const all = reps.every((r) => r.band !== null);
  if (all) return { basis: "target", val: (r) => (100 * r.paceSPerKm!) / ((r.band![0] + r.band![1]) / 2) };
  const m = mean(reps.map((r) => r.paceSPerKm!));
  return { basis: "pace", val: (r) => (100 * r.paceSPerKm!) / m };
}

/**
 * The metrics of one session. log: decodeLog's result; crc: the zlib CRC-32 (crc32 from
 * src/sim/crc.ts, E.CRC32 on a watch), used only to identify the plan by its hash.
 */
export function analyzeSession(log: DecodedLog, crc: Crc, o: SessionOptions = {}): SessionAnalysis {
  const notes: string[] = [];
  let head: HeaderRec | null = null;
  let end: EndRec | null = null;
  let rpe: number | null = null;
  const repRpeByIdx: Record<number, number> = {};
  const steps: StepRec[] = [];
  const seen: Record<number, true> = {};
  for (const r of log.recs) {
    if (r.k === "H") head = head || r;
    else if (r.k === "E") end = r;
    else if (r.k === "R") {
      // a later rating replaces an earlier one
      if (r.idx === undefined || r.idx < 0) rpe = r.rpe;
      else repRpeByIdx[r.idx] = r.rpe;
    } else if (r.k === "S") {
      if (seen[r.idx]) {
        notes.push(`step ${r.idx + 1}: a second summary line: ignored`);
        continue;
      }
      seen[r.idx] = true;
      steps.push(r);
    }
  }
  steps.sort((a, b) => a.idx - b.idx);
  if (log.errors.length) notes.push(`${log.errors.length} damaged line(s) skipped: their steps are missing here`);
  if (!head) notes.push("no header line: start time and plan unknown, so no targets and no place in the history");

  let plan: Plan | null = null;
  if (head) {
    plan = planOf(head, crc, o.plans);
    if (!plan) notes.push(`plan "${head.plan}" not identified (not among the workouts given, or edited): target bands unknown, only the watch's pace flags`);
  }
  const leaves = plan ? stepsOf(plan) : [];
  const leaf = (idx: number): Step | undefined => leaves[idx];

  // ---- reps
  const reps: RepAnalysis[] = [];
  for (const s of steps) {
    if (s.kind !== "work") continue;
    const noGps = (s.quality & Q_NO_GPS) !== 0 || s.distM < 10;
    const pace = noGps ? null : s.avgPaceSPerKm > 0 ? s.avgPaceSPerKm : s.durMs / s.distM;
    const band = bandOf(leaf(s.idx));
    let vs: RepAnalysis["vsTarget"] = null;
    let off: number | null = null;
    let offC: number | null = null;
    if (band && pace !== null) {
      vs = pace < band[0] ? "fast" : pace > band[1] ? "slow" : "in";
      off = pace < band[0] ? pace - band[0] : pace > band[1] ? pace - band[1] : 0;
      const c = (band[0] + band[1]) / 2;
      offC = (100 * (pace - c)) / c;
    }
    const hr = hrOf(s);
    reps.push({
      idx: s.idx,
      rep: s.rep,
      startMs: s.startMs,
      durMs: s.durMs,
      distM: s.distM,
      why: s.why,
      paceSPerKm: pace,
      complete: pace !== null && OWN_END.indexOf(s.why) >= 0,
      band,
      vsTarget: vs,
      offBandS: off,
      offCentrePct: offC,
      flagFast: (s.flags & STEP_PACE_FAST) !== 0,
      flagSlow: (s.flags & STEP_PACE_SLOW) !== 0,
      flagCadDrop: (s.flags & STEP_CAD_DROP) !== 0,
      formFade: (s.flags & STEP_FORM_FADE) !== 0,
      shortened: (s.flags & STEP_SHORT) !== 0,
      paused: (s.flags & STEP_PAUSED) !== 0,
      avgHr: hr.avg,
      maxHr: hr.max,
      hrLowConf: (s.quality & Q_HR_LOW_CONF) !== 0,
      gpsPoor: (s.quality & Q_GPS_POOR) !== 0,
      cad: s.avgCad > 0 ? s.avgCad : null,
      cadVsFirstPct: null,
      rpe: repRpeByIdx[s.idx] !== undefined ? repRpeByIdx[s.idx] : null,
      lengthKey: lengthKey(s),
    });
  }
  for (const r of reps) if (!r.complete) notes.push(`rep ${r.rep}: ${r.paceSPerKm === null ? "no distance (no GPS)" : "ended by " + r.why}: left out of spread, fade and trends`);
  const done = reps.filter((r) => r.complete);

  // ---- spread and fade
  let spread: Spread | null = null;
  let fade: Fade | null = null;
  if (done.length >= 2) {
    const b = basisOf(done);
    const vals = done.map(b.val);
    const paces = done.map((r) => r.paceSPerKm!);
    const mv = mean(vals);
    spread = {
      n: done.length,
      basis: b.basis,
      meanPace: mean(paces),
      fastest: Math.min(...paces),
      slowest: Math.max(...paces),
      rangeS: Math.max(...paces) - Math.min(...paces),
      cvPct: (100 * sd(vals)) / mv,
      rangePct: (100 * (Math.max(...vals) - Math.min(...vals))) / mv,
    };
    const order = done.map((r) => r.rep);
    const raw = leastSquares(order, paces)!;
    const rel = leastSquares(order, vals)!;
    fade = {
      n: done.length,
      basis: b.basis,
      firstToLastPct: 100 * (vals[vals.length - 1] / vals[0] - 1),
      slopeSPerRep: raw.slope,
      slopePctPerRep: rel.slope,
      r2: rel.r2,
    };
  }

  // ---- cadence hold
  let cadence: CadenceHold | null = null;
  const withCad = done.filter((r) => r.cad !== null);
  if (withCad.length) {
    const first = withCad[0].cad!;
    for (const r of reps) if (r.cad !== null) r.cadVsFirstPct = (100 * (r.cad - first)) / first;
    const rel = withCad.map((r) => r.cadVsFirstPct!);
    const drops = reps.filter((r) => r.flagCadDrop).length;
    const lowest = Math.min(...rel);
    cadence = {
      n: withCad.length,
      first,
      last: withCad[withCad.length - 1].cad!,
      lastVsFirstPct: rel[rel.length - 1],
      lowestVsFirstPct: lowest,
      dropFlags: drops,
      held: drops === 0 && lowest > -CAD_HOLD_PCT,
    };
  }

  // ---- recoveries
  const recoveries: RecoveryAnalysis[] = [];
  const byIdx: Record<number, StepRec> = {};
  for (const s of steps) byIdx[s.idx] = s;
  for (const s of steps) {
    if (s.kind !== "recovery" && s.kind !== "rest") continue;
    const prev = byIdx[s.idx - 1];
    const hr = hrOf(s);
    const end = leaf(s.idx) ? leaf(s.idx)!.end : undefined;
    const line = end && end.hrBelow !== undefined ? end.hrBelow : null;
    const byHr = s.why === "hr";
    recoveries.push({
      idx: s.idx,
      kind: s.kind,
      after: prev ? prev.kind : null,
      afterRep: prev && prev.kind === "work" ? prev.rep : null,
      startMs: s.startMs,
      durMs: s.durMs,
      why: s.why,
      avgHr: hr.avg,
      maxHr: hr.max,
      dropBpm: hr.avg !== null && hr.max !== null ? hr.max - hr.avg : null,
      repMaxHr: prev && prev.kind === "work" ? hrOf(prev).max : null,
      hrLowConf: (s.quality & Q_HR_LOW_CONF) !== 0,
      endedByHr: byHr,
      line,
      dropAtLeastBpm: byHr && line !== null && hr.max !== null ? Math.max(0, hr.max - line) : null,
    });
  }
  const usable = recoveries.filter((r) => r.after === "work" && r.dropBpm !== null && !r.hrLowConf);
  const recoveryDropBpm = usable.length ? mean(usable.map((r) => r.dropBpm!)) : null;

  // ---- time, load, hard day
  let timerMs = 0;
  // decimetres, the log's resolution: the sum stays exact
  let distDm = 0;
  for (const s of steps) {
    timerMs += s.durMs;
    distDm += Math.round(s.distM * 10);
  }
  const distM = distDm / 10;
  const load = rpe !== null ? (rpe * timerMs) / 60000 : null;
  let hardWhy: HardWhy;
  if (rpe !== null) hardWhy = rpe >= HARD_RPE ? "rpe" : load! >= HARD_LOAD ? "load" : "easy-rpe";
  else hardWhy = done.length >= HARD_REPS ? "reps" : "easy-no-reps";
  if (rpe === null) notes.push("no session RPE: no load; hard or easy by its reps");

  return {
    id: head ? "s" + head.startMs + "-" + hex8(head.planHash) : "",
    startMs: head ? head.startMs : null,
    plan: head ? head.plan : "",
    goal: head ? head.goal : undefined,
    planHash: head ? head.planHash : 0,
    planKnown: plan !== null,
    timerMs,
    distM,
    endWhy: end ? end.why : null,
    rpe,
    load,
    hard: hardWhy === "rpe" || hardWhy === "load" || hardWhy === "reps",
    hardWhy,
    reps,
    repRpe: reps.filter((r) => r.rpe !== null).map((r) => ({ rep: r.rep, idx: r.idx, rpe: r.rpe! })),
    spread,
    fade,
    cadence,
    recoveries,
    recoveryDropBpm,
    notes,
  };
}

/** a rep's effort: its own RPE, else the session's */
export function effortOf(r: RepAnalysis, s: SessionAnalysis): number | null {
  return r.rpe !== null ? r.rpe : s.rpe;
}

/** the reps used across sessions: completed, with a pace from GPS that was not poor */
export function trendReps(s: SessionAnalysis): RepAnalysis[] {
  return s.reps.filter((r) => r.complete && !r.gpsPoor);
}
