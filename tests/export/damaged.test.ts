// The fixture log damaged as flash and transfers damage logs: a track line, a step summary and the
// header that fail their CRC, junk bytes between lines, a log cut mid-line with no end record.
// What verifies is exported, what did not is listed, and the FIT still passes the SDK's checks.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { activityFromLog, ExportError, toGpx } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { crc32 } from "../../src/sim/crc";
import { FIXTURE_LOG } from "./session";
import { truth, checkFit, readFit, gpsbabel } from "./checks";
import { Decoder, Stream } from "@garmin/fitsdk";

const text = readFileSync(FIXTURE_LOG, "utf8");
const lines = text.split("\n");
const clean = truth(text);

/** the text with line i (0-based) changed in one character after its kind and seq, so its CRC fails */
function damage(i: number): string {
  const l = lines[i];
  const j = l.indexOf(",") + 3;
  const c = l[j] === "7" ? "8" : "7";
  return lines.map((x, k) => (k === i ? x.slice(0, j) + c + x.slice(j + 1) : x)).join("\n");
}

const indexOf = (pred: (l: string) => boolean) => lines.findIndex(pred);

/** the SDK's structural checks that hold for any export: integrity, no errors, laps contiguous, session = sum of laps */
function fitIsSound(bytes: Uint8Array, nLaps: number): void {
  expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);
  const { messages: m, errors } = readFit(bytes);
  expect(errors).toEqual([]);
  const { messages: raw } = readFit(bytes, true);
  expect(m.lapMesgs).toHaveLength(nLaps);
  for (let i = 1; i < nLaps; i++) expect(m.lapMesgs[i].startTime.getTime()).toBe(m.lapMesgs[i - 1].timestamp.getTime());
  expect(m.lapMesgs[nLaps - 1].timestamp.getTime()).toBe(m.sessionMesgs[0].timestamp.getTime());
  for (const k of ["totalElapsedTime", "totalTimerTime", "totalDistance"])
    expect(raw.sessionMesgs[0][k]).toBe(raw.lapMesgs.reduce((a: number, l: Record<string, number>) => a + l[k], 0));
}

describe("a log that fails its CRC in places", () => {
  it("a track line: its points are skipped and listed, everything else exports as before", () => {
    const i = lines.map((l, k) => (l.startsWith("T") ? k : -1)).filter((k) => k >= 0)[20];
    const bad = damage(i);
    const t = truth(bad);
    expect(t.track.length).toBe(clean.track.length - 12);
    const a = activityFromLog(bad, crc32);
    expect(a.notes).toEqual([`line ${i + 1}: checksum mismatch: skipped`]);
    expect(a.points).toHaveLength(t.track.length);
    checkFit(t, toFit(a));
    expect(gpsbabel("gpx", toGpx(a)).n).toBe(t.track.length);
  });

  it("a step summary: its lap is rebuilt from the track between its neighbours, and said so", () => {
    const i = indexOf((l) => l.startsWith("S") && l.split(",")[1] === "d"); // idx 13: rep 3
    const bad = damage(i);
    const a = activityFromLog(bad, crc32);
    expect(a.notes).toEqual([`line ${i + 1}: checksum mismatch: skipped`, "step 14: summary line lost; one lap of 98.2 s rebuilt from the track"]);
    expect(a.laps).toHaveLength(21);
    const lost = a.laps[13];
    const rep3 = clean.steps[13];
    expect(lost).toMatchObject({ stepIdx: 13, kind: null, source: "lost", label: "Step 14 (lost)" });
    // its time is exactly the step's (the neighbours' bounds), its distance the track's path
    expect(lost.elapsedMs).toBe(rep3.durMs);
    expect(lost.timerMs).toBe(rep3.durMs);
    expect(lost.distM).toBeGreaterThan(rep3.distM * 0.9);
    expect(lost.distM).toBeLessThan(rep3.distM * 1.05);
    const fit = toFit(a);
    fitIsSound(fit, 21);
    const lap = readFit(fit).messages.lapMesgs[13];
    expect(lap.wktStepIndex).toBe(13);
    expect(lap.intensity).toBeUndefined();
    expect(lap.avgHeartRate).toBeUndefined();
    // its points carry no step HR or cadence
    const { messages } = readFit(fit);
    const inLap = messages.recordMesgs.filter((r) => r.timestamp >= lap.startTime && r.timestamp < lap.timestamp);
    expect(inLap.length).toBeGreaterThan(10);
    for (const r of inLap) expect(r.heartRate).toBeUndefined();
  });

  it("the header: no start time, so it needs one given; with it, the rest exports", () => {
    const bad = damage(0);
    expect(() => activityFromLog(bad, crc32)).toThrow(ExportError);
    const a = activityFromLog(bad, crc32, { startMs: clean.head.startMs });
    expect(a.notes).toContain("the header line is not in the log: start time as given, plan unknown");
    fitIsSound(toFit(a), 21);
  });

  it("junk bytes between lines: skipped, the lines around them kept", () => {
    const i = indexOf((l) => l.startsWith("S"));
    const bad = lines.slice(0, i).join("\n") + "\n\xff\xfe junk\x00\n" + lines.slice(i).join("\n");
    const a = activityFromLog(bad, crc32);
    expect(a.notes).toHaveLength(1);
    expect(a.notes[0]).toMatch(new RegExp(`^line ${i + 1}: `));
    checkFit(truth(bad), toFit(a));
  });

  it("cut mid-line during the cool-down (no end record): the torn line is dropped, the cool-down so far is an unfinished lap", () => {
    const i = indexOf((l) => l.startsWith("S") && l.split(",")[1] === "k") - 3; // a track line well into the cool-down
    expect(lines[i][0]).toBe("T");
    const cut = lines.slice(0, i).join("\n") + "\n" + lines[i].slice(0, 25);
    const t = truth(cut);
    expect(t.log.torn).toBe(true);
    const a = activityFromLog(cut, crc32);
    expect(a.endWhy).toBeNull();
    expect(a.notes[0]).toBe("the last line is unfinished (a write cut short): skipped");
    expect(a.notes).toContain("the session was not closed (no end line): it ends at the last record");
    expect(a.laps).toHaveLength(21);
    const last = a.laps[20];
    expect(last).toMatchObject({ stepIdx: 20, kind: null, source: "unfinished" });
    expect(last.endMs).toBe(a.startMs + t.track[t.track.length - 1].tMs);
    expect(last.distM).toBeGreaterThan(100);
    fitIsSound(toFit(a), 21);
  });

  it("nothing that verifies: an error, not an empty file", () => {
    expect(() => activityFromLog("H1,garbage*00000000\n", crc32)).toThrow(ExportError);
  });
});
