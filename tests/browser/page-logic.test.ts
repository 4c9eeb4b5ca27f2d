// The emulator page's logic in Node, without a browser: uploaded workouts (file names, what the
// watch lists, what the page keeps), the button path to any row of the workout list (on the board
// and on the real firmware), buzz patterns by name, the timeline's ticks and smoothed pace, and
// the decoded log view.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { H_END, H_REP } from "../../src/engine/haptics";
import { PATTERNS } from "../../emulator/session";
import type { Plan } from "../../src/engine/plan";
import { parseRecording, type Row } from "../../src/sim/recording";
import { fillMotion } from "../../src/sim/formats/index";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { createNodeRealm } from "../../emulator/board/realm-node";
import { recordingSource } from "../../emulator/sources";
import { DEFAULT_PATH, DEFAULT_RECORDING } from "../../emulator/defaults";
import { BOARD_MENU, FIRMWARE_MENU, menuRowSteps, workoutPath, type Buzz, type MenuGeometry } from "../../emulator/driver";
import { buzzPatterns, sessionLog, startSession, PATTERN_NAMES } from "../../emulator/session";
import { addUpload, listRow, loadUploads, saveUploads, uploadFiles, watchList, type Upload } from "../../emulator/page/workouts";
import { workoutFileName } from "../../src/authoring/names";
import { PACE_INCRS, TIME_INCRS, paceTick, smoothSpeeds, timeTick, timelineMarks } from "../../emulator/page/timeline-data";
import { describeLog, isSessionLog } from "../../emulator/page/logview";
import { runDefault, builtFiles } from "../../emulator/simulate";
import { bootWatch, firmwareDir, firmwareRequired, MISSING } from "../../emulator/firmware/node";
import { newestLog, startFwSession } from "../../emulator/page/fw-session";
import { appFiles } from "../../tools/appfiles.mjs";

const plan = (name: string, s = 60): Plan => ({ v: 1, name, steps: [{ kind: "work", end: { time: s } }] });

function uploadsOf(names: string[]): Upload[] {
  let ups: Upload[] = [];
  names.forEach((n, i) => {
    const r = addUpload(ups, plan(n, 60 + i));
    if (!r.ok) throw new Error(r.error);
    ups = r.uploads;
  });
  return ups;
}

const UPS = ["Hills 6x1", "Tempo 3k", "Fartlek", "Long reps"];
const appJs = () => builtFiles();
const rec = () => recordingSource("rec", parseRecording(readFileSync(DEFAULT_RECORDING, "utf8")), 10);

/** the plan name in the log header written by a session started with this path */
const headerPlan = (text: string | undefined) => {
  const h = text ? decodeLog(text, crc32).recs.find((r) => r.k === "H") : undefined;
  return h && h.k === "H" ? h.plan : undefined;
};

describe("uploaded workouts", () => {
  it("are written as authoring's workoutFileName of their name, and listed by the watch's own code after the built-ins", () => {
    const ups = uploadsOf(UPS);
    expect(uploadFiles(ups)).toEqual(ups.map((u) => [workoutFileName(u.name), u.text]));
    expect(watchList(TEMPLATES, ups)).toEqual([...TEMPLATES.map((t) => t.name), ...UPS]);
    expect(listRow(TEMPLATES, ups, "Fartlek")).toEqual({ row: TEMPLATES.length + 2, rows: TEMPLATES.length + UPS.length + 1 });
    expect(() => listRow(TEMPLATES, ups, "Nope")).toThrow(/would not list/);
    // it lends require("Storage") only for the call
    expect((globalThis as { require?: unknown }).require).toBeUndefined();
  });

  it("a built-in's name is refused; the same name again replaces the earlier upload in its place", () => {
    const ups = uploadsOf(UPS);
    const r1 = addUpload(ups, plan(TEMPLATES[1].name));
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error).toContain(TEMPLATES[1].name);
    const r2 = addUpload(ups, plan("Tempo 3k", 999));
    expect(r2.ok && r2.replaced).toBe(true);
    if (!r2.ok) return;
    expect(r2.uploads.map((u) => u.name)).toEqual(UPS);
    expect(uploadFiles(r2.uploads)[1][0]).toBe(uploadFiles(ups)[1][0]);
    expect(JSON.parse(r2.uploads[1].text).steps[0].end.time).toBe(999);
    const r3 = addUpload(ups, plan("New one"));
    expect(r3.ok && r3.uploads.length).toBe(UPS.length + 1);
    if (r3.ok) expect(new Set(uploadFiles(r3.uploads).map((f) => f[0])).size).toBe(UPS.length + 1);
  });

  it("are kept in localStorage and read back; anything else there reads as none", () => {
    const store = new Map<string, string>();
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    try {
      const ups = uploadsOf(UPS);
      saveUploads(ups);
      expect(loadUploads()).toEqual(ups);
      store.set("speedseq.uploads", "{not json");
      expect(loadUploads()).toEqual([]);
    } finally {
      delete g.localStorage;
    }
    expect(loadUploads()).toEqual([]);
  });
});

describe("the button path to a row of the workout list", () => {
  it("row 0 is the default path on both engines", () => {
    expect(workoutPath(0, 6, BOARD_MENU)).toEqual(DEFAULT_PATH);
    expect(workoutPath(0, 10, FIRMWARE_MENU)).toEqual(DEFAULT_PATH);
  });

  it("drags whole rows, never past the list's end, and taps inside the row", () => {
    const check = (geo: MenuGeometry, rows: number) => {
      for (let row = 0; row < rows; row++) {
        const steps = menuRowSteps(row, rows, geo);
        let shift = 0;
        for (const s of steps) if ("drag" in s) shift += s.drag[0][1] - s.drag[s.drag.length - 1][1];
        expect(shift % geo.rowH === 0 || shift === geo.top + rows * geo.rowH - geo.bottom).toBe(true);
        expect(shift).toBeLessThanOrEqual(Math.max(0, geo.top + rows * geo.rowH - geo.bottom));
        const tap = steps[steps.length - 1];
        if (!("tap" in tap)) throw new Error("no tap");
        const y = tap.tap[1];
        // the tapped point is in the row, and the row is whole on the screen
        expect(Math.floor((y - geo.top + shift) / geo.rowH)).toBe(row);
        expect(geo.top + row * geo.rowH - shift).toBeGreaterThanOrEqual(geo.top);
        expect(geo.top + (row + 1) * geo.rowH - shift).toBeLessThanOrEqual(geo.bottom);
      }
    };
    for (const rows of [6, 10, 30]) {
      check(BOARD_MENU, rows);
      check(FIRMWARE_MENU, rows);
    }
    expect(() => menuRowSteps(6, 6, BOARD_MENU)).toThrow();
  });

  it("starts every listed workout on the board, built-ins and uploads below the first screen alike", async () => {
    for (const ups of [[], uploadsOf(UPS)]) {
      for (const name of watchList(TEMPLATES, ups)) {
        const { row, rows } = listRow(TEMPLATES, ups, name);
        const { board, driver } = await startSession(createNodeRealm(), appJs(), rec(), { path: workoutPath(row, rows, BOARD_MENU) }, uploadFiles(ups));
        await driver.advanceTo(driver.pathEndMs + 1500);
        expect(headerPlan(sessionLog(board)?.text), `${name}, row ${row} of ${rows}`).toBe(name);
        board.assertNoErrors();
      }
    }
  }, 120_000);

  const present = !!firmwareDir();
  if (!present && !firmwareRequired()) console.log(MISSING);
  it.skipIf(!present && !firmwareRequired())("starts the workouts below the first screen on the real firmware (40 px rows: three on the screen)", async () => {
    if (!present) throw new Error(MISSING);
    const cases: [Upload[], string][] = [
      [[], "4x1km"],
      ...watchList(TEMPLATES, uploadsOf(UPS)).slice(3).map((n): [Upload[], string] => [uploadsOf(UPS), n]),
    ];
    for (const [ups, name] of cases) {
      const { row, rows } = listRow(TEMPLATES, ups, name);
      const w = await bootWatch({});
      const s = await startFwSession(w, [...uploadFiles(ups), ...(appFiles("apps/speedseq") as [string, string][])], rec(), { path: workoutPath(row, rows, FIRMWARE_MENU) });
      await s.driver.advanceTo(s.driver.pathEndMs + 1500);
      const log = newestLog(w);
      expect(headerPlan(log && w.readStorageFile(log)), `${name}, row ${row} of ${rows}`).toBe(name);
      w.assertNoErrors();
    }
  }, 400_000);
});

describe("buzz patterns by name", () => {
  /** a pattern's pulses from t0: the next starting on + off after (the watch, the board) or off after (the firmware build) */
  const pulses = (id: number, t0: number, firmware: boolean): Buzz[] => {
    const p = PATTERNS[id];
    const out: Buzz[] = [];
    let t = t0;
    for (let k = 0; k < p.length; k += 2) {
      out.push({ tMs: t, ms: p[k], strength: 1 });
      t += (firmware ? 0 : p[k]) + (p[k + 1] ?? 0) + 3;
    }
    return out;
  };

  it("every pattern is named from its pulses, with the watch's spacing and with the firmware build's", () => {
    for (const firmware of [false, true]) {
      const ids = PATTERNS.map((_p, i) => i);
      const bz = ids.flatMap((id, i) => pulses(id, i * 10_000, firmware));
      const got = buzzPatterns(bz);
      expect(got.map((p) => p.id)).toEqual(ids);
      expect(got.map((p) => p.name)).toEqual(ids.map((id) => PATTERN_NAMES[id]));
      expect(new Set(got.map((p) => p.name)).size).toBe(PATTERNS.length);
    }
  });

  it("a pulse of no pattern is shown as itself, and a pattern cut short is not taken for the whole", () => {
    const end = pulses(H_END, 0, false);
    const got = buzzPatterns([{ tMs: 0, ms: 333, strength: 1 }, ...end.slice(0, 2).map((b) => ({ ...b, tMs: b.tMs + 5000 }))]);
    expect(got[0]).toMatchObject({ id: -1, name: "333 ms pulse" });
    expect(got.some((p) => p.id === H_END)).toBe(false);
  });

  it("the default session's 86 pulses are its patterns: none unnamed, six rep starts, one session end last", async () => {
    const r = await runDefault();
    const got = buzzPatterns(r.buzzes);
    expect(got.every((p) => p.id >= 0)).toBe(true);
    expect(got.length).toBeLessThan(r.buzzes.length);
    expect(got.reduce((n, p) => n + p.pulses.length, 0)).toBe(r.buzzes.length);
    expect(got.filter((p) => p.id === H_REP)).toHaveLength(6);
    expect(got[got.length - 1].id).toBe(H_END);
    // and the timeline marks them by name
    const marks = timelineMarks(r.buzzes, decodeLog(r.log!.text, crc32).recs, 0).filter((m) => m.kind === "buzz");
    expect(marks.map((m) => m.label)).toEqual(got.map((p) => p.name));
  }, 60_000);
});

describe("the timeline", () => {
  it("ticks on whole minutes, labelled with the minute; pace ticks on whole seconds, labelled m:ss", () => {
    for (const inc of TIME_INCRS) {
      expect(inc % 60).toBe(0);
      for (let k = 0; k < 5; k++) expect(timeTick(k * inc)).toBe(String((k * inc) / 60));
    }
    for (const inc of PACE_INCRS) expect(Number.isInteger(inc * 60)).toBe(true);
    expect([3, 4.25, 4.5, 5.75, 10].map(paceTick)).toEqual(["3:00", "4:15", "4:30", "5:45", "10:00"]);
  });

  it("smooths the pace of a raw GPX track (speeds derived from positions) to a fifth of its point-to-point jitter or less", () => {
    // the Strava GPX export's rows, as the page reads them: no speed in the file, derived from the positions
    const rows: Row[] = fillMotion(parseRecording(readFileSync("tests/fixtures/runpandas_strava_export.csv", "utf8")));
    const moving = (v: number[]) => v.filter((_x, i) => rows[i].tS > 60 && rows[i].tS < rows[rows.length - 1].tS - 60);
    const raw = moving(rows.map((r) => r.mps)), smooth = moving(smoothSpeeds(rows));
    /** mean absolute change from one point to the next */
    const jitter = (v: number[]) => v.slice(1).reduce((s, x, i) => s + Math.abs(x - v[i]), 0) / (v.length - 1);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(jitter(smooth)).toBeLessThan(jitter(raw) / 5);
    expect(Math.abs(mean(smooth) - mean(raw)) / mean(raw)).toBeLessThan(0.05);
  });
});

describe("the log view", () => {
  const text = readFileSync("tests/fixtures/speedseq-classic5k.log", "utf8");

  it("decodes every line of a session log with the one decoder, keeping the raw line", () => {
    expect(isSessionLog(text)).toBe(true);
    expect(isSessionLog('{"v":1}')).toBe(false);
    const lines = describeLog(text, crc32);
    const raw = text.split("\n").filter((l) => l.trim() !== "");
    expect(lines.map((l) => l.raw)).toEqual(raw);
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines[0].text).toMatch(/^#1 header: Classic 5K, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, goal 5000m 25:00/);
    expect(lines.find((l) => l.raw.startsWith("S"))!.text).toMatch(/^#\w+ step 0 warmup: from 0:00 for 10:00, \d+ m at \d+:\d\d\/km, HR \d+ \(max \d+\), cadence \d+, ended by time/);
    expect(lines.some((l) => /^#\w+ track: \d+ points/.test(l.text))).toBe(true);
    expect(lines.some((l) => /^#\w+ effort \(RPE\) \d+ for/.test(l.text))).toBe(true);
    expect(lines.some((l) => /^#\w+ end: /.test(l.text))).toBe(true);
  });

  it("says why a damaged line is not a record", () => {
    const lines = describeLog(text.replace("Classic 5K", "Classic 6K"), crc32);
    expect(lines[0]).toMatchObject({ ok: false, text: "not a valid record: checksum mismatch" });
  });
});
