// GPS fixes as the watch delivers them -> distance, a smoothed pace and gap marks.
// The one GPS model of the project: the watch, the emulator and the analytics all use it.
//
// Distance comes from the receiver's Doppler speed (the `speed` field), integrated over the time
// between fixes (trapezoid: the mean of the last and the new speed × the interval), blended with
// the distance between the two positions by HDOP: positions alone at HDOP ≤ 1 (they follow the
// path exactly, and a speed field can lag or read low), Doppler alone from HDOP 1.6 or with fewer
// than 5 satellites. A wrist
// receiver's position error is 3-5 m and wanders slowly; differencing positions turns the
// sideways part of that wander into extra length (the Classic 5K replay grew 10 % at 5 m), while
// Doppler speed is measured from the carrier, is unbiased and is noisy only by ~0.1-0.3 m/s, which
// averages out over a rep. Positions still decide which fixes count (fix quality, HDOP ≤ 6, a
// position implying > 12 m/s is a jump) and give the distance when a fix has no speed. After a
// gap in the fixes the straight line from the last position to the new one is a lower bound of
// the distance run: what dead reckoning counted short of it is added when the fix comes back, and
// what it counted beyond where the positions (or speeds) say the runner got is taken off the next
// segments.
// Without a fix for DR_AFTER_MS (dropouts, tunnels) distance goes on at the last smoothed speed,
// from the last fix up to DEAD_RECKON_MS after it; a gap of GAP_LOG_MS or more is reported in `gap` so that the
// session logs it (gpsLost when it starts, gpsBack with its length when fixes return).
// A fix is old when it arrives: the receiver computes it, then sends the second's NMEA sentences
// as text over a serial line, and Bangle.js 2's firmware emits the 'GPS' event only at the ZDA
// sentence near the end of them. The session therefore feeds each fix at its arrival minus
// FIX_LAG_MS, so that a step's end is interpolated, and its buzz scheduled, where the runner
// truly was. 500 ms is the middle of the 0-1 s lag the simulator draws per run (on the tuning
// seeds anything from 300 to 700 ms did about as well); the real watch's lag is to be measured
// (a fix's `time` against a clock set from the GPS) and set here.
// Per fix: a few arithmetic steps, no allocation, one method (the watch runs this at 1 Hz).

/** the fields of Bangle's 'GPS' event the engine reads (speed in km/h, fix a GGA quality) */
export interface GpsFix {
  lat: number;
  lon: number;
  speed: number;
  fix: number;
  hdop: number;
  /** satellites used (absent in some fakes: then not checked) */
  satellites?: number;
}

/** the sphere every distance is measured on (the synthetic tracks in src/sim use it too) */
export const EARTH_M = 6371000;
/** fixes worse than this horizontal dilution are "poor" and not used */
const MAX_HDOP = 6;
/** a position implying more than this speed (m/s) from the last good fix is a jump */
const MAX_SPEED_MPS = 12;
/** below this speed (m/s) the runner is standing: no distance */
const MIN_MOVE_MPS = 0.6;
/** smoothing weight of a new speed sample */
const ALPHA = 0.35;
/** HDOP at or below which positions alone give the distance; at HDOP_DOPPLER and above the Doppler
 * speed alone does; in between a linear blend (the simulator's receiver has HDOP ≈ 0.8 + σ/4, σ the
 * position noise in m: positions win to ~1 m of noise, Doppler from ~3 m) */
const HDOP_GOOD = 1;
const HDOP_DOPPLER = 1.6;
/** with fewer satellites than this the geometry is fragile: positions are not blended in */
const MIN_SATS = 5;
/** without a fix, distance goes on at the last speed for this long after the last fix (ms) */
export const DEAD_RECKON_MS = 60000;
/** dead reckoning starts only after this long without a fix (ms): a shorter gap is bridged when the
 * next fix comes, by its speeds and positions, which know whether the runner kept going */
const DR_AFTER_MS = 3000;
/** no fix for this long is a gap the log marks (ms) */
export const GAP_LOG_MS = 5000;
/** how long after the moment it describes a fix reaches the app (ms); see the header */
export const FIX_LAG_MS = 500;

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
  /** the last accepted fix's speed (m/s), -1 when it had none */
  v: number;
  /** session ms up to which distance is counted (later than tMs while dead reckoning) */
  dT: number;
  /** metres dead-reckoned since the last accepted fix */
  drM: number;
  /** metres counted ahead of the path (dead reckoning past where the runner got): taken off what follows */
  oweM: number;
  /** distance of the segment this fix added (m) and its start time */
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
  /** set by add for one fix: -1 a gap began (no fix since tMs for GAP_LOG_MS), else the ms of a gap that just ended; 0 otherwise */
  gap: number;
  /** whether the current gap was reported */
  lost: boolean;

  constructor() {
    this.lat = this.lon = this.segM = this.segT0 = this.mps = this.pace = this.jumps = this.gap = this.drM = this.oweM = 0;
    this.tMs = this.dT = this.v = -1;
    this.gapMs = 1000;
    this.lost = false;
  }

  /** feeds one fix at session time tMs; returns GPS_OK or why not. segM/segT0 describe the distance it added, whatever it returns */
  add(tMs: number, f: GpsFix): number {
    this.segM = this.gap = 0;
    const last = this.tMs;
    // (the event's fields are not trusted: a position that is not a number, "51.5" too, or off the
    // globe (|lat| > 90, |lon| > 180, NaN: the squares compare false) is no fix;
    // the other fields are compared or divided, where a numeric string counts as its number)
    let why = !(f.fix > 0) || typeof f.lat != "number" || typeof f.lon != "number" || !(f.lat * f.lat <= 8100 && f.lon * f.lon <= 32400) || (f.lat === 0 && f.lon === 0) ? GPS_NOFIX : !(f.hdop <= MAX_HDOP) ? GPS_POOR : GPS_OK;
    const dt = tMs - last;
    let d = 0;
    // a new anchor (no distance, no speed history): the first fix, or a restart after jumps
    let anchor = last < 0;
    if (!why && !anchor) {
      if (dt <= 0) return GPS_POOR;
      // metres between the two positions (equirectangular: exact enough below a few km)
      const x = (f.lon - this.lon) * RAD * Math.cos(((this.lat + f.lat) / 2) * RAD);
      const y = (f.lat - this.lat) * RAD;
      d = Math.sqrt(x * x + y * y) * EARTH_M;
      // a jump: implausible distance for the time since the last good fix. After several in a
      // row the old anchor is the stale one, so restart from here.
      if (d > MAX_SPEED_MPS * (dt / 1000) + 5) {
        if (++this.jumps < 4) why = GPS_JUMP;
        else anchor = true;
      }
    }
    if (why) {
      if (last < 0) return why;
      if (!this.lost && dt >= GAP_LOG_MS) {
        this.lost = true;
        this.gap = -1;
      }
      // dead reckoning at the last speed, up to the bound
      const end = tMs < last + DEAD_RECKON_MS ? tMs : last + DEAD_RECKON_MS;
      if (end > this.dT && dt >= DR_AFTER_MS && this.mps >= MIN_MOVE_MPS) {
        this.segM = (this.mps * (end - this.dT)) / 1000;
        this.segT0 = this.dT;
        this.drM += this.segM;
        this.v = this.mps;
        this.dT = end;
      }
      return why;
    }
    // Doppler speed from the receiver; without it, the positions' own speed
    let v = isFinite(f.speed) && f.speed >= 0 ? f.speed / 3.6 : -1;
    if (v > MAX_SPEED_MPS) v = MAX_SPEED_MPS;
    const s = v >= 0 ? v : anchor ? 0 : (d * 1000) / dt;
    this.mps = anchor ? s : this.mps + ALPHA * (s - this.mps);
    this.pace = this.mps >= MIN_MOVE_MPS ? 1000 / this.mps : 0;
    if (this.lost) this.gap = dt;
    if (!anchor) {
      if (dt < 3 * this.gapMs) this.gapMs += 0.2 * (dt - this.gapMs);
      // the distance since dT: speed × time where both ends have a speed (and the gap was within
      // the dead-reckoning bound), else the positions'
      let seg = d - this.drM;
      if (v >= 0 && this.v >= 0 && dt <= DEAD_RECKON_MS) {
        // the weight of the positions, from HDOP: 1 at HDOP_GOOD or better, 0 from HDOP_DOPPLER
        let w = (HDOP_DOPPLER - f.hdop) / (HDOP_DOPPLER - HDOP_GOOD);
        w = w < 0 || f.satellites! < MIN_SATS ? 0 : w > 1 ? 1 : w;
        const sv = ((this.v + v) * (tMs - this.dT)) / 2000;
        seg = sv + w * (seg - sv);
      }
      // after a gap the straight line is a lower bound of what was run
      if (dt > DR_AFTER_MS && seg < d - this.drM) seg = d - this.drM;
      // standing: nothing counts, and nothing owed is paid off
      if (this.mps < MIN_MOVE_MPS && s < MIN_MOVE_MPS) seg = 0;
      seg -= this.oweM;
      this.oweM = seg < 0 ? -seg : 0;
      if (seg > 0) {
        this.segM = seg;
        this.segT0 = this.dT;
      }
    }
    this.jumps = this.drM = 0;
    this.lost = false;
    this.lat = f.lat;
    this.lon = f.lon;
    this.tMs = this.dT = tMs;
    this.v = v;
    return GPS_OK;
  }
}
