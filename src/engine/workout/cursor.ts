// Walks a nested plan step by step without expanding the repeats: each step is found by its
// index in execution order, by arithmetic over the repeats' sizes (totals.ts). That runs once
// per step change; what the session asks every event (step, nextLeaf) is then a field read.
// The plan is kept as its JSON text and parsed at each step change: on the watch a plan as
// objects costs about twice the RAM of its text, and only two of its leaves are needed at a time.

import type { Node, Plan, Repeat, Step } from "../plan";
import { planTotals } from "./totals";
import { SHORT_PCT } from "../rules";

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
  /**
   * The form guard's set (README "Form guard"): the execution index just past the innermost
   * repeat holding the current leaf (all rounds of it), or 1e6 outside repeats (the rest of the
   * plan; small enough for a log event's value).
   */
  end!: number;
  /** the work leaves before this index that are still to come are shortened to SHORT_PCT % (0: none) */
  cut: number;

  constructor(plan: Plan) {
    this.json = JSON.stringify(plan.steps);
    this.reps = planTotals(plan).reps;
    this.rep = this.cut = 0;
    // next() moves to the first leaf
    this.idx = -1;
    this.next();
  }

  /**
   * Advances to the next leaf, or on to leaf `to` (a resume: the plan is read once), and returns
   * it (null at the end, and from then on). next(idx) stays put and only reads the leaves again
   * (after `cut` changed).
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
          // this repeat spans execution indices at - i .. at - i + size (the innermost one is set last)
          setEnd = at - i + size;
          const r = Math.floor(i / round);
          rounds.push(r + 1 + "/" + n.repeat);
          i -= r * round;
          return i < body ? leafAt(n.steps, i, rounds) : (n.between as Step);
        }
        i -= size;
      }
      return null;
    }
    /** leaf l at index i, as a shortened copy when the form guard's cut covers it (a repeat's rounds share one object) */
    function short(l: Step | null, i: number, cut: number): Step | null {
      if (!l || l.kind !== "work" || i >= cut) return l;
      const c: Step = Object.assign({}, l);
      const e = (c.end = Object.assign({}, l.end));
      if (e.dist !== undefined) e.dist = Math.round((e.dist * SHORT_PCT) / 100);
      if (e.time !== undefined) e.time = Math.round((e.time * SHORT_PCT) / 100);
      c.label = "Short";
      return c;
    }
    const steps: Node[] = JSON.parse(this.json);
    const end = to === undefined ? this.idx + 1 : to;
    let rounds: string[] | null = null;
    let at = 0;
    let setEnd = 0;
    while (this.step !== null && this.idx < end) {
      rounds = [];
      at = ++this.idx;
      setEnd = 1e6;
      const s = (this.step = short(leafAt(steps, at, rounds), at, this.cut));
      if (s && s.kind === "work") this.rep++;
      this.end = setEnd;
    }
    at = this.idx + 1;
    this.nextLeaf = short(leafAt(steps, at, []), at, this.cut);
    // the two innermost repeats: "3/6", or "set 2/3, 3/6" (kept when the cursor stayed put)
    const n = rounds ? rounds.length : -1;
    if (rounds) this.where = n ? (n > 1 ? "set " + rounds[n - 2] + ", " : "") + rounds[n - 1] : "";
    return this.step;
  }
}
