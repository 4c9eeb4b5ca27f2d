// speedseq.pre.js: the pre-start screen of workout X. GPS and HRM go on here (they need time to
// lock); BTN1 starts the session once a plan that needs GPS has a fix. It shows the fix, HR,
// battery and flash against the plan (the engine's preflight), redrawn every second.
import type { Plan } from "../engine/plan";
import { planTotals } from "../engine/workout/totals";
import { preflight, newestLog, hardHoursAgo } from "../engine/decide";
import { fmtTime } from "../engine/format";
import { planNamed } from "./workouts";
import { logs, loadHistory } from "./store";
import { unreadable } from "./ui";
import type { App } from "./app";

declare var A: App;
declare var X: string;

const BLACK = "#000";
const RED = "#f00";
/** a darker green than #0f0: readable as text on white */
const GREEN = "#0a0";

function prestart(A: App, name: string): void {
  const w = A.w, g = w.g;
  let plan: Plan | null = null;
  let tot = { distM: 0, estS: 0 };
  try {
    plan = planNamed(w.S, A.set, name);
    if (plan) tot = planTotals(plan);
  } catch (e) {
    // the list's checks (workouts.ts) should have refused such a file: a backstop
    return unreadable(A, name, "its steps could not be read");
  }
  if (!plan) return A.show("list");
  const p = plan;
  const dist = tot.distM > 0;
  const estS = tot.estS;
  // a hard session in the last 36 h (decide.ts): said in place of the note, never blocking the start
  const hardH = hardHoursAgo(loadHistory(w.S), Date.now());
  A.on();
  const ok = function (): boolean {
    const f = A.fix;
    return !dist || (!!f && f.fix > 0);
  };
  const draw = function () {
    const f = A.fix;
    const fix = !!f && f.fix > 0;
    const hr = A.conf >= 50;
    const bat = w.E.getBattery();
    const free = w.S.getFree();
    const pf = preflight(estS, free, bat);
    const r = w.B.appRect;
    // the note on two lines of the small font, broken at spaces
    const note = g.setFont("6x8", 1).wrapString(p.note || "", r.w - 4);
    // lines of text down the screen: text, font scale (1 or 2), colour
    const lines = [
      p.name, 2, BLACK,
      hardH < 0 ? note[0] || "" : "Hard session " + hardH + " h ago:", 1, hardH < 0 ? BLACK : RED,
      hardH < 0 ? note[1] || "" : "easy day? (heuristic)", 1, hardH < 0 ? BLACK : RED,
      fix ? "GPS fix" : "GPS ...", 2, fix ? GREEN : RED,
      (f ? f.satellites : 0) + " sat, hdop " + (f && isFinite(f.hdop) ? Math.round(f.hdop * 10) / 10 : "-"), 1, BLACK,
      hr ? "HR " + A.bpm : "HR ...", 2, hr ? GREEN : RED,
      "Bat " + bat + "% plan " + fmtTime(estS), 1, pf.batShort ? RED : BLACK,
      "Flash " + Math.floor(free / 1024) + "K free, need " + Math.ceil(pf.needB / 1024) + "K", 1, pf.flashShort ? RED : BLACK,
      ok() ? "BTN: start" : "Wait for GPS", 2, BLACK,
      !dist && !fix ? "No GPS needed: time only" : "", 1, BLACK,
    ];
    let y = r.y + 2;
    g.reset().setBgColor("#fff").clearRect(r.x, r.y, r.x2, r.y2).setFontAlign(-1, -1);
    for (let i = 0; i < lines.length; i += 3) {
      const scale = lines[i + 1] as number;
      g.setFont("6x8", scale).setColor(lines[i + 2] as string).drawString(lines[i] as string, r.x + 2, y);
      y += scale * 9 + 2;
    }
  };
  w.B.setUI({
    mode: "custom",
    // a plain function: setUI binds btn, and on 2v29 bind replaces an arrow's `this`
    btn: function () { if (ok()) A.go(p, newestLog(logs(w.S)) + 1, 0, 0); },
    back: function () { A.off(); A.show("list"); },
    remove: A.remove,
  });
  draw();
  A.timer = setInterval(draw, 1000);
}

prestart(A, X);
