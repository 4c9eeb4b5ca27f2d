// Which plan a session ran, from its log header alone. The watch writes the plan's name, the
// runner's goal ("5000m 25:00") and planHash = CRC-32 of the JSON of the plan it walked, i.e.
// the plan resolved against that goal (src/engine/logout.ts). So a candidate workout is the
// one that ran exactly when, resolved against the header's goal, its JSON hashes to planHash;
// then every step's target band is known, by its index in execution order.
import type { Crc } from "../engine/log/encode";
import type { HeaderRec } from "../engine/log/records";
import type { Plan, Step } from "../engine/plan";
import { resolvePlan, goalError } from "../engine/workout/pace";
import { Cursor } from "../engine/workout/cursor";
import { TEMPLATES } from "../engine/workout/templates";

/** "5000m 25:00" (the watch's goal text: metres, then m:ss or h:mm:ss) → metres and seconds */
export function goalOf(text: string | undefined): { distM: number; timeS: number } | null {
  if (!text) return null;
  const m = /^(\d+)m (\d+):(\d\d)(?::(\d\d))?$/.exec(text);
  if (!m) return null;
  const a = Number(m[2]);
  const b = Number(m[3]);
  const timeS = m[4] === undefined ? a * 60 + b : a * 3600 + b * 60 + Number(m[4]);
  return { distM: Number(m[1]), timeS };
}

/**
 * The plan the header's session ran, resolved (absolute pace bands), among the candidates
 * (default: the built-in workouts), or null when none hashes to the header's planHash (a
 * workout the caller did not pass, or an edited one). crc: the zlib CRC-32, as for decodeLog.
 */
export function planOf(h: HeaderRec, crc: Crc, candidates: Plan[] = TEMPLATES): Plan | null {
  const goal = goalOf(h.goal);
  for (const c of candidates) {
    let p: Plan = c;
    if (goal && !goalError(goal)) p = resolvePlan(c, goal);
    if (crc(JSON.stringify(p)) >>> 0 === h.planHash >>> 0) return p;
  }
  return null;
}

/** the plan's leaves in execution order (the log's step idx) */
export function stepsOf(plan: Plan): Step[] {
  const out: Step[] = [];
  const c = new Cursor(plan);
  while (c.step) {
    out.push(c.step);
    c.next();
  }
  return out;
}

/** a resolved step's band [fast, slow] in s/km, or null (no target, or a reference never resolved) */
export function bandOf(s: Step | undefined): [number, number] | null {
  return s && Array.isArray(s.pace) ? [s.pace[0], s.pace[1]] : null;
}
