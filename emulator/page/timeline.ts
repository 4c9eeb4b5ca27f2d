// The timeline under the screen: pace, HR and cadence of the source, with step boundaries, buzzes
// and flags as vertical marks and the board's "now" as a cursor line. Drawn by uPlot; the marks use
// uPlot's draw hook and its value-to-pixel mapping.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Row } from "../../src/sim/recording";

export interface Mark { tS: number; kind: "step" | "buzz" | "flag"; label: string }

const MARK_COLOURS: Record<Mark["kind"], string> = { step: "#888", buzz: "#d33", flag: "#e90" };

export class Timeline {
  private plot: uPlot;
  private marks: Mark[] = [];
  private nowS = 0;

  constructor(el: HTMLElement, width: number) {
    const opts: uPlot.Options = {
      width,
      height: 220,
      scales: { x: { time: false }, pace: { range: [2.5, 9] }, bpm: { range: [60, 200] }, spm: { range: [0, 220] } },
      axes: [
        { label: "session time (min)", values: (_u, v) => v.map((s) => (s / 60).toFixed(0)) },
        { scale: "pace", label: "pace min/km", values: (_u, v) => v.map((p) => p.toFixed(1)) },
        { scale: "bpm", side: 1, label: "HR / cadence", grid: { show: false } },
      ],
      series: [
        { label: "t (s)" },
        { label: "pace (min/km)", scale: "pace", stroke: "#1565c0", width: 1.5, value: (_u, v) => (v == null ? "-" : v.toFixed(2)) },
        { label: "HR (bpm)", scale: "bpm", stroke: "#c62828", width: 1 },
        { label: "cadence (spm)", scale: "bpm", stroke: "#2e7d32", width: 1 },
      ],
      hooks: { draw: [(u) => this.drawMarks(u)] },
    };
    this.plot = new uPlot(opts, [[], [], [], []], el);
  }

  setRows(rows: Row[]): void {
    const t: number[] = [], pace: (number | null)[] = [], hr: (number | null)[] = [], spm: (number | null)[] = [];
    for (const r of rows) {
      t.push(r.tS);
      pace.push(r.mps > 0.8 ? 1000 / r.mps / 60 : null);
      hr.push(isFinite(r.hr) ? r.hr : null);
      spm.push(isFinite(r.spm) && r.spm > 0 ? r.spm : null);
    }
    this.plot.setData([t, pace, hr, spm] as uPlot.AlignedData);
  }

  setMarks(marks: Mark[], nowS: number): void {
    this.marks = marks;
    this.nowS = nowS;
    this.plot.redraw(false, false);
  }

  private drawMarks(u: uPlot): void {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    const line = (tS: number, colour: string, w: number) => {
      const x = Math.round(u.valToPos(tS, "x", true));
      ctx.strokeStyle = colour;
      ctx.lineWidth = w;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    };
    ctx.save();
    ctx.font = `${10 * devicePixelRatio}px sans-serif`;
    for (const m of this.marks) {
      line(m.tS, MARK_COLOURS[m.kind], m.kind === "step" ? 1 : 2);
      // labels only where they have room: reps and the long blocks, not every stride and jog
      if (m.kind === "step" && !/^(stride|recovery|rest)/.test(m.label)) {
        ctx.fillStyle = "#555";
        ctx.fillText(m.label, u.valToPos(m.tS, "x", true) + 3, top + 12 * devicePixelRatio);
      }
    }
    line(this.nowS, "#000", 1);
    ctx.restore();
  }
}
