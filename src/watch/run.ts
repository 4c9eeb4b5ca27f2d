// A running session on the wrist: the engine fed by the sensors and a 1 s tick, its buzzes
// played, its log lines appended to a StorageFile, the run screen redrawn, and the buttons.
// One object is the session's ports (buzz, write, crc) and the run screen's view, so that a run
// holds few functions in RAM (each costs the watch ~6 JsVars); the sensors' listeners (app.ts)
// feed its session.
//
// Lock policy (README "On the wrist"): BTN1 pauses and resumes (on a lap-ended step it is the
// lap); a tap while paused opens the actions menu (resume, next step, +30 s, end); ending needs
// a confirmation. While locked the first press only unlocks. The long-press exit is raised to
// 6 s for the session and restored after; even then the log is on flash and relaunching resumes.
import { Session, DONE, PAUSED } from "../engine/session";
import type { Cmd, Ports } from "../engine/session";
import type { Plan } from "../engine/plan";
import { CadenceEstimator } from "../engine/cadence/estimator";
import { DropDetector } from "../engine/cadence/drop";
import { pattern } from "../engine/haptics";
import { fmtTime } from "../engine/format";
import { drawRun } from "./screens";
import type { View } from "./screens";
import { LOG, VERSION } from "./store";
import type { SFile } from "./store";
import type { App } from "./app";

/** below this much free flash the track stops (splits continue) */
const LOW_BYTES = 100000;

export class Run implements Ports, View {
  app: App;
  /** the log's number */
  n: number;
  s: Session;
  file: SFile;
  cad: CadenceEstimator;
  /** the 1 s tick; 0 once the session has stopped */
  timer: number;
  crc: (s: string) => number;
  // the view (screens.ts)
  g: Graphics;
  r: AppRect;
  mi: number;
  low: boolean;
  full: boolean;
  // the motor: buzz strength, pending timeouts (hush() clears them), and silenced
  strength: number;
  bz: number[];
  quiet: boolean;

  /** lastSeq/fromIdx: 0, 0 for a new log; from scanLog to continue one. Shows the run screen. */
  constructor(app: App, plan: Plan, n: number, lastSeq: number, fromIdx: number) {
    const w = app.w, B = w.B, set = app.set;
    this.app = app;
    this.n = n;
    this.file = w.S.open(LOG + n, "a");
    this.crc = w.E.CRC32;
    this.g = w.g;
    this.r = B.appRect;
    this.mi = set.mi;
    this.low = this.full = this.quiet = false;
    this.strength = set.buzz;
    this.bz = [];
    this.timer = 0;
    this.cad = new CadenceEstimator(w.E);
    app.on(1);
    this.s = new Session(plan, this, Date.now(), VERSION, set.race + "m " + fmtTime(set.time), lastSeq, fromIdx);
    this.s.drop = new DropDetector();
    if (w.S.getFree() < LOW_BYTES) {
      // flash is low: the session stops the track (its seqs stay unbroken) and the screen says so
      this.low = true;
      this.s.storageLow();
    }
    this.ui(1);
  }

  /** the session's buzz port: pattern id delayMs from now, each pause a tracked timeout */
  buzz(id: number, delayMs: number): void {
    const me = this, t = this.bz, p = pattern(id);
    let i = -1;
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
      else me.app.w.B.buzz(p[i], me.strength).then(next);
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
      this.file.write(l);
    } catch (e) {
      this.full = true;
    }
    if (l.charAt(0) === "S" && this.app.w.S.getFree() < LOW_BYTES) {
      this.low = true;
      this.s.storageLow();
    }
  }

  /** after every event: the end of the session, then its summary (the end pattern plays out first) */
  after(): void {
    if (this.s.mode === DONE && this.timer) {
      this.stop();
      const me = this;
      this.app.run = null;
      setTimeout(function () { me.hush(); }, 4000);
      this.app.show("sum", this.n);
    }
  }

  cmd(c: Cmd): void {
    this.s.command(Date.now(), c);
    this.after();
    if (this.timer) drawRun(this.s, this);
  }

  /** the run screen: its controls, its 1 s tick (`start`), drawn now; a tap while paused shows the actions (speedseq.pause.js) */
  ui(start?: number): void {
    const me = this;
    if (start) this.timer = setInterval(function () {
      me.s.tick(Date.now());
      me.after();
      if (me.timer) drawRun(me.s, me);
    }, 1000);
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
    if (this.timer) drawRun(this.s, this);
  }

  /** sensors, timers and options back as they were; the log keeps everything written */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    this.s.log.flush();
    this.app.off();
  }
}
