// Session log decoder, in two layers. The core (verify, num, unesc) is what the watch needs to
// read its own log back (src/watch/scan.ts): check a line's CRC and split it into raw fields.
// The full decoder below is built on it for the phone page, emulator and tests: strict checks of
// every field, records with their units, track unpacking, and a report of what was wrong. It never
// throws on bad input: a corrupt line is reported and skipped, everything that verifies is returned.
import { hex8 } from "./encode";
import type { Crc } from "./encode";
import type { Rec, TrackPoint } from "./records";
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
  H_FORMAT,
  H_START_S,
  H_START_MS_REST,
  H_PLAN_HASH,
  H_PLAN,
  H_VERSION,
  H_GOAL,
  H_FIELDS,
  S_IDX,
  S_KIND,
  S_REP,
  S_START_MS,
  S_DUR_MS,
  S_DIST_DM,
  S_PACE_DS_PER_KM,
  S_AVG_HR,
  S_MAX_HR,
  S_AVG_CAD,
  S_WHY,
  S_FLAGS,
  S_QUALITY,
  S_FIELDS,
  T_TIME_S,
  T_LAT_E5,
  T_LON_E5,
  T_BPM,
  T_SPM,
  T_DELTAS,
  T_FIELDS,
  T1_DELTAS,
  T1_FIELDS,
  F_TIME_MS,
  F_WHAT,
  F_VALUE_TENTHS,
  F_FIELDS,
  R_RPE,
  R_IDX,
  R_FIELDS,
  E_DUR_MS,
  E_DIST_DM,
  E_WHY,
  E_FIELDS,
} from "./records";

/**
 * The fields of a line whose CRC verifies (the line with or without its "\n"): field 0 is the
 * kind letter and the seq, the others are at the positions in records.ts. null if it does not verify.
 */
export function verify(line: string, crc: Crc): string[] | null {
  // a body never holds "*" (see esc), so the first one ends it
  const star = line.indexOf("*");
  if (star < 0) return null;
  const body = line.substr(0, star);
  const sum = hex8(crc(body));
  const rest = line.substr(star + 1);
  return rest == sum || rest == sum + "\n" ? body.split(",") : null;
}

/** A base-36 field as a number (the core does not check its digits: the CRC already did). */
export function num(s: string): number {
  return parseInt(s, 36);
}

/** Reverse of esc(): every "%" starts a %uXXXX or a %XX. */
export function unesc(s: string): string {
  return s.replace(/%u....|%../g, function (e) {
    return String.fromCharCode(parseInt(e.substr(e.length > 3 ? 2 : 1), 16));
  });
}

// ---- The full decoder.

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
  return num(s);
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

/** Strict unesc(): only well-formed escapes. */
function text(s: string): string {
  if (!/^([^%]|%[0-9a-f][0-9a-f]|%u[0-9a-f][0-9a-f][0-9a-f][0-9a-f])*$/.test(s)) fail("bad escape in '" + s + "'");
  return unesc(s);
}

/**
 * The packed deltas of a `T` line, appended to pts after the absolute first point: n numbers per
 * point, 3 (s, lat, lon) on the older lines, 5 (and bpm, steps/min) on the current ones.
 */
function unpack(s: string, pts: TrackPoint[], n: number): void {
  let t = pts[0].tMs / 1000;
  let la = Math.round(pts[0].lat * 1e5);
  let lo = Math.round(pts[0].lon * 1e5);
  let hr = pts[0].bpm || 0;
  let cd = pts[0].spm || 0;
  const v = [0, 0, 0, 0, 0];
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
    if (nv == n) {
      t += v[0];
      la += v[1];
      lo += v[2];
      const p: TrackPoint = { tMs: t * 1000, lat: la / 1e5, lon: lo / 1e5 };
      if (n == 5) {
        hr += v[3];
        cd += v[4];
        if (hr < 0 || cd < 0) fail("negative heart rate or cadence");
        p.bpm = hr;
        p.spm = cd;
      }
      pts.push(p);
      nv = 0;
    }
  }
  if (nv || mul != 1) fail("track deltas end mid-point");
}

/** n: the kind's *_FIELDS, which counts field 0 (kind and seq); the message counts the fields after it. */
function fields(f: string[], n: number, k: string): void {
  if (f.length != n) fail(k + " line has " + (f.length - 1) + " fields, expected " + (n - 1));
}

/** The record of a verified line's fields (f[0] is kind and seq). */
function parse(k: string, f: string[]): Rec {
  if (k == "H") {
    fields(f, H_FIELDS, k);
    if (int(f[H_FORMAT], "format") != LOG_FORMAT) fail("unknown log format " + f[H_FORMAT]);
    const h: Rec = {
      k: "H",
      startMs: int(f[H_START_S], "startMs") * 1000 + int(f[H_START_MS_REST], "startMs"),
      plan: text(f[H_PLAN]),
      planHash: hex(f[H_PLAN_HASH], "planHash"),
      version: text(f[H_VERSION]),
    };
    if (f[H_GOAL] != "") h.goal = text(f[H_GOAL]);
    return h;
  }
  if (k == "S") {
    fields(f, S_FIELDS, k);
    return {
      k: "S",
      idx: int(f[S_IDX], "idx"),
      kind: code(STEP_KINDS, f[S_KIND], "kind"),
      rep: int(f[S_REP], "rep"),
      startMs: int(f[S_START_MS], "startMs"),
      durMs: int(f[S_DUR_MS], "durMs"),
      distM: int(f[S_DIST_DM], "distM") / 10,
      avgPaceSPerKm: int(f[S_PACE_DS_PER_KM], "avgPaceSPerKm") / 10,
      avgHr: int(f[S_AVG_HR], "avgHr"),
      maxHr: int(f[S_MAX_HR], "maxHr"),
      avgCad: int(f[S_AVG_CAD], "avgCad"),
      why: code(STEP_WHYS, f[S_WHY], "why"),
      flags: int(f[S_FLAGS], "flags"),
      quality: int(f[S_QUALITY], "quality"),
    };
  }
  if (k == "T") {
    // the older line (no HR or cadence) has T1_FIELDS fields
    const old = f.length == T1_FIELDS;
    if (!old) fields(f, T_FIELDS, k);
    const p: TrackPoint = { tMs: int(f[T_TIME_S], "tS") * 1000, lat: int(f[T_LAT_E5], "lat") / 1e5, lon: int(f[T_LON_E5], "lon") / 1e5 };
    if (!old) {
      p.bpm = int(f[T_BPM], "bpm");
      p.spm = int(f[T_SPM], "spm");
      if (p.bpm < 0 || p.spm < 0) fail("negative heart rate or cadence");
    }
    const pts: TrackPoint[] = [p];
    unpack(f[old ? T1_DELTAS : T_DELTAS], pts, old ? 3 : 5);
    return { k: "T", pts: pts };
  }
  if (k == "F") {
    fields(f, F_FIELDS, k);
    const v = opt(f[F_VALUE_TENTHS], "value");
    const e: Rec = { k: "F", tMs: int(f[F_TIME_MS], "tMs"), what: code(EVENT_WHATS, f[F_WHAT], "event") };
    if (v !== undefined) e.value = v / 10;
    return e;
  }
  if (k == "R") {
    fields(f, R_FIELDS, k);
    const i = opt(f[R_IDX], "idx");
    const r: Rec = { k: "R", rpe: int(f[R_RPE], "rpe") };
    if (i !== undefined) r.idx = i;
    return r;
  }
  if (k == "E") {
    fields(f, E_FIELDS, k);
    return { k: "E", durMs: int(f[E_DUR_MS], "durMs"), distM: int(f[E_DIST_DM], "distM") / 10, why: code(END_WHYS, f[E_WHY], "why") };
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
    const f = verify(line, crc);
    if (!f) {
      // why the core said no
      const star = line.indexOf("*");
      if (star < 0) fail("no checksum");
      hex(line.substr(star + 1), "checksum");
      fail("checksum mismatch");
    }
    return { ok: true, seq: int(f[0].substr(1), "seq"), rec: parse(f[0].charAt(0), f) };
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
