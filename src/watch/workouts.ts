// The workouts the list offers: the built-ins, then the uploaded files (speedseq.w*.json, one
// plan each). An upload is validated in full where it is made (parseWorkout on the emulator
// page, later the phone), so the watch keeps no validator: it only checks that a file still has
// a plan's shape. A file that does not (damaged, or from a newer app) is listed by its name and
// explained when tapped; it is never changed or deleted.
import type { Plan } from "../engine/plan";
import { TEMPLATES } from "../engine/workout/templates";
import { storage } from "./store";

/** a listed workout: its plan, or null with the file name when the file cannot be read */
export interface Entry {
  name: string;
  plan: Plan | null;
}

function looksLikePlan(p: any): boolean {
  return !!p && p.v === 1 && typeof p.name === "string" && Array.isArray(p.steps) && p.steps.length > 0;
}

/** built-ins first, then uploads; an upload named like an earlier entry is left out */
export function workouts(): Entry[] {
  const out: Entry[] = [];
  const seen: string[] = [];
  const add = function (name: string, plan: Plan | null) {
    if (seen.indexOf(name) >= 0) return;
    seen.push(name);
    out.push({ name: name, plan: plan });
  };
  for (let i = 0; i < TEMPLATES.length; i++) add(TEMPLATES[i].name, TEMPLATES[i]);
  const files = storage().list(/^speedseq\.w.*\.json$/);
  for (let i = 0; i < files.length; i++) {
    const p = storage().readJSON(files[i], true);
    if (looksLikePlan(p)) add(p.name, p);
    else add(files[i], null);
  }
  return out;
}
