// Every record kind survives encode -> decodeLine up to its documented resolution.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { encode, LogWriter, hex8 } from "../../src/engine/log/encode";
import { decodeLine, decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { header, step, event, rpe, end, track, expectSameRec } from "./arb";
import { nextLine, FIXED_LOG } from "./lines";

describe("record round trip", () => {
  for (const [name, arb] of [["H", header], ["S", step], ["F", event], ["R", rpe], ["E", end]] as const) {
    it(`${name} records`, () => {
      fc.assert(
        fc.property(arb, fc.integer({ min: 1, max: 2_000_000_000 }), (rec, seq) => {
          const r = decodeLine(encode(rec, seq, crc32), crc32);
          if (!r.ok) throw new Error(r.error);
          expect(r.seq).toBe(seq);
          expectSameRec(r.rec, rec);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("keeps absent optional fields absent and -1 as -1", () => {
    const back = (line: string) => {
      const r = decodeLine(line, crc32);
      if (!r.ok) throw new Error(r.error);
      return r.rec;
    };
    expect(back(encode({ k: "R", rpe: 7 }, 1, crc32))).toEqual({ k: "R", rpe: 7 });
    expect(back(encode({ k: "R", rpe: 7, idx: -1 }, 1, crc32))).toEqual({ k: "R", rpe: 7, idx: -1 });
    expect(back(encode({ k: "F", tMs: 5, what: "lap" }, 1, crc32))).toEqual({ k: "F", tMs: 5, what: "lap" });
    expect(back(encode({ k: "H", startMs: 1, plan: "p", planHash: 2, version: "v" }, 1, crc32))).toEqual({ k: "H", startMs: 1, plan: "p", planHash: 2, version: "v" });
  });

  it("stores planHash as its unsigned 32-bit value", () => {
    const r = decodeLine(encode({ k: "H", startMs: 0, plan: "", planHash: -1, version: "" }, 1, crc32), crc32);
    expect(r.ok && r.rec.k === "H" && r.rec.planHash).toBe(0xffffffff);
  });
});

describe("track round trip", () => {
  it("LogWriter points come back to the nearest second and 1e-5 degree, in order", () => {
    fc.assert(
      fc.property(track, fc.integer({ min: 1, max: 30 }), (pts, per) => {
        const w = new LogWriter(crc32, 0, per);
        let text = "";
        for (const p of pts) text += w.add(p.tS, p.lat, p.lon, p.bpm, p.spm) ?? "";
        text += w.flush() ?? "";
        const log = decodeLog(text, crc32);
        expect(log.errors).toEqual([]);
        expect(log.track.length).toBe(pts.length);
        expect(log.recs.length).toBe(Math.ceil(pts.length / per));
        log.track.forEach((q, i) => {
          expect(q.tMs).toBe(Math.round(pts[i].tS) * 1000);
          expect(Math.abs(q.lat - pts[i].lat)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
          expect(Math.abs(q.lon - pts[i].lon)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
          // whole bpm and steps/min; none (0, NaN, absent) comes back as 0
          expect(q.bpm).toBe(pts[i].bpm! > 0 ? Math.round(pts[i].bpm!) : 0);
          expect(q.spm).toBe(pts[i].spm! > 0 ? Math.round(pts[i].spm!) : 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("reads an older log's track lines (no HR or cadence) beside current ones, and refuses a line with the wrong count", () => {
    const older = FIXED_LOG[2];
    const w = new LogWriter(crc32, 3);
    w.add(11, 59.6129, 16.543, 150, 176);
    const current = w.flush()!;
    const d = decodeLog(FIXED_LOG.slice(0, 3).join("") + current, crc32);
    expect(d.errors).toEqual([]);
    expect(d.track).toEqual([
      { tMs: 1000, lat: 59.61234, lon: 16.54321 },
      { tMs: 6000, lat: 59.61287, lon: 16.54299 },
      { tMs: 11000, lat: 59.6129, lon: 16.543, bpm: 150, spm: 176 },
    ]);
    // six fields is neither layout
    const six = older.slice(0, older.indexOf("*")).replace(",7}2X", ",0,7}2X");
    const r = decodeLine(six + "*" + hex8(crc32(six)), crc32);
    expect(r.ok).toBe(false);
  });

  it("ignores points without a fix and has nothing to flush when empty", () => {
    const w = new LogWriter(crc32, 0, 3);
    expect(w.add(1, NaN, NaN)).toBeNull();
    // a broken time is dropped too (packing its delta would never end)
    expect(w.add(NaN, 50, 8)).toBeNull();
    expect(w.add(Infinity, 50, 8)).toBeNull();
    expect(w.flush()).toBeNull();
    expect(w.seq).toBe(0);
    expect(w.add(1, 50, 8)).toBeNull();
    expect(w.add(6, 50.0001, 8.0001)).toBeNull();
    const line = w.add(11, 50.0002, 8.0002);
    expect(line).not.toBeNull();
    const r = decodeLine(line!, crc32);
    expect(r.ok && r.rec.k === "T" && r.rec.pts.map((p) => p.tMs)).toEqual([1000, 6000, 11000]);
    expect(w.seq).toBe(1);
  });

  it("numbers track lines and records from one counter", () => {
    const w = new LogWriter(crc32, 41, 2);
    const text = nextLine(w, { k: "F", tMs: 0, what: "resume" }) + (w.add(0, 1, 1) ?? "") + (w.add(5, 1, 1) ?? "") + nextLine(w, { k: "E", durMs: 5000, distM: 0, why: "saved" });
    expect(decodeLog(text, crc32).seqs).toEqual([42, 43, 44]);
  });
});
