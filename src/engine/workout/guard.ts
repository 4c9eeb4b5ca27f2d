// What the watch checks of a workout file before and after it parses it. Anyone with the App
// Loader or the REPL can write a speedseq.w*.json, so the watch cannot trust one, but it cannot
// afford the validator either (validate.ts: off the watch). Its JSON parser recurses and so does
// freeing what it parsed: a file nested a few hundred deep stops the interpreter, and a large one
// takes the RAM a session needs. So the text is measured first (size, then bracket depth, by a
// scan that keeps no stack), and only a text within the format's limits is parsed; the parsed
// plan is then walked with an explicit stack, never by recursion. Each check answers "" or the
// reason, short enough for a prompt on the watch. Bundled into the list and pre-start files only.
import { MAX_DEPTH, MAX_JSON_CHARS, MAX_WRITTEN_STEPS, MAX_TOTAL_STEPS, MAX_REPEAT, MAX_NAME, MAX_NOTE, MAX_LABEL } from "./limits";
import { MIN_TIME_S, MAX_TIME_S, MIN_DIST_M, MAX_DIST_M, MIN_BPM, MAX_BPM, MIN_PACE_S, MAX_PACE_S, PACE_MIN_M, PACE_MAX_M } from "./limits";
import { STEP_KINDS } from "../log/records";

/**
 * Brackets a plan within the limits can open: the plan, its steps, two per repeat level (the
 * repeat and its steps), the step, and the step's end, pace or hr.
 */
export const MAX_BRACKETS = 2 * MAX_DEPTH + 4;

/**
 * Why text cannot be parsed on the watch ("" when it may be). The watch's parser reads more than
 * JSON (single quotes, backticks, comments), so outside double-quoted strings those characters
 * are refused: what is left is JSON, whose bracket depth is counted exactly. A loop over every
 * character costs the watch about a second per 4 KB, so the usual text (no backslash) is done with
 * the firmware's own string functions: strings cut out, then everything but brackets, then the
 * innermost pairs removed once per level of depth.
 */
export function textProblem(t: string | undefined): string {
  if (!t) return "the file is empty";
  if (t.length > MAX_JSON_CHARS) return t.length + " bytes, at most " + MAX_JSON_CHARS;
  // the parser makes a key __proto__ the object's prototype: the plan's fields could come from it
  if (t.indexOf("__proto__") >= 0) return "it has a __proto__ key";
  if (t.indexOf("\\") >= 0) return escapedProblem(t);
  // without a backslash no string holds a quote
  const u = t.replace(/"[^"]*"/g, "");
  // ' ` / outside a string: not JSON; a quote left: a string cut short
  if (u.indexOf("'") >= 0 || u.indexOf("`") >= 0 || u.indexOf("/") >= 0) return "not JSON";
  if (u.indexOf('"') >= 0) return "not JSON (cut short?)";
  let b = u.replace(/[^\[\]{}]/g, "");
  for (let d = 0; b; d++) {
    if (d >= MAX_BRACKETS) return "nested too deep (repeats at most " + MAX_DEPTH + " deep)";
    const c = b.replace(/[\[{][\]}]/g, "");
    if (c === b) return "not JSON (cut short?)";
    b = c;
  }
  return "";
}

/** textProblem for text with a backslash (a string may hold an escaped quote): one character at a time */
function escapedProblem(t: string): string {
  let d = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) {
      // a string: on to its closing quote (one not escaped by an odd run of backslashes)
      let j = i;
      for (;;) {
        j = t.indexOf('"', j + 1);
        if (j < 0) return "not JSON (cut short?)";
        let k = j;
        while (t.charCodeAt(k - 1) === 92) k--;
        if ((j - k) % 2 === 0) break;
      }
      i = j;
    } else if (c === 91 || c === 123) {
      if (++d > MAX_BRACKETS) return "nested too deep (repeats at most " + MAX_DEPTH + " deep)";
    } else if (c === 93 || c === 125) d--;
    // ' ` / \ outside a string: not JSON
    else if (c === 39 || c === 96 || c === 47 || c === 92) return "not JSON";
  }
  return "";
}

function num(x: any, lo: number, hi: number): boolean {
  return typeof x === "number" && x >= lo && x <= hi;
}

function isObj(x: any): boolean {
  return !!x && typeof x === "object" && !Array.isArray(x);
}

/** a number in [lo, hi] or undefined: for the optional fields */
function opt(x: any, lo: number, hi: number): boolean {
  return x === undefined || num(x, lo, hi);
}

/** what is wrong with a step ("" when nothing the watch reads is): its kind, end, pace, hr, minCad or label */
function stepProblem(s: any): string {
  if (!isObj(s) || STEP_KINDS.indexOf(s.kind) < 0) return "kind";
  const e = s.end;
  if (!isObj(e)) return "end";
  // exactly one way to end, in its range; an hrBelow end needs its cap
  let n = 0;
  let ok = true;
  if (e.time !== undefined) n++, (ok = num(e.time, MIN_TIME_S, MAX_TIME_S));
  if (e.dist !== undefined) n++, (ok = num(e.dist, MIN_DIST_M, MAX_DIST_M));
  if (e.lap !== undefined) n++, (ok = e.lap === 1);
  if (e.hrBelow !== undefined) n++, (ok = num(e.hrBelow, MIN_BPM, MAX_BPM) && e.maxS !== undefined);
  if (e.hrAbove !== undefined) n++, (ok = num(e.hrAbove, MIN_BPM, MAX_BPM));
  if (n !== 1 || !ok || !opt(e.maxS, MIN_TIME_S, MAX_TIME_S) || !opt(e.minS, 0, MAX_TIME_S) || !opt(e.holdS, 0, MAX_TIME_S)) return "end";
  const p = s.pace;
  if (p !== undefined && !(Array.isArray(p) ? p.length === 2 && num(p[0], MIN_PACE_S, MAX_PACE_S) && num(p[1], p[0], MAX_PACE_S) :
    isObj(p) && num(p.race, PACE_MIN_M, PACE_MAX_M) && opt(p.offS, -MAX_PACE_S, MAX_PACE_S) && opt(p.bandS, 0, MAX_PACE_S)))
    return "pace";
  const h = s.hr;
  if (h !== undefined && !(Array.isArray(h) && h.length === 2 && num(h[0], MIN_BPM, MAX_BPM) && num(h[1], MIN_BPM, MAX_BPM))) return "hr";
  if (!opt(s.minCad, 0, 1000)) return "minCad";
  return s.label !== undefined && !(typeof s.label === "string" && s.label.length <= MAX_LABEL) ? "label" : "";
}

/**
 * Why a parsed plan cannot be run on the watch ("" when it can): its shape, the limits of the
 * format, and every field the session reads, with the right type in a range it can use. Steps
 * are numbered as written (a repeat's between step after its body), as the validator does.
 */
export function planProblem(p: any): string {
  if (!isObj(p)) return "not JSON (damaged?)";
  if (p.v !== 1) return p.v > 1 ? "made for a newer app (format " + p.v + ")" : "not a workout (no \"v\": 1)";
  if (typeof p.name !== "string" || p.name.length < 1 || p.name.length > MAX_NAME) return "its name must be 1 to " + MAX_NAME + " characters";
  if (p.note !== undefined && !(typeof p.note === "string" && p.note.length <= MAX_NOTE)) return "its note must be at most " + MAX_NOTE + " characters";
  // frames of the walk, innermost last: [list, next index, times each node of it runs, repeats
  // it is inside, and for a between step's own frame the number of its repeat (else 0)]
  const st: any[] = [p.steps, 0, 1, 0, 0];
  let leaves = 0;
  let total = 0;
  let rep = 0;
  while (st.length) {
    const f = st.length - 5;
    const list = st[f], i = st[f + 1], times = st[f + 2], depth = st[f + 3], of = st[f + 4];
    if (!Array.isArray(list) || !list.length) return (f ? "repeat " + rep : "the workout") + " needs a list of steps";
    if (i >= list.length) {
      // (splice: assigning an array's length throws on the watch)
      st.splice(f, 5);
      continue;
    }
    st[f + 1] = i + 1;
    const n = list[i];
    if (!of && isObj(n) && n.repeat !== undefined) {
      rep++;
      if (depth >= MAX_DEPTH) return "repeats nested more than " + MAX_DEPTH + " deep";
      if (!num(n.repeat, 1, MAX_REPEAT) || Math.floor(n.repeat) !== n.repeat) return "repeat " + rep + ": 1 to " + MAX_REPEAT + " times";
      // the between step after the body (it is written, and numbered, after it)
      if (n.between !== undefined) st.push([n.between], 0, times * (n.repeat - 1), depth, rep);
      st.push(n.steps, 0, times * n.repeat, depth + 1, 0);
      continue;
    }
    const w = stepProblem(n);
    if (w) return "step " + (leaves + 1) + (of ? " (between the rounds of repeat " + of + ")" : "") + ": its " + w + " is wrong";
    if (++leaves > MAX_WRITTEN_STEPS) return "more than " + MAX_WRITTEN_STEPS + " steps";
    if ((total += times) > MAX_TOTAL_STEPS) return "more than " + MAX_TOTAL_STEPS + " steps with the repeats";
  }
  return "";
}
