// What a reader can trust: CRC per line, torn last lines, resume after a seq, text-only output.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { encode, LogWriter } from "../../src/engine/log/encode";
import { decodeLine, decodeLog } from "../../src/engine/log/decode";
import type { LineRec } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";
import { lineRec, track, expectSameRec } from "./arb";
import { writeLog, nextLine } from "./lines";

const write = (recs: LineRec[], pts: { tS: number; lat: number; lon: number }[]) => writeLog(recs, pts, 5);
const log = fc.tuple(fc.array(lineRec, { minLength: 1, maxLength: 25 }), track).map(([recs, pts]) => ({ recs, text: write(recs, pts) }));

describe("CRC", () => {
  it("is the zlib CRC-32 that E.CRC32 computes", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
  });

  it("rejects any line with one character changed", () => {
    fc.assert(
      fc.property(lineRec, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (rec, at, ch) => {
        const line = encode(rec, 7, crc32);
        const i = at % (line.length - 1); // any character but the newline
        fc.pre(line.charCodeAt(i) !== ch);
        const bad = line.slice(0, i) + String.fromCharCode(ch) + line.slice(i + 1);
        expect(decodeLine(bad, crc32).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("computes the checksum through the port, over everything before '*'", () => {
    const seen: string[] = [];
    const line = encode({ k: "R", rpe: 3 }, 1, (s) => (seen.push(s), 0x1234abcd));
    expect(seen).toEqual(["R1,3,"]);
    expect(line).toBe("R1,3,*1234abcd\n");
  });

  it("gives the same line whether the port returns the CRC signed (as an int32) or unsigned", () => {
    fc.assert(
      fc.property(lineRec, (rec) => {
        const line = encode(rec, 3, (s) => crc32(s) | 0);
        expect(line).toBe(encode(rec, 3, crc32));
        expect(decodeLine(line, (s) => crc32(s) | 0).ok).toBe(true);
      }),
    );
  });
});

describe("text safety", () => {
  it("writes out-of-range and non-finite numbers as int32 base 36, never as float text", () => {
    const line = encode({ k: "F", tMs: NaN, what: "clockJump", value: 1e21 }, 1, crc32);
    expect(line.split("*")[0]).toBe("F1,0,b," + (2 ** 31 - 1).toString(36));
  });

  it("emits printable ASCII lines only, never 0xFF, one newline per record", () => {
    fc.assert(
      fc.property(log, ({ recs, text }) => {
        expect(text).toMatch(/^([\x20-\x7e]+\n)+$/);
        expect(text.includes("\xff")).toBe(false);
        expect(decodeLog(text, crc32).recs.filter((r) => r.k !== "T").length).toBe(recs.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("damaged logs", () => {
  it("tolerates a torn last line and returns everything before it", () => {
    fc.assert(
      fc.property(log, lineRec, fc.nat(), ({ text }, extra, cut) => {
        const whole = decodeLog(text, crc32);
        const tail = encode(extra, whole.lastSeq + 1, crc32);
        const torn = text + tail.slice(0, 1 + (cut % (tail.length - 2)));
        const got = decodeLog(torn, crc32);
        expect(got.torn).toBe(true);
        expect(got.errors).toEqual([]);
        expect(got.recs).toEqual(whole.recs);
        expect(got.lastSeq).toBe(whole.lastSeq);
        expect(whole.torn).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("reports a corrupt middle line by number and keeps the rest", () => {
    const w = new LogWriter(crc32, 0);
    const lines = [nextLine(w, { k: "F", tMs: 1, what: "pause" }), nextLine(w, { k: "F", tMs: 2, what: "resume" }), nextLine(w, { k: "R", rpe: 5 })];
    lines[1] = lines[1].replace("F2,", "F2,9");
    const got = decodeLog(lines.join(""), crc32);
    expect(got.errors).toEqual([{ line: 2, reason: "checksum mismatch" }]);
    expect(got.seqs).toEqual([1, 3]);
    expect(got.torn).toBe(false);
  });

  it("recovers a record glued to a torn line when the writer resumed without a newline", () => {
    const w = new LogWriter(crc32, 0);
    const a = nextLine(w, { k: "F", tMs: 1, what: "pause" });
    const b = nextLine(w, { k: "S", idx: 0, kind: "work", rep: 1, startMs: 0, durMs: 60000, distM: 300, avgPaceSPerKm: 200, avgHr: 160, maxHr: 170, avgCad: 180, why: "time", flags: 0, quality: 0 });
    const c = nextLine(w, { k: "E", durMs: 60000, distM: 300, why: "saved" });
    const got = decodeLog(a + b.slice(0, 20) + c, crc32);
    expect(got.seqs).toEqual([1, 3]);
    expect(got.errors.length).toBe(1);
    expect(got.errors[0].line).toBe(2);
    expect(got.errors[0].reason).toMatch(/recovered/);
  });

  it("reports missing and repeated seqs", () => {
    const r = (seq: number) => encode({ k: "R", rpe: 4 }, seq, crc32);
    const got = decodeLog(r(1) + r(2) + r(5) + r(5) + r(3) + r(6), crc32);
    expect(got.seqs).toEqual([1, 2, 5, 6]);
    expect(got.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(got.errors[0].reason).toBe("seq 3..4 missing");
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (s) => {
        const got = decodeLog(s, crc32);
        expect(got.recs).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("resume", () => {
  it("returns exactly the records after a given seq", () => {
    fc.assert(
      fc.property(log, fc.nat(), ({ text }, k) => {
        const all = decodeLog(text, crc32);
        const after = k % (all.lastSeq + 1);
        const got = decodeLog(text, crc32, after);
        const from = all.seqs.findIndex((s) => s > after);
        expect(got.seqs).toEqual(from < 0 ? [] : all.seqs.slice(from));
        expect(got.recs).toEqual(from < 0 ? [] : all.recs.slice(from));
        expect(got.lastSeq).toBe(all.lastSeq);
        expect(got.track).toEqual(got.recs.flatMap((r) => (r.k === "T" ? r.pts : [])));
      }),
      { numRuns: 200 },
    );
  });

  it("continues a log after a crash: newline, then a writer from lastSeq", () => {
    const w = new LogWriter(crc32, 0);
    const rec: LineRec = { k: "F", tMs: 10, what: "gpsLost" };
    let text = nextLine(w, { k: "H", startMs: 1_700_000_000_000, plan: "6x400", planHash: 99, version: "0.01" }) + nextLine(w, rec);
    text += "F3,a,"; // torn
    const seen = decodeLog(text, crc32);
    expect(seen.torn).toBe(true);
    const w2 = new LogWriter(crc32, seen.lastSeq);
    text += "\n" + nextLine(w2, { k: "E", durMs: 10, distM: 0, why: "saved" });
    const got = decodeLog(text, crc32, 2);
    expect(got.torn).toBe(false);
    expect(got.errors).toEqual([{ line: 3, reason: "no checksum" }]);
    expect(got.seqs).toEqual([3]);
    expectSameRec(got.recs[0], { k: "E", durMs: 10, distM: 0, why: "saved" });
  });
});
