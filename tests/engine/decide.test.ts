// The watch shell's decisions, as pure functions (src/engine/decide.ts): what the app shows at
// launch, the log numbers, the pre-start flash and battery checks, the training load and the
// history the RPE screen writes, the list's order.
import { describe, it, expect } from "vitest";
import {
  atLaunch, AT_LIST, AT_RECOVER, AT_SUMMARY, logNumbers, newestLog, preflight, LOG_BYTES_PER_H, SF_CHUNK, GPS_HOURS,
  trainingLoad, histEntry, addToHistory, HIST_MAX, lastUsedFirst, type HistEntry,
  memCheck, SESSION_VARS, MEM_HEADROOM_VARS,
  hardHoursAgo, HARD_RPE, HARD_LOAD, HARD_REPS, HARD_WARN_H,
} from "../../src/engine/decide";

const entry = (n: number, plan = "Classic 5K"): HistEntry => [1_700_000_000 + n, 2700, 270, 6, 0, plan, n];

describe("the screen at launch", () => {
  it("is the list without a log", () => {
    expect(atLaunch(null, [])).toBe(AT_LIST);
  });
  it("offers a resume for an unfinished log that holds records", () => {
    expect(atLaunch({ n: 3, ended: false, lastSeq: 12 }, [])).toBe(AT_RECOVER);
  });
  it("is the list for an unfinished log with nothing in it", () => {
    expect(atLaunch({ n: 3, ended: false, lastSeq: 0 }, [])).toBe(AT_LIST);
  });
  it("is the summary of an ended session whose effort was not saved, else the list", () => {
    expect(atLaunch({ n: 3, ended: true, lastSeq: 40 }, [entry(2)])).toBe(AT_SUMMARY);
    expect(atLaunch({ n: 3, ended: true, lastSeq: 40 }, [entry(3), entry(2)])).toBe(AT_LIST);
  });
});

describe("log numbers", () => {
  it("are read from the names, ascending, each once, other names ignored", () => {
    expect(logNumbers(["speedseq.log10", "speedseq.log2", "speedseq.log2", "speedseq.logx", "other.log3"], "speedseq.log")).toEqual([2, 10]);
    expect(newestLog([2, 10])).toBe(10);
    expect(newestLog([])).toBe(-1);
  });
});

describe("pre-start checks", () => {
  it("need the log's budget for the planned time plus one StorageFile chunk", () => {
    const p = preflight(3600, 100_000, 100);
    expect(p.needB).toBe(LOG_BYTES_PER_H + SF_CHUNK);
    expect(p.flashShort).toBe(false);
    expect(preflight(3600, LOG_BYTES_PER_H + SF_CHUNK - 1, 100).flashShort).toBe(true);
  });
  it("flag a battery that would not last the plan with GPS on", () => {
    const s = GPS_HOURS * 3600;
    expect(preflight(s / 2, 1e6, 50).batShort).toBe(false);
    expect(preflight(s / 2, 1e6, 49).batShort).toBe(true);
    expect(preflight(0, 1e6, 0).batShort).toBe(false);
  });
});

describe("the history", () => {
  it("keeps the session's training load: RPE times minutes", () => {
    expect(trainingLoad(6, 45 * 60_000)).toBe(270);
    expect(trainingLoad(7, 30_500)).toBe(4);
    expect(histEntry(1_700_000_000_400, 2_700_400, 7, "Ladder", 4, 5)).toEqual([1_700_000_000, 2700, 315, 7, 1, "Ladder", 4]);
    expect(histEntry(0, 60_000, 6, "x", 0, 0)[4]).toBe(0);
  });
  it("marks a session hard by its RPE, its load or its reps (a hard workout), else easy", () => {
    const min = 60_000;
    expect(histEntry(0, 40 * min, HARD_RPE, "x", 0, 0)[4]).toBe(1);
    expect(histEntry(0, 40 * min, HARD_RPE - 1, "x", 0, 1)[4]).toBe(0);
    // 75 min at RPE 6 is a load of 450: a long run
    expect(histEntry(0, 75 * min, 6, "x", 0, 0)[4]).toBe(1);
    expect(histEntry(0, 74 * min, 6, "x", 0, 0)[4]).toBe(0);
    expect(histEntry(0, 30 * min, 4, "x", 0, HARD_REPS)[4]).toBe(1);
  });
});

describe("the pre-start warning: a hard session in the last 36 h", () => {
  const H = 3600_000;
  const now = Date.UTC(2026, 11, 2, 18, 0, 0);
  /** a 45-min session that ended hAgo hours before now: [startS, durS, load, rpe, hard, plan, n] */
  const ended = (hAgo: number, load: number, rpe: number, hard: number): HistEntry => [(now - hAgo * H) / 1000 - 2700, 2700, load, rpe, hard, "x", 0];
  it("gives the whole hours since the newest hard session's end, within 36 h", () => {
    expect(hardHoursAgo([ended(20.7, 315, 7, 1)], now)).toBe(20);
    expect(hardHoursAgo([ended(2, 90, 3, 0), ended(30, 315, 7, 1), ended(10, 200, 5, 1)], now)).toBe(10);
    expect(hardHoursAgo([ended(HARD_WARN_H, 315, 7, 1)], now)).toBe(36);
    expect(hardHoursAgo([ended(HARD_WARN_H + 0.01, 315, 7, 1)], now)).toBe(-1);
  });
  it("counts hard by the entry's mark, or its RPE or load (entries saved before the load and reps rules)", () => {
    expect(hardHoursAgo([ended(5, 300, 6, 1)], now)).toBe(5);
    expect(hardHoursAgo([ended(5, 315, HARD_RPE, 0)], now)).toBe(5);
    expect(hardHoursAgo([ended(5, HARD_LOAD, 6, 0)], now)).toBe(5);
    expect(hardHoursAgo([ended(5, HARD_LOAD - 1, HARD_RPE - 1, 0)], now)).toBe(-1);
  });
  it("says nothing without a history, or for a session that ends after now (a clock set back)", () => {
    expect(hardHoursAgo([], now)).toBe(-1);
    expect(hardHoursAgo([ended(-1, 315, 8, 1)], now)).toBe(-1);
  });
  it("agrees with the entries the summary writes", () => {
    const e = histEntry(now - 30 * H - 50 * 60_000, 50 * 60_000, 5, "Classic 5K", 3, 6);
    expect(hardHoursAgo([e], now)).toBe(30);
    expect(hardHoursAgo([histEntry(now - 30 * H - 50 * 60_000, 50 * 60_000, 5, "Easy", 3, 0)], now)).toBe(-1);
  });
  it("puts the newest first and keeps at most HIST_MAX", () => {
    let h: HistEntry[] = [];
    for (let i = 0; i < HIST_MAX + 5; i++) h = addToHistory(h, entry(i));
    expect(h.length).toBe(HIST_MAX);
    expect(h[0][6]).toBe(HIST_MAX + 4);
    expect(h[HIST_MAX - 1][6]).toBe(5);
  });
});

describe("the list's order", () => {
  it("puts the workout of the newest session first, the others as they were", () => {
    const ws = () => ["Classic 5K", "Ladder", "3-zone"].map((name) => ({ name }));
    expect(lastUsedFirst(ws(), [entry(1, "3-zone"), entry(0, "Ladder")]).map((w) => w.name)).toEqual(["3-zone", "Classic 5K", "Ladder"]);
    expect(lastUsedFirst(ws(), []).map((w) => w.name)).toEqual(["Classic 5K", "Ladder", "3-zone"]);
    expect(lastUsedFirst(ws(), [entry(0, "gone")]).map((w) => w.name)).toEqual(["Classic 5K", "Ladder", "3-zone"]);
  });
});

describe("the pre-start RAM check", () => {
  it("asks for the measured start need plus headroom, and refuses below it", () => {
    const need = SESSION_VARS + MEM_HEADROOM_VARS;
    expect(memCheck(need)).toEqual({ needVars: need, short: false });
    expect(memCheck(need - 1)).toEqual({ needVars: need, short: true });
    // a freshly launched app (about 10,500 free on pre-start) starts; 1,882 free on pre-start ran
    // the firmware into LOW_MEMORY at the start press (measured: bench/startmem.ts) and is refused
    expect(memCheck(10500).short).toBe(false);
    expect(memCheck(1882).short).toBe(true);
  });
});
