// The resident shell (speedseq.app.js, with the running session in run.ts): the exit path, the
// sensors, and the loading of every other screen from a Storage file of its own when it is shown
// (show()): the list, pre-start, history, summary and RPE, the recover prompt and the paused
// actions are each a function expression (built from src/watch/<screen>.ts), evaluated, called
// with this App and an argument, and dropped when the next screen replaces it, so none of their
// code holds RAM during a run. Few functions, each one costs the watch ~6 JsVars while it exists.
//
// One exit path (remove) for every way out: E.on('kill') (load, long-press) and setUI's remove when
// something else takes the UI. The sensors and options: GPS and HRM are requested with the app
// id; only while a session runs (on(1)) the accelerometer is held at 12.5 Hz, the HRM in sport
// mode, the long-press exit raised to 6 s and, with Run lock Off, the lock kept off; off() undoes
// all of it.
import type { Plan } from "../engine/plan";
import { Run } from "./run";
import { loadSettings, APP_ID } from "./store";

/** the long-press exit during a session */
const HOLD_MS = 6000;
import type { Settings, StorageApi } from "./store";

/** the watch's objects, passed in by main.ts (the only file that names them) */
export interface W {
  B: BangleApi;
  E: EApi;
  g: Graphics;
  S: StorageApi;
}

export class App {
  w: W;
  set: Settings;
  run: Run | null;
  /** true while the app swaps its own screens: the old screen's remove is not an exit */
  swapping: boolean;
  /** a screen's redraw interval (pre-start), cleared when the screen is replaced */
  timer: number;
  /**
   * Every way out: E.on('kill') (load, long-press) and setUI's remove when something else takes
   * the UI (not when the app swaps its own screens): sensors, timers, options and listeners back;
   * the log stays on flash.
   */
  remove: () => void;
  /** latest readings, for the pre-start screen (no fix is kept during a run) */
  fix: GPSFix | null;
  bpm: number;
  conf: number;
  /** GPS and HRM are on (our listeners are added once) */
  up: boolean;
  /** options as they were before the session's, restored by off() */
  saved: LockOptions | null;
  /** our sensor listeners by Bangle event name; during a run each hands its reading to the session */
  ls: { [ev: string]: (d: any) => void };

  constructor(w: W) {
    const me = this;
    this.w = w;
    this.set = loadSettings(w.S);
    this.run = this.fix = this.saved = null;
    this.swapping = this.up = false;
    this.timer = this.bpm = this.conf = 0;
    this.ls = {
      // (the fix is kept for the pre-start screen only: the watch's GPS event is ~20 JsVars)
      GPS: (f: GPSFix) => { const r = this.run; if (r) { r.s.gpsFix(Date.now(), f); r.after(); } else this.fix = f; },
      HRM: (h: HRMData) => { this.bpm = h.bpm; this.conf = h.confidence; const r = this.run; if (r) { r.s.hrm(Date.now(), h.bpm, h.confidence); r.after(); } },
      accel: (a: AccelData) => { const r = this.run; if (r && r.cad.push(a.x, a.y, a.z, Date.now())) { r.s.cadence(Date.now(), r.cad.spm, r.cad.conf); r.after(); } },
      step: (n: number) => { if (this.run) this.run.cad.steps(n, Date.now()); },
    };
    this.remove = function () {
      if (me.swapping) return;
      if (me.timer) clearInterval(me.timer);
      me.timer = 0;
      const r = me.run;
      if (r) {
        if (r.timer) r.stop();
        r.hush();
        me.run = null;
      }
      me.off();
      w.E.removeListener("kill", me.remove);
    };
    w.E.on("kill", this.remove);
    // the list decides at launch whether to offer a resume or a summary instead
    this.show("list", 1);
  }

  /** runs fn (which replaces the UI) without treating the old screen's remove as an exit */
  swap(fn: () => void): void {
    const was = this.swapping;
    this.swapping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    try {
      fn();
    } finally {
      this.swapping = was;
    }
  }

  /** shows screen `name` (the Storage file speedseq.<name>.js) with its argument */
  show(name: string, arg?: any): void {
    const me = this;
    this.swap(function () {
      const src = me.w.S.read(APP_ID + "." + name + ".js");
      if (src) globalThis.eval(src)(me, arg);
      else me.w.E.showMessage(APP_ID + "." + name + ".js is missing: install the app again", "SpeedSeq");
    });
  }

  /** starts (or continues) a session on log n: the run screen replaces the current one */
  go(plan: Plan, n: number, lastSeq: number, fromIdx: number): void {
    const me = this;
    this.fix = null;
    this.swap(function () { me.run = new Run(me, plan, n, lastSeq, fromIdx); });
  }

  /**
   * GPS and HRM on (pre-start: they need time to lock). With `sport`, the session's settings too:
   * the accelerometer at 12.5 Hz all session (cadence), the HRM in sport mode where the firmware
   * has it (its options list hrmSportMode; the emulator's build, without the VC31 driver, has no
   * such option and throws "Unknown option" when it is set).
   */
  on(sport?: number): void {
    const B = this.w.B;
    if (!this.up) {
      this.up = true;
      B.setGPSPower(1, APP_ID);
      B.setHRMPower(1, APP_ID);
      B.on("GPS", this.ls.GPS);
      B.on("HRM", this.ls.HRM);
    }
    if (!sport || this.saved) return;
    const o = B.getOptions();
    this.saved = { powerSave: o.powerSave, hrmSportMode: o.hrmSportMode, btnLoadTimeout: o.btnLoadTimeout || 1500 };
    // a sweaty hold cannot leave the session (and if it does, the log is on flash)
    B.setOptions({ btnLoadTimeout: HOLD_MS });
    if (this.set.unlock) {
      this.saved.lockTimeout = o.lockTimeout;
      B.setOptions({ lockTimeout: 0 });
      B.setLocked(false);
    }
    if (o.hrmSportMode !== undefined) B.setOptions({ hrmSportMode: 1 });
    B.setPollInterval(80);
    B.on("accel", this.ls.accel);
    B.on("step", this.ls.step);
  }

  /** the sensors and their options back as they were */
  off(): void {
    const B = this.w.B, o = this.saved;
    for (const ev in this.ls) B.removeListener(ev, this.ls[ev]);
    B.setGPSPower(0, APP_ID);
    B.setHRMPower(0, APP_ID);
    if (o) {
      const back: LockOptions = { powerSave: o.powerSave !== false, btnLoadTimeout: o.btnLoadTimeout };
      if (o.lockTimeout !== undefined) back.lockTimeout = o.lockTimeout;
      if (o.hrmSportMode !== undefined) back.hrmSportMode = o.hrmSportMode;
      B.setOptions(back);
    }
    this.up = false;
    this.saved = null;
  }
}
