// Flash Storage as the app uses it: settings, uploaded workouts, the session logs (append-only
// StorageFiles) and the small history index. The Storage module itself is a port: main.ts passes
// require("Storage") in (W.S); nothing here reaches a watch global.
import type { HistEntry } from "../engine/decide";
import { addToHistory, logNumbers } from "../engine/decide";

export interface SFile {
  write(s: string): void;
  getLength(): number;
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

export const APP_ID = "speedseq";
/** must equal the last ChangeLog line (tests/watch/metadata.test.ts) */
export const VERSION = "0.01";
export const SETTINGS = "speedseq.json";
export const HISTORY = "speedseq.hist.json";
/** the built-in workouts (a JSON list of plans), installed with the app */
export const PLANS = "speedseq.plans.json";
export const LOG = "speedseq.log";
/** the last session copied for Gadgetbridge (speedseq.gb.js): {n: its log's number} */
export const GB_DONE = "speedseq.gb.json";

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
  /** 1: after a session, a Recorder-format copy of its track for Gadgetbridge (speedseq.gb.js); 0: none */
  gb: number;
}

export function loadSettings(S: StorageApi): Settings {
  const s: Settings = { race: 5000, time: 1500, maxHr: 190, restHr: 60, mi: 0, buzz: 1, unlock: 0, gb: 1 };
  return Object.assign(s, S.readJSON(SETTINGS, true) || {});
}

export function logName(n: number): string {
  return LOG + n;
}

export function loadHistory(S: StorageApi): HistEntry[] {
  return S.readJSON(HISTORY, true) || [];
}

/** written once per session, after it has ended: never during one */
export function addHistory(S: StorageApi, e: HistEntry): void {
  S.writeJSON(HISTORY, addToHistory(loadHistory(S), e));
}

/** numbers of the session logs on flash, ascending */
export function logs(S: StorageApi): number[] {
  return logNumbers(S.list(/^speedseq\.log/, { sf: true }), LOG);
}
