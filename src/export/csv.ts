// An activity as two CSV tables (RFC 4180, "," separated, "\n" line ends, UTF-8):
// - steps: one row per lap (= per step), the step's summary as the watch logged it;
// - points: one row per track point, with the columns of the project's normalized recordings
//   (t_seconds,lat,lon,alt,hr,cadence_spm,speed_mps,dist_m,lap), so src/sim/recording.ts reads it
//   back (and the emulator page can replay it), plus time_utc, step_idx and kind.
import type { Activity } from "./activity";
import { FLAG_NAMES, QUALITY_NAMES, bitNames } from "./activity";
import { iso, deg, fix } from "./xml";

/** a CSV field, quoted when it holds a comma, a quote or a line break */
export function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (vs: (string | number)[]): string => vs.map(field).join(",");
const opt = (v: number, d: number): string => (v > 0 ? fix(v, d) : "");

export const STEP_COLUMNS = [
  "lap", "step_idx", "kind", "rep", "label", "source", "start_utc", "start_s", "elapsed_s", "timer_s", "dist_m",
  "pace_s_per_km", "avg_hr", "max_hr", "avg_cadence_spm", "end", "flags", "quality", "rpe",
];

/** one row per lap; times in seconds from the session's start, pace over the timer time */
export function toStepsCsv(a: Activity): string {
  const lines = [STEP_COLUMNS.join(",")];
  a.laps.forEach((l, k) => {
    lines.push(
      row([
        k + 1, l.stepIdx, l.kind ?? "", l.rep || "", l.label, l.source, iso(l.startMs), fix((l.startMs - a.startMs) / 1000, 3),
        fix(l.elapsedMs / 1000, 3), fix(l.timerMs / 1000, 3), fix(l.distM, 1), l.distM >= 10 ? fix(l.timerMs / l.distM, 1) : "",
        opt(l.avgHr, 0), opt(l.maxHr, 0), opt(l.avgCad, 0), l.why ?? "", bitNames(l.flags, FLAG_NAMES), bitNames(l.quality, QUALITY_NAMES),
        l.rpe ?? "",
      ]),
    );
  });
  return lines.join("\n") + "\n";
}

export const POINT_COLUMNS = ["t_seconds", "time_utc", "lat", "lon", "alt", "hr", "cadence_spm", "speed_mps", "dist_m", "lap", "step_idx", "kind"];

/** one row per track point; alt is empty (the watch does not log it) */
export function toPointsCsv(a: Activity): string {
  const lines = [POINT_COLUMNS.join(",")];
  for (const p of a.points) {
    const l = a.laps[p.lap];
    lines.push(row([fix((p.tMs - a.startMs) / 1000, 3), iso(p.tMs), deg(p.lat), deg(p.lon), "", opt(p.hr, 0), opt(p.cad, 1), fix(p.speed, 3), fix(p.distM, 2), p.lap + 1, l.stepIdx, l.kind ?? ""]));
  }
  return lines.join("\n") + "\n";
}
