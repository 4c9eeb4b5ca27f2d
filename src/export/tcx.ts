// An activity as Garmin Training Center XML (TCX v2): one Lap per step, its track points split
// into one Track per stretch the timer ran, HR per point, speed and run cadence (strides/min,
// one foot) in the ActivityExtension v2.
import type { Activity, Lap, Point } from "./activity";
import { FLAG_NAMES, bitNames } from "./activity";
import type { StepWhy } from "../engine/log/records";
import { esc, iso, deg, fix } from "./xml";

/** TCX's TriggerMethod of a step's end */
const TRIGGER: Record<StepWhy, string> = { time: "Time", cap: "Time", hr: "HeartRate", dist: "Distance", lap: "Manual", skip: "Manual", end: "Manual" };

const run = (spm: number): number => Math.min(254, Math.round(spm / 2));

function trackpoint(p: Point): string {
  let s = `<Trackpoint><Time>${iso(p.tMs)}</Time><Position><LatitudeDegrees>${deg(p.lat)}</LatitudeDegrees><LongitudeDegrees>${deg(p.lon)}</LongitudeDegrees></Position>`;
  s += `<DistanceMeters>${fix(p.distM, 2)}</DistanceMeters>`;
  if (p.hr > 0) s += `<HeartRateBpm><Value>${Math.round(p.hr)}</Value></HeartRateBpm>`;
  s += `<Extensions><ns3:TPX><ns3:Speed>${fix(p.speed, 3)}</ns3:Speed>`;
  if (p.cad > 0) s += `<ns3:RunCadence>${run(p.cad)}</ns3:RunCadence>`;
  return s + "</ns3:TPX></Extensions></Trackpoint>";
}

/** a lap's notes: what the step was and what the watch noted about it */
export function lapNotes(l: Lap): string {
  const parts = [l.label];
  if (l.why) parts.push(`ended by ${l.why}`);
  const f = bitNames(l.flags, FLAG_NAMES);
  if (f) parts.push(f.replace(/\|/g, ", "));
  if (l.gpsGapS) parts.push(`no GPS for ${l.gpsGapS} s (distance at the last pace)`);
  if (l.rpe !== undefined) parts.push(`RPE ${l.rpe}`);
  return parts.join("; ");
}

function lap(a: Activity, l: Lap, k: number): string {
  const lines: string[] = [];
  lines.push(`   <Lap StartTime="${iso(l.startMs)}">`);
  lines.push(`    <TotalTimeSeconds>${fix(l.timerMs / 1000, 3)}</TotalTimeSeconds>`);
  lines.push(`    <DistanceMeters>${fix(l.distM, 1)}</DistanceMeters>`);
  lines.push(`    <Calories>0</Calories>`);
  if (l.avgHr > 0) lines.push(`    <AverageHeartRateBpm><Value>${l.avgHr}</Value></AverageHeartRateBpm>`);
  if (l.maxHr > 0) lines.push(`    <MaximumHeartRateBpm><Value>${l.maxHr}</Value></MaximumHeartRateBpm>`);
  lines.push(`    <Intensity>${l.kind === "recovery" || l.kind === "rest" ? "Resting" : "Active"}</Intensity>`);
  lines.push(`    <TriggerMethod>${l.why ? TRIGGER[l.why] : "Manual"}</TriggerMethod>`);
  // one Track per stretch the timer ran inside this lap
  for (let j = 0; j < a.running.length; j++) {
    const pts = a.points.filter((p) => p.lap === k && p.span === j);
    if (!pts.length) continue;
    lines.push("    <Track>");
    for (const p of pts) lines.push("     " + trackpoint(p));
    lines.push("    </Track>");
  }
  lines.push(`    <Notes>${esc(lapNotes(l))}</Notes>`);
  let lx = `<ns3:AvgSpeed>${fix(l.timerMs > 0 ? l.distM / (l.timerMs / 1000) : 0, 3)}</ns3:AvgSpeed>`;
  if (l.avgCad > 0) lx += `<ns3:AvgRunCadence>${run(l.avgCad)}</ns3:AvgRunCadence>`;
  lines.push(`    <Extensions><ns3:LX>${lx}</ns3:LX></Extensions>`);
  lines.push("   </Lap>");
  return lines.join("\n");
}

/** the TCX document of an activity */
export function toTcx(a: Activity): string {
  const v = a.version.split(".");
  const major = parseInt(v[0], 10) || 0;
  const minor = parseInt(v[1] ?? "0", 10) || 0;
  const notes = [a.plan, a.goal ? `goal ${a.goal}` : "", a.rpe !== undefined ? `RPE ${a.rpe}` : ""].filter((x) => x).join("; ");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd">`,
    ` <Activities>`,
    `  <Activity Sport="Running">`,
    `   <Id>${iso(a.startMs)}</Id>`,
    ...a.laps.map((l, k) => lap(a, l, k)),
    notes ? `   <Notes>${esc(notes)}</Notes>` : "",
    `   <Creator xsi:type="Device_t"><Name>SpeedSeq (Bangle.js 2)</Name><UnitId>0</UnitId><ProductID>0</ProductID><Version><VersionMajor>${major}</VersionMajor><VersionMinor>${minor}</VersionMinor></Version></Creator>`,
    `  </Activity>`,
    ` </Activities>`,
    `</TrainingCenterDatabase>`,
    "",
  ]
    .filter((x) => x !== "")
    .join("\n") + "\n";
}
