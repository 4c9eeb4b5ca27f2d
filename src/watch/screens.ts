// The run screens, drawn with g: the rep screen, the recovery screen and the countdown into a
// rep. Big numbers in the Vector font, state in colour (8-colour memory LCD): the header says
// what kind of step this is, the pace box says in band (green), too fast (blue) or too slow (red).
import type { Session } from "../engine/session";
import type { Step } from "../engine/plan";
import { PAUSED, F_FAST, F_SLOW, F_CAD } from "../engine/session";
import { fmtPace, fmtTime } from "../engine/format";

const WHITE = "#fff";
export const BLACK = "#000";
export const RED = "#f00";
/** a darker green than #0f0: readable as text on white */
export const GREEN = "#0a0";
const MI = 1.609344;

export interface View {
  /** 0 km, 1 mi (pace only: reps stay in metres) */
  mi: number;
  /** storage low: the track is off, splits continue */
  low: boolean;
  /** storage full: a write failed, the log is stopped (the session runs on) */
  full: boolean;
  /** what the screen shows now: the layout's key ("" = unknown: draw it all), then the texts of the big number, pace box, bpm and spm */
  k: string;
  d: string[];
}

function pace(sPerKm: number, v: View): string {
  return fmtPace(v.mi ? sPerKm * MI : sPerKm);
}

function band(p: [number, number] | undefined, v: View): string {
  return p ? pace(p[0], v) + "-" + pace(p[1], v) : "";
}

/** the big number: metres, a count-down, bpm to lose, or a count-up (u: remain()'s unit) */
function remainText(u: string, r: number): string {
  if (u === "m") return "" + Math.ceil(r);
  if (u === "bpm") return "-" + Math.round(r);
  return fmtTime(u === "s" ? Math.ceil(r) : r);
}

function bar(y: number, h: number, bg: string, fg: string, left: string, right: string): void {
  const r = Bangle.appRect;
  g.setColor(bg).fillRect(r.x, y, r.x2, y + h - 1).setColor(fg).setFont("6x8", 2);
  // both in the big font when they fit side by side, else both small ("Jog" + "set 1/3, 2/3")
  if (g.stringWidth(left + right) > r.w - 12) g.setFont("6x8", 1);
  g.setFontAlign(-1, 0).drawString(left, r.x + 3, y + h / 2);
  if (right) g.setFontAlign(1, 0).drawString(right, r.x2 - 3, y + h / 2);
}

/** lines of text down the screen: text, font scale (1 or 2), colour, repeated */
export function drawLines(lines: (string | number)[]): void {
  const r = Bangle.appRect;
  let y = r.y + 2;
  g.reset().setBgColor(WHITE).clearRect(r.x, r.y, r.x2, r.y2).setFontAlign(-1, -1);
  for (let i = 0; i < lines.length; i += 3) {
    const scale = lines[i + 1] as number;
    g.setFont("6x8", scale).setColor(lines[i + 2] as string).drawString(lines[i] as string, r.x + 2, y);
    y += scale * 9 + 2;
  }
}

type AppRect = typeof Bangle.appRect;

/** one changing number: its box painted bg, the number in the Vector font (aligned al at x, 2 px down), its label at lx */
function num(x1: number, y: number, x2: number, y2: number, bg: string, fg: string, size: number, al: number, t: string, x: number, label: string, lx: number): void {
  g.reset().setBgColor(bg).clearRect(x1, y, x2, y2).setColor(fg).setFontAlign(al, -1).setFont("Vector", size).drawString(t, x, y + 2);
  g.setFont("6x8", 1).drawString(label, lx, y + 14);
}

/** the parts of the run screen that stay while the step and its unit do */
function layout(s: Session, v: View, r: AppRect, u: string, next: Step | null, easy: boolean): void {
  const st = s.step!;
  const label = st.label || st.kind;
  const y = r.y + 82;
  g.reset().setBgColor(WHITE).clearRect(r.x, r.y, r.x2, r.y2);
  if (s.mode === PAUSED) bar(r.y, 24, "#ff0", BLACK, "PAUSED", "tap:menu");
  else if (st.kind === "work") bar(r.y, 24, RED, WHITE, "Rep " + s.cur.rep + "/" + s.cur.reps, label);
  else bar(r.y, 24, easy ? "#0f0" : "#0ff", BLACK, label, s.cur.iter());
  // the caption under the big number, or in its place what flash is short of (the one free line of the screen)
  g.setColor(v.low || v.full ? RED : BLACK).setFontAlign(0, -1).setFont("6x8", 1);
  g.drawString(v.full ? "STORAGE FULL: log off" : v.low ? "STORAGE LOW: track off" : u === "m" ? "metres to go" : u === "s" ? "to go" : u === "bpm" ? "bpm to ready" : "lap: BTN", (r.x + r.x2) / 2, y - 10);
  if (easy && next && next.kind === "work") {
    // recovery: the last rep, then the next one's target
    const l = s.last;
    g.setColor(BLACK).setFont("6x8", 2).setFontAlign(-1, -1);
    if (l) g.drawString(Math.round(l.distM) + "m " + fmtTime(l.durMs / 1000) + (l.bpm ? " " + l.bpm : ""), r.x + 2, y);
    const nx = "Next " + (next.label || "") + " " + band(next.pace as [number, number], v);
    // long labels drop to the small font rather than run off the screen
    if (g.stringWidth(nx) > r.w - 4) g.setFont("6x8", 1);
    g.setColor("#00f").drawString(nx, r.x + 2, y + 18);
  }
}

/**
 * The run screen, once a second. What stays while the step does (the bar, the caption, the
 * recovery's lines) is drawn when the layout's key changes; each of the four changing parts (big
 * number, pace box, bpm, spm) only when its text differs from what is on the screen, painting its
 * own background and setting every drawing state (widgets draw in between). The watch reads the
 * code at every call, skipped branches too: the layout, drawn seldom, is a function of its own.
 */
export function drawRun(s: Session, v: View): void {
  "ram";
  const st = s.step;
  const r = Bangle.appRect;
  let d = v.d;
  // (no step: the session is over, and the run screen is never drawn again)
  if (!st) return;
  const easy = st.kind === "recovery" || st.kind === "rest";
  const next = s.cur.peek();
  const cx = (r.x + r.x2) / 2;
  // what is left of the step, once per redraw, and its unit
  const left = s.remain();
  const u = s.unit;
  let y = r.y;
  let t = s.cur.idx + u + s.mode + v.low + v.full;
  // countdown into a rep: one huge digit, the whole screen
  if (u === "s" && next && next.kind === "work" && left <= 3 && left > 0 && s.mode !== PAUSED) {
    v.k = "";
    g.reset().setColor("#ff0").fillRect(r.x, y, r.x2, r.y2).setColor(BLACK).setFontAlign(0, 0);
    g.setFont("Vector", 90).drawString("" + Math.ceil(left), cx, (y + r.y2) / 2 - 8);
    return void g.setFont("6x8", 2).drawString("Rep " + (s.cur.rep + 1) + "/" + s.cur.reps, cx, r.y2 - 14);
  }
  if (t !== v.k) {
    v.k = t;
    d = v.d = [];
    layout(s, v, r, u, next, easy);
  }
  // the number that matters most
  y += 24;
  t = remainText(u, left);
  if (t !== d[0]) num(r.x, y, r.x2, y + 47, WHITE, BLACK, 46, 0, (d[0] = t), cx, "", 0);
  y += 58;
  if (easy && next && next.kind === "work") y += 38;
  else {
    // pace against the band: in it green, too fast blue, too slow red; white without a band or a pace
    const ps = s.paceState();
    const p = s.gps.paceSPerKm();
    const b = st.pace as [number, number] | undefined;
    t = ps + pace(p, v);
    if (t !== d[1]) {
      d[1] = t;
      g.reset().setColor(!b || !p ? WHITE : ps === F_FAST ? "#00f" : ps === F_SLOW ? RED : "#0f0").fillRect(r.x, y, r.x2, y + 37);
      g.setColor(ps ? WHITE : BLACK).setFont("Vector", 30).setFontAlign(-1, -1).drawString(pace(p, v), r.x + 3, y + 4);
      g.setFont("6x8", 1).setFontAlign(1, -1).drawString(b ? band(b, v) : "", r.x2 - 3, y + 6);
      g.drawString(ps === F_FAST ? "FAST" : ps === F_SLOW ? "SLOW" : "", r.x2 - 3, y + 20);
    }
    y += 40;
  }
  // HR, then cadence (on red while a drop is flagged)
  t = s.bpm ? "" + s.bpm : "--";
  if (t !== d[2]) num(r.x, y, cx - 1, r.y2, WHITE, BLACK, 24, -1, (d[2] = t), r.x + 3, "bpm", r.x + 50);
  const bad = (s.flags & F_CAD) !== 0;
  t = s.spm && s.cadConf >= 0.5 ? "" + Math.round(s.spm) : "--";
  if (bad + t !== d[3]) num(cx, y, r.x2, r.y2, bad ? RED : WHITE, bad ? WHITE : BLACK, 24, -1, t, cx + 4, "spm", cx + 50), (d[3] = bad + t);
}
