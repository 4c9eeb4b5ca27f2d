// The workout plan as stored (versioned JSON) and as the engine walks it.
// The JSON form and the in-RAM form are the same objects: no conversion on the watch.

export type StepKind = "warmup" | "stride" | "work" | "recovery" | "cooldown" | "rest";

/** How a step ends. Exactly one of time / dist / lap / hrBelow / hrAbove is set. */
export interface End {
  /** seconds */
  time?: number;
  /** metres */
  dist?: number;
  /** ends when the runner presses the lap control */
  lap?: 1;
  /** ready when HR < hrBelow bpm held for holdS, not before minS, at the latest maxS */
  hrBelow?: number;
  minS?: number;
  holdS?: number;
  /** cap in seconds (hrBelow, hrAbove) */
  maxS?: number;
  /** ends when HR rises above this bpm (or at maxS) */
  hrAbove?: number;
}

/** Pace relative to the runner's goal race, resolved to an absolute band at session start. */
export interface PaceRef {
  /** race distance in metres whose predicted pace is the reference (e.g. 5000) */
  race: number;
  /** seconds per km added to that pace (negative = faster) */
  offS?: number;
  /** half width of the band in s/km */
  bandS?: number;
}

export interface Step {
  kind: StepKind;
  end: End;
  /** target pace band [fast, slow] in s/km, or a reference resolved at start */
  pace?: [number, number] | PaceRef;
  /** target HR band [low, high] bpm */
  hr?: [number, number];
  /** minimum cadence, steps/min */
  minCad?: number;
  /** short text shown on the watch */
  label?: string;
}

export interface Repeat {
  repeat: number;
  steps: Node[];
  /** step inserted between iterations (not after the last), e.g. 3 min between sets */
  between?: Step;
}

export type Node = Step | Repeat;

export interface Plan {
  v: 1;
  name: string;
  /** one line shown on the watch */
  note?: string;
  steps: Node[];
}
