// The resident shell (speedseq.app.js, with the running session): it owns the exit path, the
// sensors and the session, and loads every other screen from a Storage file of its own when it
// is shown (show()): the list, pre-start, history, summary and RPE, the recover prompt and the
// paused actions are each a function expression (built from src/watch/<screen>.ts), evaluated,
// called with this App and an argument, and dropped when the next screen replaces it, so none
// of their code holds RAM during a run. One exit path (cleanup) for every way out: E.on('kill')
// (load, long-press) and setUI's remove when something else takes the UI.
import type { Plan } from "../engine/plan";
import { Run } from "./run";
import { Sensors } from "./sensors";
import { loadSettings, APP_ID } from "./store";
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
  sensors: Sensors;
  run: Run | null;
  /** true while the app swaps its own screens: the old screen's remove is not an exit */
  swapping: boolean;
  /** a screen's redraw interval (pre-start), cleared when the screen is replaced */
  timer: number;
  kill: () => void;
  remove: () => void;

  constructor(w: W) {
    const me = this;
    this.w = w;
    this.set = loadSettings(w.S);
    this.sensors = new Sensors(w.B);
    this.run = null;
    this.swapping = false;
    this.timer = 0;
    // every way out: sensors, timers, options and listeners back; the log stays on flash
    this.kill = function () {
      if (me.timer) clearInterval(me.timer);
      me.timer = 0;
      const r = me.run;
      if (r) {
        if (r.timer) r.stop();
        r.hush();
        me.run = null;
      }
      me.sensors.off();
      w.E.removeListener("kill", me.kill);
    };
    this.remove = function () { if (!me.swapping) me.kill(); };
    w.E.on("kill", this.kill);
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
    this.swap(function () { me.run = new Run(me, plan, n, lastSeq, fromIdx); });
  }
}
