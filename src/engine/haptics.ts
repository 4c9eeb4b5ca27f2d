// The one owner of the wrist's buzz queue. The watch chains Bangle.buzz calls behind each other,
// so anything issued while a pattern plays is delayed by it. This scheduler issues a pattern only
// when the previous one (plus a gap) is over, never lets an alert start when a boundary is due
// within its length, and drops alerts rather than queueing them: a late alert is noise.

/** pattern ids; PATTERNS[id] alternates buzz and pause lengths in ms */
export const H_REP = 0;
export const H_RECOVERY = 1;
export const H_COUNT = 2;
export const H_STEP = 3;
export const H_END = 4;
export const H_CAD = 5;
export const H_FAST = 6;
export const H_SLOW = 7;

/** quiet time after any pattern, so two patterns never read as one */
const GAP_MS = 400;
/** minimum spacing between two alerts */
const ALERT_GAP_MS = 5000;

export const PATTERNS: number[][] = [
  [600], // rep start: one long
  [150, 150, 400], // recovery start: short then long ("ease off")
  [70], // countdown tick, 3-2-1 into a rep
  [250, 150, 250], // any other step change (warm-up done, stride, cool-down)
  [500, 200, 500, 200, 500], // session end
  [80, 80, 80, 80, 80], // cadence drop: three quick
  [60, 120, 60], // too fast: two very short
  [300, 120, 300, 120, 300], // too slow: three medium
];
/** 3 boundary, 2 countdown, 1 alert */
const PRIORITY = [3, 3, 2, 3, 3, 1, 1, 1];

export function patternMs(id: number): number {
  let ms = 0;
  for (const p of PATTERNS[id]) ms += p;
  return ms;
}

export class Haptics {
  /** session ms until which the wrist is busy (pattern + gap) */
  busyUntil: number;
  lastAlert: number;
  /** session ms of the next expected boundary (Infinity when unknown) */
  boundaryAt: number;
  play: (id: number, delayMs: number) => void;

  constructor(play: (id: number, delayMs: number) => void) {
    this.play = play;
    this.busyUntil = -1e9;
    this.lastAlert = -1e9;
    this.boundaryAt = Infinity;
  }

  /** asks for pattern id at session time tMs, to start delayMs from now; returns whether it was issued */
  request(id: number, tMs: number, delayMs: number): boolean {
    const prio = PRIORITY[id];
    const startAt = tMs + delayMs;
    const len = patternMs(id) + GAP_MS;
    if (prio < 3 && startAt < this.busyUntil) return false;
    if (prio === 1) {
      if (tMs - this.lastAlert < ALERT_GAP_MS || startAt + len > this.boundaryAt) return false;
      this.lastAlert = tMs;
    }
    // a boundary never waits for less than a pattern already playing: it is delayed at most by that
    const at = startAt < this.busyUntil ? this.busyUntil : startAt;
    this.busyUntil = at + len;
    this.play(id, at - tMs);
    return true;
  }
}
