// Walks a nested plan step by step without expanding the repeats: each step is found by its
// index in execution order, by arithmetic over the repeats' sizes (totals.ts). That runs once
// per step change; what the session asks every event (step, nextLeaf) is then a field read.
// The plan is kept as its JSON text and parsed at each step change: on the watch a plan as
// objects costs about twice the RAM of its text, and only two of its leaves are needed at a time.

import type { Node, Plan, Repeat, Step } from "../plan";
import { planTotals } from "./totals";

export { planTotals } from "./totals";

export class Cursor {
  /** the plan's steps as JSON */
  json: string;
  /** the current leaf (a copy); null after the last one */
  step!: Step | null;
  /** the leaf after the current one (it does not move the cursor) */
  nextLeaf!: Step | null;
  /** 0-based index of the current leaf in execution order (= number of leaves after the end) */
  idx: number;
  /** 1-based number of the current or most recent "work" step; 0 before the first */
  rep: number;
  /** "work" steps in the expanded plan */
  reps: number;
  /**
   * Where the current leaf is in its repeats: "3/6" in a repeat, "set 2/3, 3/6" two deep
   * (only the two innermost levels); "" outside repeats or after the end. On a between
   * step it counts the rounds already run.
   */
  where!: string;

  constructor(plan: Plan) {
    this.json = JSON.stringify(plan.steps);
    this.reps = planTotals(plan).reps;
    this.rep = 0;
    // next() moves to the first leaf
    this.idx = -1;
    this.next();
  }

  /**
   * Advances to the next leaf, or on to leaf `to` (a resume: the plan is read once), and returns
   * it (null at the end, and from then on).
   */
  next(to?: number): Step | null {
    // (inside: on the watch it exists only while the cursor moves)
    /**
     * The leaf at execution index i of list (null past the end). For every repeat it descends
     * into it pushes "round/count" to rounds (outermost first, round 1-based); on a between
     * step the round is the number of rounds already run.
     */
    function leafAt(list: Node[], i: number, rounds: string[]): Step | null {
      for (let k = 0; k < list.length; k++) {
        const n = list[k] as Repeat;
        if (n.repeat === undefined) {
          if (i === 0) return n as Node as Step;
          i--;
          continue;
        }
        const body = planTotals(n).steps;
        // a round is the body plus the between step that follows it (none after the last)
        const round = n.between ? body + 1 : body;
        const size = n.repeat * body + (n.between ? n.repeat - 1 : 0);
        if (i < size) {
          const r = Math.floor(i / round);
          rounds.push(r + 1 + "/" + n.repeat);
          i -= r * round;
          return i < body ? leafAt(n.steps, i, rounds) : (n.between as Step);
        }
        i -= size;
      }
      return null;
    }
    const steps: Node[] = JSON.parse(this.json);
    const end = to === undefined ? this.idx + 1 : to;
    let rounds: string[] = [];
    while (this.step !== null && this.idx < end) {
      rounds = [];
      const s = (this.step = leafAt(steps, ++this.idx, rounds));
      if (s && s.kind === "work") this.rep++;
    }
    this.nextLeaf = leafAt(steps, this.idx + 1, []);
    // the two innermost repeats: "3/6", or "set 2/3, 3/6"
    const n = rounds.length;
    this.where = n ? (n > 1 ? "set " + rounds[n - 2] + ", " : "") + rounds[n - 1] : "";
    return this.step;
  }
}
