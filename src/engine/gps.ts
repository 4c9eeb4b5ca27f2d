// GPS fixes as the watch delivers them -> accepted positions, distance and a smoothed pace.
// The one pace model of the project: the watch, the emulator and the analytics all use it.

/** the fields of Bangle's 'GPS' event the engine reads (speed in km/h, fix a GGA quality) */
export interface GpsFix {
  lat: number;
  lon: number;
  speed: number;
  fix: number;
  hdop: number;
}

/** the sphere every distance is measured on (the synthetic tracks in src/sim use it too) */
export const EARTH_M = 6371000;
/** fixes worse than this horizontal dilution are "poor" and not used for distance */
const MAX_HDOP = 6;
/** a position implying more than this speed (m/s) from the last good fix is a jump */
const MAX_SPEED_MPS = 12;
/** below this speed (m/s) the runner is standing: position jitter is not distance */
const MIN_MOVE_MPS = 0.6;
/** smoothing weight of a new speed sample */
const ALPHA = 0.35;

export const GPS_OK = 0;
export const GPS_NOFIX = 1;
export const GPS_POOR = 2;
export const GPS_JUMP = 3;

// after the number constants above: the bundler inlines those only until the first other one
const RAD = Math.PI / 180;

export class GpsTrack {
  lat: number;
  lon: number;
  /** session ms of the last accepted fix, -1 before the first */
  tMs: number;
  /** distance of the last accepted segment (m) and its start time */
  segM: number;
  segT0: number;
  /** smoothed speed m/s (0 when unknown) */
  mps: number;
  /** smoothed pace in s/km from mps, 0 when not moving */
  pace: number;
  /** smoothed interval between fixes, ms */
  gapMs: number;
  /** consecutive jumps */
  jumps: number;

  constructor() {
    this.lat = 0;
    this.lon = 0;
    this.tMs = -1;
    this.segM = 0;
    this.segT0 = 0;
    this.mps = this.pace = 0;
    this.gapMs = 1000;
    this.jumps = 0;
  }

  /** feeds one fix at session time tMs; returns GPS_OK (segM/segT0 describe the new segment) or why not */
  add(tMs: number, f: GpsFix): number {
    this.segM = 0;
    // (the event's fields are not trusted: a position that is not a number, "51.5" too, is no fix;
    // the other fields are compared or divided, where a numeric string counts as its number)
    if (!(f.fix > 0) || typeof f.lat != "number" || typeof f.lon != "number" || !isFinite(f.lat) || !isFinite(f.lon) || (f.lat === 0 && f.lon === 0)) return GPS_NOFIX;
    if (!(f.hdop <= MAX_HDOP)) return GPS_POOR;
    const dt = tMs - this.tMs;
    // a new anchor (no distance, no speed history): the first fix, or a restart after jumps
    let anchor = this.tMs < 0;
    let d = 0;
    if (!anchor) {
      if (dt <= 0) return GPS_POOR;
      // metres between the two positions (equirectangular: exact enough below a few km)
      const x = (f.lon - this.lon) * RAD * Math.cos(((this.lat + f.lat) / 2) * RAD);
      const y = (f.lat - this.lat) * RAD;
      d = Math.sqrt(x * x + y * y) * EARTH_M;
      // a jump: implausible distance for the time since the last good fix. After several in a
      // row the old anchor is the stale one, so restart from here.
      if (d > MAX_SPEED_MPS * (dt / 1000) + 5) {
        if (++this.jumps < 4) return GPS_JUMP;
        anchor = true;
      }
    }
    // Doppler speed from the receiver is steadier than position differences
    let v = isFinite(f.speed) && f.speed >= 0 ? f.speed / 3.6 : anchor ? 0 : (d * 1000) / dt;
    if (v > MAX_SPEED_MPS) v = MAX_SPEED_MPS;
    this.mps = anchor ? v : this.mps + ALPHA * (v - this.mps);
    this.pace = this.mps >= MIN_MOVE_MPS ? 1000 / this.mps : 0;
    if (!anchor) {
      if (dt < 3 * this.gapMs) this.gapMs += 0.2 * (dt - this.gapMs);
      if (this.mps >= MIN_MOVE_MPS || v >= MIN_MOVE_MPS) {
        this.segM = d;
        this.segT0 = this.tMs;
      }
    }
    this.jumps = 0;
    this.lat = f.lat;
    this.lon = f.lon;
    this.tMs = tMs;
    return GPS_OK;
  }
}
