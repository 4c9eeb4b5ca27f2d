// GPX 1.1 tracks -> recording rows. Heart rate and cadence come from Garmin's TrackPointExtension
// (gpxtpx:hr, gpxtpx:cad); cadence there is one foot (strides/min), doubled to steps/min.
// GPX carries no speed, distance or laps: those fields stay NaN / "" (see fillMotion).
import type { Row } from "../recording";
import { all, domParse, numIn, timeIn, type XmlParse } from "./xml";

export function parseGpx(text: string, parse: XmlParse = domParse): Row[] {
  const doc = parse(text);
  const pts = all(doc, "trkpt");
  if (!pts.length) throw new Error("GPX file has no track points (<trkpt>)");
  const t0 = timeIn(pts[0], "time");
  return pts.map((p) => {
    const cad = numIn(p, "cad");
    return {
      tS: (timeIn(p, "time") - t0) / 1000,
      lat: Number(p.getAttribute("lat")),
      lon: Number(p.getAttribute("lon")),
      alt: numIn(p, "ele"),
      hr: numIn(p, "hr"),
      spm: cad * 2,
      mps: numIn(p, "speed"),
      distM: NaN,
      lap: "",
    };
  });
}
