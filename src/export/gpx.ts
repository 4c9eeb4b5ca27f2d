// An activity as GPX 1.1: one track, one trkseg per stretch the timer ran, time per point and
// Garmin's TrackPointExtension v1 with gpxtpx:hr and gpxtpx:cad (strides/min: one foot). GPX has
// no laps.
import type { Activity, Point } from "./activity";
import { esc, iso, deg } from "./xml";

function trkpt(p: Point): string {
  let ext = "";
  if (p.hr > 0) ext += `<gpxtpx:hr>${Math.round(p.hr)}</gpxtpx:hr>`;
  if (p.cad > 0) ext += `<gpxtpx:cad>${Math.min(254, Math.round(p.cad / 2))}</gpxtpx:cad>`;
  return `<trkpt lat="${deg(p.lat)}" lon="${deg(p.lon)}"><time>${iso(p.tMs)}</time>` + (ext ? `<extensions><gpxtpx:TrackPointExtension>${ext}</gpxtpx:TrackPointExtension></extensions>` : "") + "</trkpt>";
}

/** the GPX document of an activity */
export function toGpx(a: Activity): string {
  const name = esc(a.plan || "SpeedSeq session");
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gpx version="1.1" creator="SpeedSeq" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www8.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">`,
    ` <metadata><name>${name}</name><time>${iso(a.startMs)}</time></metadata>`,
    ` <trk>`,
    `  <name>${name}</name>`,
    `  <type>running</type>`,
  ];
  for (let k = 0; k < a.running.length; k++) {
    const pts = a.points.filter((p) => p.span === k);
    if (!pts.length) continue;
    out.push("  <trkseg>");
    for (const p of pts) out.push("   " + trkpt(p));
    out.push("  </trkseg>");
  }
  out.push(" </trk>", "</gpx>", "");
  return out.join("\n");
}
