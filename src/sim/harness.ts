// Plays a session engine against fake sensors in virtual time, the way the watch would deliver
// them: a 1 Hz tick, GPS/HRM/cadence events queued and run one at a time, commands, and a wall
// clock that can jump. Records every buzz (when it lands, in true virtual time) and log line.
import type { Plan } from "../engine/plan";
import { Session } from "../engine/session";
import type { Cmd, DropPort } from "../engine/session";
import type { SensorEvent } from "./replay";
import { crc32 } from "./crc";

export interface RunOptions {
  wallStartMs?: number;
  /** the wall clock jumps by byMs at true time atMs */
  clockJumps?: { atMs: number; byMs: number }[];
  cmds?: { atMs: number; cmd: Cmd }[];
  cadence?: { tMs: number; spm: number; conf: number }[];
  drop?: DropPort;
  /** stop at this true time even if the plan is not done (default: last event + 10 min) */
  endMs?: number;
  version?: string;
  goal?: string;
  /** continue a log (Session's lastSeq, fromIdx and cut, as the watch's scan finds them) */
  resume?: { lastSeq: number; fromIdx: number; cut: number };
}

export interface Buzz { atMs: number; id: number }

export interface RunResult {
  session: Session;
  buzzes: Buzz[];
  lines: string[];
  /** true ms at which the session finished, or -1 */
  doneMs: number;
}

type Item = { tMs: number; order: number; run: (wallMs: number) => void };

export function runSession(plan: Plan, events: SensorEvent[], o: RunOptions = {}): RunResult {
  const wall0 = o.wallStartMs ?? Date.UTC(2026, 5, 1, 7, 0, 0);
  const buzzes: Buzz[] = [];
  const lines: string[] = [];
  let now = 0;
  const s = new Session(plan, { buzz: (id, delayMs) => buzzes.push({ atMs: now + delayMs, id }), write: (l) => lines.push(l), crc: crc32 }, wall0, o.version ?? "0.01", o.goal ?? "", o.resume ? o.resume.lastSeq : 0, o.resume ? o.resume.fromIdx : 0, o.resume ? o.resume.cut : 0);
  if (o.drop) s.drop = o.drop;
  const jumps = o.clockJumps ?? [];
  const wallAt = (t: number): number => wall0 + t + jumps.filter((j) => j.atMs <= t).reduce((a, j) => a + j.byMs, 0);
  const lastEv = events.length ? events[events.length - 1].tMs : 0;
  const end = o.endMs ?? lastEv + 600000;
  // the queue: everything that will happen, in order; equal times keep insertion order
  const items: Item[] = [];
  let order = 0;
  for (let t = 1000; t <= end; t += 1000) items.push({ tMs: t, order: order++, run: (w) => s.tick(w) });
  for (const e of events) {
    if (e.type === "GPS") items.push({ tMs: e.tMs, order: order++, run: (w) => s.gpsFix(w, e.data) });
    else items.push({ tMs: e.tMs, order: order++, run: (w) => s.hrm(w, e.data.bpm, e.data.confidence) });
  }
  for (const c of o.cadence ?? []) items.push({ tMs: c.tMs, order: order++, run: (w) => s.cadence(w, c.spm, c.conf) });
  for (const c of o.cmds ?? []) items.push({ tMs: c.atMs, order: order++, run: (w) => s.command(w, c.cmd) });
  items.sort((a, b) => a.tMs - b.tMs || a.order - b.order);
  let doneMs = -1;
  for (const it of items) {
    if (it.tMs > end) break;
    now = it.tMs;
    it.run(wallAt(now));
    if (s.mode === 2) {
      doneMs = now;
      break;
    }
  }
  return { session: s, buzzes, lines, doneMs };
}
