// The flash budget: a session-hour of log fits in 30 KB with a point every 5 s.
import { describe, it, expect } from "vitest";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { writeHour, HOUR_S, TRACK_EVERY_S, STEPS_PER_HOUR } from "./hour";

const BUDGET_BYTES = 30 * 1024;

describe("session-hour size (real recording)", () => {
  const hour = writeHour();

  it("writes a full hour that decodes back", () => {
    expect(hour.trackPoints).toBe(HOUR_S / TRACK_EVERY_S);
    expect(hour.steps).toBe(STEPS_PER_HOUR);
    const got = decodeLog(hour.text, crc32);
    expect(got.errors).toEqual([]);
    expect(got.track.length).toBe(hour.trackPoints);
    expect(got.recs.filter((r) => r.k !== "T").length).toBe(hour.recs.length);
  });

  it("costs at most 12 bytes per track point, line overhead included", () => {
    expect(hour.trackBytes / hour.trackPoints).toBeLessThanOrEqual(12);
  });

  it("fits one hour of track, ~40 step summaries and events in 30 KB", () => {
    expect(hour.text.length).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
