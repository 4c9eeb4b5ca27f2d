// Session log encoder. What ships in the watch's resident app is what the session uses: LogWriter
// (with the storage port as its sink) and fields(); encode() gives the line of a whole record
// (tests, tools). One text line per record,
//   <kind><seq base36>,<fields>*<crc32 of everything before "*", 8 hex>\n
// Every number on a line is an int32 in base 36 (Espruino prints int32s exactly; bigger
// numbers would be floats) and text fields are escaped, so lines are printable ASCII only.
import type { LineRec } from "./records";
import { STEP_KIND_CODES, STEP_WHY_CODES, EVENT_CODES, END_CODES, LOG_FORMAT, PACK_TERM, PACK_TERM_0, PACK_CONT, PACK_CONT_0 } from "./records";

/** CRC-32 port: E.CRC32 on the watch, crc32() from src/sim/crc.ts in Node and the browser. */
export type Crc = (s: string) => number;

/**
 * A line's fields: the kind letter (line() appends the seq to it), then the others at their
 * positions (H_PLAN etc. in records.ts). Numbers go out in base 36, text as it is.
 */
export type Fields = (number | string)[];

/** The largest magnitude a number on a line may have (a watch int32). */
const INT_MAX = 2147483647;

/** Signed base 36 of x rounded and clamped to int32; a non-finite x is written as 0. */
export function b36(x: number): string {
  x = isFinite(x) ? Math.round(x) : 0;
  x = x > INT_MAX ? INT_MAX : x < -INT_MAX ? -INT_MAX : x | 0;
  return x < 0 ? "-" + (-x).toString(36) : x.toString(36);
}

/** A 32-bit value (signed or unsigned) as 8 lower-case hex digits, using 16-bit halves only. */
export function hex8(x: number): string {
  return (65536 + (x >>> 16)).toString(16).substr(1) + (65536 + (x & 65535)).toString(16).substr(1);
}

/** Text as printable ASCII without "," "*" "%": other characters become %XX or %uXXXX. */
export function esc(s: string): string {
  let o = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    o += c < 32 || c > 126 || c == 37 || c == 42 || c == 44 ? (c < 256 ? "%" + (256 + c).toString(16).substr(1) : "%u" + (65536 + c).toString(16).substr(1)) : s.charAt(i);
  }
  return o;
}

/** The line (with "\n") of fields f numbered seq, ending in the CRC of everything before it. */
function line(seq: number, f: Fields, crc: Crc): string {
  let body = f[0] + b36(seq);
  for (let i = 1; i < f.length; i++) {
    const v = f[i];
    body += "," + (typeof v == "number" ? b36(v) : v);
  }
  return body + "*" + hex8(crc(body)) + "\n";
}

/**
 * A record's fields, from its values in record units (see records.ts): the kind letter (line()
 * appends the seq to it), then each value at its position (H_PLAN, S_IDX, … in records.ts;
 * tests/log/format.test.ts checks each against them). One function for every kind, so the
 * session (through LogWriter.rec) and encode() write one layout.
 */
export function fields(r: LineRec): Fields {
  if (r.k == "H") return ["H", LOG_FORMAT, Math.floor(r.startMs / 1000), r.startMs % 1000, hex8(r.planHash), esc(r.plan), esc(r.version), r.goal === undefined ? "" : esc(r.goal)];
  if (r.k == "S")
    return ["S", r.idx, STEP_KIND_CODES.split(" ").indexOf(r.kind), r.rep, r.startMs, r.durMs, r.distM * 10, r.avgPaceSPerKm * 10, r.avgHr, r.maxHr, r.avgCad, STEP_WHY_CODES.split(" ").indexOf(r.why), r.flags, r.quality];
  if (r.k == "F") return ["F", r.tMs, EVENT_CODES.split(" ").indexOf(r.what), r.value === undefined ? "" : r.value * 10];
  if (r.k == "R") return ["R", r.rpe, r.idx === undefined ? "" : r.idx];
  return ["E", r.durMs, r.distM * 10, END_CODES.split(" ").indexOf(r.why)];
}

/** One record as one line (with "\n"). seq numbers a session's lines 1, 2, 3, ... */
export function encode(r: LineRec, seq: number, crc: Crc): string {
  return line(seq, fields(r), crc);
}

/** Where a LogWriter also writes each line it makes (the session's storage port). */
export interface LineSink {
  write(line: string): void;
}

/**
 * Numbers the lines of one session and packs GPS points, several per `T` line:
 * the first point absolute (s, 1e-5 degree), the rest as packed deltas. Only the line
 * being built grows per point. A crash loses at most the points not yet returned.
 * With a sink, every line it returns is also written to the sink.
 */
export class LogWriter {
  /** the last seq handed out */
  seq: number;
  private crc: Crc;
  private per: number;
  private out: LineSink | undefined;
  /** points on the pending `T` line */
  private n: number;
  // set by the first point of a line: the line after its kind and seq (the first point's fields,
  // then the deltas so far), and the last point, in s, 1e-5 degree, bpm and steps/min
  private s!: string;
  private t!: number;
  private la!: number;
  private lo!: number;
  private hr!: number;
  private cd!: number;

  /**
   * lastSeq: 0 for a new log, or the decoder's lastSeq to continue one (write "\n" first).
   * pointsPerLine: 12 when 0 or absent. out: where each line also goes.
   */
  constructor(crc: Crc, lastSeq: number, pointsPerLine?: number, out?: LineSink) {
    this.crc = crc;
    this.seq = lastSeq;
    this.per = pointsPerLine || 12;
    this.out = out;
    this.n = 0;
  }

  /** The next line: a record (any but the track), written to the sink. */
  rec(r: LineRec): string {
    const l = line(++this.seq, fields(r), this.crc);
    if (this.out) this.out.write(l);
    return l;
  }

  /**
   * Add a point (session seconds, degrees, and the HR in bpm and cadence in steps/min at it, each
   * 0 or absent when there is none); returns a full `T` line (written), or null. NaN positions are ignored.
   */
  add(tS: number, lat: number, lon: number, bpm?: number, spm?: number): string | null {
    // (inside: on the watch it exists only while a point is added)
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
    const t = Math.round(tS);
    const a = Math.round(lat * 1e5);
    const o = Math.round(lon * 1e5);
    // (a comparison is false for undefined and NaN: both are "none", 0)
    const h = bpm! > 0 ? Math.round(bpm!) : 0;
    const c = spm! > 0 ? Math.round(spm!) : 0;
    // a non-finite delta would never pack (pack() loops on it): a latitude of 1e308 is finite, its
    // 1e-5 degrees are not
    if (!isFinite(t + a + o + h + c)) return null;
    if (this.n) this.s += pack(t - this.t) + pack(a - this.la) + pack(o - this.lo) + pack(h - this.hr) + pack(c - this.cd);
    // T_TIME_S, T_LAT_E5, T_LON_E5, T_BPM, T_SPM, then T_DELTAS: the first point and the "," before the deltas
    else this.s = b36(t) + "," + b36(a) + "," + b36(o) + "," + b36(h) + "," + b36(c) + ",";
    this.t = t;
    this.la = a;
    this.lo = o;
    this.hr = h;
    this.cd = c;
    return ++this.n < this.per ? null : this.flush();
  }

  /** The pending points as a `T` line (written; call at pause and end), or null if none. */
  flush(): string | null {
    if (!this.n) return null;
    this.n = 0;
    const l = line(++this.seq, ["T", this.s], this.crc);
    if (this.out) this.out.write(l);
    return l;
  }
}
