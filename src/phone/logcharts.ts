// The training log's charts, uPlot as the session page's: the weekly load with the 28-day band
// around the chronic load and the warning line; RPE against pace with its least-squares line;
// the rep paces of each session (fastest, mean, slowest) with their spread. The series are
// src/analysis's chart series as they are (HistoryAnalysis.charts), only x turned into what uPlot
// takes (seconds for times). Labels are fixed text: nothing from a log reaches uPlot's DOM.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { ACWR_BAND, ACWR_WARN, type WeeklyLoadSeries, type RpePaceSeries, type RepSpreadSeries } from "../analysis";
import { fmtPace } from "../engine/format";

export interface LogChartInfo {
  id: string;
  title: string;
  /** the series' labels, x first */
  series: string[];
  /** the chart's data as uPlot holds it: x, then each series */
  data: (number | null)[][];
}

const paceTicks = (_u: uPlot, v: number[]) => v.map((x) => fmtPace(x));

function box(el: HTMLElement, id: string, title: string): HTMLElement {
  const b = document.createElement("div");
  b.className = "log-chart";
  b.id = id;
  b.setAttribute("data-chart", title);
  el.appendChild(b);
  return b;
}

function span(vals: (number | null)[][], pad: number, lo = -Infinity, hi = Infinity): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  for (const s of vals)
    for (const v of s) {
      if (v === null || !isFinite(v)) continue;
      if (v < a) a = v;
      if (v > b) b = v;
    }
  if (!isFinite(a)) return [0, 1];
  return [Math.max(lo, a - pad), Math.min(hi, b + pad)];
}

export class LogCharts {
  plots: uPlot[] = [];
  info: LogChartInfo[] = [];

  private add(el: HTMLElement, id: string, title: string, opts: uPlot.Options, data: (number | null)[][]): void {
    const u = new uPlot(opts, data as uPlot.AlignedData, box(el, id, title));
    this.plots.push(u);
    this.info.push({ id, title, series: u.series.map((s) => String(s.label)), data: (u.data as (number | null)[][]).map((a) => Array.from(a)) });
  }

  /** weekly load: bars, the chronic load, the usual band around it and the warning line */
  weeklyLoad(el: HTMLElement, s: WeeklyLoadSeries, width: number): void {
    const x = s.weekMs.map((ms) => ms / 1000);
    const week = 7 * 86400;
    const opts: uPlot.Options = {
      width,
      height: 220,
      legend: { show: true },
      scales: { x: { time: true, range: (_u, a, b) => [a - week / 2, b + week / 2] }, y: { range: () => [0, span([s.load, s.warn], 0)[1] * 1.1 || 1] } },
      axes: [{}, { label: "load (RPE × min)", size: 60 }],
      series: [
        { label: "week (Monday)" },
        { label: "weekly load", stroke: "#1565c0", fill: "rgba(21, 101, 192, 0.35)", width: 1, paths: uPlot.paths.bars!({ size: [0.6, 60] }), points: { show: false } },
        { label: "chronic load (28 days ÷ 4)", stroke: "#333", width: 2, spanGaps: false },
        { label: `usual band, high (${ACWR_BAND[1]} × chronic)`, stroke: "rgba(46, 125, 50, 0.6)", width: 1, dash: [4, 4] },
        { label: `usual band, low (${ACWR_BAND[0]} × chronic)`, stroke: "rgba(46, 125, 50, 0.6)", width: 1, dash: [4, 4] },
        { label: `warning (${ACWR_WARN} × chronic)`, stroke: "#c62828", width: 1.5, dash: [8, 4] },
      ],
      bands: [{ series: [3, 4], fill: "rgba(46, 125, 50, 0.12)" }],
    };
    this.add(el, "chart-load", "Weekly load", opts, [x, s.load, s.chronic, s.bandHigh, s.bandLow, s.warn]);
  }

  /** RPE against pace, one point per complete rep with an effort, and the least-squares line between its ends */
  rpePace(el: HTMLElement, s: RpePaceSeries, width: number): void {
    const n = s.pace.length;
    const line: (number | null)[] = s.pace.map(() => null);
    if (s.fit && n) {
      line[0] = s.fit.y[0];
      line[n - 1] = s.fit.y[1];
    }
    const opts: uPlot.Options = {
      width,
      height: 220,
      legend: { show: true },
      scales: { x: { time: false, range: () => span([s.pace], 5) }, y: { range: () => [0, 10.5] } },
      axes: [{ label: "pace (min:s per km, faster to the left)", values: paceTicks }, { label: "RPE", size: 40 }],
      series: [
        { label: "pace" },
        { label: "RPE (the rep's, else its session's)", stroke: "#6a1b9a", width: 0, paths: () => null, points: { show: true, size: 6, fill: "rgba(106, 27, 154, 0.5)" } },
        { label: "least-squares line", stroke: "#e65100", width: 2, spanGaps: true, points: { show: false } },
      ],
    };
    this.add(el, "chart-rpe-pace", "RPE against pace", opts, [s.pace, s.rpe, line]);
  }

  /** each session's fastest, mean and slowest complete rep (pace, faster at the top) and the CV of its reps */
  repSpread(el: HTMLElement, s: RepSpreadSeries, width: number): void {
    const x = s.startMs.map((ms) => ms / 1000);
    const r = span([s.fastest, s.slowest], 5, 60, 1200);
    const opts: uPlot.Options = {
      width,
      height: 220,
      legend: { show: true },
      scales: { x: { time: true }, y: { range: () => r, dir: -1 }, pct: { range: (_u, _a, b) => [0, Math.max(5, Math.ceil((b || 0) * 1.2))] } },
      axes: [{}, { label: "rep pace (min:s/km)", size: 55, values: paceTicks }, { scale: "pct", side: 1, label: "CV (%)", size: 45, grid: { show: false } }],
      series: [
        { label: "session" },
        { label: "fastest rep", stroke: "#2e7d32", width: 1, points: { show: true, size: 5 } },
        { label: "mean of the reps", stroke: "#1565c0", width: 2, points: { show: true, size: 5 } },
        { label: "slowest rep", stroke: "#c62828", width: 1, points: { show: true, size: 5 } },
        { label: "spread, CV (%)", scale: "pct", stroke: "#999", width: 1, dash: [3, 3], points: { show: true, size: 4 } },
      ],
    };
    this.add(el, "chart-spread", "Rep pace spread per session", opts, [x, s.fastest, s.mean, s.slowest, s.cvPct]);
  }

  destroy(): void {
    for (const u of this.plots) u.destroy();
    this.plots = [];
    this.info = [];
  }
}
