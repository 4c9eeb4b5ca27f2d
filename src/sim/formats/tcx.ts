// TCX (Garmin Training Center) -> recording rows, keeping running cadence: the ActivityExtension
// <RunCadence> (one foot, doubled to steps/min) or, failing that, the core <Cadence>. Laps are
// numbered from 1 in file order, as the device split them.
import type { Row } from "../recording";
import { all, domParse, numIn, timeIn, type XmlParse } from "./xml";

export function parseTcx(text: string, parse: XmlParse = domParse): Row[] {
  const doc = parse(text);
  const rows: Row[] = [];
  let t0 = NaN;
  all(doc, "Lap").forEach((lap, i) => {
    for (const p of all(lap, "Trackpoint")) {
      const t = timeIn(p, "Time");
      if (isNaN(t0)) t0 = t;
      const run = numIn(p, "RunCadence");
      const cad = isNaN(run) ? numIn(p, "Cadence") : run;
      rows.push({
        tS: (t - t0) / 1000,
        lat: numIn(p, "LatitudeDegrees"),
        lon: numIn(p, "LongitudeDegrees"),
        alt: numIn(p, "AltitudeMeters"),
        hr: numIn(p, "HeartRateBpm"),
        spm: cad * 2,
        mps: numIn(p, "Speed"),
        distM: numIn(p, "DistanceMeters"),
        lap: String(i + 1),
      });
    }
  });
  if (!rows.length) throw new Error("TCX file has no track points (<Lap>…<Trackpoint>)");
  return rows;
}
