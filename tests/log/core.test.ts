// The decoder's core, what the watch bundles: a line verifies by its CRC alone, and its raw fields
// sit at the positions records.ts names, the same ones the full decoder reads.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { encode, esc, LogWriter } from "../../src/engine/log/encode";
import { verify, num, unesc, decodeLine } from "../../src/engine/log/decode";
import { S_IDX, S_DUR_MS, S_FIELDS, R_RPE, R_IDX, H_PLAN, T_DELTAS } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";
import { lineRec } from "./arb";

describe("verify", () => {
  it("gives the raw fields of a good line, with or without its newline", () => {
    const line = encode({ k: "S", idx: 3, kind: "work", rep: 2, startMs: 0, durMs: 61000, distM: 400, avgPaceSPerKm: 152.5, avgHr: 170, maxHr: 181, avgCad: 184, why: "dist", flags: 0, quality: 0 }, 40, crc32);
    for (const l of [line, line.slice(0, -1)]) {
      const f = verify(l, crc32)!;
      expect(f.length).toBe(S_FIELDS);
      expect(f[0]).toBe("S" + (40).toString(36));
      expect(num(f[S_IDX])).toBe(3);
      expect(num(f[S_DUR_MS])).toBe(61000);
    }
    const r = verify(encode({ k: "R", rpe: 7, idx: -1 }, 1, crc32), crc32)!;
    expect([r[R_RPE], r[R_IDX]]).toEqual(["7", "-1"]);
    expect(num(r[R_IDX])).toBe(-1);
  });

  it("rejects every torn line: each cut short of the newline", () => {
    fc.assert(
      fc.property(lineRec, (rec) => {
        const line = encode(rec, 5, crc32);
        for (let n = 0; n < line.length - 1; n++) expect(verify(line.slice(0, n), crc32)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("rejects any line with one character changed, as the full decoder does", () => {
    fc.assert(
      fc.property(lineRec, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (rec, at, ch) => {
        const line = encode(rec, 7, crc32);
        const i = at % (line.length - 1);
        fc.pre(line.charCodeAt(i) !== ch);
        const bad = line.slice(0, i) + String.fromCharCode(ch) + line.slice(i + 1);
        expect(verify(bad, crc32)).toBeNull();
        expect(decodeLine(bad, crc32).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects a torn line glued to the next one, and junk after the checksum", () => {
    const w = new LogWriter(crc32, 0, 2);
    w.add(0, 50, 8);
    const t = w.add(5, 50.0001, 8.0001)!;
    const r = encode({ k: "R", rpe: 4 }, 2, crc32);
    expect(verify(t.slice(0, 9) + r, crc32)).toBeNull();
    expect(verify(r.slice(0, -1) + "0\n", crc32)).toBeNull();
    expect(verify(r.slice(0, -1) + " \n", crc32)).toBeNull();
    expect(verify(t, crc32)![T_DELTAS]).not.toBe("");
  });

  it("accepts exactly the lines the full decoder accepts, and gives the seq it gives", () => {
    fc.assert(
      fc.property(lineRec, fc.integer({ min: 1, max: 1e6 }), fc.nat(), fc.nat(), (rec, seq, cut, junk) => {
        const line = encode(rec, seq, crc32);
        for (const l of [line, line.slice(0, cut % line.length), line.slice(0, -2) + String.fromCharCode(0x20 + (junk % 95)) + "\n"]) {
          const d = decodeLine(l, crc32);
          const f = verify(l, crc32);
          expect(f !== null).toBe(d.ok);
          if (f && d.ok) expect(num(f[0].substr(1))).toBe(d.seq);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("unesc", () => {
  it("reverses esc for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string()), (s) => {
        expect(unesc(esc(s))).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads a plan name with commas and escapes back from its header line", () => {
    const plan = "4x1000m, 60s *fast* 100% ñ 🏃";
    const f = verify(encode({ k: "H", startMs: 1, plan, planHash: 0, version: "0.01" }, 1, crc32), crc32)!;
    expect(f[H_PLAN]).not.toContain(",");
    expect(unesc(f[H_PLAN])).toBe(plan);
  });
});
