// Where the runner's motion comes from: a recording (bundled, or a dropped GPX/TCX/FIT/CSV file)
// or a synthetic runner steered by sliders. Both end as recording rows, one per second or so,
// on the session's clock (tS 0 = the moment the board starts), so replay() and the wrist
// synthesiser treat them alike.
import type { Row } from "../src/sim/recording";

export interface Source {
  readonly name: string;
  /** rows with tS up to (at least) toS, on the board's clock; grows for live sources */
  rowsUpTo(toS: number): Row[];
  /** last second with data, or Infinity for live sources */
  readonly endS: number;
}

/**
 * A recording, preceded by leadS seconds of the runner standing at the first fix (the watch
 * getting a fix and the runner pressing through to the first step). Rows are shifted by leadS.
 */
export function recordingSource(name: string, rows: Row[], leadS: number): Source {
  const first = rows.find((r) => isFinite(r.lat)) ?? rows[0];
  const t0 = rows[0].tS;
  const out: Row[] = [];
  for (let t = 0; t < leadS; t++) out.push({ ...first, tS: t, spm: 0, mps: 0, distM: 0, lap: "" });
  for (const r of rows) out.push({ ...r, tS: r.tS - t0 + leadS });
  return { name, endS: out[out.length - 1].tS, rowsUpTo: () => out };
}

export interface RunnerKnobs {
  /** pace, s per km (0 = standing) */
  sPerKm: number;
  bpm: number;
  spm: number;
}

const M_PER_DEG = 111320;

/** A runner heading north from a fixed point, one row per second, following the knobs as they are now. */
export function syntheticSource(knobs: () => RunnerKnobs, lat0 = 51.5, lon0 = -0.12): Source {
  const rows: Row[] = [];
  let distM = 0;
  return {
    name: "synthetic runner",
    endS: Infinity,
    rowsUpTo(toS: number): Row[] {
      while (rows.length === 0 || rows[rows.length - 1].tS < toS) {
        const k = knobs();
        const mps = k.sPerKm > 0 ? 1000 / k.sPerKm : 0;
        if (rows.length) distM += mps;
        rows.push({ tS: rows.length, lat: lat0 + distM / M_PER_DEG, lon: lon0, alt: 20, hr: k.bpm, spm: mps > 0 ? k.spm : 0, mps, distM, lap: "" });
      }
      return rows;
    },
  };
}
