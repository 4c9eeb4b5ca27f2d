// The workouts the list offers: the built-ins (speedseq.plans.json, installed with the app and
// made by the build from src/engine/workout/templates.ts, so they cost app.js nothing and RAM only
// while listed), then the uploaded files (speedseq.w*.json, one plan each). An upload is validated in full where it is made (parseWorkout on the emulator
// page, later the phone), so the watch keeps no validator: it only checks that a file still has
// a plan's shape. A file that does not (damaged, or from a newer app) is listed by its name and
// explained when tapped; it is never changed or deleted.
import type { Plan } from "../engine/plan";
import { resolvePlan } from "../engine/workout/pace";
import { PLANS } from "./store";
import type { Settings, StorageApi } from "./store";

/** a listed workout: its plan, or null with the file name when the file cannot be read */
export interface Entry {
  name: string;
  plan: Plan | null;
}

function looksLikePlan(p: any): boolean {
  return !!p && p.v === 1 && typeof p.name === "string" && Array.isArray(p.steps) && p.steps.length > 0;
}

/** built-ins first, then uploads; an upload named like an earlier entry is left out */
export function workouts(S: StorageApi): Entry[] {
  const out: Entry[] = [];
  const seen: string[] = [];
  const add = (name: string, plan: Plan | null) => {
    if (seen.indexOf(name) >= 0) return;
    seen.push(name);
    out.push({ name: name, plan: plan });
  };
  const builtIn: Plan[] = S.readJSON(PLANS, true) || [];
  for (let i = 0; i < builtIn.length; i++) add(builtIn[i].name, builtIn[i]);
  const files = S.list(/^speedseq\.w.*\.json$/);
  for (let i = 0; i < files.length; i++) {
    const p = S.readJSON(files[i], true);
    if (looksLikePlan(p)) add(p.name, p);
    else add(files[i], null);
  }
  return out;
}

/** the plan called name, resolved against the goal in set; null if it is gone or cannot be read */
export function planNamed(S: StorageApi, set: Settings, name: string): Plan | null {
  const ws = workouts(S);
  for (let i = 0; i < ws.length; i++) {
    const p = ws[i].plan;
    if (ws[i].name === name && p) return resolvePlan(p, { distM: set.race, timeS: set.time });
  }
  return null;
}
