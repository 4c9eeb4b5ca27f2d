// The session's log (a LogWriter with the storage port as its sink) and encode() share one layout
// per record kind: what the writer writes is what it returns, the line encode() gives for the
// record, numbered on with the track lines; and a session writes its header with the plan's CRC
// and a step's points before its summary.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { encode, LogWriter } from "../../src/engine/log/encode";
import { decodeLog } from "../../src/engine/log/decode";
import { Session } from "../../src/engine/session";
import type { Plan } from "../../src/engine/plan";
import { crc32 } from "../../src/sim/crc";
import { step, event, rpe, end } from "./arb";

function out(lastSeq: number) {
  const lines: string[] = [];
  return { lines, log: new LogWriter(crc32, lastSeq, 0, { write: (l) => lines.push(l) }) };
}

describe("LogWriter with a sink", () => {
  it("writes each record as encode() gives it, and returns the line it wrote", () => {
    fc.assert(
      fc.property(fc.oneof(step, event, rpe, end), fc.integer({ min: 0, max: 1e6 }), (r, lastSeq) => {
        const { lines, log } = out(lastSeq);
        const got = log.rec(r);
        expect(lines).toEqual([encode(r, lastSeq + 1, crc32)]);
        expect(got).toBe(lines[0]);
      }),
      { numRuns: 500 },
    );
  });

  it("writes a track line when it is full and when it is flushed", () => {
    const { lines, log } = out(0);
    for (let i = 0; i < 13; i++) log.add(i * 5, 50 + i * 1e-4, 8);
    expect(lines.length).toBe(1);
    expect(log.flush()).toBe(lines[1]);
    expect(log.flush()).toBeNull();
    expect(decodeLog(lines.join(""), crc32).track.length).toBe(13);
  });
});

describe("the session's log", () => {
  it("starts with the header (the plan's CRC), and writes a step's points before its summary", () => {
    const plan: Plan = { v: 1, name: "6x400, 200 jog", steps: [{ kind: "work", end: { dist: 400 } }, { kind: "cooldown", end: { lap: 1 } }] };
    const lines: string[] = [];
    const s = new Session(plan, { buzz() {}, write: (l) => lines.push(l), crc: crc32 }, 1_700_000_000_123, "0.01", "5k 20:00", 0, 0);
    const fix = (lat: number) => ({ lat, lon: 8, speed: 14.4, fix: 1, hdop: 1 });
    for (let i = 0; i <= 120; i++) {
      s.tick(1_700_000_000_123 + i * 1000);
      s.gpsFix(1_700_000_000_123 + i * 1000 + 500, fix(50 + i * 4e-5));
    }
    s.command(1_700_000_121_123, "lap");
    expect(lines[0]).toBe(encode({ k: "H", startMs: 1_700_000_000_123, plan: plan.name, planHash: crc32(JSON.stringify(plan)), version: "0.01", goal: "5k 20:00" }, 1, crc32));
    const d = decodeLog(lines.join(""), crc32);
    expect(d.errors).toEqual([]);
    const kinds = d.recs.map((r) => r.k).join("");
    // the rep's points, its summary; the lap; the cool-down's points, its summary; the end
    expect(kinds).toMatch(/^HT+SFT+SE$/);
    expect(d.seqs).toEqual(d.seqs.map((_, i) => i + 1));
  });
});
