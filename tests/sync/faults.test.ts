// The sync protocol against the real firmware under injected faults, over many seeded runs
// (tests/sync/fuzz.ts: what is injected and what is checked after every run). SYNC_RUNS sets
// the count (default 1000), SYNC_SEED the first seed. Prints the counts.
import { expect, it } from "vitest";
import { describeFw } from "../firmware/fw";
import { runFaults } from "./fuzz";

const RUNS = Number(process.env.SYNC_RUNS || 1000);
const SEED = Number(process.env.SYNC_SEED || 1);

describeFw("sync under faults on the firmware", () => {
  it(`${RUNS} seeded runs: no record lost or duplicated, every corruption detected`, async () => {
    const { tot, problems, baseMem, endMem, summary } = await runFaults(RUNS, SEED);
    console.log(summary);
    expect(problems).toEqual([]);
    expect(tot.runs).toBe(RUNS);
    expect(tot.lost).toBe(0);
    expect(tot.duplicated).toBe(0);
    expect(tot.undetected).toBe(0);
    // most files get through despite their faults
    expect(tot.saved).toBeGreaterThan(tot.files * 0.8);
    // nothing of the sync stays in the watch's RAM (clean runs are checked one by one in problems;
    // what the firmware kept after garbled snippets threw is counted apart)
    expect(endMem).toBeLessThanOrEqual(baseMem + 40 + tot.leaked);
  }, 30 * 60_000);
});
