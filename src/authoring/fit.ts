// Garmin FIT workout files (file_id, workout, workout_step) in and out, with Garmin's
// @garmin/fitsdk. The mapping is the README's table ("Authoring workouts"): what maps exactly,
// what is approximated and how, what import refuses. No Node or DOM, but the SDK is under
// Garmin's licence and may not ship in apps/speedseq: the page does not bundle this file.
//
// Units: the Encoder scales a field by the profile's scale only for fields that have one. A
// workout step's duration_value, target_value and custom_target_value_low/high are plain uint32
// fields whose meaning comes from subfields (duration_time in s × 1000, duration_distance in
// m × 100, custom_target_speed in m/s × 1000, heart rates as bpm + 100); the Encoder ignores
// subfield names (a `durationTime: 600` is dropped without an error). So those four go in raw:
// ms, cm, mm/s and bpm + 100, and are read back raw (tests/authoring/fit.test.ts checks the bytes
// through the Decoder's subfields).

import { Decoder, Encoder, Profile, Stream } from "@garmin/fitsdk";
import type { Mesg } from "@garmin/fitsdk";
import type { End, Node, Plan, Repeat, Step, StepKind } from "../engine/plan";
import { isRepeat } from "./nodes";
// a workout step's intensity is written as the exporter writes a lap's
import { INTENSITY } from "../export/fit";
import * as L from "../engine/workout/limits";
import { parseWorkout } from "../engine/workout/validate";
import { refBand, goalError, type Goal } from "../engine/workout/pace";
import { printStep, fmtPaceText } from "./print";
import { parseText } from "./text";
import { fmtClock, fmtDur } from "./units";

/** the cap given to an hr_less_than step on import: FIT has none, and a SpeedSeq rest always ends */
export const IMPORT_HR_CAP_S = 300;

/** FIT heart rates above this are bpm + 100; at or below, % of max HR */
const BPM_OFFSET = 100;

type FitStep = Record<string, unknown>;

export interface FitOutOptions {
  /** turns paces relative to the goal race into speed targets (the one pace model); without it they are left out */
  goal?: Goal;
  /** file_id's time_created (default: now) */
  created?: Date;
}

export interface FitOut {
  bytes: Uint8Array;
  /** what did not map exactly, one line per step */
  notes: string[];
}

function stepName(s: Step, n: number): string {
  return "step " + n + (s.label ? " (" + JSON.stringify(s.label) + ")" : "");
}

/** one leaf as a workout_step (messageIndex set by the caller); approximations go to notes */
function fitStep(s: Step, goal: Goal | undefined, approx: string[]): FitStep {
  const m: FitStep = { intensity: INTENSITY[s.kind] };
  if (s.label) m.wktStepName = s.label;
  if (s.kind === "stride" && !/stride/i.test(s.label || "")) approx.push("a stride is an active step in FIT (import knows a stride by its name)");
  const e = s.end;
  if (e.time !== undefined) {
    m.durationType = "time";
    m.durationValue = Math.round(e.time * 1000);
  } else if (e.dist !== undefined) {
    m.durationType = "distance";
    m.durationValue = Math.round(e.dist * 100);
  } else if (e.lap !== undefined) m.durationType = "open";
  else {
    const below = e.hrBelow !== undefined;
    const bpm = below ? e.hrBelow! : e.hrAbove!;
    m.durationType = below ? "hrLessThan" : "hrGreaterThan";
    m.durationValue = Math.round(bpm) + BPM_OFFSET;
    if (Math.round(bpm) !== bpm) approx.push("heart rate " + bpm + " rounded to " + Math.round(bpm) + " bpm");
    const parts: string[] = [];
    if (e.minS !== undefined) parts.push("at least " + fmtDur(e.minS));
    if (e.holdS) parts.push("HR held " + fmtDur(e.holdS));
    if (e.maxS !== undefined) parts.push("at most " + fmtDur(e.maxS) + " (press lap)");
    if (parts.length) approx.push("a Garmin ends it on HR alone; " + parts.join(", ") + ": in the step's notes");
  }
  const targets: [string, number, number][] = [];
  if (s.pace !== undefined) {
    let band: [number, number] | undefined;
    if (Array.isArray(s.pace)) band = s.pace;
    else if (goal && !goalError(goal)) {
      band = refBand(s.pace, goal);
      approx.push(fmtPaceText(s.pace) + " written as " + fmtClock(band[0]) + "-" + fmtClock(band[1]) + "/km (from the goal)");
    } else approx.push(fmtPaceText(s.pace) + " is relative to the goal race: no speed target without a goal (only in the step's notes)");
    // mm/s: the faster pace is the higher speed
    if (band) targets.push(["speed", Math.round(1e6 / band[1]), Math.round(1e6 / band[0])]);
  }
  if (s.hr) {
    targets.push(["heartRate", Math.round(s.hr[0]) + BPM_OFFSET, Math.round(s.hr[1]) + BPM_OFFSET]);
    if (Math.round(s.hr[0]) !== s.hr[0] || Math.round(s.hr[1]) !== s.hr[1]) approx.push("heart-rate target rounded to whole bpm");
  }
  if (s.minCad !== undefined) approx.push("minimum cadence " + s.minCad + " not written (FIT's running cadence unit is not settled)");
  m.targetType = targets.length ? targets[0][0] : "open";
  if (targets.length) {
    m.targetValue = 0;
    m.customTargetValueLow = targets[0][1];
    m.customTargetValueHigh = targets[0][2];
  }
  if (targets.length > 1) {
    m.secondaryTargetType = targets[1][0];
    m.secondaryTargetValue = 0;
    m.secondaryCustomTargetValueLow = targets[1][1];
    m.secondaryCustomTargetValueHigh = targets[1][2];
  }
  // what FIT cannot say is kept as the step's own text, which a runner can read and import restores
  if (approx.length) m.notes = printStep(s);
  return m;
}

/**
 * A plan as a FIT workout. A repeat with a step between its rounds becomes a repeat of
 * (body, between) one time fewer, then the body once more: the same steps in the same order.
 */
export function toFitWorkout(plan: Plan, o: FitOutOptions = {}): FitOut {
  const steps: FitStep[] = [];
  const notes: string[] = [];
  let leafNo = 0;
  const leaf = (s: Step, counted: boolean) => {
    const approx: string[] = [];
    const m = fitStep(s, o.goal, approx);
    if (counted) {
      leafNo++;
      for (let i = 0; i < approx.length; i++) notes.push(stepName(s, leafNo) + ": " + approx[i]);
    }
    m.messageIndex = steps.length;
    steps.push(m);
  };
  const repeatStep = (from: number, times: number) => {
    steps.push({ messageIndex: steps.length, durationType: "repeatUntilStepsCmplt", durationValue: from, targetType: "open", targetValue: times });
  };
  const walk = (list: Node[], counted: boolean) => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (!isRepeat(n)) {
        leaf(n, counted);
        continue;
      }
      const from = steps.length;
      if (n.between && n.repeat >= 2) {
        walk(n.steps, counted);
        leaf(n.between, counted);
        repeatStep(from, n.repeat - 1);
        walk(n.steps, false);
      } else {
        walk(n.steps, counted);
        if (n.between) {
          leafNo++;
          notes.push(stepName(n.between, leafNo) + ": runs between the rounds of a repeat done once, so never: left out");
        }
        repeatStep(from, n.repeat);
      }
    }
  };
  walk(plan.steps, true);

  const enc = new Encoder();
  const put = (name: string, m: FitStep) => enc.onMesg(Profile.MesgNum[name as keyof typeof Profile.MesgNum], m as Mesg);
  put("FILE_ID", { type: "workout", manufacturer: "development", product: 0, timeCreated: o.created || new Date(), productName: "SpeedSeq" });
  const w: FitStep = { wktName: plan.name, sport: "running", subSport: "generic", numValidSteps: steps.length };
  if (plan.note) w.wktDescription = plan.note;
  put("WORKOUT", w);
  for (let i = 0; i < steps.length; i++) put("WORKOUT_STEP", steps[i]);
  return { bytes: enc.close(), notes: notes };
}

// ---- import

export interface FitInOptions {
  /** turns heart rates given as % of max HR into bpm */
  maxHr?: number;
}

export type FitImport = { ok: true; plan: Plan; notes: string[] } | { ok: false; error: string };

class Refuse {
  constructor(readonly msg: string) {}
}

/** duration types import refuses, in words */
const REFUSED: { [t: string]: string } = {
  calories: "calories",
  powerLessThan: "power",
  powerGreaterThan: "power",
  power3sLessThan: "power",
  power10sLessThan: "power",
  power30sLessThan: "power",
  power3sGreaterThan: "power",
  power10sGreaterThan: "power",
  power30sGreaterThan: "power",
  powerLapLessThan: "power",
  powerLapGreaterThan: "power",
  trainingPeaksTss: "training stress (TSS)",
  repeatUntilTime: "a repeat until a time has passed",
  repeatUntilDistance: "a repeat until a distance is covered",
  repeatUntilCalories: "a repeat until calories",
  repeatUntilHrLessThan: "a repeat until a heart rate",
  repeatUntilHrGreaterThan: "a repeat until a heart rate",
  repeatUntilPowerLessThan: "a repeat until a power",
  repeatUntilPowerGreaterThan: "a repeat until a power",
  repeatUntilPowerLastLapLessThan: "a repeat until a lap's power",
  repeatUntilMaxPowerLastLapLessThan: "a repeat until a lap's power",
  repeatUntilTrainingPeaksTss: "a repeat until a training stress (TSS)",
  repetitionTime: "a strength exercise's repetition time",
  reps: "a number of strength repetitions",
  timeOnly: "time only (a step type for other sports)",
};

const SUPPORTED_SPORTS = ["running", "generic", "walking"];

/** FIT's names in the README's spelling: hrLessThan -> hr_less_than */
export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
}

function num(x: unknown): number | undefined {
  return typeof x === "number" && isFinite(x) ? x : undefined;
}

/** a key-order-free comparison of two plan nodes */
function canon(x: unknown): string {
  if (Array.isArray(x)) return "[" + x.map(canon).join(",") + "]";
  if (x && typeof x === "object") {
    const o = x as { [k: string]: unknown };
    return "{" + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ":" + canon(o[k])).join(",") + "}";
  }
  return JSON.stringify(x);
}

/**
 * Folds what export writes for a repeat with a between step back into one: a repeat of
 * (body, step) followed by the body once more is the body repeated once more with the step between.
 */
function fold(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (isRepeat(n)) n.steps = fold(n.steps);
    out.push(n);
  }
  // from the right: the copy after a repeat may itself hold a repeat to fold back first
  for (let i = out.length - 1; i >= 0; i--) {
    const n = out[i];
    if (!isRepeat(n) || n.between || n.steps.length < 2 || n.repeat + 1 > L.MAX_REPEAT) continue;
    const b = n.steps[n.steps.length - 1];
    if (isRepeat(b)) continue;
    const body = n.steps.slice(0, -1);
    const next = out.slice(i + 1, i + 1 + body.length);
    if (next.length === body.length && canon(next) === canon(body)) {
      out.splice(i, 1 + body.length, { repeat: n.repeat + 1, steps: body, between: b });
    }
  }
  return out;
}

interface Ctx {
  notes: string[];
  maxHr?: number;
}

/** heart rate from a FIT workout_hr value, or undefined with a note when it can't be had */
function bpmOf(v: number, c: Ctx, where: string, what: string, refuse: boolean): number | undefined {
  if (v > BPM_OFFSET) return v - BPM_OFFSET;
  if (c.maxHr && c.maxHr > 0) {
    const b = Math.round((c.maxHr * v) / 100);
    c.notes.push(where + ": " + what + " " + v + " % of max HR taken as " + b + " bpm (max HR " + c.maxHr + ")");
    return b;
  }
  const msg = where + ": " + what + " is " + v + " % of max HR, and SpeedSeq works in bpm: give your max HR (--max-hr 190)";
  if (refuse) throw new Refuse(msg);
  c.notes.push(msg.replace(/: give your max HR.*$/, ": target left out (give your max HR to keep it)"));
  return undefined;
}

/** a target (primary or secondary) onto the step */
function target(m: FitStep, pre: string, s: Step, c: Ctx, where: string): void {
  const key = (k: string) => (pre ? pre + k.charAt(0).toUpperCase() + k.slice(1) : k);
  const type = m[key("targetType")];
  if (type === undefined || type === "open") return;
  const value = num(m[key("targetValue")]) || 0;
  const lo = num(m[key("customTargetValueLow")]) || 0;
  const hi = num(m[key("customTargetValueHigh")]) || 0;
  const label = pre ? "secondary target" : "target";
  if (type !== "speed" && type !== "heartRate") {
    c.notes.push(where + ": " + snake(String(type)) + " " + label + " left out (SpeedSeq has pace and heart-rate targets)");
    return;
  }
  if (value > 0 || (!lo && !hi)) {
    c.notes.push(where + ": " + (type === "speed" ? "speed" : "heart-rate") + " zone " + value + " left out (zones are set on the Garmin device)");
    return;
  }
  if (type === "speed") {
    if (!lo || !hi || lo >= hi) {
      c.notes.push(where + ": speed target " + lo + "-" + hi + " mm/s left out (needs a low and a higher high)");
      return;
    }
    let fast = Math.round(1e6 / hi);
    let slow = Math.round(1e6 / lo);
    const was = fmtPaceText([fast, slow]);
    fast = Math.min(Math.max(fast, L.MIN_PACE_S), L.MAX_PACE_S - 1);
    slow = Math.min(Math.max(slow, fast + 1), L.MAX_PACE_S);
    if (was !== fmtPaceText([fast, slow])) c.notes.push(where + ": pace " + was + " kept inside 2:00-15:00/km: " + fmtPaceText([fast, slow]));
    if (s.pace === undefined) s.pace = [fast, slow];
    return;
  }
  const a = bpmOf(lo, c, where, "heart-rate target", false);
  const b = a === undefined ? undefined : bpmOf(hi, c, where, "heart-rate target", false);
  if (a === undefined || b === undefined) return;
  if (a >= b || a < L.MIN_BPM || b > L.MAX_BPM) {
    c.notes.push(where + ": heart-rate target " + a + "-" + b + " left out (needs " + L.MIN_BPM + "-" + L.MAX_BPM + " bpm, low first)");
    return;
  }
  if (!s.hr) s.hr = [a, b];
}

function kindOf(m: FitStep, c: Ctx, where: string): StepKind {
  const i = m.intensity;
  if (i === "warmup" || i === "cooldown" || i === "recovery" || i === "rest") return i;
  if (i === undefined || i === "active" || i === "interval") return /stride/i.test(String(m.wktStepName || "")) ? "stride" : "work";
  c.notes.push(where + ": intensity " + snake(String(i)) + " taken as work");
  return "work";
}

/** one FIT step that is not a repeat, as a SpeedSeq step */
function importStep(m: FitStep, c: Ctx, where: string): Step {
  const type = String(m.durationType);
  const v = num(m.durationValue);
  let end: End;
  if (type === "time" || type === "distance") {
    if (v === undefined || v <= 0) throw new Refuse(where + ": a " + type + " step without its " + type);
    end = type === "time" ? { time: v / 1000 } : { dist: v / 100 };
  } else if (type === "open") end = { lap: 1 };
  else if (type === "hrLessThan" || type === "hrGreaterThan") {
    if (v === undefined) throw new Refuse(where + ": a heart-rate step without its heart rate");
    const bpm = bpmOf(v, c, where, "the heart rate it ends on", true)!;
    if (type === "hrLessThan") {
      end = { hrBelow: bpm, maxS: IMPORT_HR_CAP_S };
      c.notes.push(where + ": until HR<" + bpm + " given max " + fmtDur(IMPORT_HR_CAP_S) + " (FIT has no cap, and a SpeedSeq rest always ends)");
    } else end = { hrAbove: bpm };
  } else if (REFUSED[type]) {
    throw new Refuse(where + ": ends on " + REFUSED[type] + " (" + snake(type) + "), which SpeedSeq can't do: its steps end on time, distance, the lap button or heart rate, and repeats run a number of times");
  } else throw new Refuse(where + ": unknown step type " + JSON.stringify(type));
  const s: Step = { kind: kindOf(m, c, where), end: end };
  target(m, "", s, c, where);
  target(m, "secondary", s, c, where);
  const name = typeof m.wktStepName === "string" ? m.wktStepName : "";
  if (name) {
    s.label = name.slice(0, L.MAX_LABEL);
    if (name.length > L.MAX_LABEL) c.notes.push(where + ": name cut to " + L.MAX_LABEL + " characters: " + JSON.stringify(s.label));
  }
  return s;
}

/** the step SpeedSeq wrote into a FIT step's notes, when it still describes that step */
function restored(m: FitStep): Step | undefined {
  if (typeof m.notes !== "string" || !m.notes) return undefined;
  const r = parseText("name: x\n- " + m.notes.replace(/[\r\n]/g, " "));
  if (!r.ok || r.plan.steps.length !== 1 || isRepeat(r.plan.steps[0])) return undefined;
  const p = r.plan.steps[0];
  const out = fitStep(p, undefined, []);
  if (out.intensity !== (m.intensity === undefined ? "active" : m.intensity) || out.durationType !== m.durationType || (out.durationValue !== undefined && out.durationValue !== m.durationValue)) return undefined;
  return p;
}

/** A FIT workout file as a SpeedSeq plan, with what was approximated; or why it can't be. */
export function fromFitWorkout(bytes: Uint8Array, o: FitInOptions = {}): FitImport {
  try {
    return fromFit(bytes, o);
  } catch (e) {
    if (e instanceof Refuse) return { ok: false, error: e.msg };
    return { ok: false, error: "the FIT file could not be read: " + String(e) };
  }
}

function fromFit(bytes: Uint8Array, o: FitInOptions): FitImport {
  const stream = Stream.fromByteArray(bytes);
  const dec = new Decoder(stream);
  if (!dec.isFIT()) throw new Refuse("this is not a FIT file");
  if (!dec.checkIntegrity()) throw new Refuse("this FIT file is damaged (its checksum does not match)");
  const r = dec.read();
  if (r.errors.length) throw new Refuse("this FIT file could not be read: " + r.errors[0].message);
  const msgs = r.messages as unknown as { [k: string]: FitStep[] | undefined };
  const fileId = (msgs.fileIdMesgs || [])[0];
  if (fileId && fileId.type !== undefined && fileId.type !== "workout")
    throw new Refuse("this FIT file is a " + snake(String(fileId.type)) + " file" + (fileId.type === "activity" ? " (a recorded session)" : "") + ", not a workout");
  const wkt = (msgs.workoutMesgs || [])[0] || {};
  if (wkt.sport !== undefined && SUPPORTED_SPORTS.indexOf(String(wkt.sport)) < 0)
    throw new Refuse("this is a " + snake(String(wkt.sport)) + " workout; SpeedSeq runs running workouts");
  const raw = (msgs.workoutStepMesgs || []).slice();
  if (!raw.length) throw new Refuse("this FIT workout has no steps");
  raw.sort((a, b) => (num(a.messageIndex) ?? 0) - (num(b.messageIndex) ?? 0));
  const c: Ctx = { notes: [], maxHr: o.maxHr };

  // the steps in order; a repeat takes the nodes made since the step it loops back to
  const made: { start: number; node: Node }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i];
    const idx = num(m.messageIndex) ?? i;
    const name = typeof m.wktStepName === "string" && m.wktStepName ? " (" + JSON.stringify(m.wktStepName) + ")" : "";
    const where = "FIT step " + (i + 1) + name;
    if (m.durationType === "repeatUntilStepsCmplt") {
      const from = num(m.durationValue);
      const times = num(m.targetValue);
      const at = made.findIndex((x) => x.start === from);
      if (from === undefined || at < 0) throw new Refuse(where + ": repeats from step " + from + ", which is not where a step or repeat starts");
      if (times === undefined || times < 1 || times > L.MAX_REPEAT || Math.floor(times) !== times)
        throw new Refuse(where + ": repeats " + times + " times; SpeedSeq repeats 1 to " + L.MAX_REPEAT + " times");
      const body = made.splice(at);
      const rep: Repeat = { repeat: times, steps: body.map((x) => x.node) };
      made.push({ start: body[0].start, node: rep });
      continue;
    }
    if (m.durationType === undefined) throw new Refuse(where + ": has no duration type");
    const notesBefore = c.notes.length;
    const s = importStep(m, c, where);
    const back = restored(m);
    if (back) c.notes.splice(notesBefore);
    made.push({ start: idx, node: back || s });
  }
  const steps = fold(made.map((x) => x.node));
  let name = typeof wkt.wktName === "string" ? wkt.wktName : "";
  if (!name) {
    name = "FIT workout";
    c.notes.push("the file names no workout: named " + JSON.stringify(name));
  } else if (name.length > L.MAX_NAME) {
    c.notes.push("name " + JSON.stringify(name) + " cut to " + L.MAX_NAME + " characters (one row on the watch)");
    name = name.slice(0, L.MAX_NAME);
  }
  const plan: Plan = { v: 1, name: name, steps: steps };
  const d = typeof wkt.wktDescription === "string" ? wkt.wktDescription : "";
  if (d) {
    plan.note = d.slice(0, L.MAX_NOTE);
    if (d.length > L.MAX_NOTE) c.notes.push("description cut to " + L.MAX_NOTE + " characters (two lines on the watch)");
  }
  const v = parseWorkout(plan);
  if (!v.ok) throw new Refuse("this workout can't run on the watch: " + v.error);
  return { ok: true, plan: plan, notes: c.notes };
}
