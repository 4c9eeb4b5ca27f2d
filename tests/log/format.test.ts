// The line format is fixed: field order and codes of LOG_FORMAT 1, pinned by literal lines.
// (The round trips pass for any order that encoder and decoder agree on; these do not.) And the
// encoder writes each field where the positions in records.ts, which the decoders read, say.
import { describe, it, expect } from "vitest";
import { decodeLog, verify, num } from "../../src/engine/log/decode";
import { fields, LogWriter, hex8, esc } from "../../src/engine/log/encode";
import * as at from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";
import { FIXED_LOG, FIXED_LOG_HR } from "./lines";

describe("LOG_FORMAT 1", () => {
  it("decodes the fixed lines of an older log (track without HR and cadence) to their records", () => {
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

  it("decodes the current track line with each point's HR and cadence", () => {
    const d = decodeLog(FIXED_LOG_HR.join(""), crc32);
    expect(d.errors).toEqual([]);
    expect(d.recs[2]).toEqual({ k: "T", pts: [{ tMs: 1000, lat: 59.61234, lon: 16.54321, bpm: 171, spm: 180 }, { tMs: 6000, lat: 59.61287, lon: 16.54299, bpm: 173, spm: 182 }] });
    // every other line is the older log's, byte for byte
    expect(FIXED_LOG_HR.filter((l, i) => l !== FIXED_LOG[i]).length).toBe(1);
  });

  it("writes the same lines from the same session", () => {
    const lines: string[] = [];
    const log = new LogWriter(crc32, 0, 0, { write: (l) => lines.push(l) });
    const plan = { v: 1, name: "6x400, 200 jog", steps: [] };
    log.rec({ k: "H", startMs: 1_700_000_000_123, plan: plan.name, planHash: crc32(JSON.stringify(plan)), version: "0.01", goal: "5k 20:00" });
    log.add(1, 59.61234, 16.54321, 171, 180.4);
    log.add(6, 59.61287, 16.54299, 172.6, 182);
    log.rec({ k: "F", tMs: 7500, what: "paceFast", value: 251.5 });
    log.flush();
    log.rec({ k: "S", idx: 0, kind: "work", rep: 1, startMs: 0, durMs: 90000, distM: 400, avgPaceSPerKm: 90000 / 400, avgHr: 171, maxHr: 180, avgCad: 182, why: "dist", flags: 1, quality: 2 });
    log.rec({ k: "R", rpe: 7, idx: 0 });
    log.rec({ k: "E", durMs: 96000, distM: 410.3, why: "ended" });
    expect(lines).toEqual(FIXED_LOG_HR);
  });
});

/** The fields a record should give: the kind letter, then each value at its named position. */
function placed(k: string, count: number, vals: [number, string | number][]): (string | number)[] {
  const f: (string | number | undefined)[] = new Array(count).fill(undefined);
  f[0] = k;
  for (const [i, v] of vals) {
    expect(f[i]).toBeUndefined();
    f[i] = v;
  }
  return f as (string | number)[];
}

describe("field positions", () => {
  it("are where fields() puts each value", () => {
    expect(fields({ k: "H", startMs: 1_700_000_000_123, plan: "p,1", planHash: -2, version: "v", goal: "g" })).toEqual(
      placed("H", at.H_FIELDS, [[at.H_FORMAT, at.LOG_FORMAT], [at.H_START_S, 1_700_000_000], [at.H_START_MS_REST, 123], [at.H_PLAN_HASH, hex8(-2)], [at.H_PLAN, esc("p,1")], [at.H_VERSION, "v"], [at.H_GOAL, "g"]]),
    );
    expect(fields({ k: "S", idx: 101, kind: "rest", rep: 103, startMs: 104, durMs: 105, distM: 10.6, avgPaceSPerKm: 10.7, avgHr: 108, maxHr: 109, avgCad: 110, why: "end", flags: 112, quality: 113 })).toEqual(
      placed("S", at.S_FIELDS, [[at.S_IDX, 101], [at.S_KIND, at.STEP_KINDS.indexOf("rest")], [at.S_REP, 103], [at.S_START_MS, 104], [at.S_DUR_MS, 105], [at.S_DIST_DM, 106], [at.S_PACE_DS_PER_KM, 107],
        [at.S_AVG_HR, 108], [at.S_MAX_HR, 109], [at.S_AVG_CAD, 110], [at.S_WHY, at.STEP_WHYS.indexOf("end")], [at.S_FLAGS, 112], [at.S_QUALITY, 113]]),
    );
    expect(fields({ k: "F", tMs: 201, what: "clockJump", value: 20.2 })).toEqual(placed("F", at.F_FIELDS, [[at.F_TIME_MS, 201], [at.F_WHAT, at.EVENT_WHATS.indexOf("clockJump")], [at.F_VALUE_TENTHS, 202]]));
    expect(fields({ k: "R", rpe: 7, idx: 301 })).toEqual(placed("R", at.R_FIELDS, [[at.R_RPE, 7], [at.R_IDX, 301]]));
    expect(fields({ k: "E", durMs: 401, distM: 40.2, why: "saved" })).toEqual(placed("E", at.E_FIELDS, [[at.E_DUR_MS, 401], [at.E_DIST_DM, 402], [at.E_WHY, at.END_WHYS.indexOf("saved")]]));
  });

  it("are where the writer puts a track line's first point and deltas", () => {
    const w = new LogWriter(crc32, 0, 2);
    w.add(501, 50.00502, 8.00503);
    const f = verify(w.add(506, 50.00602, 8.00703)!, crc32)!;
    expect(f.length).toBe(at.T_FIELDS);
    expect([num(f[at.T_TIME_S]), num(f[at.T_LAT_E5]), num(f[at.T_LON_E5]), num(f[at.T_BPM]), num(f[at.T_SPM])]).toEqual([501, 5000502, 800503, 0, 0]);
    expect(f[at.T_DELTAS]).toMatch(/^[\x2d-\x7e]+$/);
  });
});
