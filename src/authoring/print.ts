// The canonical workout text: one way to write each workout, which parseText reads back to the
// same JSON (parseText(printWorkout(p)) equals p for every valid p). Steps are "- " lines, repeat
// bodies are indented two spaces, and a step's parts come in one order: end, kind (kind, end for
// an until), pace, HR, cadence, label. Pure: no Node or DOM.

import type { End, Node, Plan, Step, StepKind } from "../engine/plan";
import { isRepeat } from "./nodes";
import { DEFAULT_BAND_S, MAX_BAND_S, MIN_BAND_S } from "../engine/workout/limits";
import { fmtClock, fmtDist, fmtDur, fmtRace, fmtSigned, plain } from "./units";

/** the word the printer writes for each kind; a work step has none (a step with no kind word is work) */
export const KIND_WORD: Record<StepKind, string> = {
  warmup: "warm-up",
  stride: "stride",
  work: "",
  recovery: "recovery",
  cooldown: "cool-down",
  rest: "rest",
};

function fmtEnd(e: End): string {
  if (e.time !== undefined) return fmtDur(e.time);
  if (e.dist !== undefined) return fmtDist(e.dist);
  if (e.lap !== undefined) return "press lap";
  let s = "";
  if (e.hrBelow !== undefined) {
    s = "until HR<" + plain(e.hrBelow);
    if (e.minS !== undefined) s += " min " + fmtDur(e.minS);
    if (e.maxS !== undefined) s += " max " + fmtDur(e.maxS);
    if (e.holdS !== undefined) s += " hold " + fmtDur(e.holdS);
  } else if (e.hrAbove !== undefined) {
    s = "until HR>" + plain(e.hrAbove);
    if (e.maxS !== undefined) s += " max " + fmtDur(e.maxS);
  }
  return s;
}

/** a pace as text: 4:30/km (a band of ±5 s), 4:30/km ±8s, 4:20-4:31/km, 5k pace-3s ±5s */
export function fmtPaceText(p: Step["pace"]): string {
  if (!p) return "";
  if (Array.isArray(p)) {
    const a = p[0];
    const b = p[1];
    // the centre form only when it is exact: whole seconds, an even width
    const h = (b - a) / 2;
    if (Math.floor(a) === a && Math.floor(b) === b && Math.floor(h) === h && h >= MIN_BAND_S && h <= MAX_BAND_S) {
      return fmtClock(a + h) + "/km" + (h === DEFAULT_BAND_S ? "" : " \u00b1" + h + "s");
    }
    return fmtClock(a) + "-" + fmtClock(b) + "/km";
  }
  let s = fmtRace(p.race) + " pace";
  if (p.offS !== undefined) s += fmtSigned(p.offS);
  if (p.bandS !== undefined) s += " \u00b1" + plain(p.bandS) + "s";
  return s;
}

/** one step without the leading "- ": the end first (10m warm-up), but the kind before an until (recovery until HR<130 …) */
export function printStep(s: Step): string {
  const end = fmtEnd(s.end);
  const kind = KIND_WORD[s.kind];
  const parts = kind && end.indexOf("until") === 0 ? [kind, end] : kind ? [end, kind] : [end];
  if (s.pace !== undefined) parts.push(fmtPaceText(s.pace));
  if (s.hr) parts.push("HR " + plain(s.hr[0]) + "-" + plain(s.hr[1]));
  if (s.minCad !== undefined) parts.push("cad>=" + plain(s.minCad));
  if (s.label !== undefined) parts.push(JSON.stringify(s.label));
  return parts.join(" ");
}

/** a name or note as written after "name: ": as is when that reads back the same, else quoted */
function textValue(t: string): string {
  const plainOk = t.length > 0 && t === t.trim() && t.charAt(0) !== '"' && !/[\u0000-\u001f\u007f\u2028\u2029]/.test(t);
  return plainOk ? t : JSON.stringify(t);
}

function nodes(list: Node[], indent: string, out: string[]): void {
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (isRepeat(n)) {
      out.push(indent + n.repeat + "x");
      nodes(n.steps, indent + "  ", out);
      if (n.between) out.push(indent + "  between " + printStep(n.between));
    } else out.push(indent + "- " + printStep(n));
  }
}

/** The canonical text of a workout (lines ending in "\n"). */
export function printWorkout(p: Plan): string {
  const out = ["name: " + textValue(p.name)];
  if (p.note !== undefined) out.push("note: " + textValue(p.note));
  nodes(p.steps, "", out);
  return out.join("\n") + "\n";
}
