// A seeded generator of session histories with planted trends, for the training log's tests.
// Each session is a real log text: records encoded line by line with the project's codec
// (encode + crc32), so the analysis reads them through decodeLog exactly as it reads a watch's
// log. The plan is a built-in workout resolved against the goal, and the header carries its
// hash, as the watch writes it.
//
// What a session holds, per step of the plan in execution order:
// - warm-up / cool-down: 10 min at 5:30/km; strides 100 m at 4:00/km; walk/jog recoveries at 7:00/km;
// - each work rep: the band's centre pace × (1 + N(0, paceSd)), minus paceGainPerWeek × weeks
//   (planted: faster at the same effort);
// - each rep's RPE: round(rpeBase + 0.3 × (per cent faster than that week's usual pace)
//   + rpeRisePerWeek × weeks + N(0, rpeSd)), 1..10 (planted: harder at the same pace);
//   the session's RPE: round(mean of its reps' RPE + N(0, 0.3));
// - each recovery: peak HR N(174, 2), drop (peak − mean) = dropBase + dropGainPerWeek × weeks
//   + N(0, dropSd) (planted: HR recovering better);
// - sessions on the given weekdays of every week, at 07:00 UTC, plus extra sessions in a spike week.
import { encode } from "../../src/engine/log/encode";
import type { LineRec, StepRec, StepWhy } from "../../src/engine/log/records";
import { STEP_PACE_FAST, STEP_PACE_SLOW } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";
import { rng, gauss } from "../../src/sim/rng";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { resolvePlan } from "../../src/engine/workout/pace";
import { Cursor } from "../../src/engine/workout/cursor";
import type { Plan } from "../../src/engine/plan";

export const DAY = 86400000;
/** Monday 2026-01-05, 00:00 UTC */
export const MONDAY0 = Date.UTC(2026, 0, 5);

export interface GenOptions {
  seed: number;
  weeks?: number;
  /** weekdays (0 = Monday) with a session; default Mon, Wed, Sat */
  days?: number[];
  plan?: string;
  goal?: string;
  rpeBase?: number;
  rpeRisePerWeek?: number;
  paceGainPerWeek?: number;
  dropBase?: number;
  dropGainPerWeek?: number;
  paceSd?: number;
  rpeSd?: number;
  dropSd?: number;
  /** extra sessions: in week `week` (0-based) on these weekdays too */
  spike?: { week: number; days: number[] };
  /** leave out the per-rep RPE lines (session RPE only) */
  noRepRpe?: boolean;
  /** session RPE of every session (overrides the model) */
  sessionRpe?: number;
}

export interface GenSession {
  text: string;
  startMs: number;
  /** what was planted: weeks since the first session, the session's RPE */
  weeks: number;
  rpe: number;
  minutes: number;
}

function goalOf(g: string): { distM: number; timeS: number } {
  const m = /^(\d+)m (\d+):(\d\d)$/.exec(g)!;
  return { distM: Number(m[1]), timeS: Number(m[2]) * 60 + Number(m[3]) };
}

/** one session's log text */
export function genSession(plan: Plan, goal: string, startMs: number, weeks: number, r: () => number, o: GenOptions): GenSession {
  const resolved = resolvePlan(plan, goalOf(goal));
  const recs: LineRec[] = [{ k: "H", startMs, plan: plan.name, planHash: crc32(JSON.stringify(resolved)), version: "0.01", goal }];
  const steps: StepRec[] = [];
  const repRpe: { idx: number; rpe: number }[] = [];
  const cur = new Cursor(resolved);
  let t = 0;
  const paceSd = o.paceSd ?? 0.012;
  while (cur.step) {
    const s = cur.step;
    let pace = 330;
    let distM = 0;
    let durMs = 0;
    let avgHr = 140;
    let maxHr = 150;
    let cad = 164;
    let flags = 0;
    let why: StepWhy = "time";
    if (s.kind === "work") {
      const band = s.pace as [number, number];
      const c = (band[0] + band[1]) / 2;
      const e = gauss(r) * paceSd;
      const usual = c - (o.paceGainPerWeek ?? 0) * weeks;
      pace = usual * (1 + e);
      const faster = -100 * e;
      let rpe = Math.round((o.rpeBase ?? 6.5) + 0.3 * faster + (o.rpeRisePerWeek ?? 0) * weeks + gauss(r) * (o.rpeSd ?? 0.5));
      rpe = Math.max(1, Math.min(10, rpe));
      repRpe.push({ idx: cur.idx, rpe });
      avgHr = Math.round(166 + gauss(r));
      maxHr = Math.round(173 + gauss(r));
      cad = Math.round(176 + gauss(r));
      if (pace < band[0]) flags |= STEP_PACE_FAST;
      if (pace > band[1]) flags |= STEP_PACE_SLOW;
    } else if (s.kind === "stride") pace = 240;
    else if (s.kind === "recovery" || s.kind === "rest") {
      pace = 420;
      maxHr = Math.round(174 + gauss(r) * 2);
      const drop = (o.dropBase ?? 20) + (o.dropGainPerWeek ?? 0) * weeks + gauss(r) * (o.dropSd ?? 1.5);
      avgHr = Math.round(maxHr - drop);
      cad = 150;
    }
    if (s.end.dist !== undefined) {
      distM = s.end.dist;
      durMs = Math.round(distM * pace);
      why = "dist";
    } else {
      durMs = (s.end.time ?? 600) * 1000;
      distM = Math.round((durMs / pace) * 10) / 10;
    }
    steps.push({ k: "S", idx: cur.idx, kind: s.kind, rep: s.kind === "work" ? cur.rep : 0, startMs: t, durMs, distM, avgPaceSPerKm: Math.round((durMs / distM) * 10) / 10, avgHr, maxHr, avgCad: cad, why, flags, quality: 0 });
    t += durMs;
    cur.next();
  }
  recs.push(...steps);
  let dist = 0;
  for (const s of steps) dist += s.distM;
  recs.push({ k: "E", durMs: t, distM: dist, why: "done" });
  const mean = repRpe.reduce((a, x) => a + x.rpe, 0) / Math.max(1, repRpe.length);
  const rpe = o.sessionRpe ?? Math.max(1, Math.min(10, Math.round(mean + gauss(r) * 0.3)));
  if (!o.noRepRpe) for (const x of repRpe) recs.push({ k: "R", rpe: x.rpe, idx: x.idx });
  recs.push({ k: "R", rpe });
  const text = recs.map((x, i) => encode(x, i + 1, crc32)).join("");
  return { text, startMs, weeks, rpe, minutes: t / 60000 };
}

/** a history: sessions on o.days of each of o.weeks weeks from MONDAY0, oldest first */
export function genHistory(o: GenOptions): GenSession[] {
  const r = rng(o.seed);
  const plan = TEMPLATES.find((p) => p.name === (o.plan ?? "Classic 5K"))!;
  const goal = o.goal ?? "5000m 25:00";
  const out: GenSession[] = [];
  const weeks = o.weeks ?? 8;
  for (let w = 0; w < weeks; w++) {
    const days = (o.days ?? [0, 2, 5]).slice();
    if (o.spike && o.spike.week === w) for (const d of o.spike.days) if (days.indexOf(d) < 0) days.push(d);
    days.sort((a, b) => a - b);
    for (const d of days) {
      const startMs = MONDAY0 + (w * 7 + d) * DAY + 7 * 3600000;
      out.push(genSession(plan, goal, startMs, (startMs - MONDAY0) / (7 * DAY), r, o));
    }
  }
  return out;
}
