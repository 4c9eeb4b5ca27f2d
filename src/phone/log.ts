// The training log as the phone shows it: src/analysis run over the stored sessions (one session's
// metrics, and the trends, load and fatigue across them), the rules each figure follows stated as
// sentences built from src/analysis/rules.ts (so the page and the thresholds cannot drift apart),
// and the few formats the page uses. No DOM here.
import {
  analyzeLogText,
  analyzeHistory,
  ACWR_BAND,
  ACWR_HIGH,
  ACWR_WARN,
  CAD_HOLD_PCT,
  HARD_LOAD,
  HARD_REPS,
  HARD_RPE,
  HR_TREND_MIN,
  MIN_PAIRS,
  MIN_SESSIONS,
  MIN_T,
  PACE_MATCH_PCT,
  PACE_TREND_MIN,
  RECENT_DAYS,
  RPE_TREND_MIN,
  TIME_TO_LINE_MIN,
  TREND_DAYS,
  type HistoryAnalysis,
  type SessionAnalysis,
} from "../analysis";
import { crc32 } from "../sim/crc";
import { TEMPLATES } from "../engine/workout/templates";
import { fmtPace } from "../engine/format";
import type { Plan } from "../engine/plan";

/** the workouts a log's plan hash is looked up among: the built-ins, then the workouts sent from this phone */
export function candidatePlans(sent: Plan[] = []): Plan[] {
  return TEMPLATES.concat(sent);
}

/** one session's training-log metrics */
export function sessionMetrics(text: string, sent: Plan[] = []): SessionAnalysis {
  return analyzeLogText(text, crc32, { plans: candidatePlans(sent) });
}

export interface LogOptions {
  /** when the log is judged (the page: now, or the last session's start if that is later) */
  nowMs: number;
  /** minutes east of UTC (the page: −getTimezoneOffset() at nowMs) */
  tzOffsetMin: number;
  sent?: Plan[];
}

export interface TrainingLog {
  history: HistoryAnalysis;
  /** every stored session's analysis, those without a start time too */
  all: SessionAnalysis[];
  /** sessions left out of the history: no header (no start time) */
  noStart: number;
  tzOffsetMin: number;
}

/** the training log of the stored sessions' texts */
export function trainingLog(texts: string[], o: LogOptions): TrainingLog {
  const all = texts.map((t) => sessionMetrics(t, o.sent));
  let last = -Infinity;
  for (const s of all) if (s.startMs !== null && s.startMs > last) last = s.startMs;
  // a watch clock ahead of the phone's must not drop its newest session
  const nowMs = Math.max(o.nowMs, last);
  const history = analyzeHistory(all, { tzOffsetMin: o.tzOffsetMin, nowMs });
  return { history, all, noStart: all.filter((s) => s.startMs === null).length, tzOffsetMin: o.tzOffsetMin };
}

const range = (r: [number, number]) => r[0] + "–" + r[1];

/** each rule as the page states it; every number is the analysis's own constant */
export const RULES = {
  heuristic:
    "Every rule on this page is a heuristic: a rule of thumb applied to what the watch logged, not a measurement of fitness or fatigue, and not medical advice.",
  window: `Trends use the sessions of the last ${TREND_DAYS / 7} weeks; load, hard days and the charts use every session.`,
  trend: `A trend needs at least ${MIN_SESSIONS} sessions; it has a direction only when it is at least its minimum size and at least ${MIN_T} standard errors (a jackknife over sessions) from zero, otherwise it is flat.`,
  load:
    `A session's load is its RPE × its active minutes (the session-RPE method). Acute load = the last 7 days' load, chronic load = the last 28 days' load ÷ 4 (the mean week). ` +
    `The ratio acute ÷ chronic above ${ACWR_WARN} is a load spike and gives the warning; above ${ACWR_HIGH} it is one sign of fatigue; ${range(ACWR_BAND)} is the usual band (shaded around the chronic load). No ratio before 28 days of history. ` +
    "This is a heuristic: the ratio's link to injury is argued over in sport science, and it jumps when the days of a regular week shift.",
  rpePace:
    `RPE at the same pace: every pair of complete reps of the same length from two different sessions whose paces differ by at most ${PACE_MATCH_PCT} % gives the later rep's RPE (its own, else its session's) minus the earlier's, over the days between them. ` +
    `Rising at +${RPE_TREND_MIN} RPE a week or more, falling at −${RPE_TREND_MIN} or less; it needs at least ${MIN_PAIRS} pairs. Rising is a sign of fatigue. A heuristic: RPE is a feeling, and heat, sleep or a hill change it too.`,
  paceEffort:
    `Splits at the same effort: reps grouped by effort (RPE) and length; the slope of their pace over time within the groups. Faster at ${PACE_TREND_MIN} s/km a week or more, slower at +${PACE_TREND_MIN} s/km a week or more. Slower is a sign of fatigue. A heuristic: wind, heat and the route change pace too.`,
  recovery:
    `Recovery HR: the HR drop of each recovery after a rep, grouped by the recovery's length; improving at +${HR_TREND_MIN} bpm a week or more, worsening at −${HR_TREND_MIN} or less (a sign of fatigue). ` +
    `Recoveries ended by HR: the time to get under the line, improving when it shortens by ${TIME_TO_LINE_MIN} s a week or more. A heuristic: HR also follows heat, caffeine and the watch's fit.`,
  drop:
    "HR drop = the recovery's peak HR minus its mean HR. The log keeps only each step's mean and peak HR (no HR at the start, 60 s in or at the end of a recovery), so this stands in for HR at the start minus HR at the end: HR peaks just after a rep, so the peak is close to the start's, and while HR falls the mean lies between start and end. It reads smaller than the start-to-end drop and follows the same recovery over time, not the textbook 60-second number.",
  hard:
    `A hard day has a session with RPE ${HARD_RPE} or more, or a load of ${HARD_LOAD} or more; a session without RPE is hard with ${HARD_REPS} or more complete reps. Two hard calendar days in a row are back to back; a pair whose second day is in the last ${RECENT_DAYS} days is a sign of fatigue. A heuristic.`,
  swap:
    `Swap the next hard session for an easy one (an easy run at RPE 4 or less, or rest) when fatigue builds: on a load spike (ratio above ${ACWR_WARN}) alone, or on two or more of: ratio above ${ACWR_HIGH}, back-to-back hard days this week, RPE rising at the same pace, slower at the same RPE, HR recovering less. One sign alone: keep the next easy day easy. A heuristic, not a training plan.`,
  spread:
    "Rep spread: each session's fastest, mean and slowest complete rep, and the coefficient of variation (standard deviation ÷ mean) of the rep paces, each taken against its own target when every rep has one.",
  repTarget:
    "A rep is a work step; it counts in spread, fade and cadence hold when it ended by its own rule (time, distance, HR, lap) and has a GPS distance. Against its target band: fast, in, or slow, and how far outside the band.",
  fade: "Fade: the last complete rep against the first (+ = slower), and the least-squares slope of pace over the reps.",
  cadence: `Cadence held when no complete rep is more than ${CAD_HOLD_PCT} % below the first (the watch's own drop threshold) and the watch flagged no cadence drop. A faster rep asks for a higher cadence, so a ladder compares unlike reps.`,
  effort: `Load = session RPE × active minutes (pauses out). Hard day: RPE ${HARD_RPE} or more, or load ${HARD_LOAD} or more; without RPE, ${HARD_REPS} or more complete reps.`,
} as const;

/** "4:30" for s/km; "" when unknown */
export function pace(s: number | null | undefined): string {
  return s === null || s === undefined || !isFinite(s) || s <= 0 ? "" : fmtPace(s);
}

/** "+5.2 %" (sign always), "" when unknown */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !isFinite(x)) return "";
  const s = x.toFixed(digits);
  return (x >= 0 && !/^-/.test(s) ? "+" : "") + s.replace(/^-/, "−") + " %";
}

/** a signed number with digits ("−0.12", "+1.5") */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !isFinite(x)) return "";
  const s = x.toFixed(digits);
  return (x >= 0 && !/^-/.test(s) ? "+" : "") + s.replace(/^-/, "−");
}

/** a local date of a UTC time in the log's zone ("2026-01-05", "Mon 2026-01-05" with the weekday) */
export function day(ms: number, tzOffsetMin: number, weekday = false): string {
  const d = new Date(ms + tzOffsetMin * 60000);
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  const s = d.getUTCFullYear() + "-" + p(d.getUTCMonth() + 1) + "-" + p(d.getUTCDate());
  return weekday ? ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()] + " " + s : s;
}
