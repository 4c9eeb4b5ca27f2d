// A running session on the wrist: the engine fed by the sensors and a 1 s tick, its buzzes
// played, its log lines appended to a StorageFile, the run screen redrawn, and the buttons.
//
// Lock policy (README "On the wrist"): BTN1 pauses and resumes (on a lap-ended step it is the
// lap); a tap while paused opens the actions menu (resume, next step, +30 s, end); ending needs
// a confirmation. While locked the first press only unlocks. The long-press exit is raised to
// 6 s for the session and restored after; even then the log is on flash and relaunching resumes.
import { Session, DONE, PAUSED } from "../engine/session";
import type { Cmd } from "../engine/session";
import type { Plan } from "../engine/plan";
import { CadenceEstimator } from "../engine/cadence/estimator";
import { DropDetector } from "../engine/cadence/drop";
import { fmtTime } from "../engine/format";
import { Buzzer } from "./haptics";
import { drawRun } from "./screens";
import type { View } from "./screens";
import { logName, VERSION } from "./store";
import type { SFile } from "./store";
import type { App } from "./app";

/** below this much free flash the track stops (splits continue) */
const LOW_BYTES = 100000;
/** long-press exit during a session */
const HOLD_MS = 6000;

export class Run {
  app: App;
  /** the log's number */
  n: number;
  s: Session;
  file: SFile;
  buzzer: Buzzer;
  cad: CadenceEstimator;
  view: View;
  timer: number;
  /** options changed for the session, restored by stop() */
  saved: LockOptions;

  /** lastSeq/fromIdx: 0, 0 for a new log; from scanLog to continue one. Shows the run screen. */
  constructor(app: App, plan: Plan, n: number, lastSeq: number, fromIdx: number) {
    const w = app.w, B = w.B, set = app.set, sensors = app.sensors;
    this.app = app;
    this.n = n;
    this.file = w.S.open(logName(n), "a");
    this.buzzer = new Buzzer(B, set.buzz);
    this.view = { mi: set.mi, low: false, full: false, g: w.g, r: B.appRect };
    this.cad = new CadenceEstimator(w.E);
    // (no local for getOptions(): the closures below would keep the whole options object alive)
    this.saved = { btnLoadTimeout: B.getOptions().btnLoadTimeout || 1500 };
    B.setOptions({ btnLoadTimeout: HOLD_MS });
    if (set.unlock) {
      this.saved.lockTimeout = B.getOptions().lockTimeout;
      B.setOptions({ lockTimeout: 0 });
      B.setLocked(false);
    }
    sensors.on();
    sensors.sport();
    this.s = new Session(plan, {
      buzz: (id, d) => { this.buzzer.play(id, d); },
      write: (l) => { this.write(l); },
      crc: w.E.CRC32,
    }, Date.now(), VERSION, set.race + "m " + fmtTime(set.time), lastSeq, fromIdx);
    this.s.drop = new DropDetector();
    if (w.S.getFree() < LOW_BYTES) this.low();
    sensors.sink = {
      gps: (f) => { this.s.gpsFix(Date.now(), f); this.after(); },
      hrm: (h) => { this.s.hrm(Date.now(), h.bpm, h.confidence); this.after(); },
      accel: (a) => { if (this.cad.push(a.x, a.y, a.z, Date.now())) { this.s.cadence(Date.now(), this.cad.spm, this.cad.conf); this.after(); } },
      step: (n) => { this.cad.steps(n, Date.now()); },
    };
    this.timer = setInterval(() => { this.s.tick(Date.now()); this.after(); this.draw(); }, 1000);
    this.ui();
  }

  /**
   * appends a log line; when flash runs low the track lines are dropped, never the splits; when a
   * write fails (flash full) the log stops and the session runs on. The run screen says which,
   * at every redraw (a message box would be drawn over within the second).
   */
  write(l: string): void {
    const v = this.view;
    if (v.full) return;
    try {
      this.file.write(l);
    } catch (e) {
      v.full = true;
    }
    if (l.charAt(0) === "S" && this.app.w.S.getFree() < LOW_BYTES) this.low();
  }

  /** flash is low: the session stops the track (its seqs stay unbroken) and the screen says so */
  low(): void {
    this.view.low = true;
    this.s.storageLow();
  }

  /** after every event: the end of the session, then its summary (the end pattern plays out first) */
  after(): void {
    if (this.s.mode === DONE && this.timer) {
      this.stop();
      const b = this.buzzer, app = this.app;
      app.run = null;
      setTimeout(function () { b.stop(); }, 4000);
      app.show("sum", this.n);
    }
  }

  draw(): void {
    if (this.timer) drawRun(this.s, this.view);
  }

  cmd(c: Cmd): void {
    this.s.command(Date.now(), c);
    this.after();
    this.draw();
  }

  /** the run screen's controls; a tap while paused shows the actions (speedseq.pause.js) */
  ui(): void {
    const me = this;
    this.app.w.B.setUI({
      mode: "custom",
      // a plain function: setUI binds btn, and on 2v29 bind replaces an arrow's `this`
      btn: function () {
        const st = me.s.step;
        if (me.s.mode === PAUSED) me.cmd("resume");
        else if (st && st.end.lap) me.cmd("lap");
        else me.cmd("pause");
      },
      touch: function () { if (me.s.mode === PAUSED) me.app.show("pause"); },
      remove: this.app.remove,
    });
    this.draw();
  }

  /** sensors, timers and options back as they were; the log keeps everything written */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    this.s.log.flush();
    this.app.sensors.off();
    this.app.w.B.setOptions(this.saved);
  }
}
