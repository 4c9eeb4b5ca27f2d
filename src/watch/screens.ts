// The run screens, drawn with g: the rep screen, the recovery screen and the countdown into a
// rep. Big numbers in the Vector font, state in colour (8-colour memory LCD): the header says
// what kind of step this is, the pace box says in band (green), too fast (blue) or too slow (red).
import type { Session } from "../engine/session";
import { PAUSED, F_FAST, F_SLOW, F_CAD, FORM_OFFER } from "../engine/session";
import { fmtPace, fmtTime } from "../engine/format";

export interface View {
  /** the screen and its part below the widgets (ports: main.ts passes g and Bangle.appRect in) */
  g: Graphics;
  r: AppRect;
  /** 0 km, 1 mi (pace only: reps stay in metres) */
  mi: number;
  /** storage low: the track is off, splits continue */
  low: boolean;
  /** storage full: a write failed, the log is stopped (the session runs on) */
  full: boolean;
  /** the cadence estimator, null once memory ran short (app.ts lean): the screen says so */
  cad: object | null;
  /**
   * what the screen shows now: the layout's key ("" = unknown: draw it all), then the texts of
   * the big number, the pace box, bpm and spm
   */
  k: string;
  d: string[];
}

// (colours written out, white "#fff", black "#000", red "#f00", and miles as 1.609344 km: a
// module-level constant would be a variable held in RAM all session)

/**
 * The parts of the run screen that stay while the step, its unit, the pause, the flash state and
 * the form guard's offer do: the bar, the caption and the recovery's lines (or the offer). Its helpers live inside it, so they hold no
 * RAM between draws (each function the watch keeps costs ~6 JsVars), and this runs seldom.
 */
function layout(s: Session, v: View): void {
  const g = v.g, r = v.r, st = s.step!, u = s.unit, next = s.cur.nextLeaf;
  const easy = st.kind === "recovery" || st.kind === "rest";
  const label = st.label || st.kind;
  const y = r.y + 82;
  function bar(left: string, right: string, bg: string, fg: string): void {
    g.setColor(bg).fillRect(r.x, r.y, r.x2, r.y + 23).setColor(fg).setFont("6x8", 2);
    // both in the big font when they fit side by side, else both small ("Jog" + "set 1/3, 2/3")
    if (g.stringWidth(left + right) > r.w - 12) g.setFont("6x8", 1);
    g.setFontAlign(-1, 0).drawString(left, r.x + 3, r.y + 12);
    if (right) g.setFontAlign(1, 0).drawString(right, r.x2 - 3, r.y + 12);
  }
  g.reset().setBgColor("#fff").clearRect(r.x, r.y, r.x2, r.y2);
  if (s.mode === PAUSED) bar("PAUSED", "tap:menu", "#ff0", "#000");
  else if (st.kind === "work") bar("Rep " + s.cur.rep + "/" + s.cur.reps, label, "#f00", "#fff");
  else bar(label, s.cur.where, easy ? "#0f0" : "#0ff", "#000");
  // the caption under the big number, or in its place what flash is short of (the one free line of the screen)
  g.setColor(v.low || v.full || !v.cad ? "#f00" : "#000").setFontAlign(0, -1).setFont("6x8", 1);
  g.drawString(v.full ? "STORAGE FULL: log off" : v.low ? "STORAGE LOW: track off" : !v.cad ? "LOW RAM: cadence off" : u === "m" ? "metres to go" : u === "s" ? "to go" : u === "bpm" ? "bpm to ready" : "lap: BTN", (r.x + r.x2) / 2, y - 10);
  if (s.form === FORM_OFFER) {
    // the form guard's offer, in place of the last rep and the next target while it stands
    g.setFont("6x8", 2).setFontAlign(-1, -1).setColor("#f00").drawString("Form fading:", r.x + 2, y);
    g.setFont("6x8", 1).setColor("#000").drawString("BTN1 = shorten next reps", r.x + 2, y + 18);
    g.drawString("(BTN1 does not pause now)", r.x + 2, y + 28);
  } else if (easy && next && next.kind === "work") {
    // recovery: the last rep, then the next one's target
    const l = s.last, p = next.pace as [number, number] | undefined;
    g.setColor("#000").setFont("6x8", 2).setFontAlign(-1, -1);
    if (l) g.drawString(Math.round(l.distM) + "m " + fmtTime(l.durMs / 1000) + (l.bpm ? " " + l.bpm : ""), r.x + 2, y);
    const nx = "Next " + (next.label || "") + " " + (p ? fmtPace(v.mi ? p[0] * 1.609344 : p[0]) + "-" + fmtPace(v.mi ? p[1] * 1.609344 : p[1]) : "");
    // long labels drop to the small font rather than run off the screen
    if (g.stringWidth(nx) > r.w - 4) g.setFont("6x8", 1);
    g.setColor("#00f").drawString(nx, r.x + 2, y + 18);
  }
}

/**
 * The run screen, once a second and after each command. What stays while the step does is drawn
 * by layout() when its key changes; each of the four changing parts (big number, pace box, bpm,
 * spm) only when its text differs from what is on the screen, painting its own background and
 * setting every drawing state it uses (widgets draw in between). On the watch a call costs the
 * code it reads, skipped branches too: what is drawn seldom is in layout().
 */
export function drawRun(s: Session, v: View): void {
  const st = s.step;
  const g = v.g, r = v.r;
  let d = v.d;
  // (no step: the session is over, and the run screen is never drawn again)
  if (!st) return;
  const easy = st.kind === "recovery" || st.kind === "rest";
  const next = s.cur.nextLeaf;
  const cx = (r.x + r.x2) / 2;
  // what is left of the step, once per redraw, and its unit
  const left = s.remain();
  const u = s.unit;
  let y = r.y;
  let t = s.cur.idx + u + s.mode + v.low + v.full + !v.cad + s.form;
  // countdown into a rep: one huge digit, the whole screen
  if (u === "s" && next && next.kind === "work" && left <= 3 && left > 0 && s.mode !== PAUSED) {
    v.k = "";
    g.reset().setColor("#ff0").fillRect(r.x, y, r.x2, r.y2).setColor("#000").setFontAlign(0, 0);
    g.setFont("Vector", 90).drawString("" + Math.ceil(left), cx, (y + r.y2) / 2 - 8);
    g.setFont("6x8", 2).drawString("Rep " + (s.cur.rep + 1) + "/" + s.cur.reps, cx, r.y2 - 14);
    return;
  }
  if (t !== v.k) {
    v.k = t;
    d = v.d = [];
    layout(s, v);
  }
  // the number that matters most: metres, a count-down, bpm to lose, or a count-up
  y += 24;
  t = u === "m" ? "" + Math.ceil(left) : u === "bpm" ? "-" + Math.round(left) : fmtTime(u === "s" ? Math.ceil(left) : left);
  if (t !== d[0]) {
    d[0] = t;
    g.reset().setBgColor("#fff").clearRect(r.x, y, r.x2, y + 47).setColor("#000").setFontAlign(0, -1).setFont("Vector", 46).drawString(t, cx, y + 2);
  }
  y += 58;
  if (s.form === FORM_OFFER || (easy && next && next.kind === "work")) y += 38;
  else {
    // pace against the band: in it green, too fast blue, too slow red; white without a band or a pace
    const ps = s.paceOut;
    const p = s.gps.pace;
    t = ps + fmtPace(v.mi ? p * 1.609344 : p);
    if (t !== d[1]) {
      d[1] = t;
      const b = st.pace as [number, number] | undefined;
      g.reset().setColor(!b || !p ? "#fff" : ps === F_FAST ? "#00f" : ps === F_SLOW ? "#f00" : "#0f0").fillRect(r.x, y, r.x2, y + 37);
      g.setColor(ps === F_FAST || ps === F_SLOW ? "#fff" : "#000").setFont("Vector", 30).setFontAlign(-1, -1).drawString(t.substr(1), r.x + 3, y + 4);
      g.setFont("6x8", 1).setFontAlign(1, -1).drawString(b ? fmtPace(v.mi ? b[0] * 1.609344 : b[0]) + "-" + fmtPace(v.mi ? b[1] * 1.609344 : b[1]) : "", r.x2 - 3, y + 6);
      g.drawString(ps === F_FAST ? "FAST" : ps === F_SLOW ? "SLOW" : "", r.x2 - 3, y + 20);
    }
    y += 40;
  }
  // HR, then cadence (on red while a drop is flagged)
  t = s.bpm ? "" + s.bpm : "--";
  if (t !== d[2]) {
    d[2] = t;
    g.reset().setBgColor("#fff").clearRect(r.x, y, cx - 1, r.y2).setColor("#000").setFontAlign(-1, -1).setFont("Vector", 24).drawString(t, r.x + 3, y + 2);
    g.setFont("6x8", 1).drawString("bpm", r.x + 50, y + 14);
  }
  const bad = (s.flags & F_CAD) !== 0;
  t = bad + (s.spm && s.cadConf >= 0.5 ? "" + Math.round(s.spm) : "--");
  if (t !== d[3]) {
    d[3] = t;
    g.reset().setBgColor(bad ? "#f00" : "#fff").clearRect(cx, y, r.x2, r.y2).setColor(bad ? "#fff" : "#000").setFontAlign(-1, -1).setFont("Vector", 24).drawString(t.substr(bad ? 4 : 5), cx + 4, y + 2);
    g.setFont("6x8", 1).drawString("spm", cx + 50, y + 14);
  }
}
