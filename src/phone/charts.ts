// The session's charts: pace (from the track), HR and cadence (the watch's at each track point;
// an older log's track has none, and then each step's averages, drawn as steps), one uPlot each
// on a shared time axis with synced cursors. Every step
// start is a vertical line, reps and strides are shaded, and the flags the watch logged (pace,
// cadence, GPS, pauses) are marks along the top. Labels are fixed text: nothing from the log
// reaches uPlot's DOM (its legend and titles), and the canvas only draws the step labels.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Charts } from "./session";

export interface ChartInfo {
  title: string;
  series: string[];
  points: number;
  /** values that are not null in the chart's own series */
  values: number;
  steps: number;
  flags: number;
}

const FLAG_COLOURS: Record<string, string> = {
  paceFast: "#e65100",
  paceSlow: "#6a1b9a",
  cadDrop: "#2e7d32",
  pause: "#000",
  resume: "#000",
  gpsLost: "#c62828",
  gpsBack: "#c62828",
};

interface Spec {
  title: string;
  label: string;
  /** the label when the values are the steps' averages (an older log) */
  avgLabel?: string;
  unit: string;
  colour: string;
  pick: (c: Charts) => (number | null)[];
  /** pace: faster at the top */
  invert?: boolean;
}

const SPECS: Spec[] = [
  { title: "Pace", label: "pace (min/km)", unit: "min/km", colour: "#1565c0", pick: (c) => c.pace, invert: true },
  { title: "Heart rate", label: "HR (bpm)", avgLabel: "HR, step average (bpm)", unit: "bpm", colour: "#c62828", pick: (c) => c.hr },
  { title: "Cadence", label: "cadence (steps/min)", avgLabel: "cadence, step average (steps/min)", unit: "spm", colour: "#2e7d32", pick: (c) => c.cad },
];

function range(vals: (number | null)[], pad: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) {
    if (v === null) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!isFinite(lo)) return [0, 1];
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}

export class SessionCharts {
  plots: uPlot[] = [];
  info: ChartInfo[] = [];

  constructor(el: HTMLElement, c: Charts, width: number) {
    const sync = uPlot.sync("speedseq-session");
    for (const s of SPECS) {
      const vals = s.pick(c);
      // pace: clip walking and standing, so the reps show
      const r = s.invert ? ([Math.max(2, range(vals, 0.2)[0]), Math.min(12, range(vals, 0.2)[1])] as [number, number]) : range(vals, 5);
      const box = document.createElement("div");
      box.className = "chart";
      el.appendChild(box);
      const opts: uPlot.Options = {
        width,
        height: 170,
        cursor: { sync: { key: sync.key } },
        legend: { show: true },
        scales: { x: { time: false }, y: { range: () => r, dir: s.invert ? -1 : 1 } },
        axes: [
          { values: (_u, v) => v.map((x) => (x / 60).toFixed(0)), label: "minutes" },
          { label: s.unit, size: 50, values: s.invert ? (_u, v) => v.map((x) => Math.floor(x) + ":" + String(Math.round((x % 1) * 60)).padStart(2, "0")) : undefined },
        ],
        series: [
          { label: "time (s)" },
          c.perPoint || !s.avgLabel
            ? { label: s.label, stroke: s.colour, width: 1.5, spanGaps: false }
            : { label: s.avgLabel, stroke: s.colour, width: 1.5, spanGaps: false, paths: uPlot.paths.stepped?.({ align: 1 }) },
        ],
        hooks: { draw: [(u) => drawMarks(u, c)] },
      };
      const u = new uPlot(opts, [c.t, vals] as uPlot.AlignedData, box);
      box.setAttribute("data-chart", s.title);
      this.plots.push(u);
      this.info.push({
        title: s.title,
        series: u.series.slice(1).map((x) => String(x.label)),
        points: c.t.length,
        values: vals.filter((v) => v !== null).length,
        steps: c.steps.length,
        flags: c.flags.length,
      });
    }
  }

  destroy(): void {
    for (const u of this.plots) u.destroy();
    this.plots = [];
  }
}

function drawMarks(u: uPlot, c: Charts): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const px = (tS: number) => Math.round(u.valToPos(tS, "x", true));
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.fillStyle = "rgba(21, 101, 192, 0.08)";
  for (const [a, b] of c.work) ctx.fillRect(px(a), top, Math.max(1, px(b) - px(a)), height);
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  for (const m of c.steps) {
    const x = px(m.tS) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  for (const f of c.flags) {
    const x = px(f.tS);
    ctx.fillStyle = FLAG_COLOURS[f.label] || "#555";
    ctx.beginPath();
    ctx.moveTo(x - 5, top);
    ctx.lineTo(x + 5, top);
    ctx.lineTo(x, top + 9);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
