// A copy of a session's track in the file format of BangleApps' Recorder, which Gadgetbridge's
// "fetch activity tracks" for Bangle.js reads (README "Sync", Gadgetbridge). The watch makes it
// once a session has ended (src/watch/gbcopy.ts), one verified log line at a time: the log is
// never held in RAM, and neither is the copy.
//
// What Gadgetbridge expects (facts of its Bangle.js support and of the Android Integration app
// that answers it on the watch): StorageFiles named "recorder.log" + an id + ".csv", the id being
// the UTC date as YYYYMMDD and one more character (the Recorder uses a, b, c … for a day's tracks),
// listed in id order after the last id it fetched; a header row of column names, found by name;
// Time in Unix seconds; Latitude and Longitude in degrees; Altitude in metres (empty: unknown);
// Heartrate in bpm (empty or 0: none); Steps counted since the row before.
import { verify, num } from "./decode";
import type { Crc } from "./encode";
import { EVENT_CODES, H_START_S, F_TIME_MS, F_WHAT, T_TIME_S, T_LAT_E5, T_LON_E5, T_BPM, T_SPM, T_DELTAS, T1_DELTAS, T1_FIELDS, PACK_TERM_0, PACK_CONT, PACK_CONT_0 } from "./records";

export const RECORDER_HEADER = "Time,Latitude,Longitude,Altitude,Heartrate,Steps\n";
/**
 * A row's steps are its cadence over the time since the row before, but over at most this many
 * seconds: the track has a point every 5 s while the runner moves, so a longer gap is a pause or
 * a stop, whose time holds no steps.
 */
export const RECORDER_STEP_GAP_S = 10;

/** Where a copy is: the wall second the session's clock counts from, and the last row's (-1: none yet). */
export interface RecorderState {
  offS: number;
  lastS: number;
}

/**
 * The name of a new copy for a session that started at startMs (wall clock), after every
 * Recorder-named file of that day in `names` (Storage.list): "recorder.log20240501c.csv" when a
 * and b exist. null when the day's 26 letters are used up.
 */
export function recorderName(startMs: number, names: string[]): string | null {
  const day = new Date(startMs).toISOString().substr(0, 10).split("-").join("");
  const pre = "recorder.log" + day;
  let next = 0;
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (n.substr(0, pre.length) != pre || n.length != pre.length + 5) continue;
    const k = n.charCodeAt(pre.length) - 97;
    if (k >= next) next = k + 1;
  }
  return next < 26 ? pre + String.fromCharCode(97 + next) + ".csv" : null;
}

/** 1e-5 degree as decimal degrees, exactly (no float printing) */
function deg(e5: number): string {
  const a = Math.abs(e5);
  return (e5 < 0 ? "-" : "") + Math.floor(a / 100000) + "." + ("" + (100000 + (a % 100000))).substr(1);
}

/** one row: v = [session s, lat and lon in 1e-5 degree, bpm, steps/min]; steps only when the line has cadence */
function row(v: number[], st: RecorderState, cad: boolean): string {
  const t = st.offS + v[0];
  const dt = st.lastS < 0 ? 0 : Math.max(0, Math.min(RECORDER_STEP_GAP_S, t - st.lastS));
  st.lastS = t;
  return t + "," + deg(v[1]) + "," + deg(v[2]) + ",," + (v[3] > 0 ? v[3] : "") + "," + (cad ? Math.round((v[4] * dt) / 60) : "") + "\n";
}

/**
 * The Recorder rows of one log line ("" for a line that gives none, or fails its CRC). The header
 * line sets the wall clock; a resume after a crash (its session clock restarts at 0) continues
 * from the last row, as the exports place it; each track point is a row.
 */
export function recorderRows(line: string, crc: Crc, st: RecorderState): string {
  const f = verify(line, crc);
  if (!f) return "";
  const k = f[0].charAt(0);
  if (k == "H") st.offS = num(f[H_START_S]);
  if (k == "F" && num(f[F_WHAT]) == EVENT_CODES.split(" ").indexOf("resume") && num(f[F_TIME_MS]) == 0 && st.lastS >= 0) st.offS = st.lastS;
  if (k != "T") return "";
  // an older line has no HR and cadence: three numbers a point, else five
  const old = f.length == T1_FIELDS;
  const per = old ? 3 : 5;
  const v = [num(f[T_TIME_S]), num(f[T_LAT_E5]), num(f[T_LON_E5]), old ? 0 : num(f[T_BPM]), old ? 0 : num(f[T_SPM])];
  let out = row(v, st, !old);
  const s = f[old ? T1_DELTAS : T_DELTAS];
  // the packed deltas (records.ts), added up point by point
  let z = 0;
  let mul = 1;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= PACK_CONT_0) {
      z += (c - PACK_CONT_0) * mul;
      mul *= PACK_CONT;
      continue;
    }
    z += (c - PACK_TERM_0) * mul;
    v[j++] += z % 2 ? -(z + 1) / 2 : z / 2;
    z = 0;
    mul = 1;
    if (j == per) {
      out += row(v, st, !old);
      j = 0;
    }
  }
  return out;
}
