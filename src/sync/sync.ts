// A whole sync, as the CLI runs it and the phone app will: list the watch's session logs (refused
// while a session runs), fetch each one the phone does not already hold verbatim, verify it, hand
// it over to be kept, and only then (if asked) delete it on the watch. The history file and the
// newest log are never deleted.
import { decodeLine } from "../engine/log/decode";
import type { Crc } from "../engine/log/encode";
import type { SyncClient, LogInfo, DeleteResult, Stats } from "./client";
import { manifestOf, manifestDiff, verifyCopy, type Manifest, type Verified } from "./manifest";

export const RUNNING =
  "A session is running on the watch (or waits in SpeedSeq to be resumed or saved): finish it, then sync again.";

export interface SyncOptions {
  crc: Crc;
  /** delete each log whose verified copy was kept (never the newest log, never an unfinished one) */
  delete?: boolean;
  /** a copy already kept for this log, to compare with the watch's manifest instead of fetching */
  have?: (info: LogInfo) => Promise<string | undefined>;
  /** keeps a verified copy; resolves once it is stored (a delete follows only then) */
  save: (info: LogInfo, text: string, v: Verified) => Promise<void>;
  log?: (line: string) => void;
}

export interface FileReport {
  name: string;
  /** saved: fetched, verified and kept; unchanged: the kept copy is the watch's log; failed: not kept */
  status: "saved" | "unchanged" | "failed";
  bytes: number;
  records: number;
  /** lines whose own CRC fails (in the watch's log too, since the copy is verbatim) */
  damaged: number;
  torn: boolean;
  ended: boolean;
  lastSeq: number;
  /** what the delete did (only with delete) */
  deleted?: DeleteResult;
  error?: string;
  /** from the H record */
  startMs?: number;
  plan?: string;
  /** from the E record, else the history file */
  durS?: number;
}

export interface SyncReport {
  /** set when the watch refused (a session running): nothing was fetched or deleted */
  refused?: string;
  files: FileReport[];
  stats: Stats;
}

/** start and workout from a log's first line (its H record), if that line verifies */
export function headOf(head: string, crc: Crc): { startMs: number; plan: string } | undefined {
  const r = decodeLine(head, crc);
  return r.ok && r.rec.k === "H" ? { startMs: r.rec.startMs, plan: r.rec.plan } : undefined;
}

/** duration in s from the log's E record (the last one), if any */
function durationOf(text: string, crc: Crc): number | undefined {
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].charAt(0) !== "E") continue;
    const r = decodeLine(lines[i], crc);
    if (r.ok && r.rec.k === "E") return Math.round(r.rec.durMs / 1000);
  }
  return undefined;
}

export async function syncWatch(client: SyncClient, o: SyncOptions): Promise<SyncReport> {
  const log = o.log || (() => {});
  const listing = await client.list();
  if (listing.running) return { refused: RUNNING, files: [], stats: client.stats };
  const files: FileReport[] = [];
  for (const info of listing.logs) {
    const r: FileReport = { name: info.name, status: "failed", bytes: info.size, records: 0, damaged: 0, torn: false, ended: false, lastSeq: 0 };
    files.push(r);
    const h = headOf(info.head, o.crc);
    if (h) {
      r.startMs = h.startMs;
      r.plan = h.plan;
    }
    r.durS = info.histDurS;
    try {
      let text = o.have ? await o.have(info) : undefined;
      let m: Manifest | undefined;
      if (text !== undefined) {
        m = await client.manifest(info.name);
        if (manifestDiff(manifestOf(info.name, text, m.chunk, o.crc), m) === "") r.status = "unchanged";
        else text = undefined;
      }
      if (text === undefined || !m) {
        const f = await client.fetch(info.name, { size: info.size });
        text = f.text;
        m = f.manifest;
      }
      const v = verifyCopy(text, m, o.crc);
      if (!v.ok) throw new Error("copy does not match the watch: " + v.why);
      r.bytes = text.length;
      r.records = v.records;
      r.damaged = v.damaged.length;
      r.torn = v.torn;
      r.ended = v.ended;
      r.lastSeq = v.lastSeq;
      const d = durationOf(text, o.crc);
      if (d !== undefined) r.durS = d;
      if (r.status !== "unchanged") {
        await o.save(info, text, v);
        r.status = "saved";
      }
      if (o.delete) {
        if (info.n === listing.newest) r.deleted = "newest";
        else if (!v.ended) r.deleted = "open";
        else r.deleted = await client.remove(info.name, m);
      }
    } catch (e) {
      // (status stays what was reached: a delete that failed leaves a saved copy saved)
      r.error = (e as Error).message;
      log(info.name + ": " + r.error);
    }
  }
  return { files: files, stats: client.stats };
}
