// The workouts the page offers next to Play: the built-ins (TEMPLATES, the list the build installs
// as speedseq.plans.json) and the ones uploaded on this page. Uploads are kept in the browser
// (localStorage) and written to the watch as files after every boot, before the app starts, so
// they survive a restart and the app lists them. Which row of the watch's list a workout is on is
// asked of the watch's own listing code (src/watch/workouts.ts), run here over the files the page
// installs. No DOM here but localStorage (tests/browser/page-logic.test.ts runs it in Node).
import { TEMPLATES } from "../../src/engine/workout/templates";
import { workouts } from "../../src/watch/workouts";
import { PLANS } from "../../src/watch/store";
import type { Plan } from "../../src/engine/plan";
import { workoutFileName } from "../../src/authoring/names";

/**
 * An uploaded workout as the page keeps it: the plan's name and the plan as JSON. Its file on the
 * watch is authoring's workoutFileName(name), the one naming every delivery path uses (22
 * characters whatever the name, under Storage's 28).
 */
export interface Upload { name: string; text: string }

/** the watch's Storage as far as its workout list reads it, over [name, text] files in list order */
function storageOver(files: [string, string][]) {
  const get = (name: string) => files.find((f) => f[0] === name)?.[1];
  return {
    read: get,
    readJSON(name: string): unknown {
      const t = get(name);
      if (t === undefined) return undefined;
      try {
        return JSON.parse(t);
      } catch {
        return undefined;
      }
    },
    list(re?: RegExp): string[] {
      return files.map((f) => f[0]).filter((n) => !re || re.test(n));
    },
  };
}

/**
 * The names the app's workout list shows, top to bottom, on a fresh watch holding the built-ins
 * and these uploads (written in this order): src/watch/workouts.ts's own workouts(), run over
 * those files. It takes Storage as a port; this gives it one over those files.
 */
export function watchList(builtIns: Plan[], uploads: Upload[]): string[] {
  const files: [string, string][] = [[PLANS, JSON.stringify(builtIns)], ...uploads.map((u): [string, string] => [workoutFileName(u.name), u.text])];
  // the watch's own listing, over a Storage port that holds just these files
  return workouts(storageOver(files) as unknown as Parameters<typeof workouts>[0]).map((e) => e.name);
}

/** where a workout is in the app's list: its row and the list's rows (the History row after the workouts) */
export function listRow(builtIns: Plan[], uploads: Upload[], name: string): { row: number; rows: number } {
  const names = watchList(builtIns, uploads);
  const row = names.indexOf(name);
  if (row < 0) throw new Error(`the watch would not list "${name}" (listed: ${names.join(", ")})`);
  return { row, rows: names.length + 1 };
}

/** the files to write to the watch after a boot: every upload, oldest first (the order the list shows them) */
export function uploadFiles(uploads: Upload[]): [string, string][] {
  return uploads.map((u) => [workoutFileName(u.name), u.text]);
}

/**
 * Adds a validated plan to the uploads: a plan named like an earlier upload replaces it (same
 * file, same place in the list); one named like a built-in is refused, since the watch would list
 * only the built-in.
 */
export function addUpload(uploads: Upload[], plan: Plan): { ok: true; uploads: Upload[]; upload: Upload; replaced: boolean } | { ok: false; error: string } {
  if (TEMPLATES.some((t) => t.name === plan.name))
    return { ok: false, error: `a built-in workout is already called "${plan.name}": the watch would list only the built-in, so rename it` };
  const text = JSON.stringify(plan);
  const old = uploads.find((u) => u.name === plan.name);
  if (old) {
    const upload = { ...old, text };
    return { ok: true, uploads: uploads.map((u) => (u === old ? upload : u)), upload, replaced: true };
  }
  const upload = { name: plan.name, text };
  return { ok: true, uploads: [...uploads, upload], upload, replaced: false };
}

const KEY = "speedseq.uploads";

/** the uploads this browser keeps (none when localStorage is missing or holds something else) */
export function loadUploads(): Upload[] {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((u) => u && typeof u.name === "string" && typeof u.text === "string").map((u) => ({ name: u.name, text: u.text })) : [];
  } catch {
    return [];
  }
}

export function saveUploads(uploads: Upload[]): void {
  globalThis.localStorage?.setItem(KEY, JSON.stringify(uploads));
}
