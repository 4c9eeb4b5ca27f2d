// The session log's record kinds (what the session engine produces and every reader gets back),
// and the code tables that turn their enumerated fields into one base-36 digit on a log line.
import type { StepKind } from "../plan";

/** `H`: once at session start. */
export interface HeaderRec {
  k: "H";
  /** wall clock at start (for the calendar), ms since 1970 */
  startMs: number;
  /** the plan's name (any text; escaped on the line) */
  plan: string;
  /** 32-bit hash of the plan (e.g. CRC-32 of its JSON); decoded as unsigned */
  planHash: number;
  /** app version string, e.g. "0.01" */
  version: string;
  /** the runner's goal as shown at start, e.g. "5k 20:00" */
  goal?: string;
}

/** why a step ended: a word of STEP_WHY_CODES */
export type StepWhy = Words<typeof STEP_WHY_CODES>;

/** `S`: one per finished step (leaf), exact summary. */
export interface StepRec {
  k: "S";
  /** 0-based leaf index in the flattened plan */
  idx: number;
  kind: StepKind;
  /** work rep number (1-based) or 0 */
  rep: number;
  /** session time at step start, ms */
  startMs: number;
  durMs: number;
  /** stored in decimetres */
  distM: number;
  /** 0 if none; stored in tenths of a second */
  avgPaceSPerKm: number;
  /** bpm, 0 if none; stored as integers */
  avgHr: number;
  maxHr: number;
  /** steps/min, 0 if none; stored as an integer */
  avgCad: number;
  why: StepWhy;
  /** STEP_PACE_FAST | STEP_PACE_SLOW | STEP_CAD_DROP | STEP_EXTENDED | STEP_PAUSED | STEP_FORM_FADE | STEP_SHORT */
  flags: number;
  /** Q_GPS_POOR | Q_HR_LOW_CONF | Q_NO_GPS | Q_NO_HR */
  quality: number;
}

export const STEP_PACE_FAST = 1;
export const STEP_PACE_SLOW = 2;
export const STEP_CAD_DROP = 4;
/** the runner asked for +30 s */
export const STEP_EXTENDED = 8;
export const STEP_PAUSED = 16;
/** the form guard saw cadence and pace fade together in this rep (an offer to shorten follows at the next recovery) */
export const STEP_FORM_FADE = 32;
/** a rep the runner shortened by accepting the form guard's offer (SHORT_PCT of its planned distance or time) */
export const STEP_SHORT = 64;

export const Q_GPS_POOR = 1;
export const Q_HR_LOW_CONF = 2;
export const Q_NO_GPS = 4;
export const Q_NO_HR = 8;

export interface TrackPoint {
  /** session time, ms (whole seconds on the line) */
  tMs: number;
  /** degrees (1e-5 degree on the line, about 1.1 m) */
  lat: number;
  lon: number;
  /** heart rate at the point, whole bpm, 0 = none fresh; absent on the track lines of older logs (see T1_FIELDS) */
  bpm?: number;
  /** cadence at the point, whole steps/min, 0 = no confident estimate; absent like bpm */
  spm?: number;
}

/** `T`: several GPS points on one line, written by LogWriter.add/flush (never by encode). */
export interface TrackRec {
  k: "T";
  pts: TrackPoint[];
}

/** what happened: a word of EVENT_CODES */
export type EventWhat = Words<typeof EVENT_CODES>;

/** `F`: something that happened at a moment. */
export interface EventRec {
  k: "F";
  /** session time, ms */
  tMs: number;
  what: EventWhat;
  /** stored in tenths, |value| ≤ 214748364 (clamped): give clock jumps in seconds */
  value?: number;
}

/** `R`: rating of perceived exertion. */
export interface RpeRec {
  k: "R";
  /** 1..10 */
  rpe: number;
  /** step idx for a per-rep RPE, -1 (or absent) for the session */
  idx?: number;
}

/** how a session closed: a word of END_CODES */
export type EndWhy = Words<typeof END_CODES>;

/** `E`: the session closed: done (plan finished), ended (runner stopped), saved (after a crash). */
export interface EndRec {
  k: "E";
  durMs: number;
  /** stored in decimetres */
  distM: number;
  why: EndWhy;
}

export type Rec = HeaderRec | StepRec | TrackRec | EventRec | RpeRec | EndRec;
/** The records encode() writes: everything but the track, which LogWriter packs. */
export type LineRec = Exclude<Rec, TrackRec>;

// Code tables: a value's position in its list is its code on the line. Append only, never
// reorder: old logs must keep decoding. They are text, a word per value: the types above are
// their words, the encoder finds a code with split(" ").indexOf (the list costs the watch RAM only
// while it writes a line), and the decoder reads the arrays at the end of this file.
export const STEP_KIND_CODES = "warmup stride work recovery cooldown rest";
export const STEP_WHY_CODES = "time dist hr cap lap skip end";
export const EVENT_CODES = "pause resume skip extend lap cadDrop paceFast paceSlow gpsLost gpsBack storageLow clockJump formOffer shorten asPlanned lowMemory";
export const END_CODES = "done ended saved";

/** the words of a space-separated list, as a union of string literal types */
type Words<S extends string> = S extends `${infer A} ${infer B}` ? A | Words<B> : S;
type Assert<T extends true> = T;
/** Compile-time check that every StepKind has a code: add new kinds to the end of STEP_KIND_CODES. */
export type StepKindsCoded = Assert<[Exclude<StepKind, Words<typeof STEP_KIND_CODES>>] extends [never] ? true : false>;

/** Version of the line format, the first field of every `H` line. */
export const LOG_FORMAT = 1;

// Where each field sits on a line: its index in body.split(","), where field 0 is the kind letter
// with the seq ("S1f"); *_FIELDS is the number of fields. The decoder and the watch's scan read
// through these names, so they cannot disagree on the order; the encoder writes the fields in this
// order (as array literals: less code on the watch than f[S_IDX] = ...), which
// tests/log/format.test.ts checks against these names. (Plain constants: esbuild inlines them,
// and the watch build would rename the members of an enum.)
export const H_FORMAT = 1;
/** wall clock at start: whole seconds, then the milliseconds within that second */
export const H_START_S = 2;
export const H_START_MS_REST = 3;
export const H_PLAN_HASH = 4;
export const H_PLAN = 5;
export const H_VERSION = 6;
export const H_GOAL = 7;
export const H_FIELDS = 8;

export const S_IDX = 1;
export const S_KIND = 2;
export const S_REP = 3;
export const S_START_MS = 4;
export const S_DUR_MS = 5;
export const S_DIST_DM = 6;
export const S_PACE_DS_PER_KM = 7;
export const S_AVG_HR = 8;
export const S_MAX_HR = 9;
export const S_AVG_CAD = 10;
export const S_WHY = 11;
export const S_FLAGS = 12;
export const S_QUALITY = 13;
export const S_FIELDS = 14;

/**
 * `T`: the first point absolute (s, 1e-5 degree, bpm, steps/min), then the other points as packed
 * deltas, five per point (s, lat, lon, bpm, spm). Older logs wrote lines without HR and cadence:
 * T1_FIELDS fields, three deltas per point. The field count tells them apart, so every line still
 * decodes on its own (no format number needed from the header).
 */
export const T_TIME_S = 1;
export const T_LAT_E5 = 2;
export const T_LON_E5 = 3;
export const T_BPM = 4;
export const T_SPM = 5;
export const T_DELTAS = 6;
export const T_FIELDS = 7;
/** the older track line: t0, lat0, lon0, then (s, lat, lon) deltas */
export const T1_DELTAS = 4;
export const T1_FIELDS = 5;

export const F_TIME_MS = 1;
export const F_WHAT = 2;
export const F_VALUE_TENTHS = 3;
export const F_FIELDS = 4;

export const R_RPE = 1;
export const R_IDX = 2;
export const R_FIELDS = 3;

export const E_DUR_MS = 1;
export const E_DIST_DM = 2;
export const E_WHY = 3;
export const E_FIELDS = 4;

// The track's packed-delta alphabet: printable ASCII from "-" (0x2d) to "~" (0x7e), so never
// "," "*" "%" or a space. Each number is zigzag-coded, then written least significant digit
// first: continuation digits (base PACK_CONT) from PACK_CONT_0, ended by one terminal digit
// (base PACK_TERM) from PACK_TERM_0. Values below PACK_TERM take one character.
export const PACK_TERM = 64;
export const PACK_TERM_0 = 0x2d;
export const PACK_CONT = 18;
export const PACK_CONT_0 = PACK_TERM_0 + PACK_TERM;

// The code tables as arrays (the decoder, the watch's scan, the validator). Last in the file:
// esbuild inlines this module's number constants above only up to the first value that is not one.
export const STEP_KINDS = /* @__PURE__ */ STEP_KIND_CODES.split(" ") as readonly StepKind[];
export const STEP_WHYS = /* @__PURE__ */ STEP_WHY_CODES.split(" ") as readonly StepWhy[];
export const EVENT_WHATS = /* @__PURE__ */ EVENT_CODES.split(" ") as readonly EventWhat[];
export const END_WHYS = /* @__PURE__ */ END_CODES.split(" ") as readonly EndWhy[];
