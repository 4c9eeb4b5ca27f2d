// Chart-ready series for the training log, as plain arrays that line up index by index (what
// uPlot takes: an x array, then one y array per series, null for a gap). Pure: no Node, no DOM.
import type { SessionAnalysis } from "./session";
import { effortOf, trendReps } from "./session";
import type { LoadResult } from "./history";
import { ACWR_BAND, ACWR_WARN } from "./rules";
import { dayOf, dayStartMs, mondayOf } from "./days";
import { leastSquares } from "./stats";

export interface WeeklyLoadSeries {
  /** x: each week's Monday, local midnight as UTC ms, from the first session's week to nowMs's */
  weekMs: number[];
  /** the week's load: its sessions' RPE × minutes (the running week: so far) */
  load: number[];
  /**
   * the chronic load on the week's last day (Sunday, or nowMs's day for the running week): the
   * load of the 28 days up to it ÷ 4, the mean week; null before 28 days of history
   */
  chronic: (number | null)[];
  /** the usual band around it: ACWR_BAND × chronic (0.8–1.3) */
  bandLow: (number | null)[];
  bandHigh: (number | null)[];
  /** the warning line: ACWR_WARN × chronic (1.5) */
  warn: (number | null)[];
  /** load ÷ chronic (for a whole week: the acute:chronic ratio on its Sunday) */
  ratio: (number | null)[];
}

export function weeklyLoadSeries(load: LoadResult, tz: number): WeeklyLoadSeries {
  const out: WeeklyLoadSeries = { weekMs: [], load: [], chronic: [], bandLow: [], bandHigh: [], warn: [], ratio: [] };
  const days = load.days;
  for (let i = 0; i < days.length; ) {
    const mon = mondayOf(dayOf(days[i].dayMs, tz));
    let sum = 0;
    let j = i;
    while (j < days.length && mondayOf(dayOf(days[j].dayMs, tz)) === mon) sum += days[j++].load;
    // the week's last day in the history, and whether 28 days of history lie behind it
    const last = j - 1;
    const c = last >= 27 ? days[last].chronic : null;
    out.weekMs.push(dayStartMs(mon, tz));
    out.load.push(sum);
    out.chronic.push(c);
    out.bandLow.push(c === null ? null : c * ACWR_BAND[0]);
    out.bandHigh.push(c === null ? null : c * ACWR_BAND[1]);
    out.warn.push(c === null ? null : c * ACWR_WARN);
    out.ratio.push(c ? sum / c : null);
    i = j;
  }
  return out;
}

export interface RpePaceSeries {
  /** one point per completed rep with an effort, sorted by pace: x = s/km */
  pace: number[];
  /** the rep's RPE, or the session's when the rep has none */
  rpe: number[];
  /** where that RPE came from */
  from: ("rep" | "session")[];
  /** the session's start (to colour points by date) */
  tMs: number[];
  /** least-squares line RPE = intercept + slope·pace over the points, drawn from the slowest… fastest pace; null with under 2 distinct paces */
  fit: { slope: number; intercept: number; r2: number; n: number; x: [number, number]; y: [number, number] } | null;
}

export function rpePaceSeries(ss: SessionAnalysis[]): RpePaceSeries {
  const pts: { pace: number; rpe: number; from: "rep" | "session"; t: number }[] = [];
  for (const s of ss)
    for (const r of trendReps(s)) {
      const e = effortOf(r, s);
      if (e !== null) pts.push({ pace: r.paceSPerKm!, rpe: e, from: r.rpe !== null ? "rep" : "session", t: s.startMs! });
    }
  pts.sort((a, b) => a.pace - b.pace || a.t - b.t);
  const line = leastSquares(
    pts.map((p) => p.pace),
    pts.map((p) => p.rpe),
  );
  let fit: RpePaceSeries["fit"] = null;
  if (line) {
    const lo = pts[0].pace;
    const hi = pts[pts.length - 1].pace;
    fit = { slope: line.slope, intercept: line.intercept, r2: line.r2, n: line.n, x: [lo, hi], y: [line.intercept + line.slope * lo, line.intercept + line.slope * hi] };
  }
  return { pace: pts.map((p) => p.pace), rpe: pts.map((p) => p.rpe), from: pts.map((p) => p.from), tMs: pts.map((p) => p.t), fit };
}

export interface RepSpreadSeries {
  /** x: the start of each session with at least 2 completed reps */
  startMs: number[];
  /** raw paces, s/km */
  fastest: number[];
  mean: number[];
  slowest: number[];
  /** the session's coefficient of variation and fade (Spread.cvPct, Fade.firstToLastPct) */
  cvPct: number[];
  fadePct: number[];
  basis: ("target" | "pace")[];
}

export function repSpreadSeries(ss: SessionAnalysis[]): RepSpreadSeries {
  const out: RepSpreadSeries = { startMs: [], fastest: [], mean: [], slowest: [], cvPct: [], fadePct: [], basis: [] };
  for (const s of ss) {
    if (!s.spread || !s.fade) continue;
    out.startMs.push(s.startMs!);
    out.fastest.push(s.spread.fastest);
    out.mean.push(s.spread.meanPace);
    out.slowest.push(s.spread.slowest);
    out.cvPct.push(s.spread.cvPct);
    out.fadePct.push(s.fade.firstToLastPct);
    out.basis.push(s.spread.basis);
  }
  return out;
}

export interface RepTargetSeries {
  /** x: rep number */
  rep: number[];
  /** s/km; null without a pace */
  pace: (number | null)[];
  /** the band's edges; null when unknown */
  fast: (number | null)[];
  slow: (number | null)[];
  rpe: (number | null)[];
}

/** one session: each rep's pace against its band (for a bar or point chart with the band shaded) */
export function repTargetSeries(s: SessionAnalysis): RepTargetSeries {
  return {
    rep: s.reps.map((r) => r.rep),
    pace: s.reps.map((r) => r.paceSPerKm),
    fast: s.reps.map((r) => (r.band ? r.band[0] : null)),
    slow: s.reps.map((r) => (r.band ? r.band[1] : null)),
    rpe: s.reps.map((r) => r.rpe),
  };
}
