// Checks a workout (JSON text or an already parsed object) and says, in words a runner
// understands, which step is wrong and why. The accepted object is returned as is: the
// JSON form is the in-RAM form (plan.ts), so nothing is copied on the watch.

import type { Plan } from "../plan";
import * as L from "./limits";
import { expandedCount } from "./totals";
import { STEP_KINDS } from "../log/records";

export type ParseResult = { ok: true; plan: Plan } | { ok: false; error: string };

/** the step kinds: the log's code table is the one list */
const KINDS: readonly string[] = STEP_KINDS;
const ENDS = ["time", "dist", "lap", "hrBelow", "hrAbove"];
const PLAN_KEYS = ["v", "name", "note", "steps"];
const STEP_KEYS = ["kind", "end", "pace", "hr", "minCad", "label"];
const REPEAT_KEYS = ["repeat", "steps", "between"];
const END_KEYS = ["time", "dist", "lap", "hrBelow", "minS", "holdS", "maxS", "hrAbove"];
const REF_KEYS = ["race", "offS", "bandS"];

/** Thrown inside the checker and turned into { ok: false } at the top. */
class Bad {
  msg: string;
  constructor(msg: string) {
    this.msg = msg;
  }
}

function fail(msg: string): never {
  throw new Bad(msg);
}

/** How a value looks in a message. */
function show(x: unknown): string {
  if (typeof x === "string") return '"' + (x.length > 16 ? x.substr(0, 16) + "..." : x) + '"';
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  if (typeof x === "object") return "an object";
  return String(x);
}

function isObj(x: unknown): x is { [k: string]: unknown } {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isNum(x: unknown): x is number {
  return typeof x === "number" && isFinite(x);
}

function inRange(x: unknown, lo: number, hi: number): boolean {
  return isNum(x) && x >= lo && x <= hi;
}

// Only ever asked about the format's own key names, so no hasOwnProperty (a key named
// "hasOwnProperty" in the input would shadow it).
function has(o: { [k: string]: unknown }, k: string): boolean {
  return o[k] !== undefined;
}

function onlyKeys(o: { [k: string]: unknown }, allowed: string[], where: string, inside: string): void {
  for (const k in o) {
    if (allowed.indexOf(k) < 0) {
      fail(where + ": unknown key " + show(k) + inside + " (allowed: " + allowed.join(", ") + ")");
    }
  }
}

function mmss(s: number): string {
  return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
}

function checkRange(x: unknown, lo: number, hi: number, where: string, what: string, range: string): void {
  if (!inRange(x, lo, hi)) fail(where + ": " + what + " must be between " + range + " (got " + show(x) + ")");
}

const TIME_RANGE = L.MIN_TIME_S + " s and " + L.MAX_TIME_S / 3600 + " h";
const BPM_RANGE = L.MIN_BPM + " and " + L.MAX_BPM + " bpm";

function checkTime(x: unknown, where: string, what: string): void {
  checkRange(x, L.MIN_TIME_S, L.MAX_TIME_S, where, what, TIME_RANGE);
}

function checkEnd(e: unknown, where: string): void {
  const need = where + ': "end" needs one of ' + ENDS.join(", ");
  if (!isObj(e)) fail(need);
  onlyKeys(e, END_KEYS, where, ' in "end"');
  let which = "";
  for (let i = 0; i < ENDS.length; i++) {
    if (!has(e, ENDS[i])) continue;
    if (which) fail(where + ': "end" has both ' + which + " and " + ENDS[i] + "; use only one");
    which = ENDS[i];
  }
  if (!which) fail(need);
  if (which === "time") checkTime(e.time, where, "a time");
  else if (which === "dist")
    checkRange(e.dist, L.MIN_DIST_M, L.MAX_DIST_M, where, "a distance", L.MIN_DIST_M + " m and " + L.MAX_DIST_M / 1000 + " km");
  else if (which === "lap") {
    if (e.lap !== 1) fail(where + ': "lap" must be 1 (got ' + show(e.lap) + ")");
  } else checkRange(e[which], L.MIN_BPM, L.MAX_BPM, where, "the heart rate in " + show(which), BPM_RANGE);

  const gated = which === "hrBelow" || which === "hrAbove";
  if (has(e, "maxS")) {
    if (!gated) fail(where + ': "maxS" only goes with "hrBelow" or "hrAbove"');
    checkTime(e.maxS, where, '"maxS" (the longest wait)');
  }
  if (which === "hrBelow") {
    if (!has(e, "maxS")) fail(where + ': "hrBelow" needs "maxS", the longest wait in seconds (e.g. 180)');
    if (has(e, "minS")) {
      checkRange(e.minS, 0, L.MAX_TIME_S, where, '"minS" (the shortest rest)', "0 s and " + L.MAX_TIME_S / 3600 + " h");
      if ((e.minS as number) > (e.maxS as number))
        fail(where + ': "minS" (' + e.minS + ' s) must not be more than "maxS" (' + e.maxS + " s)");
    }
    if (has(e, "holdS")) checkRange(e.holdS, 0, L.MAX_HOLD_S, where, '"holdS" (how long HR must stay low)', "0 and " + L.MAX_HOLD_S + " s");
  } else {
    if (has(e, "minS")) fail(where + ': "minS" only goes with "hrBelow"');
    if (has(e, "holdS")) fail(where + ': "holdS" only goes with "hrBelow"');
  }
}

function checkPace(p: unknown, where: string): void {
  if (Array.isArray(p)) {
    const paces = "paces must be between " + mmss(L.MIN_PACE_S) + " and " + mmss(L.MAX_PACE_S) + " per km, in seconds";
    if (p.length !== 2) fail(where + ': "pace" must be [fast, slow] in seconds per km, e.g. [240, 250]');
    for (let i = 0; i < 2; i++) {
      if (!inRange(p[i], L.MIN_PACE_S, L.MAX_PACE_S)) fail(where + ": " + paces + " (got " + show(p[i]) + ")");
    }
    if (p[0] >= p[1]) fail(where + ': "pace" must be [fast, slow] with the faster (smaller) number first (got [' + p[0] + ", " + p[1] + "])");
    return;
  }
  if (!isObj(p)) fail(where + ': "pace" must be [fast, slow] in seconds per km or {"race": 5000, "offS": 0} (got ' + show(p) + ")");
  onlyKeys(p, REF_KEYS, where, ' in "pace"');
  checkRange(p.race, L.PACE_MIN_M, L.PACE_MAX_M, where, 'the "race" distance of a pace', L.PACE_MIN_M + " m and " + L.PACE_MAX_M + " m (the pace model's range)");
  if (has(p, "offS")) checkRange(p.offS, L.MIN_PACE_OFF_S, L.MAX_PACE_OFF_S, where, '"offS" of a pace', L.MIN_PACE_OFF_S + " and +" + L.MAX_PACE_OFF_S + " s per km");
  if (has(p, "bandS")) checkRange(p.bandS, L.MIN_BAND_S, L.MAX_BAND_S, where, '"bandS" of a pace', L.MIN_BAND_S + " and " + L.MAX_BAND_S + " s per km");
}

function checkStep(s: unknown, where: string): void {
  if (!isObj(s)) fail(where + ': must be a step like {"kind": "work", "end": {"dist": 400}} (got ' + show(s) + ")");
  onlyKeys(s, STEP_KEYS, where, "");
  if (KINDS.indexOf(s.kind as string) < 0) {
    fail(where + ": " + (has(s, "kind") ? '"kind" must be' : 'missing "kind", which is') + " one of " + KINDS.join(", ") + (has(s, "kind") ? " (got " + show(s.kind) + ")" : ""));
  }
  checkEnd(s.end, where);
  if (has(s, "pace")) checkPace(s.pace, where);
  if (has(s, "hr")) {
    const hr = s.hr;
    if (!Array.isArray(hr) || hr.length !== 2) fail(where + ': "hr" must be [low, high] in bpm, e.g. [140, 155]');
    checkRange(hr[0], L.MIN_BPM, L.MAX_BPM, where, "a heart rate", BPM_RANGE);
    checkRange(hr[1], L.MIN_BPM, L.MAX_BPM, where, "a heart rate", BPM_RANGE);
    if (hr[0] >= hr[1]) fail(where + ': "hr" must be [low, high] with the lower number first (got [' + hr[0] + ", " + hr[1] + "])");
  }
  if (has(s, "minCad")) checkRange(s.minCad, L.MIN_CAD, L.MAX_CAD, where, '"minCad" (steps per minute)', L.MIN_CAD + " and " + L.MAX_CAD);
  if (has(s, "label")) {
    if (typeof s.label !== "string" || s.label.length < 1 || s.label.length > L.MAX_LABEL)
      fail(where + ': "label" must be text of 1 to ' + L.MAX_LABEL + " characters (got " + show(s.label) + ")");
  }
}

/** Running state of one check: leaves and repeats numbered in the order they are written. */
interface Count {
  leaves: number;
  repeats: number;
}

/** "" at the top level, else " (in repeat 2, step 1)" for the innermost enclosing repeat. */
function inside(repeatNo: number, pos: number): string {
  return repeatNo ? " (in repeat " + repeatNo + ", step " + pos + ")" : "";
}

function leafWhere(c: Count, repeatNo: number, pos: number): string {
  c.leaves++;
  if (c.leaves > L.MAX_WRITTEN_STEPS)
    fail("Too many steps: at most " + L.MAX_WRITTEN_STEPS + " written out; use repeats for the rest");
  return "Step " + c.leaves + inside(repeatNo, pos);
}

function checkNodes(list: unknown, c: Count, depth: number, repeatNo: number, where: string): void {
  if (!Array.isArray(list)) fail(where + ': "steps" must be a list (got ' + show(list) + ")");
  if (list.length === 0) fail(where + ': "steps" needs at least one step');
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (isObj(n) && has(n, "repeat")) {
      c.repeats++;
      const no = c.repeats;
      const rw = "Repeat " + no + inside(repeatNo, i + 1);
      if (depth >= L.MAX_DEPTH) fail(rw + ": repeats can be nested at most " + L.MAX_DEPTH + " deep");
      onlyKeys(n, REPEAT_KEYS, rw, "");
      const r = n.repeat;
      if (!inRange(r, 1, L.MAX_REPEAT) || Math.floor(r as number) !== r)
        fail(rw + ': "repeat" must be a whole number from 1 to ' + L.MAX_REPEAT + " (got " + show(r) + ")");
      checkNodes(n.steps, c, depth + 1, no, rw);
      if (has(n, "between")) {
        const b = n.between;
        c.leaves++;
        if (c.leaves > L.MAX_WRITTEN_STEPS)
          fail("Too many steps: at most " + L.MAX_WRITTEN_STEPS + " written out; use repeats for the rest");
        const bw = "Step " + c.leaves + " (between the rounds of repeat " + no + ")";
        if (isObj(b) && has(b, "repeat")) fail(bw + ': "between" must be a single step, not a repeat');
        checkStep(b, bw);
      }
    } else {
      checkStep(n, leafWhere(c, repeatNo, i + 1));
    }
  }
}

function check(input: unknown): Plan {
  let o = input;
  if (typeof input === "string") {
    if (input.length > L.MAX_JSON_CHARS)
      fail("The workout is " + input.length + " characters long; at most " + L.MAX_JSON_CHARS);
    try {
      o = JSON.parse(input);
    } catch (e) {
      fail("The workout is not valid JSON" + (e && (e as Error).message ? ": " + (e as Error).message : ""));
    }
  }
  if (!isObj(o)) fail("A workout must be an object like {\"v\": 1, \"name\": \"...\", \"steps\": [...]} (got " + show(o) + ")");
  if (!has(o, "v")) fail('Missing the format version: add "v": 1');
  if (o.v !== 1) fail("Workout format version " + show(o.v) + " is not supported; this app reads version 1");
  onlyKeys(o, PLAN_KEYS, "The workout", "");
  if (typeof o.name !== "string" || o.name.length < 1 || o.name.length > L.MAX_NAME)
    fail('"name" must be text of 1 to ' + L.MAX_NAME + " characters (got " + show(o.name) + ")");
  if (has(o, "note") && (typeof o.note !== "string" || o.note.length > L.MAX_NOTE))
    fail('"note" must be text of at most ' + L.MAX_NOTE + " characters (got " + show(o.note) + ")");
  checkNodes(o.steps, { leaves: 0, repeats: 0 }, 0, 0, "The workout");
  const total = expandedCount(o.steps as Plan["steps"]);
  if (total > L.MAX_TOTAL_STEPS)
    fail("The workout has " + total + " steps once the repeats are counted; at most " + L.MAX_TOTAL_STEPS);
  if (typeof input !== "string") {
    const len = JSON.stringify(o).length;
    if (len > L.MAX_JSON_CHARS) fail("The workout is " + len + " characters long as JSON; at most " + L.MAX_JSON_CHARS);
  }
  return o as unknown as Plan;
}

/** Accepts JSON text or a parsed object; never throws. */
export function parseWorkout(input: unknown): ParseResult {
  try {
    return { ok: true, plan: check(input) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, error: e.msg };
    return { ok: false, error: "The workout could not be read: " + String(e) };
  }
}
