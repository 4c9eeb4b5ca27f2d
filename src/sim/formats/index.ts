// Picks a reader by file name and fills what a format lacks, so every source ends as Row[].
import type { Row } from "../recording";
import { parseRecording } from "../recording";
import { parseGpx } from "./gpx";
import { parseTcx } from "./tcx";

const M_PER_DEG = 111320;

/** reads a dropped file: .gpx, .tcx, .fit (lazy SDK) or the project's normalized .csv */
export async function readTrackFile(name: string, bytes: Uint8Array): Promise<Row[]> {
  const ext = name.toLowerCase().split(".").pop();
  const text = () => new TextDecoder().decode(bytes);
  let rows: Row[];
  if (ext === "gpx") rows = parseGpx(text());
  else if (ext === "tcx") rows = parseTcx(text());
  else if (ext === "csv") rows = parseRecording(text());
  else if (ext === "fit") rows = await (await import("./fit")).parseFit(bytes);
  else throw new Error(`${name}: unknown format (use .gpx, .tcx, .fit or .csv)`);
  return fillMotion(rows);
}

/**
 * Where a format has no speed or distance (GPX), derives them from the positions: distance by
 * equirectangular steps between fixes, speed over the step to the previous fix. Existing values are kept.
 */
export function fillMotion(rows: Row[]): Row[] {
  let d = 0;
  let prev: Row | undefined;
  return rows.map((r) => {
    let step = 0;
    if (prev && isFinite(r.lat) && isFinite(prev.lat)) {
      const dn = (r.lat - prev.lat) * M_PER_DEG;
      const de = (r.lon - prev.lon) * M_PER_DEG * Math.cos((r.lat * Math.PI) / 180);
      step = Math.sqrt(dn * dn + de * de);
    }
    const dtS = prev ? r.tS - prev.tS : 0;
    d += step;
    const out = { ...r, distM: isFinite(r.distM) ? r.distM : d, mps: isFinite(r.mps) ? r.mps : dtS > 0 ? step / dtS : 0 };
    if (isFinite(r.lat)) prev = r;
    return out;
  });
}
