// The workouts the list offers: the built-ins (speedseq.plans.json, installed with the app and
// made by the build from src/engine/workout/templates.ts, so they cost app.js nothing and RAM only
// while listed), then the uploaded files (speedseq.w*.json, one plan each). An upload is validated
// in full where it is made (parseWorkout on the emulator page, later the phone), but anyone with
// the App Loader or the REPL can write such a file, so the watch checks each one before it parses
// it and again after (src/engine/workout/guard.ts): a file it refuses is listed by its file name
// with the reason, and is never changed or deleted. Only names and reasons are kept: a plan is
// read again when it is started.
import type { Plan } from "../engine/plan";
import { resolvePlan } from "../engine/workout/pace";
import { textProblem, planProblem } from "../engine/workout/guard";
import { PLANS } from "./store";
import type { Settings, StorageApi } from "./store";

/** a listed workout */
export interface Entry {
  /** the plan's name, or the file's name when the watch refuses the file */
  name: string;
  /** the uploaded file ("" for a built-in) */
  file: string;
  /** why the watch will not run it ("" when it will) */
  why: string;
}

/** the plan in an uploaded file, or why the watch will not run it: the text is measured before it is parsed */
export function readPlan(S: StorageApi, file: string): Plan | string {
  const bad = textProblem(S.read(file));
  if (bad) return bad;
  const p = S.readJSON(file, true);
  return planProblem(p) || p;
}

/** built-ins first, then uploads; an upload named like an earlier entry is left out */
export function workouts(S: StorageApi): Entry[] {
  const out: Entry[] = [];
  const add = (name: string, file: string, why: string) => {
    for (let i = 0; i < out.length; i++) if (out[i].name === name) return;
    out.push({ name: name, file: file, why: why });
  };
  const builtIn: Plan[] = S.readJSON(PLANS, true) || [];
  for (let i = 0; i < builtIn.length; i++) add(builtIn[i].name, "", "");
  const files = S.list(/^speedseq\.w.*\.json$/);
  for (let i = 0; i < files.length; i++) {
    const p = readPlan(S, files[i]);
    if (typeof p === "string") add(files[i], files[i], p);
    else add(p.name, files[i], "");
  }
  return out;
}

/** the plan called name, resolved against the goal in set; null if it is gone or refused */
export function planNamed(S: StorageApi, set: Settings, name: string): Plan | null {
  const ws = workouts(S);
  for (let i = 0; i < ws.length; i++) {
    const e = ws[i];
    if (e.name !== name || e.why) continue;
    let p: Plan | string | null = null;
    if (e.file) p = readPlan(S, e.file);
    else {
      const b: Plan[] = S.readJSON(PLANS, true) || [];
      for (let k = 0; k < b.length; k++) if (b[k].name === name) p = b[k];
    }
    return p && typeof p !== "string" ? resolvePlan(p, { distM: set.race, timeS: set.time }) : null;
  }
  return null;
}
