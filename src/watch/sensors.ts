// The sensor adapters. They own every power request and option they change and undo them all
// in off(): GPS and HRM are requested with the app id, the accelerometer is held at 12.5 Hz
// and the HRM in sport mode only while a session runs (sport()).
import { APP_ID } from "./store";

export interface SensorSink {
  gps(f: GPSFix): void;
  hrm(h: HRMData): void;
  accel(a: AccelData): void;
  step(count: number): void;
}

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
  sink: SensorSink | null;
  /** options as they were before sport(), restored by off() */
  saved: LockOptions | null;
  /** our listeners by Bangle event name, each handing its reading to the sink */
  ls: { [ev: string]: (d: any) => void };

  constructor() {
    this.fix = null;
    this.bpm = 0;
    this.conf = 0;
    this.sink = null;
    this.saved = null;
    this.ls = {
      GPS: (f: GPSFix) => { this.fix = f; if (this.sink) this.sink.gps(f); },
      HRM: (h: HRMData) => { this.bpm = h.bpm; this.conf = h.confidence; if (this.sink) this.sink.hrm(h); },
      accel: (a: AccelData) => { if (this.sink) this.sink.accel(a); },
      step: (n: number) => { if (this.sink) this.sink.step(n); },
    };
  }

  /**
   * GPS and HRM on (pre-start: they need time to lock). The session calls it again: Bangle.on
   * adds a listener as often as it is called, so each is removed first (twice, every fix
   * reached the session twice, the second as a zero-time fix counted poor)
   */
  on(): void {
    Bangle.setGPSPower(1, APP_ID);
    Bangle.setHRMPower(1, APP_ID);
    for (const ev of ["GPS", "HRM"]) {
      Bangle.removeListener(ev, this.ls[ev]);
      Bangle.on(ev, this.ls[ev]);
    }
  }

  /** session settings: accelerometer at 12.5 Hz all session (cadence), HRM in sport mode */
  sport(): void {
    if (this.saved) return;
    const o = Bangle.getOptions();
    this.saved = { powerSave: o.powerSave, hrmSportMode: o.hrmSportMode || 0 };
    sportMode(1);
    Bangle.setPollInterval(80);
    Bangle.on("accel", this.ls.accel);
    Bangle.on("step", this.ls.step);
  }

  /** everything back as it was */
  off(): void {
    for (const ev in this.ls) Bangle.removeListener(ev, this.ls[ev]);
    Bangle.setGPSPower(0, APP_ID);
    Bangle.setHRMPower(0, APP_ID);
    if (this.saved) {
      Bangle.setOptions({ powerSave: this.saved.powerSave !== false });
      sportMode(this.saved.hrmSportMode || 0);
    }
    this.saved = null;
    this.sink = null;
  }
}
