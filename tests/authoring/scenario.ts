// One customisation, shared by the page test (Chromium: the page must hand over exactly these
// files) and the firmware test (the watch must list and start what they hold).
import { customFiles, type StorageEntry } from "../../src/authoring/custom";
import { parseText } from "../../src/authoring/text";
import { printWorkout } from "../../src/authoring/print";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { Plan } from "../../src/engine/plan";

/** the built-ins the runner keeps */
export const PICKED = ["Classic 5K", "HR rest", "Easy+strides"];

/** typed into the page; time-only, with a nested repeat and an HR recovery */
export const HILLS = [
  "name: Hills",
  "note: 8 hill reps, walk down; HR rest to finish",
  "- 10m warm-up",
  "2x",
  "  4x",
  '    - 45s HR 160-180 "Hill"',
  "    - 90s walk",
  "  between 3m jog",
  "recover until HR<120 min 60s max 3m",
  "- 8m cool-down",
].join("\n");

/** what the page's "start from a built-in" makes of Classic 5K */
export const CLASSIC_COPY: Plan = { ...TEMPLATES.find((t) => t.name === "Classic 5K")!, name: "Classic 5K 2" };

export function plan(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/** the files the page must hand to the loader */
export function expectedFiles(): StorageEntry[] {
  const r = customFiles(TEMPLATES, PICKED, [plan(HILLS), plan(printWorkout(CLASSIC_COPY))]);
  if (!r.ok) throw new Error(r.error);
  return r.storage;
}
