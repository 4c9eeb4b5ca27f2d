// Reads the normalized recording CSVs (tests/fixtures/*.csv) into rows. Browser-safe: takes text.

export interface Row {
  tS: number;
  /** NaN without a fix */
  lat: number;
  lon: number;
  alt: number;
  /** NaN when absent */
  hr: number;
  spm: number;
  mps: number;
  distM: number;
  /** device lap index (or stage label) */
  lap: string;
}

const num = (s: string | undefined): number => (s === undefined || s === "" ? NaN : Number(s));

export function parseRecording(csv: string): Row[] {
  const lines = csv.trim().split(/\r?\n/);
  const head = lines[0].split(",");
  const col = (n: string): number => {
    const i = head.indexOf(n);
    if (i < 0) throw new Error(`recording has no column ${n}`);
    return i;
  };
  const c = { t: col("t_seconds"), lat: col("lat"), lon: col("lon"), alt: col("alt"), hr: col("hr"), cad: col("cadence_spm"), v: col("speed_mps"), d: col("dist_m"), lap: col("lap") };
  return lines.slice(1).map((l) => {
    const f = l.split(",");
    return { tS: num(f[c.t]), lat: num(f[c.lat]), lon: num(f[c.lon]), alt: num(f[c.alt]), hr: num(f[c.hr]), spm: num(f[c.cad]), mps: num(f[c.v]), distM: num(f[c.d]), lap: f[c.lap] ?? "" };
  });
}

/** the recording's device laps: start time, end time and distance of each */
export function deviceLaps(rows: Row[]): { lap: string; t0S: number; t1S: number; distM: number }[] {
  const laps: { lap: string; t0S: number; t1S: number; distM: number }[] = [];
  let d0 = rows[0].distM;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const last = laps[laps.length - 1];
    if (!last || last.lap !== r.lap) {
      if (last) {
        last.t1S = r.tS;
        last.distM = r.distM - d0;
      }
      d0 = r.distM;
      laps.push({ lap: r.lap, t0S: r.tS, t1S: r.tS, distM: 0 });
    }
  }
  const end = laps[laps.length - 1];
  end.t1S = rows[rows.length - 1].tS;
  end.distM = rows[rows.length - 1].distM - d0;
  return laps;
}
