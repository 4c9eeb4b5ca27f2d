// Checks of the text formats against the log: TCX laps and points, GPX points and segments, the
// two CSV tables (the points one read back by the project's recording reader).
import { expect } from "vitest";
import { parseRecording } from "../../src/sim/recording";
import { STEP_COLUMNS } from "../../src/export/csv";
import { stepAt, pointHrCad, type Truth } from "./checks";

/** the text of every <tag>…</tag> (tag without namespace prefix handling: give it as written) */
export function all(xml: string, tag: string): string[] {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g");
  const out: string[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  return out;
}

const one = (xml: string, tag: string): string | undefined => all(xml, tag)[0];

export function checkTcx(t: Truth, xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase')).toBe(true);
  expect(all(xml, "Activity")).toHaveLength(1);
  const laps = all(xml, "Lap");
  expect(laps).toHaveLength(t.steps.length);
  const pauses = t.events.filter((e) => e.what === "pause");
  let points = 0;
  let tracks = 0;
  t.steps.forEach((s, i) => {
    const l = laps[i];
    expect(Number(one(l, "TotalTimeSeconds"))).toBe(s.durMs / 1000);
    expect(Number(one(l, "DistanceMeters"))).toBe(s.distM);
    expect(one(l, "Intensity")).toBe(s.kind === "recovery" || s.kind === "rest" ? "Resting" : "Active");
    expect(one(l, "TriggerMethod")).toBe({ time: "Time", cap: "Time", hr: "HeartRate", dist: "Distance", lap: "Manual", skip: "Manual", end: "Manual" }[s.why]);
    if (s.avgHr) expect(one(one(l, "AverageHeartRateBpm")!, "Value")).toBe(String(s.avgHr));
    if (s.avgCad) expect(one(l, "ns3:AvgRunCadence")).toBe(String(Math.round(s.avgCad / 2)));
    for (const tp of all(l, "Trackpoint")) {
      const p = t.track[points++];
      expect(one(tp, "Time")).toBe(new Date(t.head.startMs + p.tMs).toISOString());
      expect(Number(one(tp, "LatitudeDegrees"))).toBeCloseTo(p.lat, 7);
      expect(Number(one(tp, "LongitudeDegrees"))).toBeCloseTo(p.lon, 7);
      expect(stepAt(t, p.tMs)).toBe(s);
      const v = pointHrCad(t, p);
      expect(one(tp, "ns3:RunCadence")).toBe(v.cad ? String(Math.round(v.cad / 2)) : undefined);
      expect(tp.includes("<HeartRateBpm><Value>" + v.hr + "</Value></HeartRateBpm>")).toBe(v.hr > 0);
    }
    tracks += all(l, "Track").length;
  });
  expect(points).toBe(t.track.length);
  // a Track per lap with points, one more for each pause inside a lap
  const withPoints = new Set(t.track.map((p) => stepAt(t, p.tMs).idx)).size;
  expect(tracks).toBe(withPoints + pauses.length);
}

export function checkGpx(t: Truth, xml: string): void {
  expect(xml).toContain('<gpx version="1.1" creator="SpeedSeq" xmlns="http://www.topografix.com/GPX/1/1"');
  expect(xml).toContain('xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"');
  const segs = all(xml, "trkseg");
  expect(segs).toHaveLength(1 + t.events.filter((e) => e.what === "pause").length);
  const pts = all(xml, "trkpt");
  expect(pts).toHaveLength(t.track.length);
  const attrs = [...xml.matchAll(/<trkpt lat="([^"]+)" lon="([^"]+)">/g)];
  t.track.forEach((p, i) => {
    expect(Number(attrs[i][1])).toBeCloseTo(p.lat, 7);
    expect(Number(attrs[i][2])).toBeCloseTo(p.lon, 7);
    expect(one(pts[i], "time")).toBe(new Date(t.head.startMs + p.tMs).toISOString());
    const v = pointHrCad(t, p);
    expect(one(pts[i], "gpxtpx:hr")).toBe(v.hr ? String(v.hr) : undefined);
    // one foot: steps/min halved
    expect(one(pts[i], "gpxtpx:cad")).toBe(v.cad ? String(Math.round(v.cad / 2)) : undefined);
  });
}

/** RFC 4180 rows (quoted fields may hold commas and quotes) */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ",") row.push(f), (f = "");
    else if (c === "\n") row.push(f), rows.push(row), (row = []), (f = "");
    else f += c;
  }
  if (f || row.length) row.push(f), rows.push(row);
  return rows;
}

export function checkCsv(t: Truth, steps: string, points: string): void {
  const rows = csvRows(steps);
  expect(rows[0]).toEqual(STEP_COLUMNS);
  expect(rows).toHaveLength(t.steps.length + 1);
  const c = (n: string) => rows[0].indexOf(n);
  t.steps.forEach((s, i) => {
    const r = rows[i + 1];
    expect(r).toHaveLength(STEP_COLUMNS.length);
    expect(Number(r[c("step_idx")])).toBe(s.idx);
    expect(r[c("kind")]).toBe(s.kind);
    expect(Number(r[c("timer_s")])).toBe(s.durMs / 1000);
    expect(Number(r[c("start_s")])).toBe(s.startMs / 1000);
    expect(Number(r[c("dist_m")])).toBe(s.distM);
    expect(r[c("avg_hr")]).toBe(s.avgHr ? String(s.avgHr) : "");
    expect(r[c("avg_cadence_spm")]).toBe(s.avgCad ? String(s.avgCad) : "");
    expect(r[c("end")]).toBe(s.why);
  });
  // the points table is a recording the project's own reader takes
  const rec = parseRecording(points);
  expect(rec).toHaveLength(t.track.length);
  t.track.forEach((p, i) => {
    expect(rec[i].tS).toBe(p.tMs / 1000);
    expect(rec[i].lat).toBeCloseTo(p.lat, 7);
    expect(rec[i].lon).toBeCloseTo(p.lon, 7);
    const v = pointHrCad(t, p);
    expect(rec[i].spm).toBe(v.cad || NaN);
    expect(rec[i].hr).toBe(v.hr || NaN);
  });
}
