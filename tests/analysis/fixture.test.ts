// Per-session metrics on the real log: tests/fixtures/speedseq-classic5k.log, written by the
// built app on the real Bangle.js 2 firmware (the Classic 5K fed the fenix 2 recording, goal
// "5000m 25:00", an RPE for rep 2 and for the session). Every expected value is worked out here
// from the log's own lines with a small reader of this file's (base-36 fields, README "Session log
// format"), not from the analysis or the codec.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { crc32 } from "../../src/sim/crc";
import { decodeLog } from "../../src/engine/log/decode";
import { analyzeSession, analyzeLogText } from "../../src/analysis";

const TEXT = readFileSync("tests/fixtures/speedseq-classic5k.log", "utf8");

// ---- an independent reader of the lines this test needs (the CRC is the codec's business)
const lines = TEXT.split("\n").filter((l) => l.length > 0);
const fields = (l: string): string[] => l.slice(0, l.indexOf("*")).split(",");
const b36 = (s: string): number => parseInt(s, 36);
const KINDS = ["warmup", "stride", "work", "recovery", "cooldown", "rest"];
interface S { idx: number; kind: string; rep: number; durMs: number; distM: number; avgHr: number; maxHr: number; cad: number; flags: number }
const S_LINES: S[] = lines
  .filter((l) => l[0] === "S")
  .map((l) => {
    const f = fields(l);
    return { idx: b36(f[1]), kind: KINDS[b36(f[2])], rep: b36(f[3]), durMs: b36(f[5]), distM: b36(f[6]) / 10, avgHr: b36(f[8]), maxHr: b36(f[9]), cad: b36(f[10]), flags: b36(f[12]) };
  });
const H = fields(lines.find((l) => l[0] === "H")!);
const startMs = b36(H[2]) * 1000 + b36(H[3]);
const R = lines.filter((l) => l[0] === "R").map(fields).map((f) => ({ rpe: b36(f[1]), idx: f[2] === "" ? -1 : b36(f[2]) }));

const reps = S_LINES.filter((s) => s.kind === "work");
const pace = (s: S) => s.durMs / s.distM; // ms per metre = s per km
const paces = reps.map(pace);
const avg = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sdev = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - avg(xs)) ** 2, 0) / (xs.length - 1));

// The goal "5000m 25:00" is 1500 s over 5 km: 300 s/km at 5 km. Classic 5K's 400s run at 5K
// pace − 5 s/km with the default ±5 s/km band: [290, 300].
const goal = /^(\d+)m (\d+):(\d\d)$/.exec(H[7])!;
const goalPace = ((Number(goal[2]) * 60 + Number(goal[3])) / Number(goal[1])) * 1000;
const BAND: [number, number] = [goalPace - 5 - 5, goalPace - 5 + 5];

describe("the real Classic 5K log (firmware, fenix 2 recording)", () => {
  const log = decodeLog(TEXT, crc32);
  const a = analyzeSession(log, crc32);

  it("reads a clean log and identifies the plan by its hash", () => {
    expect(log.errors).toEqual([]);
    expect(BAND).toEqual([290, 300]);
    expect(a.planKnown).toBe(true);
    expect(a.plan).toBe("Classic 5K");
    expect(a.startMs).toBe(startMs);
    expect(a.id).toBe(`s${startMs}-${H[4]}`);
    expect(a.notes).toEqual([]);
  });

  it("puts each of the six reps against its band", () => {
    expect(reps.length).toBe(6);
    expect(a.reps.map((r) => r.rep)).toEqual([1, 2, 3, 4, 5, 6]);
    a.reps.forEach((r, i) => {
      const p = paces[i];
      expect(r.band).toEqual(BAND);
      expect(r.paceSPerKm).toBeCloseTo(p, 1);
      const vs = p < BAND[0] ? "fast" : p > BAND[1] ? "slow" : "in";
      expect(r.vsTarget, `rep ${i + 1}`).toBe(vs);
      expect(r.offBandS!).toBeCloseTo(vs === "fast" ? p - BAND[0] : vs === "slow" ? p - BAND[1] : 0, 1);
      expect(r.offCentrePct!).toBeCloseTo((100 * (p - 295)) / 295, 1);
      // the watch buzzed the same way during the rep: its flags agree with the band
      if (vs === "fast") expect(reps[i].flags & 1).toBe(1);
      if (vs === "slow") expect(reps[i].flags & 2).toBe(2);
      expect(r.complete).toBe(true);
    });
    // what the run was: five reps well under the band, the last one walked in
    expect(a.reps.slice(0, 5).every((r) => r.vsTarget === "fast")).toBe(true);
    expect(a.reps[5].vsTarget).toBe("slow");
  });

  it("spread and fade across the reps", () => {
    // one band for all reps: pace against its centre varies exactly as the pace does
    expect(a.spread!.basis).toBe("target");
    expect(a.spread!.n).toBe(6);
    expect(a.spread!.cvPct).toBeCloseTo((100 * sdev(paces)) / avg(paces), 1);
    expect(a.spread!.rangeS).toBeCloseTo(Math.max(...paces) - Math.min(...paces), 1);
    expect(a.spread!.meanPace).toBeCloseTo(avg(paces), 1);
    expect(a.fade!.firstToLastPct).toBeCloseTo(100 * (paces[5] / paces[0] - 1), 1);
    // least squares over rep number 1..6, by the textbook formula
    const xs = [1, 2, 3, 4, 5, 6];
    const slope = xs.reduce((s, x, i) => s + (x - 3.5) * (paces[i] - avg(paces)), 0) / xs.reduce((s, x) => s + (x - 3.5) ** 2, 0);
    expect(a.fade!.slopeSPerRep).toBeCloseTo(slope, 2);
    expect(a.fade!.slopePctPerRep).toBeCloseTo((100 * slope) / 295, 2);
    expect(a.fade!.firstToLastPct).toBeGreaterThan(50);
  });

  it("cadence hold against the first rep", () => {
    const cads = reps.map((s) => s.cad);
    a.reps.forEach((r, i) => expect(r.cadVsFirstPct!).toBeCloseTo((100 * (cads[i] - cads[0])) / cads[0], 2));
    expect(a.cadence!.first).toBe(cads[0]);
    expect(a.cadence!.last).toBe(cads[5]);
    expect(a.cadence!.lowestVsFirstPct).toBeCloseTo((100 * (Math.min(...cads) - cads[0])) / cads[0], 2);
    expect(a.cadence!.dropFlags).toBe(reps.filter((s) => s.flags & 4).length);
    expect(a.cadence!.dropFlags).toBe(1);
    expect(a.cadence!.held).toBe(false);
  });

  it("HR drop in each recovery: peak minus mean of the recovery's own HR", () => {
    const recs = S_LINES.filter((s) => s.kind === "recovery");
    expect(a.recoveries.map((r) => r.idx)).toEqual(recs.map((s) => s.idx));
    const afterReps = recs.filter((s) => S_LINES.find((p) => p.idx === s.idx - 1)!.kind === "work");
    expect(afterReps.length).toBe(5);
    for (const s of recs) {
      const r = a.recoveries.find((x) => x.idx === s.idx)!;
      expect(r.dropBpm).toBe(s.maxHr - s.avgHr);
      expect(r.after).toBe(S_LINES.find((p) => p.idx === s.idx - 1)!.kind);
    }
    expect(a.recoveryDropBpm).toBeCloseTo(avg(afterReps.map((s) => s.maxHr - s.avgHr)), 6);
  });

  it("RPE, load and the hard-day rule", () => {
    const sessionRpe = R.filter((r) => r.idx < 0).pop()!.rpe;
    const perRep = R.filter((r) => r.idx >= 0);
    expect(sessionRpe).toBe(6);
    expect(a.rpe).toBe(sessionRpe);
    expect(a.repRpe).toEqual(perRep.map((r) => ({ rep: S_LINES.find((s) => s.idx === r.idx)!.rep, idx: r.idx, rpe: r.rpe })));
    expect(a.repRpe[0].rep).toBe(2);
    const minutes = S_LINES.reduce((m, s) => m + s.durMs, 0) / 60000;
    expect(a.timerMs / 60000).toBeCloseTo(minutes, 9);
    expect(a.load!).toBeCloseTo(sessionRpe * minutes, 6);
    // RPE 6 is under 7 and 6 × 44.5 min under 450: an easy day by the rules
    expect(a.hard).toBe(false);
    expect(a.hardWhy).toBe("easy-rpe");
  });

  it("without the plan: no bands, only the watch's flags; spread on raw paces", () => {
    const b = analyzeLogText(TEXT, crc32, { plans: [] });
    expect(b.planKnown).toBe(false);
    expect(b.reps.every((r) => r.band === null && r.vsTarget === null)).toBe(true);
    expect(b.reps.map((r) => r.flagFast)).toEqual(reps.map((s) => (s.flags & 1) === 1));
    expect(b.spread!.basis).toBe("pace");
    expect(b.spread!.cvPct).toBeCloseTo((100 * sdev(paces)) / avg(paces), 1);
    expect(b.notes.join(" ")).toMatch(/not identified/);
  });

  it("a damaged rep line: that rep is missing, the rest still analysed", () => {
    const rep3 = lines.findIndex((l) => l[0] === "S" && fields(l)[3] === "3" && KINDS[b36(fields(l)[2])] === "work");
    const bad = lines.map((l, i) => (i === rep3 ? l.replace(",", ";") : l)).join("\n") + "\n";
    const b = analyzeLogText(bad, crc32);
    expect(b.reps.map((r) => r.rep)).toEqual([1, 2, 4, 5, 6]);
    const left = paces.filter((_, i) => i !== 2);
    expect(b.spread!.cvPct).toBeCloseTo((100 * sdev(left)) / avg(left), 1);
    expect(b.notes.join(" ")).toMatch(/damaged/);
  });
});
