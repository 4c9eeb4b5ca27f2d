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
}

/**
 * Draws the run screen. Its helpers and constants live inside it: they exist only while it draws,
 * so they hold no RAM between draws (each function the watch keeps costs ~6 JsVars).
 */
export function drawRun(s: Session, v: View): void {
  const st = s.step;
  const g = v.g, r = v.r;
  const WHITE = "#fff", BLACK = "#000", RED = "#f00", MI = 1.609344;
  function pace(sPerKm: number): string {
    return fmtPace(v.mi ? sPerKm * MI : sPerKm);
  }
  function band(p: [number, number] | undefined): string {
    return p ? pace(p[0]) + "-" + pace(p[1]) : "";
  }
  /** the big number: metres, a count-down, bpm to lose, or a count-up (u: remain()'s unit) */
  function remainText(u: string, n: number): string {
    if (u === "m") return "" + Math.ceil(n);
    if (u === "bpm") return "-" + Math.round(n);
    return fmtTime(u === "s" ? Math.ceil(n) : n);
  }
  function bar(y: number, h: number, bg: string, fg: string, left: string, right: string): void {
    g.setColor(bg).fillRect(r.x, y, r.x2, y + h - 1).setColor(fg).setFont("6x8", 2);
    // both in the big font when they fit side by side, else both small ("Jog" + "set 1/3, 2/3")
    if (g.stringWidth(left + right) > r.w - 12) g.setFont("6x8", 1);
    g.setFontAlign(-1, 0).drawString(left, r.x + 3, y + h / 2);
    if (right) g.setFontAlign(1, 0).drawString(right, r.x2 - 3, y + h / 2);
  }
  g.reset().setBgColor(WHITE).clearRect(r.x, r.y, r.x2, r.y2);
  if (!st) return;
  const work = st.kind === "work";
  const easy = st.kind === "recovery" || st.kind === "rest";
  const next = s.cur.nextLeaf;
  const cx = (r.x + r.x2) / 2;
  let y = r.y;
  // what is left of the step, once per redraw, and its unit
  const left = s.remain();
  const u = s.unit;
  // countdown into a rep: one huge digit
  if (u === "s" && next && next.kind === "work" && left <= 3 && left > 0 && s.mode !== PAUSED) {
    g.setColor("#ff0").fillRect(r.x, y, r.x2, r.y2).setColor(BLACK).setFontAlign(0, 0);
    g.setFont("Vector", 90).drawString("" + Math.ceil(left), cx, (y + r.y2) / 2 - 8);
    g.setFont("6x8", 2).drawString("Rep " + (s.cur.rep + 1) + "/" + s.cur.reps, cx, r.y2 - 14);
    return;
  }
  const label = st.label || st.kind;
  const it = s.cur.where;
  if (s.mode === PAUSED) bar(y, 24, "#ff0", BLACK, "PAUSED", "tap:menu");
  else if (work) bar(y, 24, RED, WHITE, "Rep " + s.cur.rep + "/" + s.cur.reps, label);
  else bar(y, 24, easy ? "#0f0" : "#0ff", BLACK, label, it);
  y += 26;
  // the number that matters most
  g.setColor(BLACK).setFontAlign(0, -1).setFont("Vector", 46).drawString(remainText(u, left), cx, y);
  y += 46;
  // the caption under it, or in its place what flash is short of (the one free line of the screen)
  g.setFont("6x8", 1);
  if (v.low || v.full) g.setColor(RED).drawString(v.full ? "STORAGE FULL: log off" : "STORAGE LOW: track off", cx, y).setColor(BLACK);
  else g.drawString(u === "m" ? "metres to go" : u === "s" ? "to go" : u === "bpm" ? "bpm to ready" : "lap: BTN", cx, y);
  y += 10;
  if (s.form === FORM_OFFER) {
    // the form guard's offer, in place of the last rep and the next target while it stands
    g.setFont("6x8", 2).setFontAlign(-1, -1).setColor(RED).drawString("Form fading:", r.x + 2, y);
    g.setFont("6x8", 1).setColor(BLACK).drawString("BTN1 = shorten next reps", r.x + 2, y + 18);
    g.drawString("(BTN1 does not pause now)", r.x + 2, y + 28);
    y += 38;
  } else if (easy && next && next.kind === "work") {
    // recovery: the last rep, then the next one's target
    const l = s.last;
    g.setFont("6x8", 2).setFontAlign(-1, -1);
    if (l) g.drawString(Math.round(l.distM) + "m " + fmtTime(l.durMs / 1000) + (l.bpm ? " " + l.bpm : ""), r.x + 2, y);
    y += 18;
    const nx = "Next " + (next.label || "") + " " + band(next.pace as [number, number]);
    // long labels drop to the small font rather than run off the screen
    if (g.stringWidth(nx) > r.w - 4) g.setFont("6x8", 1);
    g.setColor("#00f").drawString(nx, r.x + 2, y);
    y += 20;
  } else {
    // pace against the band
    const ps = s.paceOut;
    const p = s.gps.pace;
    const b = st.pace as [number, number] | undefined;
    g.setColor(!b || !p ? WHITE : ps === F_FAST ? "#00f" : ps === F_SLOW ? RED : "#0f0").fillRect(r.x, y, r.x2, y + 37);
    g.setColor(ps === F_FAST || ps === F_SLOW ? WHITE : BLACK).setFont("Vector", 30).setFontAlign(-1, -1).drawString(pace(p), r.x + 3, y + 4);
    g.setFont("6x8", 1).setFontAlign(1, -1).drawString(b ? band(b) : "", r.x2 - 3, y + 6);
    g.drawString(ps === F_FAST ? "FAST" : ps === F_SLOW ? "SLOW" : "", r.x2 - 3, y + 20);
    y += 40;
  }
  // HR and cadence
  const cadBad = (s.flags & F_CAD) !== 0;
  if (cadBad) g.setColor(RED).fillRect(cx, y, r.x2, r.y2);
  g.setColor(BLACK).setFont("Vector", 24).setFontAlign(-1, -1).drawString(s.bpm ? "" + s.bpm : "--", r.x + 3, y + 2);
  g.setColor(cadBad ? WHITE : BLACK).drawString(s.spm && s.cadConf >= 0.5 ? "" + Math.round(s.spm) : "--", cx + 4, y + 2);
  g.setColor(BLACK).setFont("6x8", 1).drawString("bpm", r.x + 50, y + 14);
  g.setColor(cadBad ? WHITE : BLACK).drawString("spm", cx + 50, y + 14);
}
