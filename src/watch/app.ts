// The resident shell (speedseq.app.js): the exit path, the sensors, the running session, and the
// loading of every other screen from a Storage file of its own when it is shown (show()): the
// list, pre-start, history, summary and RPE, the recover prompt and the paused actions are each a
// function expression (built from src/watch/<screen>.ts), evaluated, called with this App and an
// argument, and dropped when the next screen replaces it, so none of their code holds RAM during
// a run. What stays is one object with few functions (each costs the watch ~6 JsVars while it
// exists): it is also the session's ports (buzz, write, crc) and the run screen's view.
//
// One exit path (remove) for every way out: E.on('kill') (load, long-press) and setUI's remove when
// something else takes the UI. The sensors and options: GPS and HRM are requested with the app
// id; only while a session runs (on(1)) the accelerometer is held at 12.5 Hz, the HRM in sport
// mode, the long-press exit raised to 6 s and, with Run lock Off, the lock kept off; off() undoes
// all of it.
//
// A running session (go()): the engine fed by the sensors and a 1 s tick, its buzzes played, its
// log lines appended to a StorageFile, the run screen redrawn, and the buttons. Lock policy
// (README "On the wrist"): BTN1 pauses and resumes (on a lap-ended step it is the lap); a tap while
// paused shows the actions (resume, next step, +30 s, end); ending needs a confirmation. While
// locked the first press only unlocks. Even after a long press the log is on flash and
// relaunching resumes.
import type { Plan } from "../engine/plan";
import { Session, DONE, PAUSED, FORM_OFFER } from "../engine/session";
import type { Cmd, Ports } from "../engine/session";
import { CadenceEstimator, CAD_HOP } from "../engine/cadence/estimator";
import { DropDetector } from "../engine/cadence/drop";
import { pattern, H_OFFER } from "../engine/haptics";
import { fmtTime } from "../engine/format";
import { drawRun } from "./screens";
import type { View } from "./screens";
import { APP_ID, LOG, VERSION } from "./store";
import type { Settings, StorageApi, SFile } from "./store";

// (the numbers are written out where used, not as module constants: each of those would be a
// variable held in RAM all session) below 100,000 bytes of free flash the track stops (splits
// continue); the long-press exit during a session is raised to 6 s

/** the watch's objects, passed in by main.ts (the only file that names them) */
export interface W {
  B: BangleApi;
  E: EApi;
  g: Graphics;
  S: StorageApi;
}

export class App implements Ports, View {
  w: W;
  /** the settings, read by the list at launch */
  set!: Settings;
  /** true while the app swaps its own screens: the old screen's remove is not an exit */
  swapping: boolean;
  /** a screen's redraw interval (pre-start), cleared when the screen is replaced */
  timer: number;
  /** the run screen is the one shown (its 1 s redraw must not draw over another) */
  live: boolean;
  /**
   * Every way out: E.on('kill') (load, long-press) and setUI's remove when something else takes
   * the UI (not when the app swaps its own screens): sensors, timers, options and listeners back;
   * the log stays on flash.
   */
  remove: () => void;
  /** the cadence estimator's done(): its estimate to the session */
  est: () => void;
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
  // the running session (null outside one), its log's number and file, the cadence estimator,
  // the 1 s tick (0 once the session has stopped)
  s: Session | null;
  n!: number;
  file!: SFile | null;
  cad!: CadenceEstimator | null;
  ticker: number;
  /** the firmware step counter's latest count */
  stepN!: number;
  crc: (s: string) => number;
  // the run screen's view (screens.ts)
  g: Graphics;
  r!: AppRect;
  mi!: number;
  low!: boolean;
  full!: boolean;
  k!: string;
  d!: string[];
  // the motor: pending timeouts (hush() clears them), and silenced
  bz!: number[];
  quiet!: boolean;

  constructor(w: W) {
    const me = this;
    this.w = w;
    this.g = w.g;
    this.crc = w.E.CRC32;
    this.s = this.fix = this.saved = null;
    this.swapping = this.up = this.live = false;
    this.timer = this.ticker = this.bpm = this.conf = 0;
    this.ls = {
      // (the fix is kept for the pre-start screen only: the watch's GPS event is ~20 JsVars)
      GPS: (f: GPSFix) => { const s = this.s; if (s) { s.gpsFix(Date.now(), f); this.after(); } else this.fix = f; },
      // (the fields are not trusted: a bpm of "150" is 150, anything else not a number is NaN, which the session counts as low confidence)
      HRM: (h: HRMData) => { this.bpm = h.bpm; this.conf = h.confidence; const s = this.s; if (s) { s.hrm(Date.now(), +h.bpm, +h.confidence); this.after(); } },
      // the step count is only kept: the 1 s tick hands it to the estimator (the accelerometer's
      // listener, ls.accel, is the estimator's own per-sample function, set by go())
      step: (n: number) => { this.stepN = n; },
    };
    // made here, not in go(): a function made there would keep go's scope (the plan object) alive
    this.est = function () {
      const s = me.s, c = me.cad;
      if (s && c) {
        s.cadence(Date.now(), c.spm, c.conf);
        me.after();
      }
    };
    this.remove = function () {
      if (me.swapping) return;
      if (me.timer) clearInterval(me.timer);
      me.timer = 0;
      if (me.s) {
        if (me.ticker) me.stop();
        me.hush();
        me.s = null;
      }
      me.off();
      w.E.removeListener("kill", me.remove);
    };
    w.E.on("kill", this.remove);
    // the list reads the settings, and decides at launch whether to offer a resume or a summary instead
    this.show("list", 1);
  }

  /** runs fn (which replaces the UI) without treating the old screen's remove as an exit */
  swap(fn: () => void): void {
    const was = this.swapping;
    this.swapping = true;
    this.live = false;
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

  /**
   * Starts (or continues) a session on log n: the run screen replaces the current one.
   * lastSeq/fromIdx: 0, 0 for a new log; from the log's scan to continue one (and cut, its
   * shortened reps).
   */
  go(plan: Plan, n: number, lastSeq: number, fromIdx: number, cut?: number): void {
    const me = this;
    this.swap(function () {
      const w = me.w, set = me.set;
      me.n = n;
      me.fix = null;
      me.file = w.S.open(LOG + n, "a");
      me.r = w.B.appRect;
      me.mi = set.mi;
      me.low = me.full = me.quiet = false;
      me.d = [];
      me.bz = [];
      const cad = (me.cad = new CadenceEstimator(w.E));
      // each accelerometer sample goes straight to the estimator (12.5 Hz: one short call, no
      // clock); each of its estimates reaches the session through est
      me.ls.accel = cad.put;
      cad.done = me.est;
      me.stepN = w.B.getStepCount();
      me.on(1);
      const s = (me.s = new Session(plan, me, Date.now(), VERSION, set.race + "m " + fmtTime(set.time), lastSeq, fromIdx, cut));
      s.drop = new DropDetector();
      if (w.S.getFree() < 100000) {
        // flash is low: the session stops the track (its seqs stay unbroken) and the screen says so
        me.low = true;
        s.storageLow();
      }
      me.ui(1);
    });
  }

  /** the session's buzz port: pattern id delayMs from now, each pause a tracked timeout */
  buzz(id: number, delayMs: number): void {
    const me = this, t = this.bz, p = pattern(id);
    let i = -1;
    // the form guard's offer is answered by BTN1, and a locked watch would take that press to unlock
    if (id === H_OFFER) this.w.B.setLocked(false);
    const later = function (ms: number) {
      const k = setTimeout(function () {
        t.splice(t.indexOf(k), 1);
        next();
      }, ms > 0 ? ms : 0);
      t.push(k);
    };
    const next = function () {
      if (++i >= p.length || me.quiet) return;
      if (i % 2) later(p[i]);
      else me.w.B.buzz(p[i], me.set.buzz).then(next);
    };
    later(delayMs);
  }

  /** no more buzzes: a pattern playing stops at its next pause */
  hush(): void {
    this.quiet = true;
    for (let i = 0; i < this.bz.length; i++) clearTimeout(this.bz[i]);
    this.bz = [];
  }

  /**
   * the session's storage port: appends a log line; when flash runs low the track lines are
   * dropped, never the splits; when a write fails (flash full) the log stops and the session
   * runs on. The run screen says which, at every redraw (a message box would be drawn over
   * within the second).
   */
  write(l: string): void {
    if (this.full) return;
    try {
      this.file!.write(l);
    } catch (e) {
      this.full = true;
    }
    if (l.charAt(0) === "S" && this.w.S.getFree() < 100000) {
      this.low = true;
      this.s!.storageLow();
    }
  }

  /** after every event: the end of the session, then its summary (the end pattern plays out first) */
  after(): void {
    if (this.s!.mode === DONE && this.ticker) {
      const me = this;
      this.stop();
      this.s = null;
      setTimeout(function () { if (!me.s) me.hush(); }, 4000);
      this.show("sum", this.n);
    }
  }

  /** a command from the buttons or the paused actions */
  cmd(c: Cmd): void {
    const s = this.s!;
    s.command(Date.now(), c);
    this.after();
    if (this.ticker && this.live) drawRun(s, this);
  }

  /** the run screen: its controls, its 1 s tick (`start`), drawn now; a tap while paused shows the actions (speedseq.pause.js) */
  ui(start?: number): void {
    const me = this;
    if (start) this.ticker = setInterval(function () {
      const s = me.s!, c = me.cad, t = Date.now(), st = s.step, k = st && st.kind;
      // the step count and the sample rate (power save stops the accelerometer estimate) once a
      // second; an estimate every CAD_HOP samples (1.3 s) where the drop detector watches (reps
      // and strides), else every fourth (5.1 s: warm-up, recoveries and cool-down are most of a
      // session, and there the screen's cadence only informs) (no estimator: memory ran short, see lean)
      if (c) {
        c.steps(me.stepN, t);
        if (c.rate(t, k === "work" || k === "stride" ? CAD_HOP : 4 * CAD_HOP)) c.done();
        // under 600 JsVars free (RAM held by something else): the interpreter is a few hundred
        // from interrupting the run, which LOW_MEMORY only reports once it has (measured). Read
        // about every 8 s: the call makes an object of ~10 fields, which a run has no need of each
        // second (its cost per call is not measured separately). Without collecting, garbage the
        // firmware has not yet collected counts as used (measured: under 600 "free" with 10,400
        // free after a collection, 158 s into a run), so a low reading is taken again after one
        if (t % 8000 < 1000 && process.memory(false).free < 600 && process.memory().free < 600) me.lean();
      }
      s.tick(t);
      me.after();
      if (me.ticker && me.live) drawRun(s, me);
    }, 1000);
    this.w.B.setUI({
      mode: "custom",
      // a plain function: setUI binds btn, and on 2v29 bind replaces an arrow's `this`
      btn: function () {
        const s = me.s!, st = s.step;
        if (s.mode === PAUSED) me.cmd("resume");
        // while the form guard's offer stands BTN1 accepts it (it does not pause)
        else if (s.form === FORM_OFFER) me.cmd("shorten");
        else if (st && st.end.lap) me.cmd("lap");
        else me.cmd("pause");
      },
      touch: function () { if (me.s!.mode === PAUSED) me.show("pause"); },
      remove: this.remove,
    });
    this.live = true;
    // the screen was another's (pre-start, the paused actions): all of it again
    this.k = "";
    if (this.ticker) drawRun(this.s!, this);
  }

  /**
   * Memory ran short during a run: the cadence estimate goes (its buffers are the largest thing a
   * run holds, ~270 JsVars) so that the log and the buzzes go on; the log says when (lowMemory,
   * with the JsVars then free) and the run screen says LOW RAM: cadence off, for the rest of it.
   */
  lean(): void {
    const s = this.s!;
    this.w.B.removeListener("accel", this.ls.accel);
    delete this.ls.accel;
    this.cad = null;
    s.cadence(Date.now(), 0, 0);
    s.log.rec({ k: "F", tMs: s.t, what: "lowMemory", value: process.memory().free });
  }

  /** the session's end: its tick, sensors and options back as they were, its RAM given back; the log keeps everything written */
  stop(): void {
    clearInterval(this.ticker);
    this.ticker = 0;
    this.s!.log.flush();
    this.off();
    this.cad = this.file = null;
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
      // the kill handler, once: the firmware's number editor (the RPE row) runs its menu's remove,
      // which took it off, and a session started after that would not be cleaned up on exit
      this.w.E.removeListener("kill", this.remove);
      this.w.E.on("kill", this.remove);
      B.setGPSPower(1, APP_ID);
      B.setHRMPower(1, APP_ID);
      B.on("GPS", this.ls.GPS);
      B.on("HRM", this.ls.HRM);
    }
    if (!sport || this.saved) return;
    const o = B.getOptions();
    this.saved = { powerSave: o.powerSave, hrmSportMode: o.hrmSportMode, btnLoadTimeout: o.btnLoadTimeout || 1500 };
    // a sweaty hold cannot leave the session (and if it does, the log is on flash)
    B.setOptions({ btnLoadTimeout: 6000 });
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
    // the estimator's listener goes with it (it holds the estimator's buffers)
    delete this.ls.accel;
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
