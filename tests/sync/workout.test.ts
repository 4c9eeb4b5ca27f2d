// Sending a workout (src/sync/workout.ts): the write snippet passes the watch checker and takes
// only an uploaded workout's file name and a valid workout's JSON; on the real firmware it writes
// the file byte for byte, restarts SpeedSeq so its list shows the workout, answers "same" for the
// same bytes and "replaced" for an edit, writes nothing while a session runs, and writes nothing
// (anywhere) when the snippet arrives garbled: the retry then writes the right file.
import { describe, expect, it } from "vitest";
import { checkJs } from "../../tools/checker.mjs";
import { writeWorkoutSnippet, writeWorkout, workoutFile, workoutJson, asciiJson, WORKOUT_RUNNING } from "../../src/sync/workout";
import { crc32 } from "../../src/sim/crc";
import { workoutFileName } from "../../src/authoring/names";
import { parseText } from "../../src/authoring/text";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { Plan } from "../../src/engine/plan";
import type { Watch } from "../../emulator/firmware/watch";
import { loadApp } from "../../emulator/firmware/node";
import { describeFw, fwApp, findRow, startWorkout, feeder, recordingEvents, runBar, ticking, FW_TIMEOUT } from "../firmware/fw";
import { VirtualWire } from "./wire";

function plan(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

const TRACK = plan(["name: Track night", "note: 6x400 just under 5K pace", "10m warm-up", "6x", "- 400mtr 5k pace-3s", "- 90s jog", "- 10m cool-down"].join("\n"));
const JSON1 = JSON.stringify(TRACK);
const FILE1 = workoutFileName(TRACK.name);

describe("the workout write snippet", () => {
  const s = writeWorkoutSnippet(7, FILE1, JSON1, crc32);

  it("is one console line, not echoed (0x10), printable ASCII, and passes the watch checker", () => {
    expect(s.charAt(0)).toBe("\x10");
    expect(s.endsWith("\n")).toBe(true);
    const body = s.slice(1, -1);
    expect(body.includes("\n")).toBe(false);
    expect(/^[\x20-\x7e]*$/.test(body)).toBe(true);
    expect(checkJs(body, { file: "<write workout snippet>", topLevel: false })).toEqual([]);
    // the check is live: a construct the watch cannot run is found
    const bad = body.replace("function(b){", "function(b=0){");
    expect(checkJs(bad, { file: "<bad>", topLevel: false }).map((f: { rule: string }) => f.rule)).toContain("default-param");
  });

  it("carries the JSON only as base64 inside atob(), the name and text under one CRC", () => {
    const m = /d=atob\("([^"]*)"\)/.exec(s)!;
    expect(Buffer.from(m[1], "base64").toString("latin1")).toBe(JSON1);
    expect(s).not.toContain(JSON1);
    expect(s).not.toContain(TRACK.name);
    expect(s).toContain('H(E.CRC32(F+d))!="' + (crc32(FILE1 + JSON1) >>> 0).toString(16).padStart(8, "0") + '"');
    expect(s).toContain("d.length!=" + JSON1.length);
    // only the watch's naming: 22 characters
    expect(FILE1).toHaveLength(22);
    expect(s).toContain('F="' + FILE1 + '"');
  });

  it("takes only an uploaded workout's file name and a valid workout as printable ASCII", () => {
    for (const bad of ["speedseq.json", "speedseq.app.js", "speedseq.log0", "speedseq.wabc.json", "speedseq.wABCDEFG.json", "speedseq.wabcdefg.json\"+eval(x)+\"", "speedseq.wabcdefgh.json", " speedseq.wabcdefg.json", "speedseq.wabcdefg.js"])
      expect(() => workoutFile(bad), bad).toThrow(/file name/);
    expect(workoutFile("speedseq.w0a1b2c3.json")).toBe("speedseq.w0a1b2c3.json");
    expect(() => writeWorkoutSnippet(1, "speedseq.app.js", JSON1, crc32)).toThrow(/file name/);
    expect(() => workoutJson('{"v":1,"name":"x","steps":[]}')).toThrow(/not a valid workout/);
    expect(() => workoutJson("not json")).toThrow(/not a valid workout/);
    expect(() => workoutJson(JSON.stringify({ ...TRACK, name: "Piste \u00e9t\u00e9" }))).toThrow(/ASCII/);
    expect(() => workoutJson(JSON1 + "\n")).toThrow(/ASCII/);
    expect(() => workoutJson('{"v":1,"name":"' + "x".repeat(5000) + '","steps":[]}')).toThrow(/4096/);
    expect(() => writeWorkoutSnippet(0, FILE1, JSON1, crc32)).toThrow(/request id/);
    // non-ASCII goes as \u escapes: the same workout read back
    const accented = { ...TRACK, name: "Piste \u00e9t\u00e9" };
    expect(JSON.parse(workoutJson(asciiJson(accented)))).toEqual(accented);
    expect(asciiJson(accented)).toContain("Piste \\u00e9t\\u00e9");
  });
});

function wireTo(w: Watch) {
  const wire = new VirtualWire(w);
  const send = (file: string, json: string, firstId = 9000) => wire.run(writeWorkout(() => wire.connect(), file, json, { crc: crc32, clock: wire.clock, firstId }));
  return { wire, send };
}

/** the app's list as drawn after its restart: the menu rows */
function listed(w: Watch, name: string): boolean {
  try {
    findRow(w, name, 6);
    return true;
  } catch {
    return false;
  }
}

describeFw("sending a workout to the firmware", () => {
  it("writes the file byte for byte, SpeedSeq restarts and lists it; the same again changes nothing; an edit replaces it", async () => {
    const w = await fwApp({ trace: true });
    const { send } = wireTo(w);
    expect(listed(w, "Track night")).toBe(false);
    const r = await send(FILE1, JSON1);
    expect(r).toEqual({ ok: true, file: FILE1, status: "new", restarted: true, attempts: 1 });
    expect(w.readFile(FILE1)).toBe(JSON1);
    w.advance(1500);
    w.exec("echo(0)");
    expect(listed(w, "Track night")).toBe(true);

    const again = await send(FILE1, JSON1, 9100);
    expect(again).toMatchObject({ ok: true, status: "same", restarted: false });
    const edited = JSON.stringify({ ...TRACK, note: "6x400 at 5K pace" });
    const r3 = await send(FILE1, edited, 9200);
    expect(r3).toMatchObject({ ok: true, status: "replaced", restarted: true });
    expect(w.readFile(FILE1)).toBe(edited);
    w.advance(1500);
    w.exec("echo(0)");
    // one file, one row
    expect(w.list("/^speedseq\\.w/")).toEqual([FILE1]);

    // SpeedSeq not open: written, nothing restarted
    loadApp(w);
    const other = { ...TEMPLATES[1], name: "Ladder 2" };
    const r4 = await send(workoutFileName(other.name), JSON.stringify(other), 9300);
    expect(r4).toMatchObject({ ok: true, status: "new", restarted: false });
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("is refused while a session runs: nothing is written", async () => {
    const w = await fwApp({ trace: true });
    startWorkout(w, "Classic 5K");
    feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }))(30_000);
    expect(runBar(w)).toBe("Warm-up");
    expect(ticking(w, w.now() - 1000)).toBe(true);
    const { send } = wireTo(w);
    const r = await send(FILE1, JSON1);
    expect(r).toEqual({ ok: false, file: FILE1, refused: WORKOUT_RUNNING });
    expect(w.readFile(FILE1)).toBeUndefined();
    // still running
    w.advance(2000);
    expect(runBar(w)).toBe("Warm-up");
    expect(ticking(w, w.now() - 1500)).toBe(true);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("a snippet garbled on the way writes nothing anywhere; the retry writes the right file", async () => {
    const w = await fwApp({ trace: false });
    loadApp(w);
    const before = w.list().sort();
    const { wire, send } = wireTo(w);
    let n = 0;
    // the first write: one byte of the base64 flipped; the second: a byte of the file name
    wire.hooks.down = (s) => {
      if (s.charAt(0) !== "\x10") return [s];
      n++;
      if (n === 1) {
        const i = s.indexOf('atob("') + 40;
        return [s.slice(0, i) + (s.charAt(i) === "A" ? "B" : "A") + s.slice(i + 1)];
      }
      if (n === 2) return [s.replace('F="speedseq.w', 'F="speedseq.x')];
      return [s];
    };
    const r = await send(FILE1, JSON1);
    expect(r).toMatchObject({ ok: true, status: "new", attempts: 3 });
    expect(w.readFile(FILE1)).toBe(JSON1);
    expect(w.list().sort()).toEqual([...before, FILE1].sort());
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);
});
