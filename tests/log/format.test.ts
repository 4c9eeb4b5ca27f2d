// The line format is fixed: field order and codes of LOG_FORMAT 1, pinned by literal lines.
// (The round trips pass for any order that encoder and decoder agree on; these do not.)
import { describe, it, expect } from "vitest";
import { decodeLog } from "../../src/engine/log/decode";
import { LogOut } from "../../src/engine/logout";
import { crc32 } from "../../src/sim/crc";
import { FIXED_LOG } from "./lines";

describe("LOG_FORMAT 1", () => {
  it("decodes the fixed lines to their records", () => {
    const d = decodeLog(FIXED_LOG.join(""), crc32);
    expect(d.errors).toEqual([]);
    expect(d.recs).toEqual([
      { k: "H", startMs: 1_700_000_000_123, plan: "6x400, 200 jog", planHash: 0xe468c65b, version: "0.01", goal: "5k 20:00" },
      { k: "F", tMs: 7500, what: "paceFast", value: 251.5 },
      { k: "T", pts: [{ tMs: 1000, lat: 59.61234, lon: 16.54321 }, { tMs: 6000, lat: 59.61287, lon: 16.54299 }] },
      { k: "S", idx: 0, kind: "work", rep: 1, startMs: 0, durMs: 90000, distM: 400, avgPaceSPerKm: 225, avgHr: 171, maxHr: 180, avgCad: 182, why: "dist", flags: 1, quality: 2 },
      { k: "R", rpe: 7, idx: 0 },
      { k: "E", durMs: 96000, distM: 410.3, why: "ended" },
    ]);
  });

  it("writes the same lines from the same session", () => {
    const lines: string[] = [];
    const log = new LogOut({ write: (l) => lines.push(l), crc: crc32 }, 0);
    log.header(1_700_000_000_123, { v: 1, name: "6x400, 200 jog", steps: [] }, "0.01", "5k 20:00");
    log.point(1000, 59.61234, 16.54321);
    log.point(6000, 59.61287, 16.54299);
    log.event(7500, "paceFast", 251.5);
    log.step(0, "work", 1, 0, 90000, 400, 171, 180, 182, "dist", 1, 2);
    log.rpe(7, 0);
    log.end(96000, 410.3, "ended");
    expect(lines).toEqual(FIXED_LOG);
  });
});
