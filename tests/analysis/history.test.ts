// Trends across sessions on seeded synthetic histories (tests/analysis/gen.ts): planted trends
// the analysis must find (RPE rising at the same pace, faster at the same RPE, HR recovering
// better, a load spike), and flat histories in which it must find none. Seeds come from
// fast-check; each history is 8 weeks of Classic 5K on Monday, Wednesday and Saturday unless
// a test says otherwise. Expected loads and ratios are summed here from what the generator made.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { analyzeSession, analyzeHistory, ACWR_WARN, type SessionAnalysis } from "../../src/analysis";
import { genHistory, DAY, MONDAY0, type GenOptions, type GenSession } from "./gen";

const analyze = (h: GenSession[]): SessionAnalysis[] => h.map((g) => analyzeSession(decodeLog(g.text, crc32), crc32));
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const RUNS = { numRuns: 12 };

function history(o: GenOptions) {
  const h = genHistory(o);
  return { h, a: analyzeHistory(analyze(h)) };
}

describe("planted trends are found", () => {
  it("RPE rising at the same pace (+0.25 a week)", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { a } = history({ seed, rpeRisePerWeek: 0.25 });
        expect(a.rpeAtPace.verdict).toBe("rising");
        expect(Math.abs(a.rpeAtPace.perWeek! - 0.25)).toBeLessThan(0.08);
        expect(a.rpeAtPace.agree!).toBeGreaterThan(0.6);
        expect(a.recovery.verdict).toBe("flat");
      }),
      RUNS,
    );
  });

  it("faster at the same RPE (1.5 s/km a week)", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { a } = history({ seed, paceGainPerWeek: 1.5 });
        expect(a.paceAtRpe.verdict).toBe("faster");
        expect(Math.abs(a.paceAtRpe.perWeek! + 1.5)).toBeLessThan(0.5);
        expect(a.recovery.verdict).toBe("flat");
        expect(a.suggestion.swap).toBe(false);
      }),
      RUNS,
    );
  });

  it("HR recovering better (drop +0.6 bpm a week)", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { a } = history({ seed, dropGainPerWeek: 0.6 });
        expect(a.recovery.verdict).toBe("improving");
        expect(Math.abs(a.recovery.perWeek! - 0.6)).toBeLessThan(0.2);
        expect(a.rpeAtPace.verdict).toBe("flat");
        expect(a.paceAtRpe.verdict).toBe("flat");
      }),
      RUNS,
    );
  });

  it("a load spike: every day of week 6 after five weeks of three sessions", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const h = genHistory({ seed, weeks: 6, spike: { week: 5, days: [0, 1, 2, 3, 4, 5, 6] } });
        const a = analyzeHistory(analyze(h));
        // the ratio on the last day, summed here from the sessions' RPE × minutes
        const now = h[h.length - 1].startMs;
        const nowDay = Math.floor(now / DAY);
        const sum = (days: number) => h.filter((g) => Math.floor(g.startMs / DAY) > nowDay - days).reduce((s, g) => s + g.rpe * g.minutes, 0);
        const acwr = sum(7) / (sum(28) / 4);
        expect(acwr).toBeGreaterThan(ACWR_WARN);
        expect(a.load.acwr!).toBeCloseTo(acwr, 6);
        expect(a.load.warning).toBe(true);
        expect(a.load.spikes.length).toBeGreaterThan(0);
        expect(a.suggestion.swap).toBe(true);
        expect(a.suggestion.signs[0]).toMatch(/load spike/);
        // a week earlier there was none
        const before = analyzeHistory(analyze(h), { nowMs: now - 7 * DAY });
        expect(before.load.warning).toBe(false);
        expect(before.load.acwr!).toBeLessThan(1.3);
      }),
      RUNS,
    );
  });
});

describe("flat histories: no trend, no warning, no swap", () => {
  it("8 weeks, three sessions a week, RPE and pace and recoveries steady", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { a } = history({ seed });
        expect(a.rpeAtPace.verdict).toBe("flat");
        expect(a.paceAtRpe.verdict).toBe("flat");
        expect(a.recovery.verdict).toBe("flat");
        expect(a.load.spikes).toEqual([]);
        expect(a.load.acwr!).toBeLessThan(1.3);
        expect(a.hard.backToBack).toEqual([]);
        expect(a.suggestion.swap).toBe(false);
        expect(a.suggestion.signs).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("the trends have enough data to decide (not 'insufficient') and the RPE pairs are matched within 2 %", () => {
    const { a } = history({ seed: 7 });
    expect(a.rpeAtPace.sessions).toBe(24);
    expect(a.rpeAtPace.n).toBeGreaterThan(1000);
    expect(a.paceAtRpe.n).toBe(24 * 6);
    expect(a.recovery.n).toBe(24 * 5);
    // the pairs, counted here: reps of two different sessions, same length, paces within 2 % of their mean
    const reps = a.sessions.flatMap((s, k) => s.reps.map((r) => ({ k, p: r.paceSPerKm!, len: r.lengthKey })));
    let pairs = 0;
    for (let i = 0; i < reps.length; i++)
      for (let j = i + 1; j < reps.length; j++)
        if (reps[i].k !== reps[j].k && reps[i].len === reps[j].len && Math.abs(reps[i].p - reps[j].p) <= 0.01 * (reps[i].p + reps[j].p)) pairs++;
    expect(a.rpeAtPace.n).toBe(pairs);
    expect(analyzeHistory(a.sessions, { pacePct: 0.5 }).rpeAtPace.n).toBeLessThan(pairs / 3);
  });

  it("the trends' standard errors are honest: on flat histories slope ÷ error scatters about ±1", () => {
    const t: Record<string, number[]> = { rpe: [], pace: [], hr: [] };
    for (let seed = 1001; seed <= 1030; seed++) {
      const { a } = history({ seed });
      t.rpe.push(a.rpeAtPace.perWeek! / a.rpeAtPace.sePerWeek!);
      t.pace.push(a.paceAtRpe.perWeek! / a.paceAtRpe.sePerWeek!);
      t.hr.push(a.recovery.perWeek! / a.recovery.sePerWeek!);
    }
    for (const k of Object.keys(t)) {
      const rms = Math.sqrt(t[k].reduce((s, x) => s + x * x, 0) / t[k].length);
      expect(rms, k).toBeGreaterThan(0.5);
      expect(rms, k).toBeLessThan(1.8);
    }
  });

  it("too little history: insufficient, not a trend", () => {
    const { a } = history({ seed: 3, weeks: 1, rpeRisePerWeek: 2 });
    expect(a.rpeAtPace.verdict).toBe("insufficient");
    expect(a.load.acwr).toBeNull();
  });
});

describe("hard days and the swap rule", () => {
  it("hard sessions on consecutive days are back to back; one sign alone is no swap, two are", () => {
    // Monday and Tuesday, both at RPE 8
    const h = genHistory({ seed: 11, weeks: 6, days: [0, 1], sessionRpe: 8 });
    const a = analyzeHistory(analyze(h));
    expect(a.sessions.every((s) => s.hard && s.hardWhy === "rpe")).toBe(true);
    expect(a.hard.backToBack.length).toBe(6);
    expect(a.hard.backToBack[0]).toEqual({ firstMs: MONDAY0, secondMs: MONDAY0 + DAY });
    expect(a.hard.recent).toBe(true);
    expect(a.suggestion.swap).toBe(false);
    expect(a.suggestion.signs).toEqual(["hard days back to back this week"]);
    // a week later with nothing run since: no longer recent
    const later = analyzeHistory(a.sessions, { nowMs: h[h.length - 1].startMs + 7 * DAY });
    expect(later.hard.recent).toBe(false);
    // and with RPE rising at the same pace as well: two signs, swap
    const h2 = genHistory({ seed: 11, weeks: 8, days: [0, 1, 4], sessionRpe: 8, rpeRisePerWeek: 0.3 });
    const two = analyzeHistory(analyze(h2));
    expect(two.rpeAtPace.verdict).toBe("rising");
    expect(two.hard.recent).toBe(true);
    expect(two.suggestion.swap).toBe(true);
  });

  it("calendar days are counted in the runner's time zone", () => {
    const h = genHistory({ seed: 2, weeks: 1, days: [0], sessionRpe: 8 });
    const s = analyze(h)[0];
    // 23:30 UTC on one day and 00:30 UTC the next: one day apart in UTC, the same day at UTC+2
    const late = { ...s, id: "a", startMs: MONDAY0 + 23.5 * 3600000 };
    const early = { ...s, id: "b", startMs: MONDAY0 + 24.5 * 3600000 };
    expect(analyzeHistory([late, early]).hard.backToBack.length).toBe(1);
    expect(analyzeHistory([late, early], { tzOffsetMin: 120 }).hard.backToBack.length).toBe(0);
  });

  it("sessions without RPE: no load, hard by their reps, counted as unrated", () => {
    const h = genHistory({ seed: 5, weeks: 5 });
    const bare = h.map((g) => g.text.split("\n").filter((l) => l[0] !== "R").join("\n"));
    const ss = bare.map((t) => analyzeSession(decodeLog(t, crc32), crc32));
    expect(ss.every((s) => s.load === null && s.hard && s.hardWhy === "reps")).toBe(true);
    const a = analyzeHistory(ss);
    expect(a.load.unrated).toBe(ss.length);
    expect(a.load.acwr).toBeNull();
    expect(a.rpeAtPace.verdict).toBe("insufficient");
  });
});

describe("chart series", () => {
  const h = genHistory({ seed: 21, weeks: 7 });
  const a = analyzeHistory(analyze(h));

  it("weekly load with its 28-day band", () => {
    const w = a.charts.weeklyLoad;
    expect(w.weekMs.length).toBe(7);
    w.weekMs.forEach((ms, i) => {
      expect(ms).toBe(MONDAY0 + i * 7 * DAY);
      const mine = h.filter((g) => g.startMs >= ms && g.startMs < ms + 7 * DAY).reduce((s, g) => s + g.rpe * g.minutes, 0);
      expect(w.load[i]).toBeCloseTo(mine, 6);
    });
    // the first full 28 days end on the 4th Sunday: no band before it
    expect(w.chronic.slice(0, 3)).toEqual([null, null, null]);
    for (let i = 3; i < 6; i++) {
      const sunday = MONDAY0 + (i * 7 + 7) * DAY;
      const chronic = h.filter((g) => g.startMs < sunday && g.startMs >= sunday - 28 * DAY).reduce((s, g) => s + g.rpe * g.minutes, 0) / 4;
      expect(w.chronic[i]!).toBeCloseTo(chronic, 6);
      expect(w.bandLow[i]!).toBeCloseTo(0.8 * chronic, 6);
      expect(w.bandHigh[i]!).toBeCloseTo(1.3 * chronic, 6);
      expect(w.warn[i]!).toBeCloseTo(1.5 * chronic, 6);
      expect(w.ratio[i]!).toBeCloseTo(w.load[i] / chronic, 6);
    }
  });

  it("RPE against pace with its least-squares line", () => {
    const c = a.charts.rpePace;
    expect(c.pace.length).toBe(h.length * 6);
    expect(c.from.every((f) => f === "rep")).toBe(true);
    for (let i = 1; i < c.pace.length; i++) expect(c.pace[i]).toBeGreaterThanOrEqual(c.pace[i - 1]);
    const mx = c.pace.reduce((s, x) => s + x, 0) / c.pace.length;
    const my = c.rpe.reduce((s, x) => s + x, 0) / c.rpe.length;
    let sxy = 0;
    let sxx = 0;
    c.pace.forEach((x, i) => ((sxy += (x - mx) * (c.rpe[i] - my)), (sxx += (x - mx) ** 2)));
    expect(c.fit!.slope).toBeCloseTo(sxy / sxx, 9);
    expect(c.fit!.y[0]).toBeCloseTo(my + (sxy / sxx) * (c.pace[0] - mx), 9);
    // planted: 0.3 RPE per 1 % faster around 295 s/km, about −0.10 RPE per s/km
    expect(c.fit!.slope).toBeGreaterThan(-0.14);
    expect(c.fit!.slope).toBeLessThan(-0.06);
  });

  it("rep-pace spread per session", () => {
    const c = a.charts.repSpread;
    expect(c.startMs).toEqual(h.map((g) => g.startMs));
    c.startMs.forEach((_, i) => {
      const s = a.sessions[i];
      const ps = s.reps.map((r) => r.paceSPerKm!);
      expect(c.fastest[i]).toBe(Math.min(...ps));
      expect(c.slowest[i]).toBe(Math.max(...ps));
      expect(c.cvPct[i]).toBe(s.spread!.cvPct);
    });
  });
});
