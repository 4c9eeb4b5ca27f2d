// The sensor adapters. They own every power request and option they change and undo them all
// in off(): GPS and HRM are requested with the app id, the accelerometer is held at 12.5 Hz
// and the HRM in sport mode only while a session runs (on(1)).
import { APP_ID } from "./store";

export interface SensorSink {
  gps(f: GPSFix): void;
  hrm(h: HRMData): void;
  accel(a: AccelData): void;
  step(count: number): void;
}

export class Sensors {
  B: BangleApi;
  /** latest readings, for the pre-start screen */
  fix: GPSFix | null;
  bpm: number;
  conf: number;
  sink: SensorSink | null;
  /** GPS and HRM are on (our listeners are added once) */
  up: boolean;
  /** options as they were before the session's, restored by off() */
  saved: LockOptions | null;
  /** our listeners by Bangle event name, each handing its reading to the sink */
  ls: { [ev: string]: (d: any) => void };

  constructor(B: BangleApi) {
    this.B = B;
    this.fix = null;
    this.bpm = 0;
    this.conf = 0;
    this.sink = null;
    this.up = false;
    this.saved = null;
    this.ls = {
      GPS: (f: GPSFix) => { this.fix = f; if (this.sink) this.sink.gps(f); },
      HRM: (h: HRMData) => { this.bpm = h.bpm; this.conf = h.confidence; if (this.sink) this.sink.hrm(h); },
      accel: (a: AccelData) => { if (this.sink) this.sink.accel(a); },
      step: (n: number) => { if (this.sink) this.sink.step(n); },
    };
  }

  /**
   * GPS and HRM on (pre-start: they need time to lock). With `sport`, the session's settings too:
   * the accelerometer at 12.5 Hz all session (cadence), the HRM in sport mode where the firmware
   * has it (the emulator's build, without the VC31 driver, throws "Unknown option").
   */
  on(sport?: number): void {
    const B = this.B;
    if (!this.up) {
      this.up = true;
      B.setGPSPower(1, APP_ID);
      B.setHRMPower(1, APP_ID);
      B.on("GPS", this.ls.GPS);
      B.on("HRM", this.ls.HRM);
    }
    if (!sport || this.saved) return;
    const o = B.getOptions();
    this.saved = { powerSave: o.powerSave, hrmSportMode: o.hrmSportMode || 0 };
    try {
      B.setOptions({ hrmSportMode: 1 });
    } catch (e) {}
    B.setPollInterval(80);
    B.on("accel", this.ls.accel);
    B.on("step", this.ls.step);
  }

  /** everything back as it was */
  off(): void {
    const B = this.B, o = this.saved;
    for (const ev in this.ls) B.removeListener(ev, this.ls[ev]);
    B.setGPSPower(0, APP_ID);
    B.setHRMPower(0, APP_ID);
    if (o) {
      B.setOptions({ powerSave: o.powerSave !== false });
      try {
        B.setOptions({ hrmSportMode: o.hrmSportMode });
      } catch (e) {}
    }
    this.up = false;
    this.saved = null;
    this.sink = null;
  }
}
