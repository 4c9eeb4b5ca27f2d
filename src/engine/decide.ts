// The decisions the watch's screens make, as pure functions of what the shell reads from the watch
// (the session logs' names, the newest log's scan, the history, the battery, free flash): the shell
// only reads, calls these and shows the answer. Tested in tests/engine/decide.test.ts.

/** a history entry: [startS, durS, load, rpe, hard 0/1, plan name, log number] */
export type HistEntry = [number, number, number, number, number, string, number];
/** history entries kept */
export const HIST_MAX = 30;

/** what the app shows at launch */
export const AT_LIST = 0;
/** an unfinished session: offer Resume or Save */
export const AT_RECOVER = 1;
/** a finished session not rated yet: its summary and the RPE */
export const AT_SUMMARY = 2;

/** what the launch needs of the newest log's scan */
export interface LastLog {
  n: number;
  ended: boolean;
  lastSeq: number;
}

/**
 * The screen at launch, from the newest session log (null when there is none) and the history:
 * an unfinished log that holds anything is offered for resume; an ended one that is not in the
 * history yet (its effort was never saved) gets its summary; otherwise the workout list.
 */
export function atLaunch(last: LastLog | null, hist: HistEntry[]): number {
  if (!last) return AT_LIST;
  if (!last.ended) return last.lastSeq ? AT_RECOVER : AT_LIST;
  for (let i = 0; i < hist.length; i++) if (hist[i][6] === last.n) return AT_LIST;
  return AT_SUMMARY;
}

/** the numbers of the session logs among Storage names (prefix + number), ascending, each once */
export function logNumbers(names: string[], prefix: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const n = parseInt(names[i].substr(prefix.length), 10);
    if (names[i].substr(0, prefix.length) === prefix && n >= 0 && out.indexOf(n) < 0) out.push(n);
  }
  return out.sort(function (a, b) { return a - b; });
}

/** the newest log's number, -1 when there is none */
export function newestLog(ns: number[]): number {
  return ns.length ? ns[ns.length - 1] : -1;
}

/** flash a session may use per hour (the log's budget: bench/log.ts measures it) */
export const LOG_BYTES_PER_H = 30000;
/** a StorageFile takes flash a chunk at a time */
export const SF_CHUNK = 40960;
/** hours of GPS on a full battery */
export const GPS_HOURS = 6.5;

export interface Preflight {
  /** bytes of flash the session needs: its log's budget for the planned time, plus one chunk */
  needB: number;
  /** less free flash than that */
  flashShort: boolean;
  /** the battery, at GPS_HOURS a full charge, would not last the planned time */
  batShort: boolean;
}

/** The pre-start screen's flash and battery checks for a plan of estS seconds. */
export function preflight(estS: number, freeB: number, batPct: number): Preflight {
  const needB = (estS / 3600) * LOG_BYTES_PER_H + SF_CHUNK;
  return { needB: needB, flashShort: freeB < needB, batShort: (batPct / 100) * GPS_HOURS * 3600 < estS };
}

// A hard session in the watch's history: session RPE at or above HARD_RPE, or a load at or above
// HARD_LOAD, or a hard workout (HARD_REPS or more work reps: an interval session). The phone's
// training log (src/analysis/rules.ts) uses the same three lines, but counts reps only for a session
// without an RPE; every session in the watch's history has one, and an interval session is hard
// work whatever it felt like, so here the reps count too.
/** RPE at or above this is a hard session */
export const HARD_RPE = 7;
/** a session load (RPE × active minutes) at or above this is hard whatever its RPE (e.g. 75 min at RPE 6) */
export const HARD_LOAD = 450;
/** a workout of at least this many work reps is a hard workout (an interval session) */
export const HARD_REPS = 2;
/** the pre-start screen warns of a hard session that ended this many hours ago or less */
export const HARD_WARN_H = 36;

/** Training load of a session (session-RPE): RPE times the minutes it lasted, rounded. */
export function trainingLoad(rpe: number, durMs: number): number {
  return Math.round((rpe * durMs) / 60000);
}

/** The history entry of a rated session of `reps` work reps; hard by RPE, load or reps (above). */
export function histEntry(startMs: number, durMs: number, rpe: number, plan: string, n: number, reps: number): HistEntry {
  const load = trainingLoad(rpe, durMs);
  return [Math.round(startMs / 1000), Math.round(durMs / 1000), load, rpe, rpe >= HARD_RPE || load >= HARD_LOAD || reps >= HARD_REPS ? 1 : 0, plan, n];
}

/**
 * The pre-start warning (a heuristic, and the screen says so): whole hours since the end of the
 * newest hard session that ended at most HARD_WARN_H hours before nowMs, or -1 when none did.
 * Hard: the entry's own mark (RPE, load or reps when it was saved), or its RPE or load by the rules
 * above (entries saved before the load and reps rules were marked by RPE alone). A session that
 * ends after nowMs (a clock set back) is not counted.
 */
export function hardHoursAgo(hist: HistEntry[], nowMs: number): number {
  let best = -1;
  for (let i = 0; i < hist.length; i++) {
    const e = hist[i];
    const h = (nowMs / 1000 - e[0] - e[1]) / 3600;
    if ((e[4] || e[3] >= HARD_RPE || e[2] >= HARD_LOAD) && h >= 0 && h <= HARD_WARN_H && (best < 0 || h < best)) best = h;
  }
  return best < 0 ? -1 : Math.floor(best);
}

/** The history with e first, at most HIST_MAX entries (h is changed and returned). */
export function addToHistory(h: HistEntry[], e: HistEntry): HistEntry[] {
  h.unshift(e);
  if (h.length > HIST_MAX) h.splice(HIST_MAX, h.length - HIST_MAX);
  return h;
}

/** The list order: the workout of the newest history entry first, the others as they were (ws is changed and returned). */
export function lastUsedFirst<T extends { name: string }>(ws: T[], hist: HistEntry[]): T[] {
  for (let i = 1; hist.length && i < ws.length; i++) if (ws[i].name === hist[0][5]) ws.unshift(ws.splice(i, 1)[0]);
  return ws;
}

/**
 * Free JsVars on the list (when a workout is tapped) below which the way to a running session (the
 * pre-start screen loaded while the list is still alive, the plans read, the start, 12 minutes of
 * a real run) runs the firmware low on RAM: `npm run bench -- startmem` holds more and more RAM
 * elsewhere and prints the least free on the list with which the Classic 5K still starts and runs
 * without an error flag. Rounded up.
 */
export const SESSION_VARS = 2100;
/**
 * On top of that: a longer or deeper plan than the Classic 5K, the estimator's forearm-axis
 * buffer (made only when its check runs), the paused actions and the end prompt drawn over a
 * running session, and garbage not yet collected when the firmware needs a block.
 */
export const MEM_HEADROOM_VARS = 400;

export interface MemCheck {
  /** free JsVars a session needs when its workout is tapped */
  needVars: number;
  /** fewer are free: the start is refused */
  short: boolean;
}

/** The RAM check when a workout is tapped, from the free JsVars measured then (after a garbage collection). */
export function memCheck(freeVars: number): MemCheck {
  const need = SESSION_VARS + MEM_HEADROOM_VARS;
  return { needVars: need, short: freeVars < need };
}
