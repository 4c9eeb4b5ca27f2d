// Session time without a monotonic clock. The watch's wall clock jumps when the phone sets
// the time, but timers keep their real spacing, so the 1 Hz tick is the reference: each tick
// advances session time by the wall-clock gap since the previous tick when that gap is
// plausible, and by the nominal tick period when it is not (a jump, or time going backwards).
// Other events are placed after the last tick by their wall time.

export const TICK_MS = 1000;
/** a gap between ticks longer than this is a clock jump, not a stall */
const MAX_TICK_GAP_MS = 5000;

export class MonoClock {
  /** session ms at the last tick */
  tickMono: number;
  /** wall ms at the last tick */
  tickWall: number;
  /** last value handed out, so session time never goes backwards */
  last: number;
  /** number of clock jumps detected */
  jumps: number;

  constructor(wallMs: number) {
    this.tickMono = 0;
    this.tickWall = wallMs;
    this.last = 0;
    this.jumps = 0;
  }

  /** a tick at wall time wallMs; returns session ms (never before the last value handed out) */
  tick(wallMs: number): number {
    let dt = wallMs - this.tickWall;
    if (!(dt >= 0 && dt <= MAX_TICK_GAP_MS)) {
      dt = TICK_MS;
      this.jumps++;
    }
    this.tickWall = wallMs;
    const t = this.tickMono + dt;
    return (this.tickMono = this.last = t < this.last ? this.last : t);
  }

  /** any other event at wall time wallMs; returns session ms (never before the last value handed out) */
  at(wallMs: number): number {
    const dt = wallMs - this.tickWall;
    // an implausible gap means the wall clock jumped since the tick: hold time still until
    // the next tick re-anchors it
    const t = dt >= 0 && dt <= MAX_TICK_GAP_MS ? this.tickMono + dt : this.last;
    return (this.last = t < this.last ? this.last : t);
  }
}
