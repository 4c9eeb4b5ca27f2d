// Reads a session log back line by line (never the whole file in RAM): what a resume needs
// (last seq, first unfinished step, whether it ended) and the splits for the summary screen.
// A torn or corrupt line is skipped by the decoder's checksum.
import { decodeLine } from "../engine/log/decode";
import { storage, logName } from "./store";

export interface Scan {
  n: number;
  plan: string;
  startMs: number;
  lastSeq: number;
  /** the first step index with no S record */
  nextIdx: number;
  ended: boolean;
  rpe: number;
  /** active ms and metres over all finished steps */
  durMs: number;
  distM: number;
  /** work splits: rep, distM, durMs, avgHr, flags (5 numbers each) */
  splits: number[];
}

export function scanLog(n: number): Scan {
  const sc: Scan = { n: n, plan: "", startMs: 0, lastSeq: 0, nextIdx: 0, ended: false, rpe: 0, durMs: 0, distM: 0, splits: [] };
  const f = storage().open(logName(n), "r");
  const crc = E.CRC32;
  let l: string | undefined;
  while ((l = f.readLine()) !== undefined) {
    const d = decodeLine(l, crc);
    if (!d.ok) continue;
    if (d.seq > sc.lastSeq) sc.lastSeq = d.seq;
    const r = d.rec;
    if (r.k === "H") {
      sc.plan = r.plan;
      sc.startMs = r.startMs;
    } else if (r.k === "S") {
      if (r.idx >= sc.nextIdx) sc.nextIdx = r.idx + 1;
      sc.durMs += r.durMs;
      sc.distM += r.distM;
      if (r.kind === "work") sc.splits.push(r.rep, r.distM, r.durMs, r.avgHr, r.flags);
    } else if (r.k === "E") sc.ended = true;
    else if (r.k === "R") sc.rpe = r.rpe;
  }
  return sc;
}
