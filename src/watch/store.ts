// Flash Storage as the app uses it: settings, uploaded workouts, the session logs (append-only
// StorageFiles) and the small history index. require() is reached at run time, never bundled.

export interface SFile {
  write(s: string): void;
  readLine(): string | undefined;
  erase(): void;
}
export interface StorageApi {
  read(name: string): string | undefined;
  readJSON(name: string, noExceptions: boolean): any;
  writeJSON(name: string, data: any): boolean;
  list(re?: RegExp, o?: { sf?: boolean }): string[];
  open(name: string, mode: string): SFile;
  erase(name: string): void;
  getFree(): number;
}

export function storage(): StorageApi {
  return (globalThis as any).require("Storage");
}

export const APP_ID = "speedseq";
/** must equal the last ChangeLog line (tests/watch/metadata.test.ts) */
export const VERSION = "0.01";
export const SETTINGS = "speedseq.json";
export const HISTORY = "speedseq.hist.json";
/** the built-in workouts (a JSON list of plans), installed with the app */
export const PLANS = "speedseq.plans.json";
const LOG = "speedseq.log";
/** history entries kept: [startS, durS, load, rpe, hard 0/1, plan name, log number] */
const HIST_MAX = 30;

export interface Settings {
  /** goal race distance m and time s */
  race: number;
  time: number;
  maxHr: number;
  restHr: number;
  /** 0 km, 1 mi */
  mi: number;
  /** buzz strength 0.2..1 */
  buzz: number;
  /** 0: the watch locks as usual; 1: stays unlocked during a session */
  unlock: number;
}

export function loadSettings(): Settings {
  const s: Settings = { race: 5000, time: 1500, maxHr: 190, restHr: 60, mi: 0, buzz: 1, unlock: 0 };
  return Object.assign(s, storage().readJSON(SETTINGS, true) || {});
}

export function logName(n: number): string {
  return LOG + n;
}

/** numbers of the existing session logs, ascending */
export function logNumbers(): number[] {
  const out: number[] = [];
  const names = storage().list(/^speedseq\.log/, { sf: true });
  for (let i = 0; i < names.length; i++) {
    const n = parseInt(names[i].substr(LOG.length), 10);
    if (n >= 0 && out.indexOf(n) < 0) out.push(n);
  }
  return out.sort((a, b) => { return a - b; });
}

export type HistEntry = [number, number, number, number, number, string, number];

export function loadHistory(): HistEntry[] {
  return storage().readJSON(HISTORY, true) || [];
}

/** written once per session, after it has ended: never during one */
export function addHistory(e: HistEntry): void {
  const h = loadHistory();
  h.unshift(e);
  if (h.length > HIST_MAX) h.splice(HIST_MAX, h.length - HIST_MAX);
  storage().writeJSON(HISTORY, h);
}
