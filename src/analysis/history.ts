// Across sessions: RPE at the same pace, pace at the same RPE, the recovery-HR trend, the
// session-RPE load with its acute:chronic ratio, back-to-back hard days, and when to swap a hard
// day for an easy one. Input: analyzeSession's results (any order). README "The training log"
// states each rule. Pure: no Node, no DOM.
import type { SessionAnalysis } from "./session";
import { effortOf, trendReps } from "./session";
import { DAY_MS, dayOf, dayStartMs } from "./days";
import { ACWR_HIGH, ACWR_WARN, HR_TREND_MIN, MIN_PAIRS, MIN_SESSIONS, PACE_MATCH_PCT, PACE_TREND_MIN, RECENT_DAYS, RPE_TREND_MIN, TIME_TO_LINE_MIN, TREND_DAYS } from "./rules";
import { pairSlope, pooledSlope, direction, type Obs, type PairObs, type Trend } from "./stats";
import { weeklyLoadSeries, rpePaceSeries, repSpreadSeries, type WeeklyLoadSeries, type RpePaceSeries, type RepSpreadSeries } from "./charts";

export interface HistoryOptions {
  /** minutes east of UTC that calendar days are counted in (a browser: −new Date().getTimezoneOffset()); default 0, UTC */
  tzOffsetMin?: number;
  /** the moment the history is judged at (load, recent hard days, the suggestion); default the last session's start */
  nowMs?: number;
  /** trends use the sessions of the last trendDays days up to nowMs; default 56 (8 weeks) */
  trendDays?: number;
  /** RPE at the same pace: reps whose paces differ by at most this per cent of their mean; default 2 */
  pacePct?: number;
  /** RPE at the same pace: pair only reps of the same length (RepAnalysis.lengthKey); default true */
  sameLength?: boolean;
}

export interface TrendResult {
  /** units per week (RPE, s/km, bpm or s); null when there is nothing to fit */
  perWeek: number | null;
  /** its jackknife standard error (leave one session out), per week */
  sePerWeek: number | null;
  /** observations (pairs for RPE at the same pace) */
  n: number;
  sessions: number;
}

export interface RpeAtPace extends TrendResult {
  /** share of the pairs whose RPE changed that changed in the slope's direction */
  agree: number | null;
  verdict: "rising" | "falling" | "flat" | "insufficient";
}
export interface PaceAtRpe extends TrendResult {
  verdict: "faster" | "slower" | "flat" | "insufficient";
}
export interface RecoveryTrend extends TrendResult {
  /** "improving": HR drops further in comparable recoveries over time */
  verdict: "improving" | "worsening" | "flat" | "insufficient";
  /** recoveries ended by HR (hrBelow): seconds to get under the line, per week (− = faster) */
  timeToLine: TrendResult & { verdict: "improving" | "worsening" | "flat" | "insufficient" };
}

export interface DayLoad {
  /** the local day's midnight, as UTC ms */
  dayMs: number;
  /** the day's load (sum of its sessions' RPE × minutes) */
  load: number;
  /** sum of the last 7 days (this one included) */
  acute: number;
  /** sum of the last 28 days ÷ 4: the mean week */
  chronic: number;
  /** acute ÷ chronic; null before 28 days of history or with no chronic load */
  acwr: number | null;
}

export interface LoadResult {
  days: DayLoad[];
  /** at nowMs */
  acute: number;
  chronic: number;
  acwr: number | null;
  /** acwr > ACWR_WARN at nowMs */
  warning: boolean;
  /** days with acwr > ACWR_WARN (dayMs) */
  spikes: number[];
  /** sessions without a session RPE: no load counted (the ratio underestimates their part) */
  unrated: number;
}

export interface HardDays {
  /** local days (dayMs) with at least one hard session */
  days: number[];
  /** consecutive hard days */
  backToBack: { firstMs: number; secondMs: number }[];
  /** a back-to-back pair ends in the last 7 days before nowMs */
  recent: boolean;
}

export interface Suggestion {
  /** swap the next hard session for an easy one */
  swap: boolean;
  /** the fatigue signs that hold, e.g. "load spike (acute:chronic 1.62)" */
  signs: string[];
  text: string;
}

export interface HistoryAnalysis {
  /** sessions used (with a start time, not after nowMs), oldest first */
  sessions: SessionAnalysis[];
  nowMs: number;
  rpeAtPace: RpeAtPace;
  paceAtRpe: PaceAtRpe;
  recovery: RecoveryTrend;
  load: LoadResult;
  hard: HardDays;
  suggestion: Suggestion;
  charts: { weeklyLoad: WeeklyLoadSeries; rpePace: RpePaceSeries; repSpread: RepSpreadSeries };
}

function trendResult(tr: Trend | null): TrendResult {
  return { perWeek: tr ? tr.slope * 7 : null, sePerWeek: tr && tr.se !== null ? tr.se * 7 : null, n: tr ? tr.n : 0, sessions: tr ? tr.units : 0 };
}

function named<T extends string>(d: ReturnType<typeof direction>, up: T, down: T): T | "flat" | "insufficient" {
  return d === "up" ? up : d === "down" ? down : d;
}

export function rpeAtPace(ss: SessionAnalysis[], t0: number, pacePct: number, sameLength: boolean): RpeAtPace {
  const obs: PairObs[] = [];
  for (const s of ss)
    for (const r of trendReps(s)) {
      const e = effortOf(r, s);
      if (e === null) continue;
      obs.push({ unit: s.id, key: sameLength ? r.lengthKey : "", t: (s.startMs! - t0) / DAY_MS, x: r.paceSPerKm!, y: e });
    }
  const tr = pairSlope(obs, pacePct / 100);
  let d = direction(tr, RPE_TREND_MIN, MIN_SESSIONS);
  if (tr && tr.n < MIN_PAIRS) d = "insufficient";
  return { ...trendResult(tr), agree: tr ? tr.agree : null, verdict: named(d, "rising", "falling") };
}

export function paceAtRpe(ss: SessionAnalysis[], t0: number): PaceAtRpe {
  const obs: Obs[] = [];
  for (const s of ss)
    for (const r of trendReps(s)) {
      const e = effortOf(r, s);
      if (e === null) continue;
      obs.push({ unit: s.id, group: e + "|" + r.lengthKey, t: (s.startMs! - t0) / DAY_MS, y: r.paceSPerKm! });
    }
  const tr = pooledSlope(obs);
  return { ...trendResult(tr), verdict: named(direction(tr, PACE_TREND_MIN, MIN_SESSIONS), "slower", "faster") };
}

export function recoveryTrend(ss: SessionAnalysis[], t0: number): RecoveryTrend {
  const drop: Obs[] = [];
  const line: Obs[] = [];
  for (const s of ss)
    for (const r of s.recoveries) {
      if (r.after !== "work" || r.hrLowConf) continue;
      const t = (s.startMs! - t0) / DAY_MS;
      if (r.endedByHr) line.push({ unit: s.id, group: s.plan + "|" + r.line, t, y: r.durMs / 1000 });
      else if (r.dropBpm !== null) drop.push({ unit: s.id, group: "r" + Math.round(r.durMs / 15000) * 15, t, y: r.dropBpm });
    }
  const a = pooledSlope(drop);
  const b = pooledSlope(line);
  return {
    ...trendResult(a),
    verdict: named(direction(a, HR_TREND_MIN, MIN_SESSIONS), "improving", "worsening"),
    timeToLine: { ...trendResult(b), verdict: named(direction(b, TIME_TO_LINE_MIN, MIN_SESSIONS), "worsening", "improving") },
  };
}

export function loadOf(ss: SessionAnalysis[], nowMs: number, tz: number): LoadResult {
  const nowDay = dayOf(nowMs, tz);
  const rated = ss.filter((s) => s.load !== null);
  const first = ss.length ? dayOf(ss[0].startMs!, tz) : nowDay;
  const n = Math.max(0, nowDay - first + 1);
  const daily: number[] = [];
  for (let i = 0; i < n; i++) daily.push(0);
  for (const s of rated) {
    const i = dayOf(s.startMs!, tz) - first;
    if (i >= 0 && i < n) daily[i] += s.load!;
  }
  const days: DayLoad[] = [];
  let acute = 0;
  let four = 0;
  for (let i = 0; i < n; i++) {
    acute += daily[i] - (i >= 7 ? daily[i - 7] : 0);
    four += daily[i] - (i >= 28 ? daily[i - 28] : 0);
    const chronic = four / 4;
    days.push({
      dayMs: dayStartMs(first + i, tz),
      load: daily[i],
      acute,
      chronic,
      acwr: i >= 27 && chronic > 0 ? acute / chronic : null,
    });
  }
  const last = days.length ? days[days.length - 1] : null;
  const acwr = last ? last.acwr : null;
  return {
    days,
    acute: last ? last.acute : 0,
    chronic: last ? last.chronic : 0,
    acwr,
    warning: acwr !== null && acwr > ACWR_WARN,
    spikes: days.filter((d) => d.acwr !== null && d.acwr > ACWR_WARN).map((d) => d.dayMs),
    unrated: ss.length - rated.length,
  };
}

export function hardDays(ss: SessionAnalysis[], nowMs: number, tz: number): HardDays {
  const set: Record<number, true> = {};
  for (const s of ss) if (s.hard) set[dayOf(s.startMs!, tz)] = true;
  const list = Object.keys(set).map(Number).sort((a, b) => a - b);
  const ms = (d: number) => dayStartMs(d, tz);
  const b2b: HardDays["backToBack"] = [];
  for (const d of list) if (set[d + 1]) b2b.push({ firstMs: ms(d), secondMs: ms(d + 1) });
  const nowDay = dayOf(nowMs, tz);
  return { days: list.map(ms), backToBack: b2b, recent: list.some((d) => set[d + 1] && d + 1 <= nowDay && d + 1 > nowDay - RECENT_DAYS) };
}

/**
 * Swap the next hard session for an easy one when fatigue builds: a load spike (acute:chronic
 * above ACWR_WARN) on its own, or two or more of: acute:chronic above ACWR_HIGH, hard days back
 * to back in the last 7 days, RPE rising at the same pace, pace slower at the same RPE,
 * recovery HR worsening.
 */
export function suggest(load: LoadResult, hard: HardDays, rp: RpeAtPace, pr: PaceAtRpe, rec: RecoveryTrend): Suggestion {
  const signs: string[] = [];
  const spike = load.acwr !== null && load.acwr > ACWR_WARN;
  if (spike) signs.push(`load spike (acute:chronic ${load.acwr!.toFixed(2)} > ${ACWR_WARN})`);
  else if (load.acwr !== null && load.acwr > ACWR_HIGH) signs.push(`load above the usual (acute:chronic ${load.acwr.toFixed(2)} > ${ACWR_HIGH})`);
  if (hard.recent) signs.push("hard days back to back this week");
  if (rp.verdict === "rising") signs.push(`RPE rising at the same pace (+${rp.perWeek!.toFixed(2)} a week)`);
  if (pr.verdict === "slower") signs.push(`slower at the same RPE (+${pr.perWeek!.toFixed(1)} s/km a week)`);
  if (rec.verdict === "worsening" || rec.timeToLine.verdict === "worsening") signs.push("HR recovering less in recoveries");
  const swap = spike || signs.length >= 2;
  const text = swap
    ? "Fatigue is building: " + signs.join("; ") + ". Swap your next hard session for an easy one (an easy run at RPE 4 or less, or rest)."
    : signs.length
      ? "One sign of fatigue (" + signs[0] + "): keep the next easy day easy."
      : "No sign of building fatigue.";
  return { swap, signs, text };
}

/** the training log across sessions */
export function analyzeHistory(all: SessionAnalysis[], o: HistoryOptions = {}): HistoryAnalysis {
  const tz = o.tzOffsetMin || 0;
  let ss = all.filter((s) => s.startMs !== null);
  ss.sort((a, b) => a.startMs! - b.startMs!);
  const nowMs = o.nowMs !== undefined ? o.nowMs : ss.length ? ss[ss.length - 1].startMs! : 0;
  ss = ss.filter((s) => s.startMs! <= nowMs);
  const from = nowMs - (o.trendDays !== undefined ? o.trendDays : TREND_DAYS) * DAY_MS;
  const recent = ss.filter((s) => s.startMs! > from);
  const t0 = recent.length ? recent[0].startMs! : 0;
  const rp = rpeAtPace(recent, t0, o.pacePct !== undefined ? o.pacePct : PACE_MATCH_PCT, o.sameLength !== false);
  const pr = paceAtRpe(recent, t0);
  const rec = recoveryTrend(recent, t0);
  const load = loadOf(ss, nowMs, tz);
  const hard = hardDays(ss, nowMs, tz);
  return {
    sessions: ss,
    nowMs,
    rpeAtPace: rp,
    paceAtRpe: pr,
    recovery: rec,
    load,
    hard,
    suggestion: suggest(load, hard, rp, pr, rec),
    charts: { weeklyLoad: weeklyLoadSeries(load, tz), rpePace: rpePaceSeries(ss), repSpread: repSpreadSeries(ss) },
  };
}
