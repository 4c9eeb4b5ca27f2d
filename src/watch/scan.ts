// Reads a session log back line by line (never the whole file in RAM): what a resume needs
// (last seq, first unfinished step, whether it ended) and the splits for the summary screen.
// Only the decoder's core: a torn or corrupt line fails its checksum and is skipped, and of the
// lines that verify only the few fields used here are read.
import { verify, num, unesc } from "../engine/log/decode";
import { STEP_KINDS, EVENT_CODES, H_START_S, H_START_MS_REST, H_PLAN, S_IDX, S_KIND, S_REP, S_DUR_MS, S_DIST_DM, S_AVG_HR, S_FLAGS, R_RPE, F_WHAT, F_VALUE_TENTHS } from "../engine/log/records";
import { logName } from "./store";
import type { StorageApi } from "./store";

export interface Scan {
  n: number;
  plan: string;
  startMs: number;
  lastSeq: number;
  /** the first step index with no S record */
  nextIdx: number;
  /** the value of the last `shorten` event (the reps the form guard shortened), 0 if none */
  cut: number;
  ended: boolean;
  rpe: number;
  /** active ms and metres over all finished steps */
  durMs: number;
  distM: number;
  /** work splits: rep, distM, durMs, avgHr, flags, step idx (SPLIT_N numbers each) */
  splits: number[];
}

export const SPLIT_N = 6;

/** log n read back from Storage S; crc is E.CRC32 */
export function scanLog(S: StorageApi, crc: (s: string) => number, n: number): Scan {
  const sc: Scan = { n: n, plan: "", startMs: 0, lastSeq: 0, nextIdx: 0, cut: 0, ended: false, rpe: 0, durMs: 0, distM: 0, splits: [] };
  const file = S.open(logName(n), "r");
  // the code of the form guard's `shorten` event (the number only: the table would stay in RAM with this file)
  const shorten = EVENT_CODES.split(" ").indexOf("shorten");
  let l: string | undefined;
  // every line read ends in "\n" but perhaps the last: none is empty
  while ((l = file.readLine())) {
    const f = verify(l, crc);
    if (!f) continue;
    const k = f[0].charAt(0);
    const seq = num(f[0].substr(1));
    if (seq > sc.lastSeq) sc.lastSeq = seq;
    if (k == "H") {
      sc.plan = unesc(f[H_PLAN]);
      sc.startMs = num(f[H_START_S]) * 1000 + num(f[H_START_MS_REST]);
    } else if (k == "S") {
      const idx = num(f[S_IDX]);
      const durMs = num(f[S_DUR_MS]);
      const distM = num(f[S_DIST_DM]) / 10;
      if (idx >= sc.nextIdx) sc.nextIdx = idx + 1;
      sc.durMs += durMs;
      sc.distM += distM;
      if (STEP_KINDS[num(f[S_KIND])] == "work") sc.splits.push(num(f[S_REP]), distM, durMs, num(f[S_AVG_HR]), num(f[S_FLAGS]), idx);
    } else if (k == "F") {
      if (num(f[F_WHAT]) == shorten) sc.cut = num(f[F_VALUE_TENTHS]) / 10 || 0;
    } else if (k == "E") sc.ended = true;
    else if (k == "R") sc.rpe = num(f[R_RPE]);
  }
  return sc;
}
