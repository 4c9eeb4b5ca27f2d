// A session log as the Storage panel shows it: one readable line per record, decoded by the one
// decoder (src/engine/log/decode.ts), each with its raw line. No DOM (tests/browser/page-logic.test.ts
// runs it in Node).
import { decodeLine } from "../../src/engine/log/decode";
import type { Crc } from "../../src/engine/log/encode";
import type { Rec } from "../../src/engine/log/records";
import { STEP_PACE_FAST, STEP_PACE_SLOW, STEP_CAD_DROP, STEP_EXTENDED, STEP_PAUSED, Q_GPS_POOR, Q_HR_LOW_CONF, Q_NO_GPS, Q_NO_HR } from "../../src/engine/log/records";
import { fmtPace, fmtTime } from "../../src/engine/format";

export interface LogLine { raw: string; ok: boolean; text: string }

const FLAGS: [number, string][] = [[STEP_PACE_FAST, "too fast"], [STEP_PACE_SLOW, "too slow"], [STEP_CAD_DROP, "cadence drop"], [STEP_EXTENDED, "+30 s"], [STEP_PAUSED, "paused"]];
const QUALITY: [number, string][] = [[Q_GPS_POOR, "GPS poor"], [Q_HR_LOW_CONF, "HR low confidence"], [Q_NO_GPS, "no GPS"], [Q_NO_HR, "no HR"]];

const bits = (v: number, table: [number, string][]) => table.filter(([b]) => v & b).map(([, t]) => t);
/** session ms as "m:ss" (to the second) */
const at = (ms: number) => fmtTime(Math.round(ms / 1000));
const km = (m: number) => `${(m / 1000).toFixed(2)} km`;

/** one record in words */
export function describeRec(r: Rec): string {
  switch (r.k) {
    case "H":
      return `header: ${r.plan}, started ${new Date(r.startMs).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")}${r.goal ? `, goal ${r.goal}` : ""}, app ${r.version}, plan hash ${r.planHash.toString(16).padStart(8, "0")}`;
    case "S": {
      const extra = [...bits(r.flags, FLAGS), ...bits(r.quality, QUALITY)];
      return `step ${r.idx} ${r.kind}${r.rep ? ` ${r.rep}` : ""}: from ${at(r.startMs)} for ${at(r.durMs)}, ${Math.round(r.distM)} m` +
        `${r.avgPaceSPerKm ? ` at ${fmtPace(r.avgPaceSPerKm)}/km` : ""}${r.avgHr ? `, HR ${r.avgHr} (max ${r.maxHr})` : ""}${r.avgCad ? `, cadence ${r.avgCad}` : ""}` +
        `, ended by ${r.why}${extra.length ? ` [${extra.join(", ")}]` : ""}`;
    }
    case "T":
      return `track: ${r.pts.length} points, ${at(r.pts[0].tMs)} to ${at(r.pts[r.pts.length - 1].tMs)}, from ${r.pts[0].lat.toFixed(5)}, ${r.pts[0].lon.toFixed(5)}`;
    case "F":
      return `event at ${at(r.tMs)}: ${r.what}${r.value !== undefined ? ` (${r.value})` : ""}`;
    case "R":
      return `effort (RPE) ${r.rpe} for ${r.idx === undefined || r.idx < 0 ? "the session" : `step ${r.idx}`}`;
    case "E":
      return `end: ${at(r.durMs)}, ${km(r.distM)}, ${r.why === "done" ? "workout done" : r.why === "ended" ? "ended by the runner" : "saved after a crash"}`;
  }
}

/** every non-empty line of a log, decoded (a line that does not verify says why) */
export function describeLog(text: string, crc: Crc): LogLine[] {
  return text.split("\n").filter((l) => l.trim() !== "").map((raw) => {
    const d = decodeLine(raw, crc);
    return d.ok ? { raw, ok: true, text: `#${d.seq} ${describeRec(d.rec)}` } : { raw, ok: false, text: `not a valid record: ${d.error}` };
  });
}

/** whether a file's text is a session log (it starts with a header line) */
export function isSessionLog(text: string): boolean {
  return /^H[0-9a-z]+,/.test(text);
}
