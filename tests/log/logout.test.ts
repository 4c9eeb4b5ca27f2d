// LogOut (what the session calls on the watch) and encode() (records given whole) share one
// layout per record kind: the lines LogOut writes are the lines encode() gives for the records
// it describes, numbered on with the track lines.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { encode } from "../../src/engine/log/encode";
import { decodeLog } from "../../src/engine/log/decode";
import type { LineRec } from "../../src/engine/log/records";
import { LogOut } from "../../src/engine/logout";
import type { Plan } from "../../src/engine/plan";
import { crc32 } from "../../src/sim/crc";
import { step, event, rpe, end } from "./arb";

function out(lastSeq: number) {
  const lines: string[] = [];
  return { lines, log: new LogOut({ write: (l) => lines.push(l), crc: crc32 }, lastSeq) };
}

describe("LogOut", () => {
  it("writes each record as encode() does", () => {
    fc.assert(
      fc.property(fc.oneof(step, event, rpe, end), fc.integer({ min: 0, max: 1e6 }), (r, lastSeq) => {
        const { lines, log } = out(lastSeq);
        let want: LineRec = r;
        if (r.k === "S") {
          const avgPaceSPerKm = r.distM >= 10 ? r.durMs / r.distM : 0;
          want = { ...r, avgPaceSPerKm };
          log.step(r.idx, r.kind, r.rep, r.startMs, r.durMs, r.distM, r.avgHr, r.maxHr, r.avgCad, r.why, r.flags, r.quality);
        } else if (r.k === "F") log.event(r.tMs, r.what, r.value as number);
        else if (r.k === "R") log.rpe(r.rpe, r.idx as number);
        else if (r.k === "E") log.end(r.durMs, r.distM, r.why);
        expect(lines).toEqual([encode(want, lastSeq + 1, crc32)]);
      }),
      { numRuns: 500 },
    );
  });

  it("writes the header with the plan's CRC, and a step's points before its summary", () => {
    const plan: Plan = { v: 1, name: "6x400, 200 jog", steps: [] };
    const { lines, log } = out(0);
    log.header(1_700_000_000_123, plan, "0.01", "5k 20:00");
    log.point(1000, 50, 8);
    log.point(6000, 50.0001, 8.0001);
    log.step(0, "work", 1, 0, 90000, 400, 170, 180, 182, "dist", 0, 0);
    log.point(96000, 50.0002, 8.0002);
    log.end(96000, 410, "ended");
    expect(lines[0]).toBe(encode({ k: "H", startMs: 1_700_000_000_123, plan: plan.name, planHash: crc32(JSON.stringify(plan)), version: "0.01", goal: "5k 20:00" }, 1, crc32));
    const d = decodeLog(lines.join(""), crc32);
    expect(d.errors).toEqual([]);
    expect(d.recs.map((r) => r.k)).toEqual(["H", "T", "S", "T", "E"]);
    expect(d.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(d.track.map((p) => p.tMs)).toEqual([1000, 6000, 96000]);
  });
});
