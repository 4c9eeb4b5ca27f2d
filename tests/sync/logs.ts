// Session logs for the sync tests, written by the project's LogWriter as the watch writes them:
// a header, step summaries, track lines, events, RPEs, and an end line unless the session is
// unfinished; optionally a torn last line (a crash mid-write) or a damaged line on flash.
import { LogWriter } from "../../src/engine/log/encode";
import { headFields, stepFields, eventFields, rpeFields, endFields } from "../log/recs";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { rng } from "../../src/sim/rng";
import type { Watch } from "../../emulator/firmware/watch";

export interface LogSpec {
  seed: number;
  /** step summaries (each followed by some track) */
  steps: number;
  /** ends with an E line */
  ended: boolean;
  /** a crash cut the last line short */
  torn?: boolean;
  /** one line in the middle has a flipped character on flash */
  damaged?: boolean;
  startMs?: number;
  plan?: string;
}

export function makeLog(s: LogSpec): string {
  const r = rng(s.seed);
  const w = new LogWriter(crc32, 0, 4 + Math.floor(r() * 9));
  const start = s.startMs ?? 1_700_000_000_000 + Math.floor(r() * 1e9);
  let out = w.rec(headFields(start, s.plan ?? "Plan " + s.seed, Math.floor(r() * 4294967295), "0.01", "5000m 25:00"));
  let t = 0;
  let lat = 51.5 + r() * 0.01;
  let lon = -0.12 + r() * 0.01;
  for (let i = 0; i < s.steps; i++) {
    const dur = 30 + Math.floor(r() * 300);
    for (let j = 0; j < dur; j += 5) {
      lat += (r() - 0.5) * 2e-4;
      lon += (r() - 0.5) * 2e-4;
      const l = w.add(t + j, lat, lon);
      if (l) out += l;
    }
    const f = w.flush();
    if (f) out += f;
    if (r() < 0.3) out += w.rec(eventFields(t * 1000 + 500, "paceFast", undefined));
    out += w.rec(stepFields(i, i % 2 ? "recovery" : "work", (i >> 1) + 1, t * 1000, dur * 1000, dur * 3.3, 300, 150, 170, 178, "time", 0, 0));
    t += dur;
  }
  if (s.ended) {
    out += w.rec(endFields(t * 1000, t * 3.3, "done"));
    out += w.rec(rpeFields(1 + Math.floor(r() * 10), -1));
  }
  if (s.damaged) {
    const lines = out.split("\n");
    const k = 1 + Math.floor(r() * Math.max(1, lines.length - 3));
    const l = lines[k];
    const at = Math.floor(l.length / 2);
    lines[k] = l.substring(0, at) + (l.charAt(at) === "7" ? "8" : "7") + l.substring(at + 1);
    out = lines.join("\n");
  }
  if (s.torn) out += w.rec(eventFields(t * 1000, "pause", undefined)).substring(0, 9);
  return out;
}

/** the records of a log by seq (what "lost" and "duplicated" count against) */
export function recordSeqs(text: string): number[] {
  return decodeLog(text, crc32).seqs;
}

/** writes a session log as the app does: a StorageFile, appended in pieces */
export function writeLogFile(w: Watch, name: string, text: string): void {
  w.exec(`var __f=require("Storage").open(${JSON.stringify(name)},"w")`);
  for (let i = 0; i < text.length; i += 1500) w.exec(`__f.write(atob(${JSON.stringify(btoa(text.substring(i, i + 1500)))}))`);
  w.exec("delete __f");
}
