// Session log decoder: verifies and parses lines written by encode.ts. Never throws on bad
// input: a corrupt line is reported and skipped, everything that verifies is returned.
import type { Crc } from "./encode";
import type { Rec, TrackPoint } from "./records";
import { STEP_KINDS, STEP_WHYS, EVENT_WHATS, END_WHYS, LOG_FORMAT, PACK_TERM, PACK_TERM_0, PACK_CONT, PACK_CONT_0 } from "./records";

export interface GoodLine {
  ok: true;
  seq: number;
  rec: Rec;
}
export type LineResult = GoodLine | { ok: false; error: string };

export interface LogError {
  /** 1-based line number in the text */
  line: number;
  reason: string;
}

export interface DecodedLog {
  /** the verified records after afterSeq, in file order */
  recs: Rec[];
  /** seqs[i] is the seq of recs[i] */
  seqs: number[];
  /** corrupt, unparsable, out-of-order or missing lines (not the torn last line: see torn) */
  errors: LogError[];
  /** the highest verified seq in the whole text (also those at or before afterSeq), 0 if none */
  lastSeq: number;
  /** the text ends in an unfinished line that does not verify (a write cut short) */
  torn: boolean;
  /** the points of the returned `T` records, in order */
  track: TrackPoint[];
}

/** What fail() throws: a plain object (Espruino cannot extend Error), caught in decodeLine. */
interface Bad {
  bad: string;
}

function fail(why: string): never {
  const e: Bad = { bad: why };
  throw e;
}

/** Strict signed base-36 integer. */
function int(s: string, what: string): number {
  if (!/^-?[0-9a-z]+$/.test(s)) fail("bad " + what + ": '" + s + "'");
  return parseInt(s, 36);
}

function opt(s: string, what: string): number | undefined {
  return s == "" ? undefined : int(s, what);
}

function code<T>(table: readonly T[], s: string, what: string): T {
  const i = int(s, what);
  if (i < 0 || i >= table.length) fail("unknown " + what + " code " + s);
  return table[i];
}

function hex(s: string, what: string): number {
  if (s.length != 8 || !/^[0-9a-f]+$/.test(s)) fail("bad " + what + ": '" + s + "'");
  return parseInt(s, 16);
}

/** Reverse of esc(): %XX and %uXXXX. */
function unesc(s: string): string {
  let o = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c != "%") {
      o += c;
      continue;
    }
    const n = s.charAt(i + 1) == "u" ? 4 : 2;
    const h = s.substr(i + 1 + (n == 4 ? 1 : 0), n);
    if (h.length != n || !/^[0-9a-f]+$/.test(h)) fail("bad escape in '" + s + "'");
    o += String.fromCharCode(parseInt(h, 16));
    i += n == 4 ? 5 : 2;
  }
  return o;
}

/** The packed deltas of a `T` line, appended to pts after the absolute first point. */
function unpack(s: string, pts: TrackPoint[]): void {
  let t = pts[0].tMs / 1000;
  let la = Math.round(pts[0].lat * 1e5);
  let lo = Math.round(pts[0].lon * 1e5);
  const v = [0, 0, 0];
  let nv = 0;
  let z = 0;
  let mul = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= PACK_CONT_0 && c < PACK_CONT_0 + PACK_CONT) {
      z += (c - PACK_CONT_0) * mul;
      mul *= PACK_CONT;
      continue;
    }
    if (c < PACK_TERM_0 || c >= PACK_TERM_0 + PACK_TERM) fail("bad track character '" + s.charAt(i) + "'");
    z += (c - PACK_TERM_0) * mul;
    v[nv++] = z % 2 ? -(z + 1) / 2 : z / 2;
    z = 0;
    mul = 1;
    if (nv == 3) {
      t += v[0];
      la += v[1];
      lo += v[2];
      pts.push({ tMs: t * 1000, lat: la / 1e5, lon: lo / 1e5 });
      nv = 0;
    }
  }
  if (nv || mul != 1) fail("track deltas end mid-point");
}

function fields(f: string[], n: number, k: string): void {
  if (f.length != n) fail(k + " line has " + f.length + " fields, expected " + n);
}

function parse(k: string, f: string[]): Rec {
  if (k == "H") {
    fields(f, 7, k);
    if (int(f[0], "format") != LOG_FORMAT) fail("unknown log format " + f[0]);
    const h: Rec = {
      k: "H",
      startMs: int(f[1], "startMs") * 1000 + int(f[2], "startMs"),
      plan: unesc(f[4]),
      planHash: hex(f[3], "planHash"),
      version: unesc(f[5]),
    };
    if (f[6] != "") h.goal = unesc(f[6]);
    return h;
  }
  if (k == "S") {
    fields(f, 13, k);
    return {
      k: "S",
      idx: int(f[0], "idx"),
      kind: code(STEP_KINDS, f[1], "kind"),
      rep: int(f[2], "rep"),
      startMs: int(f[3], "startMs"),
      durMs: int(f[4], "durMs"),
      distM: int(f[5], "distM") / 10,
      avgPaceSPerKm: int(f[6], "avgPaceSPerKm") / 10,
      avgHr: int(f[7], "avgHr"),
      maxHr: int(f[8], "maxHr"),
      avgCad: int(f[9], "avgCad"),
      why: code(STEP_WHYS, f[10], "why"),
      flags: int(f[11], "flags"),
      quality: int(f[12], "quality"),
    };
  }
  if (k == "T") {
    fields(f, 4, k);
    const pts: TrackPoint[] = [{ tMs: int(f[0], "tS") * 1000, lat: int(f[1], "lat") / 1e5, lon: int(f[2], "lon") / 1e5 }];
    unpack(f[3], pts);
    return { k: "T", pts: pts };
  }
  if (k == "F") {
    fields(f, 3, k);
    const v = opt(f[2], "value");
    const e: Rec = { k: "F", tMs: int(f[0], "tMs"), what: code(EVENT_WHATS, f[1], "event") };
    if (v !== undefined) e.value = v / 10;
    return e;
  }
  if (k == "R") {
    fields(f, 2, k);
    const i = opt(f[1], "idx");
    const r: Rec = { k: "R", rpe: int(f[0], "rpe") };
    if (i !== undefined) r.idx = i;
    return r;
  }
  if (k == "E") {
    fields(f, 3, k);
    return { k: "E", durMs: int(f[0], "durMs"), distM: int(f[1], "distM") / 10, why: code(END_WHYS, f[2], "why") };
  }
  return fail("unknown record kind '" + k + "'");
}

/** Verify and parse one line (with or without its "\n"). */
export function decodeLine(line: string, crc: Crc): LineResult {
  try {
    let n = line.length;
    while (n && (line.charAt(n - 1) == "\n" || line.charAt(n - 1) == "\r")) n--;
    line = line.substr(0, n);
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c < 32 || c > 126) fail("non-printable character at " + i);
    }
    const star = line.indexOf("*");
    if (star < 0) fail("no checksum");
    const body = line.substr(0, star);
    if (hex(line.substr(star + 1), "checksum") != crc(body) >>> 0) fail("checksum mismatch");
    const f = body.split(",");
    const seq = int(f[0].substr(1), "seq");
    return { ok: true, seq: seq, rec: parse(f[0].charAt(0), f.slice(1)) };
  } catch (e) {
    if (e && typeof (e as Bad).bad == "string") return { ok: false, error: (e as Bad).bad };
    throw e;
  }
}

/** A record that verifies at the end of a line whose start is damaged (e.g. a torn line glued to the next). */
function salvage(line: string, crc: Crc): GoodLine | null {
  for (let j = 1; j < line.length; j++) {
    if ("HSTFRE".indexOf(line.charAt(j)) < 0) continue;
    const r = decodeLine(line.substr(j), crc);
    if (r.ok) return r;
  }
  return null;
}

/**
 * Decode a whole log. afterSeq: return only records with a higher seq (resume after what a
 * reader already has; 0 or absent for all).
 */
export function decodeLog(text: string, crc: Crc, afterSeq?: number): DecodedLog {
  const after = afterSeq || 0;
  const out: DecodedLog = { recs: [], seqs: [], errors: [], lastSeq: 0, torn: false, track: [] };
  const lines = text.split("\n");
  let badSince = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l == "" || l == "\r") continue;
    const d = decodeLine(l, crc);
    let r: GoodLine;
    if (d.ok) r = d;
    else {
      const last = i == lines.length - 1;
      if (last) out.torn = true;
      else out.errors.push({ line: i + 1, reason: d.error });
      badSince = true;
      const s = salvage(l, crc);
      if (!s) continue;
      if (!last) out.errors[out.errors.length - 1].reason += " (a record after the damage was recovered)";
      r = s;
    }
    if (r.seq <= out.lastSeq) {
      out.errors.push({ line: i + 1, reason: "seq " + r.seq + " not after " + out.lastSeq });
      continue;
    }
    if (r.seq > out.lastSeq + 1 && out.lastSeq > 0 && !badSince)
      out.errors.push({ line: i + 1, reason: "seq " + (out.lastSeq + 1) + ".." + (r.seq - 1) + " missing" });
    badSince = false;
    out.lastSeq = r.seq;
    if (r.seq <= after) continue;
    out.recs.push(r.rec);
    out.seqs.push(r.seq);
    if (r.rec.k == "T") for (let j = 0; j < r.rec.pts.length; j++) out.track.push(r.rec.pts[j]);
  }
  return out;
}
