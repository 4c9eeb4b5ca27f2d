// Session log encoder: the part that ships in app.js. One text line per record,
//   <kind><seq base36>,<fields>*<crc32 of everything before "*", 8 hex>\n
// Every number on a line is an int32 in base 36 (Espruino prints int32s exactly; bigger
// numbers would be floats) and text fields are escaped, so lines are printable ASCII only.
import type { LineRec } from "./records";
import {
  STEP_KINDS,
  STEP_WHYS,
  EVENT_WHATS,
  END_WHYS,
  LOG_FORMAT,
  PACK_TERM,
  PACK_TERM_0,
  PACK_CONT,
  PACK_CONT_0,
} from "./records";

/** CRC-32 port: E.CRC32 on the watch, crc32() from src/sim/crc.ts in Node and the browser. */
export type Crc = (s: string) => number;

/** Signed base 36 of x rounded and clamped to int32; a non-finite x is written as 0. */
export function b36(x: number): string {
  x = isFinite(x) ? Math.round(x) : 0;
  x = x > 2147483647 ? 2147483647 : x < -2147483647 ? -2147483647 : x | 0;
  return x < 0 ? "-" + (-x).toString(36) : x.toString(36);
}

function h4(x: number): string {
  return (65536 + (x & 65535)).toString(16).substr(1);
}

/** A 32-bit value (signed or unsigned) as 8 lower-case hex digits, using 16-bit halves only. */
export function hex8(x: number): string {
  return h4(x >>> 16) + h4(x);
}

/** Text as printable ASCII without "," "*" "%": other characters become %XX or %uXXXX. */
export function esc(s: string): string {
  let o = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    o += c < 32 || c > 126 || c == 37 || c == 42 || c == 44 ? (c < 256 ? "%" + h4(c).substr(2) : "%u" + h4(c)) : s.charAt(i);
  }
  return o;
}

/** Finish a line: append the CRC of the body and the newline. */
function line(body: string, crc: Crc): string {
  return body + "*" + hex8(crc(body)) + "\n";
}

/** One record as one line (with "\n"). seq numbers a session's lines 1, 2, 3, ... */
export function encode(r: LineRec, seq: number, crc: Crc): string {
  let f: string;
  if (r.k == "H")
    f =
      LOG_FORMAT + "," + b36(Math.floor(r.startMs / 1000)) + "," + b36(r.startMs % 1000) + "," + hex8(r.planHash) +
      "," + esc(r.plan) + "," + esc(r.version) + "," + (r.goal === undefined ? "" : esc(r.goal));
  else if (r.k == "S")
    f =
      b36(r.idx) + "," + b36(STEP_KINDS.indexOf(r.kind)) + "," + b36(r.rep) + "," + b36(r.startMs) + "," + b36(r.durMs) +
      "," + b36(r.distM * 10) + "," + b36(r.avgPaceSPerKm * 10) + "," + b36(r.avgHr) + "," + b36(r.maxHr) + "," +
      b36(r.avgCad) + "," + b36(STEP_WHYS.indexOf(r.why)) + "," + b36(r.flags) + "," + b36(r.quality);
  else if (r.k == "F")
    f = b36(r.tMs) + "," + b36(EVENT_WHATS.indexOf(r.what)) + "," + (r.value === undefined ? "" : b36(r.value * 10));
  else if (r.k == "R") f = b36(r.rpe) + "," + (r.idx === undefined ? "" : b36(r.idx));
  else f = b36(r.durMs) + "," + b36(r.distM * 10) + "," + b36(END_WHYS.indexOf(r.why));
  return line(r.k + b36(seq) + "," + f, crc);
}

/** One signed number in the track's self-delimiting alphabet (see PACK_* in records.ts). */
function pack(x: number): string {
  let z = x < 0 ? -2 * x - 1 : 2 * x;
  let o = "";
  while (z >= PACK_TERM) {
    o += String.fromCharCode(PACK_CONT_0 + (z % PACK_CONT));
    z = Math.floor(z / PACK_CONT);
  }
  return o + String.fromCharCode(PACK_TERM_0 + z);
}

/**
 * Numbers the lines of one session and packs GPS points, several per `T` line:
 * the first point absolute (s, 1e-5 degree), the rest as packed deltas. Only the line
 * being built grows per point. A crash loses at most the points not yet returned.
 */
export class LogWriter {
  /** the last seq handed out */
  seq: number;
  private crc: Crc;
  private per: number;
  private n: number;
  private s: string;
  private t: number;
  private la: number;
  private lo: number;

  /** lastSeq: 0 for a new log, or the decoder's lastSeq to continue one (write "\n" first). */
  constructor(crc: Crc, lastSeq: number, pointsPerLine?: number) {
    this.crc = crc;
    this.seq = lastSeq;
    this.per = pointsPerLine || 12;
    this.n = 0;
    this.s = "";
    this.t = 0;
    this.la = 0;
    this.lo = 0;
  }

  /** The line for any record but the track. */
  rec(r: LineRec): string {
    return encode(r, ++this.seq, this.crc);
  }

  /** Add a point (session seconds, degrees); returns a full `T` line to write, or null. NaN positions are ignored. */
  add(tS: number, lat: number, lon: number): string | null {
    if (!isFinite(lat) || !isFinite(lon)) return null;
    const t = Math.round(tS);
    const a = Math.round(lat * 1e5);
    const o = Math.round(lon * 1e5);
    if (this.n) this.s += pack(t - this.t) + pack(a - this.la) + pack(o - this.lo);
    else this.s = b36(t) + "," + b36(a) + "," + b36(o) + ",";
    this.t = t;
    this.la = a;
    this.lo = o;
    return ++this.n < this.per ? null : this.flush();
  }

  /** The pending points as a `T` line (call at pause and end), or null if none. */
  flush(): string | null {
    if (!this.n) return null;
    this.n = 0;
    return line("T" + b36(++this.seq) + "," + this.s, this.crc);
  }
}
