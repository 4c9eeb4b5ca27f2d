// The Recorder-format copy of a session's track (src/engine/log/recorder.ts), line by line as the
// watch makes it, against the full decoder's reading of the same log.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { recorderRows, recorderName, RECORDER_HEADER, RECORDER_STEP_GAP_S } from "../../src/engine/log/recorder";
import { decodeLog } from "../../src/engine/log/decode";
import { LogWriter } from "../../src/engine/log/encode";
import { crc32 } from "../../src/sim/crc";
import type { HeaderRec } from "../../src/engine/log/records";
import { nextLine } from "./lines";

/** the copy of a whole log text, a line at a time */
function copy(text: string): string {
  const st = { offS: 0, lastS: -1 };
  let out = RECORDER_HEADER;
  for (const l of text.split("\n")) out += recorderRows(l + "\n", crc32, st);
  return out;
}

const rowsOf = (csv: string) => csv.trim().split("\n").slice(1).map((r) => r.split(","));

describe("the Recorder copy of a log", () => {
  for (const file of ["tests/fixtures/speedseq-classic5k-hr.log", "tests/fixtures/speedseq-classic5k.log"]) {
    it(`has a row per track point at its wall second, position, HR and steps (${file})`, () => {
      const text = readFileSync(file, "utf8");
      const d = decodeLog(text, crc32);
      const head = d.recs.find((r): r is HeaderRec => r.k === "H")!;
      const csv = copy(text);
      expect(csv.split("\n")[0]).toBe("Time,Latitude,Longitude,Altitude,Heartrate,Steps");
      const rows = rowsOf(csv);
      expect(rows).toHaveLength(d.track.length);
      d.track.forEach((p, i) => {
        const r = rows[i];
        expect(r).toHaveLength(6);
        expect(Number(r[0])).toBe(Math.floor(head.startMs / 1000) + p.tMs / 1000);
        expect(Number(r[1])).toBeCloseTo(p.lat, 9);
        expect(Number(r[2])).toBeCloseTo(p.lon, 9);
        // 5 decimals: the log's resolution, exactly
        expect(r[1]).toMatch(/^-?\d+\.\d{5}$/);
        expect(r[3]).toBe("");
        if (p.bpm === undefined) {
          // an older log: neither HR nor steps
          expect([r[4], r[5]]).toEqual(["", ""]);
          return;
        }
        expect(r[4]).toBe(p.bpm > 0 ? String(p.bpm) : "");
        const dt = i ? Math.min(RECORDER_STEP_GAP_S, (p.tMs - d.track[i - 1].tMs) / 1000) : 0;
        expect(Number(r[5])).toBe(Math.round((p.spm! * dt) / 60));
      });
    });
  }

  it("counts about the session's steps in a rep (cadence × time)", () => {
    const text = readFileSync("tests/fixtures/speedseq-classic5k-hr.log", "utf8");
    const d = decodeLog(text, crc32);
    const rows = rowsOf(copy(text));
    const rep = d.recs.find((r) => r.k === "S" && r.kind === "work" && r.rep === 2);
    if (!rep || rep.k !== "S") throw new Error("no rep 2");
    const steps = d.track.reduce((a, p, i) => a + (p.tMs > rep.startMs && p.tMs <= rep.startMs + rep.durMs ? Number(rows[i][5]) : 0), 0);
    const expected = (rep.avgCad * rep.durMs) / 60000;
    expect(Math.abs(steps - expected) / expected).toBeLessThan(0.1);
  });

  it("skips lines that fail their CRC, and continues a session resumed after a crash after its last row", () => {
    const w = new LogWriter(crc32, 0, 2);
    let text = nextLine(w, { k: "H", startMs: 1_700_000_000_500, plan: "p", planHash: 1, version: "v" });
    text += w.add(0, 50, 8, 120, 170) ?? "";
    text += w.add(5, 50.0001, 8.0001, 125, 172) ?? "";
    // the watch restarts: a torn line, then the resume at session time 0
    text += "T9,zz" + "\n";
    text += nextLine(w, { k: "F", tMs: 0, what: "resume", value: 3 });
    text += w.add(0, 50.0002, 8.0002, 130, 0) ?? "";
    text += w.flush() ?? "";
    expect(copy(text)).toBe(
      RECORDER_HEADER +
        "1700000000,50.00000,8.00000,,120,0\n" +
        "1700000005,50.00010,8.00010,,125,14\n" +
        // placed at the last row's second, no time passed, no steps
        "1700000005,50.00020,8.00020,,130,0\n",
    );
  });

  it("writes southern and western positions with their sign", () => {
    const w = new LogWriter(crc32, 0, 1);
    const text = nextLine(w, { k: "H", startMs: 0, plan: "p", planHash: 1, version: "v" }) + w.add(1, -33.86785, -0.00042, 0, 0);
    expect(copy(text)).toBe(RECORDER_HEADER + "1,-33.86785,-0.00042,,,0\n");
  });
});

describe("the copy's name", () => {
  const may1 = Date.UTC(2024, 4, 1, 23, 30);
  it("is the UTC day and the letter after that day's last Recorder file", () => {
    expect(recorderName(may1, [])).toBe("recorder.log20240501a.csv");
    expect(recorderName(may1, ["recorder.log20240501a.csv", "recorder.log20240501c.csv", "recorder.log20240430z.csv", "speedseq.log0"])).toBe("recorder.log20240501d.csv");
    // 25 characters: a StorageFile name keeps 27
    expect(recorderName(may1, [])!.length).toBe(25);
  });
  it("is null when the day's letters are used up", () => {
    expect(recorderName(may1, ["recorder.log20240501z.csv"])).toBeNull();
  });
});
