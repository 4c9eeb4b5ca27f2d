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
import { CadenceEstimator, CAD_HOP } from "../engine/cadence/estimator";
import { DropDetector } from "../engine/cadence/drop";
import { Buzzer } from "./haptics";
import { Sensors } from "./sensors";
import { drawRun } from "./screens";
import type { View } from "./screens";
import { storage, logName, VERSION } from "./store";
import type { Settings, SFile } from "./store";

/** below this much free flash the track stops (splits continue) */
const LOW_BYTES = 100000;
/** long-press exit during a session */
const HOLD_MS = 6000;

export class Run {
  s: Session;
  file: SFile;
  buzzer: Buzzer;
  sensors: Sensors;
  cad: CadenceEstimator;
  view: View;
  timer: number;
  /** options changed for the session, restored by stop() */
  saved: LockOptions;
  onDone: () => void;
  /** opens the actions menu (menus.ts), called on a tap while paused */
  onMenu: () => void;

  /** lastSeq/fromIdx: 0, 0 for a new log; from scanLog to continue one */
  constructor(plan: Plan, set: Settings, sensors: Sensors, logN: number, goal: string, lastSeq: number, fromIdx: number) {
    this.file = storage().open(logName(logN), "a");
    this.buzzer = new Buzzer(set.buzz);
    this.sensors = sensors;
    this.view = { mi: set.mi, low: false, full: false, k: "", d: [] };
    this.onDone = this.onMenu = () => {};
    this.cad = new CadenceEstimator(E);
    const o = Bangle.getOptions();
    this.saved = { btnLoadTimeout: o.btnLoadTimeout || 1500 };
    Bangle.setOptions({ btnLoadTimeout: HOLD_MS });
    if (set.unlock) {
      this.saved.lockTimeout = o.lockTimeout;
      Bangle.setOptions({ lockTimeout: 0 });
      Bangle.setLocked(false);
    }
    const s = (this.s = new Session(plan, {
      buzz: (id, d) => { this.buzzer.play(id, d); },
      write: (l) => { this.write(l); },
      crc: E.CRC32,
    }, Date.now(), VERSION, goal, lastSeq, fromIdx));
    s.drop = new DropDetector();
    if (storage().getFree() < LOW_BYTES) this.low();
    // each reading straight from its listener to the engine; the accelerometer's listener is the
    // estimator's own per-sample function (12.5 Hz: no clock, one short call); the step count is
    // only kept here, and handed over with the rate check at the 1 s tick
    const cad = this.cad;
    let steps = Bangle.getStepCount();
    cad.done = () => { s.cadence(Date.now(), cad.spm, cad.conf); this.after(); };
    sensors.on();
    sensors.use("GPS", (f: GPSFix) => { s.gpsFix(Date.now(), f); this.after(); });
    sensors.use("HRM", (h: HRMData) => { s.hrm(Date.now(), h.bpm, h.confidence); this.after(); });
    sensors.sport(cad.put, (n: number) => { steps = n; });
    this.timer = setInterval(() => {
      const t = Date.now(), k = s.step!.kind;
      cad.steps(steps, t);
      // an estimate every CAD_HOP samples where the drop detector watches (reps and strides), else
      // every other one: half the time the analysis takes, the screen's cadence 1.3 s later
      if (cad.rate(t, k === "work" || k === "stride" ? CAD_HOP : 2 * CAD_HOP)) cad.done();
      s.tick(t);
      this.after();
      this.draw();
    }, 1000);
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
    if (l.charAt(0) === "S" && storage().getFree() < LOW_BYTES) this.low();
  }

  /** flash is low: the session stops the track (its seqs stay unbroken) and the screen says so */
  low(): void {
    this.view.low = true;
    this.s.storageLow();
  }

  /** after every event: the end of the session */
  after(): void {
    if (this.s.mode === DONE && this.timer) {
      this.stop();
      this.onDone();
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

  /** the run screen's controls */
  ui(remove: () => void): void {
    const press = () => {
      const st = this.s.step;
      if (this.s.mode === PAUSED) this.cmd("resume");
      else if (st && st.end.lap) this.cmd("lap");
      else this.cmd("pause");
    };
    Bangle.setUI({
      mode: "custom",
      // a plain function: setUI binds btn, and on 2v29 bind replaces an arrow's `this`
      btn: function () { press(); },
      touch: () => { if (this.s.mode === PAUSED) this.onMenu(); },
      remove: remove,
    });
    // the screen was someone else's (a menu, a prompt): all of it again
    this.view.k = "";
    this.draw();
  }

  /** sensors, timers and options back as they were; the log keeps everything written */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    this.s.log.flush();
    this.sensors.off();
    Bangle.setOptions(this.saved);
  }
}
