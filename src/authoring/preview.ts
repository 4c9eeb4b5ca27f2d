// What a workout will look like on the watch and what it costs: the list row, the pre-start note,
// the estimated time and distance (totals.ts, with paces resolved for the runner's goal through the
// one pace model, pace.ts, as the watch does before its "plan m:ss"), and the plan's size against
// the watch's limits (limits.ts). For the page's live preview and the CLI. Pure: no Node or DOM.

import type { Node, Plan } from "../engine/plan";
import { isRepeat } from "./nodes";
import * as L from "../engine/workout/limits";
import { goalError, paceClamped, resolvePlan, type Goal } from "../engine/workout/pace";
import { DEFAULT_EST_S_PER_KM, planTotals, type Totals } from "../engine/workout/totals";
import { fmtTime } from "../engine/format";
import { HALF_M, MARATHON_M, MILE_RACE_M, shifted } from "./units";
import { workoutFileName } from "./names";

/** characters of the watch's small font across the pre-start screen (172 px at 6 px) */
export const NOTE_LINE = 28;

export interface Size {
  /** characters of the JSON the watch reads */
  jsonChars: number;
  /** leaf steps as written (a repeat's body once, its between once) */
  written: number;
  /** repeats inside repeats, the deepest */
  depth: number;
  /** leaf steps once the repeats are counted */
  total: number;
}

export const LIMITS: Size = { jsonChars: L.MAX_JSON_CHARS, written: L.MAX_WRITTEN_STEPS, depth: L.MAX_DEPTH, total: L.MAX_TOTAL_STEPS };

function sizeOf(list: Node[], depth: number, s: Size): void {
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (isRepeat(n)) {
      if (depth + 1 > s.depth) s.depth = depth + 1;
      sizeOf(n.steps, depth + 1, s);
      if (n.between) s.written++;
    } else s.written++;
  }
}

/** the plan's size in the units the watch's limits are written in */
export function planSize(plan: Plan): Size {
  const s: Size = { jsonChars: JSON.stringify(plan).length, written: 0, depth: 0, total: planTotals(plan).steps };
  sizeOf(plan.steps, 0, s);
  return s;
}

/** the note broken at spaces into lines of the pre-start screen (the watch shows the first two) */
export function noteLines(note: string, width = NOTE_LINE): string[] {
  const out: string[] = [];
  let line = "";
  const words = note.split(" ");
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    while (w.length > width) {
      if (line) out.push(line);
      out.push(w.slice(0, width));
      w = w.slice(width);
      line = "";
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += " " + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out;
}

/** metres covered by the time and HR steps at their pace band's middle, or at sPerKm without one */
function timedDist(list: Node[], times: number, sPerKm: number): number {
  let m = 0;
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (isRepeat(n)) {
      m += timedDist(n.steps, times * n.repeat, sPerKm);
      if (n.between && n.repeat > 1) m += timedDist([n.between], times * (n.repeat - 1), sPerKm);
      continue;
    }
    const e = n.end;
    const s = e.time !== undefined ? e.time : e.hrBelow !== undefined || e.hrAbove !== undefined ? e.minS || 0 : 0;
    if (!s) continue;
    const p = n.pace;
    const pace = Array.isArray(p) ? (p[0] + p[1]) / 2 : sPerKm;
    m += (s / pace) * 1000 * times;
  }
  return m;
}

/**
 * The goal the watch uses until the runner sets theirs in its settings (src/watch/store.ts,
 * loadSettings: 5000 m in 25:00). The watch turns relative paces into bands with the goal before it
 * shows the pre-start estimate, so the preview does the same.
 */
export const WATCH_DEFAULT_GOAL: Goal = { distM: 5000, timeS: 1500 };

export interface Preview {
  /** the list row */
  name: string;
  /** the pre-start screen's note lines (the watch shows two; more means the rest is not shown) */
  note: string[];
  /** the goal the paces were resolved with: the one given, or the watch's default */
  goal: Goal;
  /** true when no (valid) goal was given and the watch's default was used */
  defaultGoal: boolean;
  /** the plan's totals with its paces resolved for the goal, as the watch computes them at pre-start ("plan m:ss" is estS) */
  totals: Totals;
  /** metres: distance steps plus the timed steps at their pace (estimated) */
  estDistM: number;
  size: Size;
  /** the upload's Storage name */
  file: string;
  /** things worth knowing: a note cut on the watch, a goal outside the pace model's range */
  warnings: string[];
}

/** the preview of a valid plan for a goal (one that passes goalError; else the watch's default) */
export function preview(plan: Plan, goal?: Goal): Preview {
  const given = !!goal && !goalError(goal);
  const g = given ? goal! : WATCH_DEFAULT_GOAL;
  const resolved = resolvePlan(plan, g);
  const warnings: string[] = [];
  const note = noteLines(plan.note || "");
  if (note.length > 2) warnings.push("the watch shows the note's first two lines: \"" + note.slice(2).join(" ") + "\" is not shown");
  if (paceClamped(g.distM)) warnings.push("the goal race is outside the pace model's range (1500 m to the marathon): its own pace is used at the nearest end");
  const t = planTotals(resolved);
  return {
    name: plan.name,
    note: note,
    goal: g,
    defaultGoal: !given,
    totals: t,
    estDistM: t.distM + timedDist(resolved.steps, 1, DEFAULT_EST_S_PER_KM),
    size: planSize(plan),
    file: workoutFileName(plan.name),
    warnings: warnings,
  };
}

function km(m: number): string {
  return (Math.round(m / 10) / 100).toFixed(2) + " km";
}

/** the preview as text lines (the CLI prints them; the page shows them) */
export function previewLines(p: Preview): string[] {
  const s = p.size;
  const t = p.totals;
  const lines = [
    "list row   " + p.name + "  (" + p.name.length + "/" + L.MAX_NAME + " characters)",
    "note       " + (p.note.length ? p.note.slice(0, 2).join(" / ") : "(none)"),
    "steps      " + t.steps + " in the session, " + t.reps + " reps" + (t.open ? ", " + t.open + " ended by the lap button (not in the time)" : ""),
    "time       \"plan " + fmtTime(t.estS) + "\" before the start, for a " + fmtGoal(p.goal) + (p.defaultGoal ? " (the watch's default goal; set yours in its settings)" : ""),
    "distance   " + km(p.estDistM) + " estimated (" + km(t.distM) + " in distance steps; steps without a pace at " + fmtTime(DEFAULT_EST_S_PER_KM) + "/km)",
    "size       " + s.jsonChars + "/" + LIMITS.jsonChars + " characters, " + s.written + "/" + LIMITS.written + " written steps, repeats " + s.depth + "/" + LIMITS.depth + " deep, " + s.total + "/" + LIMITS.total + " steps in all",
    "file       " + p.file,
  ];
  for (let i = 0; i < p.warnings.length; i++) lines.push("note:      " + p.warnings[i]);
  return lines;
}

const GOAL_RACES: { [w: string]: number } = { mile: MILE_RACE_M, hm: HALF_M, half: HALF_M, m: MARATHON_M, marathon: MARATHON_M };

/** "5k 20:00", "HM 1:35:00", "10000 45:00" -> a goal, or a message */
export function parseGoal(text: string): { ok: true; goal: Goal } | { ok: false; error: string } {
  const m = String(text).trim().match(/^(\S+?)\s*[ =]\s*(\d+(?::\d\d){1,2})$/);
  const bad = { ok: false as const, error: "a goal is a race and a time, e.g. 5k 20:00, 10k 45:00, HM 1:35:00 (got " + JSON.stringify(text) + ")" };
  if (!m) return bad;
  const r = m[1].toLowerCase();
  let distM: number;
  if (GOAL_RACES[r] !== undefined) distM = GOAL_RACES[r];
  else if (/^\d+(\.\d+)?k(m)?$/.test(r)) distM = shifted(r.replace(/km?$/, ""), 3);
  else if (/^\d+(mtr)?$/.test(r)) distM = Number(r.replace("mtr", ""));
  else return bad;
  const parts = m[2].split(":").map(Number);
  let timeS = 0;
  for (let i = 0; i < parts.length; i++) timeS = timeS * 60 + parts[i];
  const goal = { distM: distM, timeS: timeS };
  const e = goalError(goal);
  return e ? { ok: false, error: e } : { ok: true, goal: goal };
}

/** "5k in 20:00" */
export function fmtGoal(g: Goal): string {
  const r = g.distM === HALF_M ? "HM" : g.distM === MARATHON_M ? "marathon" : g.distM % 1000 === 0 ? g.distM / 1000 + "k" : g.distM + " m";
  return r + " in " + fmtTime(g.timeS);
}
