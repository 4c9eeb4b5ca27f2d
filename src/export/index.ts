// Exports of a session log: FIT, TCX, GPX and CSV, for the CLI (scripts/export.mjs), the page and
// the phone app. Pure: no Node or DOM. The FIT encoder (Garmin's SDK, about 1.5 MB of source) is
// imported only when a FIT file is asked for.
import { decodeLog } from "../engine/log/decode";
import type { Crc } from "../engine/log/encode";
import { buildActivity, type Activity, type ActivityOptions } from "./activity";
import { toTcx } from "./tcx";
import { toGpx } from "./gpx";
import { toStepsCsv, toPointsCsv } from "./csv";

export * from "./activity";
export { toTcx, lapNotes } from "./tcx";
export { toGpx } from "./gpx";
export { toStepsCsv, toPointsCsv, STEP_COLUMNS, POINT_COLUMNS } from "./csv";

export type Format = "fit" | "tcx" | "gpx" | "csv";
export const FORMATS: readonly Format[] = ["fit", "tcx", "gpx", "csv"];

export interface ExportFile {
  /** what to append to the file's base name: ".fit", ".tcx", ".gpx", ".steps.csv", ".points.csv" */
  suffix: string;
  mime: string;
  data: Uint8Array | string;
}

/** the activity in a log's text (crc: crc32 of src/sim/crc.ts, or E.CRC32) */
export function activityFromLog(text: string, crc: Crc, o?: ActivityOptions): Activity {
  return buildActivity(decodeLog(text, crc), o);
}

/** the file(s) of one format: one for FIT, TCX and GPX, two for CSV (steps and points) */
export async function exportFiles(a: Activity, format: Format): Promise<ExportFile[]> {
  if (format === "fit") {
    const { toFit } = await import("./fit");
    return [{ suffix: ".fit", mime: "application/vnd.ant.fit", data: toFit(a) }];
  }
  if (format === "tcx") return [{ suffix: ".tcx", mime: "application/vnd.garmin.tcx+xml", data: toTcx(a) }];
  if (format === "gpx") return [{ suffix: ".gpx", mime: "application/gpx+xml", data: toGpx(a) }];
  if (format === "csv")
    return [
      { suffix: ".steps.csv", mime: "text/csv", data: toStepsCsv(a) },
      { suffix: ".points.csv", mime: "text/csv", data: toPointsCsv(a) },
    ];
  throw new Error(`unknown format '${format}' (fit, tcx, gpx or csv)`);
}
