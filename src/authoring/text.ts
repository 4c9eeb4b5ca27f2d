// The workout text: a few lines a runner can type (close to intervals.icu: `10m warm-up`, `6x`,
// `- 400mtr 5k pace-3s`, `press lap`), read into the watch's workout JSON (src/engine/plan.ts).
// The grammar is docs/workout-syntax.md. Every error names its line and column. Pure: no Node
// or DOM, so the page, the phone app and the CLI all use it.

import type { End, Node, PaceRef, Plan, Repeat, Step, StepKind } from "../engine/plan";
import * as L from "../engine/workout/limits";
import { parseWorkout } from "../engine/workout/validate";
import { expandedCount } from "../engine/workout/totals";
import { HALF_M, MARATHON_M, MILE_M, MILE_RACE_M, shifted } from "./units";

export interface TextError {
  /** 1-based line */
  line: number;
  /** 1-based column (characters from the line's start) */
  col: number;
  /** characters the error is about (at least 1) */
  len: number;
  message: string;
}

export type TextResult = { ok: true; plan: Plan } | { ok: false; errors: TextError[] };

/** "3:9: message" */
export function formatError(e: TextError): string {
  return e.line + ":" + e.col + ": " + e.message;
}

/** errors reported at most, so a pasted novel does not make a thousand */
const MAX_ERRORS = 20;

/** the kind words; the first of each is the one the printer writes */
export const KIND_WORDS: { [w: string]: StepKind } = {
  "warm-up": "warmup",
  warmup: "warmup",
  stride: "stride",
  strides: "stride",
  work: "work",
  rep: "work",
  recovery: "recovery",
  recover: "recovery",
  jog: "recovery",
  walk: "recovery",
  "cool-down": "cooldown",
  cooldown: "cooldown",
  rest: "rest",
};

const TIME_UNITS: { [u: string]: number } = { h: 3600, hr: 3600, hrs: 3600, m: 60, min: 60, mins: 60, s: 1, sec: 1, secs: 1 };
const DIST_UNITS = ["mtr", "mtrs", "km", "mi"];

class Stop {
  constructor(readonly e: TextError) {}
}

interface Tok {
  /** num: digits with a unit glued on; clock: m:ss; word; str: a JSON string; sym */
  t: "num" | "clock" | "word" | "str" | "sym";
  raw: string;
  /** lower-case raw (words), the unit (num), the symbol (sym) */
  v: string;
  /** the number's digits (num), the decoded text (str) */
  n: string;
  col: number;
}

interface Src {
  no: number;
  /** leading spaces */
  indent: number;
  /** the line without its indentation and comment, trimmed at the end */
  body: string;
  /** column of body's first character */
  col: number;
  /** "empty": whitespace only; "comment": nothing but a comment */
  kind: "empty" | "comment" | "line";
  tabAt: number;
}

function err(line: number, col: number, len: number, message: string): TextError {
  return { line: line, col: col, len: Math.max(1, len), message: message };
}

/** where a JSON string starting at s[i] (a quote) ends: the index after its closing quote, or -1 */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charAt(j);
    if (c === "\\") j++;
    else if (c === '"') return j + 1;
  }
  return -1;
}

function splitLines(text: string): Src[] {
  const raw = text.split(/\r\n|\r|\n/);
  const out: Src[] = [];
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k];
    let i = 0;
    let tabAt = 0;
    while (i < s.length && (s.charAt(i) === " " || s.charAt(i) === "\t")) {
      if (s.charAt(i) === "\t" && !tabAt) tabAt = i + 1;
      i++;
    }
    const rest = s.slice(i);
    let end = rest.length;
    // a comment starts at # outside a label; name: and note: lines keep every character
    if (!/^(name|note)\s*:/i.test(rest)) {
      for (let j = 0; j < rest.length; j++) {
        const c = rest.charAt(j);
        if (c === '"') {
          const e = stringEnd(rest, j);
          if (e < 0) break;
          j = e - 1;
        } else if (c === "#") {
          end = j;
          break;
        }
      }
    }
    const body = rest.slice(0, end).replace(/\s+$/, "");
    const kind = body ? "line" : end < rest.length ? "comment" : "empty";
    out.push({ no: k + 1, indent: i, body: body, col: i + 1, kind: kind, tabAt: tabAt });
  }
  return out;
}

const SYMS = ["+/-", "+-", ">=", "\u2265", "\u00b1", "<", ">", "+", "-", "/", ":"];

function lex(src: Src, from: number): Tok[] {
  const s = src.body;
  const toks: Tok[] = [];
  let i = from;
  while (i < s.length) {
    const c = s.charAt(i);
    const col = src.col + i;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    const rest = s.slice(i);
    let m: RegExpMatchArray | null;
    if (c === '"') {
      const e = stringEnd(s, i);
      if (e < 0) throw new Stop(err(src.no, col, s.length - i, 'this label has no closing "'));
      const raw = s.slice(i, e);
      let text: string;
      try {
        text = JSON.parse(raw);
      } catch (x) {
        throw new Stop(err(src.no, col, raw.length, "this label is not a valid quoted text (write \\\" for a quote, \\\\ for a backslash)"));
      }
      toks.push({ t: "str", raw: raw, v: "", n: text, col: col });
      i = e;
    } else if ((m = rest.match(/^(\d+):(\d\d(\.\d+)?)(?![\d.:])/))) {
      toks.push({ t: "clock", raw: m[0], v: "", n: m[0], col: col });
      i += m[0].length;
    } else if ((m = rest.match(/^(\d+(\.\d+)?)([A-Za-z]*)/))) {
      if (!m[3] && /^[.:]/.test(rest.slice(m[0].length)))
        throw new Stop(err(src.no, col, m[0].length + 1, "can't read the number " + JSON.stringify(rest.split(/\s/)[0])));
      toks.push({ t: "num", raw: m[0], v: m[3].toLowerCase(), n: m[1], col: col });
      i += m[0].length;
    } else if ((m = rest.match(/^[A-Za-z]+(-[A-Za-z]+)*/))) {
      toks.push({ t: "word", raw: m[0], v: m[0].toLowerCase(), n: "", col: col });
      i += m[0].length;
    } else {
      let sym = "";
      for (let k = 0; k < SYMS.length; k++) if (rest.slice(0, SYMS[k].length) === SYMS[k]) {
        sym = SYMS[k];
        break;
      }
      if (!sym) throw new Stop(err(src.no, col, 1, "unexpected character " + JSON.stringify(c)));
      toks.push({ t: "sym", raw: sym, v: sym, n: "", col: col });
      i += sym.length;
    }
  }
  return toks;
}

function inRange(x: number, lo: number, hi: number): boolean {
  return x >= lo && x <= hi;
}

/** reads one step from its tokens; throws Stop at the first problem */
function readStep(toks: Tok[], src: Src, lineEndCol: number): Step {
  let k = 0;
  const no = src.no;
  let end: End | undefined;
  let endTok: Tok | undefined;
  let kind: StepKind | undefined;
  let kindTok: Tok | undefined;
  let pace: Step["pace"] | undefined;
  let paceTok: Tok | undefined;
  let hr: [number, number] | undefined;
  let minCad: number | undefined;
  let label: string | undefined;
  const opts: { [k: string]: { s: number; tok: Tok } } = {};

  const at = (t: Tok | undefined, msg: string, len?: number): never => {
    if (!t) throw new Stop(err(no, lineEndCol, 1, msg));
    throw new Stop(err(no, t.col, len === undefined ? t.raw.length : len, msg));
  };
  const peek = (d = 0): Tok | undefined => toks[k + d];
  const isSym = (t: Tok | undefined, ...v: string[]) => !!t && t.t === "sym" && v.indexOf(t.v) >= 0;
  const isWord = (t: Tok | undefined, ...v: string[]) => !!t && t.t === "word" && v.indexOf(t.v) >= 0;
  const setEnd = (e: End, t: Tok) => {
    if (end) at(t, "this step already ends at " + JSON.stringify(endTok!.raw) + " (column " + endTok!.col + "); a step has one end");
    end = e;
    endTok = t;
  };
  /** a duration made of parts in falling units (1h20m, 2m 30s); k is at its first part */
  const duration = (): { s: number; tok: Tok; len: number } => {
    const first = toks[k];
    let total = 0;
    let last = Infinity;
    let scaled = false;
    let endCol = first.col;
    while (k < toks.length && toks[k].t === "num" && TIME_UNITS[toks[k].v] !== undefined && TIME_UNITS[toks[k].v] < last) {
      const t = toks[k];
      const u = TIME_UNITS[t.v];
      if (u > 1) scaled = true;
      total += Number(t.n) * u;
      last = u;
      endCol = t.col + t.raw.length;
      k++;
    }
    // minutes and hours with decimals, to the millisecond (0.1m is 6 s, not 6.000000000000001)
    if (scaled) total = Math.round(total * 1000) / 1000;
    return { s: total, tok: first, len: endCol - first.col };
  };

  const paceBand = () => {
    // ±8s after a pace: the band's half width
    if (!isSym(peek(), "\u00b1", "+-", "+/-")) return 0;
    const b = toks[k++];
    const n = peek();
    if (!n || n.t !== "num" || (n.v !== "s" && n.v !== "sec")) at(n, "a band is seconds per km, e.g. \u00b18s");
    k++;
    const v = Number(n!.n);
    if (!inRange(v, L.MIN_BAND_S, L.MAX_BAND_S)) at(b, "a band must be between \u00b1" + L.MIN_BAND_S + "s and \u00b1" + L.MAX_BAND_S + "s (got \u00b1" + n!.n + "s)", n!.col + n!.raw.length - b.col);
    return v;
  };

  const clockS = (t: Tok): number => {
    const p = t.n.split(":");
    return Number(p[0]) * 60 + Number(p[1]);
  };

  const racePace = (t: Tok, race: number) => {
    // k is after the race token; the next is "pace"
    k++;
    if (!inRange(race, L.PACE_MIN_M, L.PACE_MAX_M))
      at(t, "the race of a pace must be between " + L.PACE_MIN_M + " m and " + L.PACE_MAX_M + " m (the pace model's range; got " + race + " m)");
    const ref: PaceRef = { race: race };
    const s = peek();
    if (isSym(s, "+", "-")) {
      const n = peek(1);
      if (!n || n.t !== "num" || (n.v !== "s" && n.v !== "sec")) at(n || s, "an offset from race pace is seconds per km, e.g. " + t.raw + " pace" + s!.v + "5s");
      k += 2;
      const off = (s!.v === "-" ? -1 : 1) * Number(n!.n);
      if (!inRange(off, L.MIN_PACE_OFF_S, L.MAX_PACE_OFF_S))
        at(s, "an offset from race pace must be between " + L.MIN_PACE_OFF_S + "s and +" + L.MAX_PACE_OFF_S + "s per km", n!.col + n!.raw.length - s!.col);
      ref.offS = off;
    }
    const band = paceBand();
    if (band) ref.bandS = band;
    return ref;
  };

  const setPace = (p: Step["pace"], t: Tok) => {
    if (pace) at(t, "this step already has a pace (column " + paceTok!.col + ")");
    pace = p;
    paceTok = t;
  };

  const RACE_WORDS: { [w: string]: number } = { mile: MILE_RACE_M, hm: HALF_M, half: HALF_M, m: MARATHON_M, marathon: MARATHON_M };

  while (k < toks.length) {
    const t = toks[k];
    if (t.t === "str") {
      if (label !== undefined) at(t, "this step already has a label");
      if (t.n.length < 1 || t.n.length > L.MAX_LABEL) at(t, "a label is 1 to " + L.MAX_LABEL + " characters (this one has " + t.n.length + ")");
      label = t.n;
      k++;
    } else if (t.t === "clock") {
      // 4:30/km, 4:20-4:30/km, 7:00/mi, then an optional band
      k++;
      let a = clockS(t);
      let b = a;
      let two = false;
      if (isSym(peek(), "-") && peek(1) && peek(1)!.t === "clock") {
        b = clockS(peek(1)!);
        two = true;
        k += 2;
      }
      const sl = peek();
      const u = peek(1);
      if (!isSym(sl, "/") || !isWord(u, "km", "mi")) at(sl || t, "a pace needs /km or /mi after it, e.g. " + t.raw + "/km");
      k += 2;
      const len = u!.col + u!.raw.length - t.col;
      if (u!.v === "mi") {
        a = Math.round(a / (MILE_M / 1000));
        b = Math.round(b / (MILE_M / 1000));
      }
      if (a > b) {
        const x = a;
        a = b;
        b = x;
      }
      const band = paceBand();
      if (two && band) at(t, "a pace range has its own width: write 4:20-4:30/km or 4:25/km \u00b15s, not both", len);
      if (!two) {
        const h = band || L.DEFAULT_BAND_S;
        b = a + h;
        a = a - h;
      } else if (a === b) at(t, "the two ends of a pace range must differ", len);
      if (!inRange(a, L.MIN_PACE_S, L.MAX_PACE_S) || !inRange(b, L.MIN_PACE_S, L.MAX_PACE_S))
        at(t, "paces must be between 2:00 and 15:00 per km" + (two ? "" : " (with the band around it)"), len);
      setPace([a, b], t);
    } else if (t.t === "num") {
      if (TIME_UNITS[t.v] !== undefined) {
        const d = duration();
        if (!inRange(d.s, L.MIN_TIME_S, L.MAX_TIME_S)) {
          const minutes = toks.indexOf(d.tok) >= 0 && d.tok.v === "m" && d.s > L.MAX_TIME_S;
          at(d.tok, "a step lasts 1s to 4h" + (minutes ? " (m means minutes: for metres write " + d.tok.n + "mtr)" : " (got " + d.s + " s)"), d.len);
        }
        setEnd({ time: d.s }, t);
      } else if (DIST_UNITS.indexOf(t.v) >= 0) {
        k++;
        const m = t.v === "km" ? shifted(t.n, 3) : t.v === "mi" ? Math.round(Number(t.n) * MILE_M) : Number(t.n);
        if (!inRange(m, L.MIN_DIST_M, L.MAX_DIST_M)) at(t, "a distance must be between 10mtr and 100km");
        setEnd({ dist: m }, t);
      } else if ((t.v === "k" || t.v === "" || t.v === "mtr" || t.v === "km") && isWord(peek(1), "pace")) {
        const race = t.v === "k" || t.v === "km" ? shifted(t.n, 3) : Number(t.n);
        k++;
        setPace(racePace(t, race), t);
      } else if (t.v === "k") at(t, t.raw + " is a race: write " + t.raw + " pace for its pace, or " + t.n + "km for a distance");
      else if (t.v === "") at(t, "a number needs its unit right after it: 90s, 10m, 1h, 400mtr, 2km (or HR 140-155, " + t.n + "k pace)");
      else if (t.v === "bpm") at(t, "heart rate goes as HR 140-155 (a target) or until HR<130 (an end)");
      else if (t.v === "spm") at(t, "a cadence goes as cad>=170");
      else at(t, "unknown unit " + JSON.stringify(t.v) + " (time: s, m, h; distance: mtr, km, mi)");
    } else if (t.t === "word") {
      const w = t.v;
      if (RACE_WORDS[w] !== undefined && isWord(peek(1), "pace")) {
        k++;
        setPace(racePace(t, RACE_WORDS[w]), t);
      } else if (w === "pace") {
        at(t, "which race's pace? e.g. 5k pace, 10k pace, HM pace, M pace (or an absolute pace like 4:30/km)");
      } else if (w === "press") {
        if (!isWord(peek(1), "lap")) at(peek(1) || t, "press lap ends a step when you press the button");
        k += 2;
        setEnd({ lap: 1 }, t);
      } else if (w === "until") {
        const a = peek(1);
        if (isWord(a, "lap")) {
          k += 2;
          setEnd({ lap: 1 }, t);
        } else if (isWord(a, "hr")) {
          const op = peek(2);
          const n = peek(3);
          if (!isSym(op, "<", ">")) at(op || a, "until HR needs < or >, e.g. until HR<130");
          if (!n || n.t !== "num" || (n.v !== "" && n.v !== "bpm")) at(n, "until HR" + op!.v + " needs a heart rate in bpm, e.g. until HR" + op!.v + "130");
          k += 4;
          if (isWord(peek(), "bpm")) k++;
          const bpm = Number(n!.n);
          if (!inRange(bpm, L.MIN_BPM, L.MAX_BPM)) at(n, "a heart rate must be between " + L.MIN_BPM + " and " + L.MAX_BPM + " bpm");
          setEnd(op!.v === "<" ? { hrBelow: bpm } : { hrAbove: bpm }, t);
        } else at(a || t, "until what? until HR<130, until HR>160 or until lap");
      } else if (w === "min" || w === "max" || w === "hold") {
        if (opts[w]) at(t, "this step already has " + w);
        const n = peek(1);
        if (!n || n.t !== "num" || TIME_UNITS[n.v] === undefined) at(n || t, w + " needs a time, e.g. " + w + " " + (w === "hold" ? "5s" : w === "min" ? "60s" : "3m"));
        k++;
        const d = duration();
        opts[w] = { s: d.s, tok: t };
        const lo = w === "max" ? L.MIN_TIME_S : 0;
        const hi = w === "hold" ? L.MAX_HOLD_S : L.MAX_TIME_S;
        if (!inRange(d.s, lo, hi)) at(t, w + " must be between " + lo + "s and " + (w === "hold" ? hi + "s" : "4h"), d.tok.col + d.len - t.col);
      } else if (w === "hr") {
        const a = peek(1);
        const dash = peek(2);
        const b = peek(3);
        const numOk = (x: Tok | undefined) => !!x && x.t === "num" && (x.v === "" || x.v === "bpm");
        if (!numOk(a) || !isSym(dash, "-") || !numOk(b)) at(a || t, "a heart-rate target is HR low-high, e.g. HR 140-155 (to end a step on HR: until HR<130)");
        if (a!.v === "bpm") at(a, "write HR 140-155bpm or HR 140-155");
        k += 4;
        if (isWord(peek(), "bpm")) k++;
        const lo = Number(a!.n);
        const hi = Number(b!.n);
        const len = b!.col + b!.raw.length - t.col;
        if (hr) at(t, "this step already has a heart-rate target", len);
        if (!inRange(lo, L.MIN_BPM, L.MAX_BPM) || !inRange(hi, L.MIN_BPM, L.MAX_BPM)) at(t, "heart rates must be between " + L.MIN_BPM + " and " + L.MAX_BPM + " bpm", len);
        if (lo >= hi) at(t, "a heart-rate target is low-high with the lower first, e.g. HR 140-155", len);
        hr = [lo, hi];
      } else if (w === "cad" || w === "cadence") {
        const op = peek(1);
        const n = peek(2);
        if (!isSym(op, ">=", "\u2265") || !n || n.t !== "num" || (n.v !== "" && n.v !== "spm")) at(op || t, "a minimum cadence is cad>=170 (steps per minute)");
        k += 3;
        if (isWord(peek(), "spm")) k++;
        const v = Number(n!.n);
        if (minCad !== undefined) at(t, "this step already has a cadence");
        if (!inRange(v, L.MIN_CAD, L.MAX_CAD)) at(n, "a cadence must be between " + L.MIN_CAD + " and " + L.MAX_CAD + " steps per minute");
        minCad = v;
      } else if (KIND_WORDS[w] !== undefined) {
        if (kind) at(t, "this step is already " + JSON.stringify(kindTok!.raw) + " (column " + kindTok!.col + "); one kind per step");
        kind = KIND_WORDS[w];
        kindTok = t;
        k++;
      } else if (w === "between") {
        at(t, "between starts its own line, the last of a repeat: between 90s jog");
      } else if (w === "lap") {
        at(t, "write press lap (or until lap) to end a step on the button");
      } else {
        at(t, "unknown word " + JSON.stringify(t.raw) + ": a step has an end (90s, 400mtr, press lap, until HR<130), a kind (warm-up, stride, work, recovery, cool-down, rest), a pace (4:30/km, 5k pace-3s), HR 140-155, cad>=170 or a \"label\"");
      }
    } else {
      if (isSym(t, "\u00b1", "+-", "+/-")) at(t, "a band (\u00b18s) goes right after a pace");
      at(t, "unexpected " + JSON.stringify(t.raw));
    }
  }

  if (!end) at(undefined, "how does this step end? Give a time (90s, 10m), a distance (400mtr, 1km), press lap, or until HR<130 max 3m");
  const e = end!;
  const gated = e.hrBelow !== undefined || e.hrAbove !== undefined;
  for (const o in opts) {
    const x = opts[o];
    if (!gated) at(x.tok, o + " goes with an end on heart rate: until HR<130 min 60s max 3m");
    if (e.hrAbove !== undefined && o !== "max") at(x.tok, o + " goes with until HR<…; until HR>… takes only max");
  }
  if (e.hrBelow !== undefined) {
    if (!opts.max) at(endTok, "a rest until HR<" + e.hrBelow + " needs max, the longest it may last (it always ends): add max 3m");
    if (opts.min) {
      if (opts.min.s > opts.max.s) at(opts.min.tok, "min (" + opts.min.s + " s) must not be more than max (" + opts.max.s + " s)");
      e.minS = opts.min.s;
    }
    if (opts.hold) e.holdS = opts.hold.s;
    e.maxS = opts.max.s;
  } else if (e.hrAbove !== undefined && opts.max) e.maxS = opts.max.s;

  const step: Step = { kind: kind || "work", end: e };
  if (pace !== undefined) step.pace = pace;
  if (hr) step.hr = hr;
  if (minCad !== undefined) step.minCad = minCad;
  if (label !== undefined) step.label = label;
  return step;
}

type LineKind = "name" | "note" | "repeat" | "between" | "step";

function lineKind(s: Src): LineKind {
  const b = s.body;
  if (/^name\s*:/i.test(b)) return "name";
  if (/^note\s*:/i.test(b)) return "note";
  if (/^\d+\s*[xX]$/.test(b)) return "repeat";
  if (/^between(\s|:|$)/i.test(b)) return "between";
  return "step";
}

/** the value of a name: or note: line: the rest of the line, or a quoted text */
function textValue(s: Src, max: number, what: string, allowEmpty: boolean): string {
  const m = s.body.match(/^(name|note)\s*:\s*/i)!;
  const v = s.body.slice(m[0].length);
  const col = s.col + m[0].length;
  let text = v;
  if (v.charAt(0) === '"') {
    const e = stringEnd(v, 0);
    if (e !== v.length) throw new Stop(err(s.no, col, v.length, "a quoted " + what + " must be one quoted text, e.g. " + what + ': "My session"'));
    try {
      text = JSON.parse(v);
    } catch (x) {
      throw new Stop(err(s.no, col, v.length, "this " + what + " is not a valid quoted text"));
    }
  }
  if ((!allowEmpty && text.length < 1) || text.length > max)
    throw new Stop(err(s.no, col, Math.max(1, v.length), "a " + what + " is " + (allowEmpty ? "at most " : "1 to ") + max + " characters (this one has " + text.length + ")"));
  return text;
}

interface Ctx {
  lines: Src[];
  errors: TextError[];
  name?: string;
  note?: string;
  nameAt?: Src;
  noteAt?: Src;
  leaves: number;
}

function add(c: Ctx, e: TextError): void {
  if (c.errors.length < MAX_ERRORS) c.errors.push(e);
  if (c.errors.length >= MAX_ERRORS) throw new Stop(e);
}

function stepAt(c: Ctx, s: Src, from: number): Step | null {
  try {
    const toks = lex(s, from);
    const st = readStep(toks, s, s.col + s.body.length);
    c.leaves++;
    if (c.leaves === L.MAX_WRITTEN_STEPS + 1)
      add(c, err(s.no, s.col, s.body.length, "too many steps: at most " + L.MAX_WRITTEN_STEPS + " written out; use repeats (6x) for the rest"));
    return st;
  } catch (x) {
    if (!(x instanceof Stop)) throw x;
    add(c, x.e);
    return null;
  }
}

/** the first line from i that is not a comment (blank lines too when skipEmpty), and whether a blank line came first */
function nextLine(c: Ctx, i: number): { i: number; sawEmpty: boolean } {
  let sawEmpty = false;
  while (i < c.lines.length && c.lines[i].kind !== "line") {
    if (c.lines[i].kind === "empty") sawEmpty = true;
    i++;
  }
  return { i: i, sawEmpty: sawEmpty };
}

interface Block {
  nodes: Node[];
  /** the line each node starts on */
  srcs: Src[];
  between?: Step;
  /** the line after the block */
  i: number;
  /** false when a line in it could not be read (the repeat around it is still built) */
  ok: boolean;
}

/**
 * The lines of one block from line i at `indent`. A flat block (a repeat's steps right under its
 * header, intervals.icu style) ends at a blank line or at anything that is not a step.
 */
function block(c: Ctx, i: number, indent: number, flat: boolean, depth: number, inRepeat: boolean): Block {
  const nodes: Node[] = [];
  const srcs: Src[] = [];
  let between: Step | undefined;
  let betweenAt: Src | undefined;
  let ok = true;
  while (i < c.lines.length) {
    const s = c.lines[i];
    if (s.kind === "comment") {
      i++;
      continue;
    }
    if (s.kind === "empty") {
      if (flat) break;
      i++;
      continue;
    }
    if (s.tabAt) {
      add(c, err(s.no, s.tabAt, 1, "indent with spaces, not tabs"));
      ok = false;
      i++;
      continue;
    }
    if (s.indent < indent) break;
    const kind = lineKind(s);
    if (flat && (kind === "name" || kind === "note" || kind === "repeat")) break;
    if (s.indent > indent) {
      add(c, err(s.no, 1, s.indent, "this line is indented, but not under a repeat (6x) or as deep as the lines around it"));
      ok = false;
      i++;
      continue;
    }
    if (betweenAt) {
      add(c, err(betweenAt.no, betweenAt.col, 7, "between must be the last line of its repeat"));
      ok = false;
      betweenAt = undefined;
    }
    if (kind === "name" || kind === "note") {
      i++;
      if (inRepeat) {
        add(c, err(s.no, s.col, 4, kind + ": goes at the top of the workout, not inside a repeat"));
        ok = false;
        continue;
      }
      if ((kind === "name" ? c.nameAt : c.noteAt) !== undefined) {
        add(c, err(s.no, s.col, 4, "the workout already has a " + kind + " (line " + (kind === "name" ? c.nameAt : c.noteAt)!.no + ")"));
        continue;
      }
      try {
        if (kind === "name") {
          c.nameAt = s;
          c.name = textValue(s, L.MAX_NAME, "name", false);
        } else {
          c.noteAt = s;
          c.note = textValue(s, L.MAX_NOTE, "note", true);
        }
      } catch (x) {
        if (!(x instanceof Stop)) throw x;
        add(c, x.e);
      }
    } else if (kind === "repeat") {
      const m = s.body.match(/^(\d+)/)!;
      const n = Number(m[1]);
      let bad = false;
      if (!inRange(n, 1, L.MAX_REPEAT)) {
        add(c, err(s.no, s.col, s.body.length, "a repeat runs 1 to " + L.MAX_REPEAT + " times (got " + m[1] + ")"));
        bad = true;
      }
      if (depth >= L.MAX_DEPTH) {
        add(c, err(s.no, s.col, s.body.length, "repeats can be nested at most " + L.MAX_DEPTH + " deep"));
        bad = true;
      }
      const nx = nextLine(c, i + 1);
      const next = nx.i < c.lines.length ? c.lines[nx.i] : undefined;
      let body: Block;
      if (next && next.tabAt) {
        add(c, err(next.no, next.tabAt, 1, "indent with spaces, not tabs"));
        ok = false;
        i = nx.i + 1;
        continue;
      }
      if (next && next.indent > indent) body = block(c, nx.i, next.indent, false, depth + 1, true);
      else if (next && next.indent === indent && !nx.sawEmpty && (lineKind(next) === "step" || lineKind(next) === "between"))
        body = block(c, nx.i, indent, true, depth + 1, true);
      else {
        add(c, err(s.no, s.col, s.body.length, m[1] + "x needs its steps on the lines below it: indented, or right under it (a blank line ends them)"));
        ok = false;
        i = i + 1;
        continue;
      }
      i = body.i;
      if (!body.ok || bad) {
        ok = false;
        continue;
      }
      if (!body.nodes.length) {
        add(c, err(s.no, s.col, s.body.length, "this repeat needs at least one step besides between"));
        ok = false;
        continue;
      }
      const r: Repeat = { repeat: n, steps: body.nodes };
      if (body.between) r.between = body.between;
      nodes.push(r);
      srcs.push(s);
      continue;
    } else if (kind === "between") {
      i++;
      if (!inRepeat) {
        add(c, err(s.no, s.col, 7, "between only goes inside a repeat, as its last line: the step run between the rounds"));
        ok = false;
        continue;
      }
      const from = s.body.match(/^between\s*:?/i)![0].length;
      if (!s.body.slice(from).trim()) {
        add(c, err(s.no, s.col, 7, "between needs a step after it, e.g. between 90s jog"));
        ok = false;
        continue;
      }
      const st = stepAt(c, s, from);
      if (!st) ok = false;
      else {
        between = st;
        betweenAt = s;
      }
      if (flat) break;
      continue;
    } else {
      i++;
      const dash = s.body.match(/^-(\s+|$)/);
      const st = stepAt(c, s, dash ? dash[0].length : 0);
      if (!st) ok = false;
      else {
        nodes.push(st);
        srcs.push(s);
      }
    }
  }
  return { nodes: nodes, srcs: srcs, between: between, i: i, ok: ok };
}

/** Reads workout text into the watch's workout JSON; never throws. */
export function parseText(text: string): TextResult {
  const c: Ctx = { lines: splitLines(String(text)), errors: [], leaves: 0 };
  let b: Block | undefined;
  try {
    b = block(c, 0, 0, false, 0, false);
  } catch (x) {
    if (!(x instanceof Stop)) throw x;
  }
  if (c.errors.length || !b) return { ok: false, errors: c.errors };
  const last = c.lines[c.lines.length - 1];
  const endPos = err(last.no, last.col + last.body.length, 1, "");
  if (c.name === undefined) return { ok: false, errors: [err(1, 1, 1, "a workout needs a name: start with a line like name: Track 400s (1 to " + L.MAX_NAME + " characters)")] };
  if (!b.nodes.length) return { ok: false, errors: [Object.assign(endPos, { message: "a workout needs at least one step, e.g. - 10m warm-up" })] };
  const plan: Plan = { v: 1, name: c.name, steps: b.nodes };
  if (c.note !== undefined) plan.note = c.note;
  // the size limits, placed where they are crossed
  const total = expandedCount(plan.steps);
  if (total > L.MAX_TOTAL_STEPS) {
    let sum = 0;
    for (let i = 0; i < plan.steps.length; i++) {
      sum += expandedCount([plan.steps[i]]);
      const h = b.srcs[i];
      if (sum > L.MAX_TOTAL_STEPS)
        return { ok: false, errors: [err(h.no, h.col, h.body.length, "the workout reaches " + total + " steps once the repeats are counted; at most " + L.MAX_TOTAL_STEPS)] };
    }
  }
  const json = JSON.stringify(plan);
  if (json.length > L.MAX_JSON_CHARS)
    return { ok: false, errors: [err(1, 1, 1, "the workout is " + json.length + " characters as JSON, at most " + L.MAX_JSON_CHARS + ": use repeats, or shorter labels and note")] };
  // the validator is the one judge; the checks above only place its rules on a line
  const v = parseWorkout(json);
  if (!v.ok) return { ok: false, errors: [err(1, 1, 1, v.error)] };
  return { ok: true, plan: plan };
}
