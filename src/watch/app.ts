// The app's screens and flow: workout list -> pre-start -> run -> summary -> RPE -> list,
// the resume-or-save prompt after a crash, and the history. One exit path (cleanup) for every
// way out: E.on('kill') (load, long-press) and setUI's remove when something else takes the UI.
import type { Plan } from "../engine/plan";
import { resolvePlan } from "../engine/workout/pace";
import { planTotals } from "../engine/workout/totals";
import { fmtTime } from "../engine/format";
import { LogOut } from "../engine/logout";
import { Run } from "./run";
import { Sensors } from "./sensors";
import { scanLog } from "./scan";
import { workouts } from "./workouts";
import type { Scan } from "./scan";
import { storage, loadSettings, loadHistory, addHistory, logNumbers, logName } from "./store";
import type { Settings } from "./store";

/** flash a session may use per hour (the log's budget) plus one StorageFile chunk */
const LOG_BYTES_PER_H = 30000;
const SF_CHUNK = 40960;
/** hours of GPS on a full battery */
const GPS_HOURS = 6.5;

export class App {
  set: Settings;
  sensors: Sensors;
  run: Run | null;
  /** true while the app swaps its own screens: the old screen's remove is not an exit */
  swapping: boolean;
  timer: number;
  kill: () => void;
  remove: () => void;

  constructor() {
    const me = this;
    this.set = loadSettings();
    this.sensors = new Sensors();
    this.run = null;
    this.swapping = false;
    this.timer = 0;
    this.kill = function () { me.cleanup(); };
    this.remove = function () { if (!me.swapping) me.cleanup(); };
  }

  start(): void {
    Bangle.loadWidgets();
    Bangle.drawWidgets();
    E.on("kill", this.kill);
    const ns = logNumbers();
    const n = ns.length ? ns[ns.length - 1] : -1;
    const sc = n >= 0 ? scanLog(n) : null;
    if (sc && !sc.ended && sc.lastSeq) this.recover(sc);
    else if (sc && sc.ended && !this.inHistory(n)) this.summary(sc);
    else this.list();
  }

  /** every way out: sensors, timers, options and listeners back; the log stays on flash */
  cleanup(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    if (this.run) {
      if (this.run.timer) this.run.stop();
      this.run.buzzer.stop();
      this.run = null;
    }
    this.sensors.off();
    E.removeListener("kill", this.kill);
  }

  /** runs fn (which replaces the UI) without treating the old screen's remove as an exit */
  swap(fn: () => void): void {
    this.swapping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    try {
      fn();
    } finally {
      this.swapping = false;
    }
  }

  inHistory(n: number): boolean {
    const h = loadHistory();
    for (let i = 0; i < h.length; i++) if (h[i][6] === n) return true;
    return false;
  }

  goal(): string {
    return this.set.race + "m " + fmtTime(this.set.time);
  }

  /** the plan called name, resolved against the goal; null if it is gone or cannot be read */
  plan(name: string): Plan | null {
    const ws = workouts();
    for (let i = 0; i < ws.length; i++) {
      const p = ws[i].plan;
      if (ws[i].name === name && p) return resolvePlan(p, { distM: this.set.race, timeS: this.set.time });
    }
    return null;
  }

  list(): void {
    const me = this;
    const ws = workouts();
    // the last used first
    const h = loadHistory();
    for (let i = 1; h.length && i < ws.length; i++) if (ws[i].name === h[0][5]) ws.unshift(ws.splice(i, 1)[0]);
    const menu: any = { "": { title: "SpeedSeq", back: function () { load(); }, remove: this.remove } };
    ws.forEach(function (w) {
      menu[w.plan ? w.name : "! " + w.name] = function () { if (w.plan) me.prestart(w.name); else me.unreadable(w.name); };
    });
    menu["History"] = function () { me.history(); };
    this.swap(function () { E.showMenu(menu); });
  }

  /** a workout file or plan the watch cannot run: say so, leave the file as it is */
  unreadable(name: string): void {
    const me = this;
    this.swap(function () {
      E.showPrompt(name + " can't be run on the watch (damaged, or made for a newer app). Send it again from the SpeedSeq page.", { title: "Workout", buttons: { "OK": 1 } }).then(function () { me.list(); });
    });
  }

  prestart(name: string): void {
    const me = this;
    let plan: Plan | null = null;
    let tot = { distM: 0, estS: 0 };
    try {
      plan = this.plan(name);
      if (plan) tot = planTotals(plan);
    } catch (e) {
      // a file with a plan's shape but a broken step (written by hand, not by the page)
      return this.unreadable(name);
    }
    if (!plan) return this.list();
    const dist = tot.distM > 0;
    const estS = tot.estS;
    const needB = (estS / 3600) * LOG_BYTES_PER_H + SF_CHUNK;
    this.sensors.on();
    const ok = function (): boolean {
      const f = me.sensors.fix;
      return !dist || (!!f && f.fix > 0);
    };
    const draw = function () {
      const r = Bangle.appRect;
      const f = me.sensors.fix;
      const fix = !!f && f.fix > 0;
      const hr = me.sensors.conf >= 50;
      const bat = E.getBattery();
      const free = storage().getFree();
      let y = r.y + 2;
      g.reset().setBgColor("#fff").clearRect(r.x, r.y, r.x2, r.y2).setColor("#000").setFontAlign(-1, -1).setFont("6x8", 2);
      g.drawString(plan.name, r.x + 2, y);
      y += 18;
      g.setFont("6x8", 1);
      const note = plan.note || "";
      g.drawString(note.substr(0, 29), r.x + 2, y).drawString(note.substr(29, 29), r.x + 2, y + 9);
      y += 22;
      g.setFont("6x8", 2);
      g.setColor(fix ? "#0a0" : "#f00").drawString(fix ? "GPS fix" : "GPS ...", r.x + 2, y);
      g.setFont("6x8", 1).drawString((f ? f.satellites : 0) + " sat hdop " + (f && isFinite(f.hdop) ? Math.round(f.hdop * 10) / 10 : "-"), r.x + 90, y + 4);
      y += 20;
      g.setFont("6x8", 2).setColor(hr ? "#0a0" : "#f00").drawString(hr ? "HR " + me.sensors.bpm : "HR ...", r.x + 2, y);
      y += 20;
      g.setFont("6x8", 1);
      g.setColor(bat / 100 * GPS_HOURS * 3600 < estS ? "#f00" : "#000").drawString("Bat " + bat + "% plan " + fmtTime(estS), r.x + 2, y);
      y += 10;
      g.setColor(free < needB ? "#f00" : "#000").drawString("Flash " + Math.floor(free / 1024) + "K free, need " + Math.ceil(needB / 1024) + "K", r.x + 2, y);
      y += 14;
      g.setColor("#000").setFont("6x8", 2).drawString(ok() ? "BTN: start" : "Wait for GPS", r.x + 2, y);
      if (!dist && !fix) g.setFont("6x8", 1).drawString("no GPS: this workout needs none", r.x + 2, y + 18);
    };
    this.swap(function () {
      Bangle.setUI({
        mode: "custom",
        btn: function () {
          const ns = logNumbers();
          if (ok()) me.go(plan, ns.length ? ns[ns.length - 1] + 1 : 0, 0, 0);
        },
        back: function () { me.sensors.off(); me.list(); },
        remove: me.remove,
      });
    });
    draw();
    this.timer = setInterval(draw, 1000);
  }

  /** starts (or continues) a session on log n */
  go(plan: Plan, n: number, lastSeq: number, fromIdx: number): void {
    const me = this;
    const run = (this.run = new Run(plan, this.set, this.sensors, n, this.goal(), lastSeq, fromIdx));
    run.onDone = function () {
      me.run = null;
      // let the end pattern play out
      setTimeout(function () { run.buzzer.stop(); }, 4000);
      me.summary(scanLog(n));
    };
    run.onMenu = function () { me.actions(); };
    this.swap(function () { run.ui(me.remove); });
  }

  /** the paused session's actions */
  actions(): void {
    const me = this;
    const run = this.run;
    if (!run) return;
    const st = run.s.step;
    const back = function () { me.swap(function () { run.ui(me.remove); }); };
    const act = function (c: "resume" | "skip" | "extend") {
      return function () { run.cmd(c); back(); };
    };
    const menu: any = { "": { title: "Paused", back: back, remove: this.remove }, "Resume": act("resume") };
    menu[st && st.end.lap ? "Lap" : "Next step"] = act("skip");
    if (st && (st.kind === "recovery" || st.kind === "rest")) menu["+30 s"] = act("extend");
    menu["End session"] = function () {
      me.swap(function () {
        E.showPrompt("End the session?", { title: "End", buttons: { "No": false, "End": true } }).then(function (yes) {
          if (yes) run.cmd("end");
          if (me.run) back();
        });
      });
    };
    this.swap(function () { E.showMenu(menu); });
  }

  recover(sc: Scan): void {
    const me = this;
    this.swap(function () {
      E.showPrompt("Unfinished session\n" + sc.plan + "\n" + (sc.nextIdx) + " steps done", { title: "SpeedSeq", buttons: { "Save": 2, "Resume": 1 } }).then(function (v) {
        const plan = v === 1 ? me.plan(sc.plan) : null;
        if (plan) return me.go(plan, sc.n, sc.lastSeq, sc.nextIdx);
        // save: close the log as it is
        const f = storage().open(logName(sc.n), "a");
        f.write("\n");
        new LogOut({ write: function (l) { f.write(l); }, crc: E.CRC32 }, sc.lastSeq).end(sc.durMs, sc.distM, "saved");
        me.summary(scanLog(sc.n));
      });
    });
  }

  /** every work split, then the session's RPE */
  summary(sc: Scan): void {
    const me = this;
    const menu: any = { "": { title: fmtTime(sc.durMs / 1000) + " " + (sc.distM / 1000).toFixed(2) + "km", remove: this.remove } };
    menu["Rate effort"] = function () { me.rpe(sc); };
    const sp = sc.splits;
    for (let i = 0; i < sp.length; i += 5) {
      const pace = sp[i + 1] >= 10 ? sp[i + 2] / sp[i + 1] : 0;
      menu[sp[i] + ": " + Math.round(sp[i + 1]) + "m " + fmtTime(sp[i + 2] / 1000)] = { value: pace ? fmtTime(this.set.mi ? pace * 1.609344 : pace) : "-", onchange: function () {} };
    }
    this.swap(function () { E.showMenu(menu); });
  }

  rpe(sc: Scan): void {
    const me = this;
    let rpe = 6;
    const save = function () {
      const f = storage().open(logName(sc.n), "a");
      new LogOut({ write: function (l) { f.write(l); }, crc: E.CRC32 }, sc.lastSeq).rpe(rpe, undefined as unknown as number);
      const min = sc.durMs / 60000;
      addHistory([Math.round(sc.startMs / 1000), Math.round(sc.durMs / 1000), Math.round(rpe * min), rpe, rpe >= 7 ? 1 : 0, sc.plan, sc.n]);
      me.list();
    };
    const menu: any = { "": { title: "Effort 1-10", remove: this.remove }, "RPE": { value: rpe, min: 1, max: 10, onchange: function (v: number) { rpe = v; } }, "Save": save };
    this.swap(function () { E.showMenu(menu); });
  }

  history(): void {
    const me = this;
    const h = loadHistory();
    const menu: any = { "": { title: "History", back: function () { me.list(); }, remove: this.remove } };
    for (let i = 0; i < h.length; i++) {
      const e = h[i];
      const d = new Date(e[0] * 1000);
      menu[(d.getMonth() + 1) + "/" + d.getDate() + " " + e[5] + " " + fmtTime(e[1])] = { value: "L" + e[2] + " R" + e[3] + (e[4] ? " H" : " E"), onchange: function () {} };
    }
    if (!h.length) menu["No sessions yet"] = function () {};
    this.swap(function () { E.showMenu(menu); });
  }
}
