// The timeline under the screen: pace (smoothed), HR and cadence of the source, with step
// boundaries, buzz patterns and flags as vertical marks and the board's "now" as a cursor line,
// a legend for the marks and, under the cursor, the marks near it by name. Drawn by uPlot; the
// marks use uPlot's draw hook and its value-to-pixel mapping. The data side is timeline-data.ts.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Row } from "../../src/sim/recording";
import { BEAT_INCRS, MARK_LEGEND, PACE_INCRS, SMOOTH_HALF_S, TIME_INCRS, paceMin, paceTick, smoothSpeeds, timeTick, type Mark } from "./timeline-data";

export type { Mark } from "./timeline-data";

/** "m:ss" of whole seconds */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

const COLOUR = Object.fromEntries(MARK_LEGEND.map((l) => [l.kind, l.colour])) as Record<Mark["kind"] | "now", string>;

export class Timeline {
  private plot: uPlot;
  private marks: Mark[] = [];
  private nowS = 0;
  private hover: HTMLElement;

  constructor(el: HTMLElement, width: number) {
    const opts: uPlot.Options = {
      width,
      height: 220,
      scales: { x: { time: false }, pace: { range: [2.5, 9] }, bpm: { range: [60, 220] } },
      axes: [
        { label: "session time (min)", incrs: TIME_INCRS, values: (_u, v) => v.map(timeTick) },
        { scale: "pace", label: `pace /km (${2 * SMOOTH_HALF_S} s average)`, incrs: PACE_INCRS, values: (_u, v) => v.map(paceTick) },
        { scale: "bpm", side: 1, label: "HR bpm, cadence spm", incrs: BEAT_INCRS, grid: { show: false } },
      ],
      series: [
        { label: "t", value: (_u, v) => (v == null ? "-" : clock(v)) },
        { label: "pace", scale: "pace", stroke: "#1565c0", width: 1.5, value: (_u, v) => (v == null ? "-" : `${paceTick(v)} /km`) },
        { label: "HR (bpm)", scale: "bpm", stroke: "#c62828", width: 1 },
        { label: "cadence (spm)", scale: "bpm", stroke: "#2e7d32", width: 1 },
      ],
      hooks: { draw: [(u) => this.drawMarks(u)], setCursor: [(u) => this.showNear(u)] },
    };
    this.plot = new uPlot(opts, [[], [], [], []], el);
    const legend = document.createElement("div");
    legend.className = "mark-legend";
    legend.id = "mark-legend";
    for (const l of MARK_LEGEND) {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = l.colour;
      item.append(swatch, l.text);
      legend.append(item);
    }
    this.hover = document.createElement("span");
    this.hover.className = "mark-hover";
    this.hover.id = "mark-hover";
    legend.append(this.hover);
    el.append(legend);
  }

  setRows(rows: Row[]): void {
    const t: number[] = [], pace: (number | null)[] = [], hr: (number | null)[] = [], spm: (number | null)[] = [];
    const v = smoothSpeeds(rows);
    rows.forEach((r, i) => {
      t.push(r.tS);
      pace.push(paceMin(v[i]));
      hr.push(isFinite(r.hr) ? r.hr : null);
      spm.push(isFinite(r.spm) && r.spm > 0 ? r.spm : null);
    });
    this.plot.setData([t, pace, hr, spm] as uPlot.AlignedData);
  }

  setMarks(marks: Mark[], nowS: number): void {
    this.marks = marks;
    this.nowS = nowS;
    this.plot.redraw(false, false);
  }

  /** the marks within 4 px of the cursor, by name */
  private showNear(u: uPlot): void {
    const left = u.cursor.left;
    if (left == null || left < 0) {
      this.hover.textContent = "";
      return;
    }
    const near = this.marks.filter((m) => Math.abs(u.valToPos(m.tS, "x") - left) <= 4);
    this.hover.textContent = near.map((m) => `${clock(m.tS)} ${m.label}`).join(" · ");
  }

  private drawMarks(u: uPlot): void {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    const dpr = devicePixelRatio;
    const line = (x: number, colour: string, w: number) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = w;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    };
    ctx.save();
    ctx.font = `${10 * dpr}px sans-serif`;
    let lastBuzzLabel = -Infinity;
    for (const m of this.marks) {
      const x = Math.round(u.valToPos(m.tS, "x", true));
      line(x, COLOUR[m.kind], m.kind === "step" ? 1 : 2);
      // labels only where they have room: reps and the long blocks, not every stride and jog
      if (m.kind === "step" && !/^(stride|recovery|rest)/.test(m.label)) {
        ctx.fillStyle = "#555";
        ctx.fillText(m.label, x + 3, top + 12 * dpr);
      }
      // buzz patterns by name, upwards from the bottom, unless the last label is too close
      if (m.kind === "buzz" && x - lastBuzzLabel >= 12 * dpr) {
        lastBuzzLabel = x;
        ctx.save();
        ctx.translate(x - 2 * dpr, top + height - 4 * dpr);
        ctx.rotate(-Math.PI / 2);
        ctx.fillStyle = COLOUR.buzz;
        ctx.fillText(m.label, 0, 0);
        ctx.restore();
      }
    }
    line(Math.round(u.valToPos(this.nowS, "x", true)), COLOUR.now, 1);
    ctx.restore();
  }
}
