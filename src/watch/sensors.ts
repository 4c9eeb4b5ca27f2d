// The sensor adapters. They own every power request and option they change and undo them all
// in off(): GPS and HRM are requested with the app id, the accelerometer is held at 12.5 Hz
// and the HRM in sport mode only while a session runs (sport()).
//
// Each Bangle event has at most one listener of ours (use() replaces it): the pre-start screen's
// keep the latest readings, a session's hand each reading straight to the engine. Bangle.on adds
// a listener as often as it is called, so a second on() would deliver every fix twice.
import { APP_ID } from "./store";

/** HRM sport mode where the firmware has it: the emulator's build (no VC31 driver) throws "Unknown option" */
function sportMode(m: number): void {
  try {
    Bangle.setOptions({ hrmSportMode: m });
  } catch (e) {}
}

export class Sensors {
  /** latest readings, for the pre-start screen */
  fix: GPSFix | null;
  bpm: number;
  conf: number;
  /** options as they were before sport(), restored by off() */
  saved: LockOptions | null;
  /** our listener by Bangle event name */
  ls: { [ev: string]: (d: any) => void };

  constructor() {
    this.fix = null;
    this.bpm = 0;
    this.conf = 0;
    this.saved = null;
    this.ls = {};
  }

  /** fn becomes our one listener for Bangle event ev */
  use(ev: string, fn: (d: any) => void): void {
    const l = this.ls;
    Bangle.removeListener(ev, l[ev]);
    Bangle.on(ev, (l[ev] = fn));
  }

  /** GPS and HRM on, their readings kept (pre-start: they need time to lock) */
  on(): void {
    Bangle.setGPSPower(1, APP_ID);
    Bangle.setHRMPower(1, APP_ID);
    this.use("GPS", (f: GPSFix) => { this.fix = f; });
    this.use("HRM", (h: HRMData) => { this.bpm = h.bpm; this.conf = h.confidence; });
  }

  /** session settings: the accelerometer at 12.5 Hz all session (cadence) to `accel`, steps to `step`, HRM in sport mode */
  sport(accel: (a: AccelData) => void, step: (count: number) => void): void {
    if (!this.saved) {
      const o = Bangle.getOptions();
      this.saved = { powerSave: o.powerSave, hrmSportMode: o.hrmSportMode || 0 };
      sportMode(1);
      Bangle.setPollInterval(80);
    }
    this.use("accel", accel);
    this.use("step", step);
  }

  /** everything back as it was */
  off(): void {
    for (const ev in this.ls) Bangle.removeListener(ev, this.ls[ev]);
    this.ls = {};
    Bangle.setGPSPower(0, APP_ID);
    Bangle.setHRMPower(0, APP_ID);
    if (this.saved) {
      Bangle.setOptions({ powerSave: this.saved.powerSave !== false });
      sportMode(this.saved.hrmSportMode!);
    }
    this.saved = null;
  }
}
