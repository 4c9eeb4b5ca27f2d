// FIT activities -> recording rows with Garmin's official SDK (@garmin/fitsdk). The SDK is large
// (~1.5 MB of source), so it is imported lazily: the page only fetches it when a FIT file is dropped.
// Record cadence is one foot plus fractional_cadence, doubled to steps/min; positions are semicircles.
import type { Row } from "../recording";

const DEG_PER_SEMICIRCLE = 180 / 2 ** 31;

interface FitRecord {
  timestamp: Date; positionLat?: number; positionLong?: number; altitude?: number; enhancedAltitude?: number;
  heartRate?: number; cadence?: number; fractionalCadence?: number; speed?: number; enhancedSpeed?: number; distance?: number;
}

const n = (v: number | undefined): number => (v === undefined || v === null ? NaN : v);

export async function parseFit(bytes: Uint8Array): Promise<Row[]> {
  const { Decoder, Stream } = await import("@garmin/fitsdk");
  const dec = new Decoder(Stream.fromByteArray(bytes));
  if (!dec.isFIT()) throw new Error("not a FIT file");
  const { messages, errors } = dec.read();
  if (errors.length) throw new Error(`FIT decode failed: ${errors[0]}`);
  const recs = (messages.recordMesgs ?? []) as FitRecord[];
  if (!recs.length) throw new Error("FIT file has no record messages (is it an activity?)");
  // a record belongs to the last lap started at or before it (a lap's end second is also the
  // next lap's start second on some devices: the new lap wins); records before the first lap are lap 1
  const lapStarts = ((messages.lapMesgs ?? []) as { startTime: Date }[]).map((l) => l.startTime.getTime()).sort((a, b) => a - b);
  const t0 = recs[0].timestamp.getTime();
  let lap = 0;
  let lastT = -Infinity;
  const rows: Row[] = [];
  for (const r of recs) {
    const t = r.timestamp.getTime();
    if (t <= lastT) continue; // smart recording can write two records in one second: keep the first
    lastT = t;
    while (lap < lapStarts.length && lapStarts[lap] <= t) lap++;
    const cad = n(r.cadence) + (r.fractionalCadence ?? 0);
    rows.push({
      tS: (t - t0) / 1000,
      lat: n(r.positionLat) * DEG_PER_SEMICIRCLE,
      lon: n(r.positionLong) * DEG_PER_SEMICIRCLE,
      alt: n(r.enhancedAltitude ?? r.altitude),
      hr: n(r.heartRate),
      spm: cad * 2,
      mps: n(r.enhancedSpeed ?? r.speed),
      distM: n(r.distance),
      lap: lapStarts.length ? String(Math.max(1, lap)) : "",
    });
  }
  return rows;
}
