// Walks a nested plan step by step without expanding the repeats: a stack of
// (node list, index, iteration), at most MAX_DEPTH + 1 frames, allocated once.
// Frame 0 is the plan's top list; frame k > 0 is the body of the repeat at
// frame k-1's index. An index of -1 means "on that repeat's between step".

import type { Node, Plan, Repeat, Step } from "../plan";
import { isRepeat } from "../plan";
import { countKind, expandedCount } from "./totals";

export { planTotals } from "./totals";

/** A position in the plan; Cursor keeps two (its own and a scratch one for look-ahead). */
class Walk {
  lists: Node[][];
  pos: number[];
  iter: number[];
  sp: number;
  step: Step | null;
  constructor(steps: Node[]) {
    // depth is bounded by the validator (3); a deeper hand-built plan still works, the
    // arrays just grow
    this.lists = [steps, steps, steps, steps];
    this.pos = [0, 0, 0, 0];
    this.iter = [0, 0, 0, 0];
    this.sp = 0;
    this.step = null;
    this.settle();
  }

  copyFrom(w: Walk): void {
    for (let i = 0; i <= w.sp; i++) {
      this.lists[i] = w.lists[i];
      this.pos[i] = w.pos[i];
      this.iter[i] = w.iter[i];
    }
    this.sp = w.sp;
    this.step = w.step;
  }

  /** the repeat whose body frame k walks (k > 0) */
  owner(k: number): Repeat {
    return this.lists[k - 1][this.pos[k - 1]] as Repeat;
  }

  /** moves from the current position to the next leaf (or to the end: step = null) */
  settle(): void {
    for (;;) {
      const k = this.sp;
      const list = this.lists[k];
      const i = this.pos[k];
      if (i < 0) {
        this.step = this.owner(k).between as Step;
        return;
      }
      if (i < list.length) {
        const n = list[i];
        if (!isRepeat(n)) {
          this.step = n;
          return;
        }
        if (n.repeat < 1) {
          this.pos[k] = i + 1;
          continue;
        }
        this.sp = k + 1;
        this.lists[k + 1] = n.steps;
        this.pos[k + 1] = 0;
        this.iter[k + 1] = 0;
        continue;
      }
      if (k === 0) {
        this.step = null;
        return;
      }
      const r = this.owner(k);
      if (++this.iter[k] < r.repeat) {
        this.pos[k] = r.between ? -1 : 0;
        continue;
      }
      this.sp = k - 1;
      this.pos[k - 1]++;
    }
  }

  advance(): void {
    if (!this.step) return;
    const k = this.sp;
    this.pos[k] = this.pos[k] < 0 ? 0 : this.pos[k] + 1;
    this.settle();
  }
}

export class Cursor {
  /** the current leaf; null after the last one */
  step: Step | null;
  /** 0-based index of the current leaf in execution order (= total after the end) */
  idx: number;
  /** 1-based number of the current or most recent "work" step; 0 before the first */
  rep: number;
  /** "work" steps in the expanded plan */
  reps: number;
  /** leaves in the expanded plan */
  total: number;
  w: Walk;
  scratch: Walk;
  /** peekWork's answer and the idx it was computed at (the engine asks every tick) */
  pwIdx: number;
  pw: Step | null;

  constructor(plan: Plan) {
    this.w = new Walk(plan.steps);
    this.scratch = new Walk(plan.steps);
    this.step = this.w.step;
    this.idx = 0;
    this.rep = this.step && this.step.kind === "work" ? 1 : 0;
    this.reps = countKind(plan.steps, "work");
    this.total = expandedCount(plan.steps);
    this.pwIdx = -1;
    this.pw = null;
  }

  /** advances to the next leaf and returns it (null at the end, and from then on) */
  next(): Step | null {
    if (!this.step) return null;
    this.w.advance();
    this.step = this.w.step;
    this.idx++;
    if (this.step && this.step.kind === "work") this.rep++;
    return this.step;
  }

  /** the leaf after the current one, without moving */
  peek(): Step | null {
    this.scratch.copyFrom(this.w);
    this.scratch.advance();
    return this.scratch.step;
  }

  /** the next "work" leaf after the current one (for the recovery screen), without moving */
  peekWork(): Step | null {
    if (this.pwIdx === this.idx) return this.pw;
    const s = this.scratch;
    s.copyFrom(this.w);
    do s.advance();
    while (s.step && s.step.kind !== "work");
    this.pwIdx = this.idx;
    this.pw = s.step;
    return s.step;
  }

  /**
   * Where the current leaf is in its repeats: "3/6" in a repeat, "set 2/3, 3/6" two deep
   * (only the two innermost levels); "" outside repeats or after the end. On a between
   * step it counts the rounds already run.
   */
  iter(): string {
    const w = this.w;
    if (!this.step || w.sp === 0) return "";
    const k = w.sp;
    const inner = (w.pos[k] < 0 ? w.iter[k] : w.iter[k] + 1) + "/" + w.owner(k).repeat;
    if (k === 1) return inner;
    return "set " + (w.iter[k - 1] + 1) + "/" + w.owner(k - 1).repeat + ", " + inner;
  }
}
