// The files the App Loader's "customise" page (apps/speedseq/custom.html) hands to the loader:
// the built-ins the runner picked, as the app's own speedseq.plans.json (the loader puts a
// customised file in place of the app's file of the same name), and each workout they wrote as
// speedseq.w<id>.json (names.ts). The page calls this; the tests write its output to a firmware
// watch. Pure: no Node or DOM.

import type { Plan } from "../engine/plan";
import { parseWorkout } from "../engine/workout/validate";
import { workoutFileName } from "./names";

/** the built-ins' file, as metadata.json's storage names it */
export const PLANS_FILE = "speedseq.plans.json";

export interface StorageEntry {
  name: string;
  content: string;
}

export type CustomResult = { ok: true; storage: StorageEntry[] } | { ok: false; error: string };

/**
 * builtIns: every built-in (speedseq.plans.json as shipped); picked: the names to keep, any order;
 * own: the runner's workouts. The watch lists one workout per name, so a name used twice, or a
 * built-in's name (picked or not: an install without the page brings every built-in back), is refused.
 */
export function customFiles(builtIns: Plan[], picked: string[], own: Plan[]): CustomResult {
  const keep = builtIns.filter((p) => picked.indexOf(p.name) >= 0);
  for (let i = 0; i < picked.length; i++)
    if (!builtIns.some((p) => p.name === picked[i])) return { ok: false, error: "there is no built-in workout named " + JSON.stringify(picked[i]) };
  const storage: StorageEntry[] = [{ name: PLANS_FILE, content: JSON.stringify(keep) }];
  const builtInNames = builtIns.map((p) => p.name);
  const names: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const v = parseWorkout(own[i]);
    if (!v.ok) return { ok: false, error: "workout " + (i + 1) + ": " + v.error };
    const n = own[i].name;
    if (builtInNames.indexOf(n) >= 0)
      return { ok: false, error: JSON.stringify(n) + " is the name of a built-in workout: the watch lists one workout per name, so choose another" };
    if (names.indexOf(n) >= 0)
      return { ok: false, error: "two workouts are named " + JSON.stringify(n) + ": the watch lists one workout per name, so rename one" };
    const file = workoutFileName(n);
    if (files.indexOf(file) >= 0) return { ok: false, error: "workouts " + JSON.stringify(n) + " and " + JSON.stringify(own[files.indexOf(file)].name) + " would share a file: rename one" };
    names.push(n);
    files.push(file);
    storage.push({ name: file, content: JSON.stringify(own[i]) });
  }
  return { ok: true, storage: storage };
}
