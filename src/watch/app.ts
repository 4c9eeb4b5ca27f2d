// The app's screens and flow: workout list -> pre-start -> run -> summary -> RPE -> list,
// the resume-or-save prompt after a crash, and the history. One exit path (cleanup) for every
// way out: E.on('kill') (load, long-press) and setUI's remove when something else takes the UI.
import type { Plan } from "../engine/plan";
import { resolvePlan } from "../engine/workout/pace";
import { planTotals } from "../engine/workout/totals";
import { fmtTime } from "../engine/format";
import { LogOut } from "../engine/logout";
import { Run } from "./run";
import { drawLines, BLACK, GREEN, RED } from "./screens";
import { Sensors } from "./sensors";
import { scanLog, SPLIT_N } from "./scan";
import { workouts } from "./workouts";
import type { Scan } from "./scan";
import { storage, loadSettings, loadHistory, addHistory, logNumbers, logName } from "./store";
import type { Settings } from "./store";

/** flash a session may use per hour (the log's budget) plus one StorageFile chunk */
const LOG_BYTES_PER_H = 30000;
const SF_CHUNK = 40960;
/** what a write that failed for want of flash did, and did not, lose */
const FULL = "Storage full: this was not saved. Everything saved before is kept.";
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
    this.set = loadSettings();
    this.sensors = new Sensors();
    this.run = null;
    this.swapping = false;
    this.timer = 0;
    this.kill = () => { this.cleanup(); };
    this.remove = () => { if (!this.swapping) this.cleanup(); };
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

  /** a menu's header: title, optional back, and our remove so leaving by another app cleans up */
  head(title: string, back?: () => void): any {
    return { "": { title: title, back: back, remove: this.remove } };
  }

  /** shows a menu in place of the current screen */
  menu(m: any): void {
    this.swap(() => { E.showMenu(m); });
  }

  /** appends records to log sc.n after what it already holds */
  logOut(sc: Scan): LogOut {
    const f = storage().open(logName(sc.n), "a");
    // a torn last line must not swallow the first new record
    f.write("\n");
    return new LogOut({ write: (l) => { f.write(l); }, crc: E.CRC32 }, sc.lastSeq);
  }

  inHistory(n: number): boolean {
    const h = loadHistory();
    for (let i = 0; i < h.length; i++) if (h[i][6] === n) return true;
    return false;
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
    const ws = workouts();
    // the last used first
    const h = loadHistory();
    for (let i = 1; h.length && i < ws.length; i++) if (ws[i].name === h[0][5]) ws.unshift(ws.splice(i, 1)[0]);
    const menu = this.head("SpeedSeq", () => { load(); });
    ws.forEach((w) => {
      // an unreadable file by its name without "speedseq.", to fit a row: "! wab12cd.json"
      menu[w.plan ? w.name : ("! " + w.name.substr(9)).substr(0, 14)] = () => { if (w.plan) this.prestart(w.name); else this.unreadable(w.name); };
    });
    menu["History"] = () => { this.history(); };
    this.menu(menu);
  }

  /** a message with one OK button, then `then` */
  say(title: string, msg: string, then: () => void): void {
    this.swap(() => {
      E.showPrompt(msg, { title: title, buttons: { "OK": 1 } }).then(then);
    });
  }

  /** a workout file or plan the watch cannot run: say so, leave the file as it is */
  unreadable(name: string): void {
    this.say("Workout", name + " can't be run on the watch (damaged, or made for a newer app). Send it again from the SpeedSeq page.", () => { this.list(); });
  }


  prestart(name: string): void {
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
    // the kill handler, once: the firmware's number editor (the RPE row) runs its menu's remove,
    // which took it off, and a session started after that would not be cleaned up on exit
    E.removeListener("kill", this.kill);
    E.on("kill", this.kill);
    this.sensors.on();
    const ok = (): boolean => {
      const f = this.sensors.fix;
      return !dist || (!!f && f.fix > 0);
    };
    const draw = () => {
      const f = this.sensors.fix;
      const fix = !!f && f.fix > 0;
      const hr = this.sensors.conf >= 50;
      const bat = E.getBattery();
      const free = storage().getFree();
      // the note on two lines of the small font, broken at spaces
      const note = g.setFont("6x8", 1).wrapString(plan.note || "", Bangle.appRect.w - 4);
      drawLines([
        plan.name, 2, BLACK,
        note[0] || "", 1, BLACK,
        note[1] || "", 1, BLACK,
        fix ? "GPS fix" : "GPS ...", 2, fix ? GREEN : RED,
        (f ? f.satellites : 0) + " sat, hdop " + (f && isFinite(f.hdop) ? Math.round(f.hdop * 10) / 10 : "-"), 1, BLACK,
        hr ? "HR " + this.sensors.bpm : "HR ...", 2, hr ? GREEN : RED,
        "Bat " + bat + "% plan " + fmtTime(estS), 1, (bat / 100) * GPS_HOURS * 3600 < estS ? RED : BLACK,
        "Flash " + Math.floor(free / 1024) + "K free, need " + Math.ceil(needB / 1024) + "K", 1, free < needB ? RED : BLACK,
        ok() ? "BTN: start" : "Wait for GPS", 2, BLACK,
        !dist && !fix ? "No GPS needed: time only" : "", 1, BLACK,
      ]);
    };
    const start = () => {
      const ns = logNumbers();
      if (ok()) this.go(plan, ns.length ? ns[ns.length - 1] + 1 : 0, 0, 0);
    };
    this.swap(() => {
      Bangle.setUI({
        mode: "custom",
        // a plain function: setUI binds btn, and on 2v29 bind replaces an arrow's `this`
        btn: function () { start(); },
        back: () => { this.sensors.off(); this.list(); },
        remove: this.remove,
      });
    });
    draw();
    this.timer = setInterval(draw, 1000);
  }

  /** starts (or continues) a session on log n */
  go(plan: Plan, n: number, lastSeq: number, fromIdx: number): void {
    const run = (this.run = new Run(plan, this.set, this.sensors, n, this.set.race + "m " + fmtTime(this.set.time), lastSeq, fromIdx));
    run.onDone = () => {
      this.run = null;
      // let the end pattern play out
      setTimeout(() => { run.buzzer.stop(); }, 4000);
      this.summary(scanLog(n));
    };
    run.onMenu = () => { this.actions(); };
    this.swap(() => { run.ui(this.remove); });
  }

  /** the paused session's actions */
  actions(): void {
    const run = this.run;
    if (!run) return;
    const st = run.s.step;
    const back = () => { this.swap(() => { run.ui(this.remove); }); };
    const act = (c: "resume" | "skip" | "extend") => {
      return () => { run.cmd(c); back(); };
    };
    const menu = this.head("Paused", back);
    menu["Resume"] = act("resume");
    // (a lap-ended step is never paused: there BTN1 is the lap)
    menu["Next step"] = act("skip");
    if (st && (st.kind === "recovery" || st.kind === "rest")) menu["+30 s"] = act("extend");
    menu["End session"] = () => {
      this.swap(() => {
        E.showPrompt("End the session?", { title: "End", buttons: { "No": false, "End": true } }).then((yes) => {
          if (yes) run.cmd("end");
          if (this.run) back();
        });
      });
    };
    this.menu(menu);
  }

  recover(sc: Scan): void {
    this.swap(() => {
      E.showPrompt("Unfinished session\n" + sc.plan + "\n" + (sc.nextIdx) + " steps done", { title: "SpeedSeq", buttons: { "Save": 2, "Resume": 1 } }).then((v) => {
        const plan = v === 1 ? this.plan(sc.plan) : null;
        if (plan) return this.go(plan, sc.n, sc.lastSeq, sc.nextIdx);
        // save: close the log as it is (with flash full it stays as it is, unclosed)
        try {
          this.logOut(sc).end(sc.durMs, sc.distM, "saved");
        } catch (e) {
          return this.say("Storage", FULL, () => { this.summary(sc); });
        }
        this.summary(scanLog(sc.n));
      });
    });
  }

  /**
   * every work split, then the session's RPE. A row is one rep, "1 1:50 @4:36" (rep, time, pace),
   * short enough for one menu row of the watch's 12 px font; tapping it rates that rep.
   */
  summary(sc: Scan): void {
    const menu = this.head(fmtTime(sc.durMs / 1000) + " " + (sc.distM / 1000).toFixed(2) + "km");
    menu["Rate effort"] = () => { this.rpe(sc, -1); };
    const sp = sc.splits;
    for (let i = 0; i < sp.length; i += SPLIT_N) {
      const pace = sp[i + 1] >= 10 ? sp[i + 2] / sp[i + 1] : 0;
      const idx = sp[i + 5];
      menu[sp[i] + " " + fmtTime(sp[i + 2] / 1000) + " @" + (pace ? fmtTime(this.set.mi ? pace * 1.609344 : pace) : "-")] = () => { this.rpe(sc, idx); };
    }
    this.menu(menu);
  }

  /** RPE 1-10 for the session (idx -1: then the history and the list) or for the rep at step idx (then the summary again) */
  rpe(sc: Scan, idx: number): void {
    let rpe = 6;
    const menu = this.head(idx < 0 ? "Effort 1-10" : "Rep effort");
    menu["RPE"] = { value: rpe, min: 1, max: 10, onchange: (v: number) => { rpe = v; } };
    menu["Save"] = () => {
      try {
        this.logOut(sc).rpe(rpe, idx < 0 ? (undefined as unknown as number) : idx);
        if (idx < 0) addHistory([Math.round(sc.startMs / 1000), Math.round(sc.durMs / 1000), Math.round((rpe * sc.durMs) / 60000), rpe, rpe >= 7 ? 1 : 0, sc.plan, sc.n]);
      } catch (e) {
        return this.say("Storage", FULL, () => { this.list(); });
      }
      if (idx >= 0) this.summary(scanLog(sc.n));
      else this.list();
    };
    this.menu(menu);
  }

  /** one row a session, "11/27 45m R6" (date, minutes, RPE); tapping it shows the rest */
  history(): void {
    const h = loadHistory();
    const menu = this.head("History", () => { this.list(); });
    h.forEach((e) => {
      const d = new Date(e[0] * 1000);
      const day = d.getMonth() + 1 + "/" + d.getDate();
      menu[day + " " + Math.round(e[1] / 60) + "m R" + e[3]] = () => {
        this.say("Session", e[5] + "\n" + day + " " + fmtTime(e[1]) + "\nRPE " + e[3] + (e[4] ? " hard" : " easy") + ", load " + e[2], () => { this.history(); });
      };
    });
    if (!h.length) menu["No sessions"] = () => {};
    this.menu(menu);
  }

}
