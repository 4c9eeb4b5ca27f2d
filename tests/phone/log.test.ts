// The training log in the phone app (Debian's Chromium): a seeded synthetic history
// (tests/analysis/gen.ts: real log lines) imported into the app, its "Training log" page compared
// with src/analysis run here in Node on the same texts: each chart's series (weekly load with its
// 28-day band, RPE against pace with its line, the rep spread per session), the verdicts, every
// rule stated, the warning and the swap suggestion for a planted load spike and neither for a flat
// history; log-derived text stays text. The session page's per-session metrics for the firmware
// fixture log, against the analysis and the values worked out in tests/analysis.
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { phoneEnv, importFiles, makeLog, watchErrors, ready, FIXTURE } from "./harness";
import { genHistory, DAY, type GenOptions } from "../analysis/gen";
import { analyzeLogText, analyzeHistory, ACWR_WARN, type HistoryAnalysis } from "../../src/analysis";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { fmtPace } from "../../src/engine/format";
import { RULES } from "../../src/phone/log";
import type { Hooks } from "../../src/phone/app";

type W = { speedseqPhone: Hooks; __xss?: number };

const env = phoneEnv();

/** UTC+9 all year (no summer time): days and weeks differ from UTC's, so the zone must reach the analysis */
const ZONE = "Asia/Tokyo";
const TZ = 540;

/** a page of the app in ZONE whose clock stands at nowMs, with these logs imported */
async function appWith(ctx: BrowserContext, nowMs: number, texts: string[], errors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  watchErrors(page, errors);
  await page.clock.setFixedTime(nowMs);
  await page.goto(env.srv.url + "phone/");
  await ready(page);
  await importFiles(page, texts.map((text, i) => ({ name: `h${i}.log`, text })));
  return page;
}

async function openLog(page: Page): Promise<void> {
  await page.click('#nav a[data-page="log"]');
  await page.waitForFunction(() => { const h = (window as unknown as W).speedseqPhone; return h.page === "log" && h.logCharts().length > 0; });
}

/** the analysis in Node, as the page is to run it: built-ins as the plans, judged at nowMs in ZONE */
function expected(texts: string[], nowMs: number): HistoryAnalysis {
  return analyzeHistory(texts.map((t) => analyzeLogText(t, crc32, { plans: TEMPLATES })), { tzOffsetMin: TZ, nowMs });
}

/** a series as the page holds it, against the analysis's (numbers to 9 digits; nulls where the analysis has them) */
function same(got: (number | null)[], want: (number | null)[], what: string): void {
  expect(got.length, what).toBe(want.length);
  want.forEach((v, i) => {
    if (v === null) expect(got[i], `${what}[${i}]`).toBeNull();
    else expect(got[i], `${what}[${i}]`).toBeCloseTo(v, 9);
  });
}

async function inked(page: Page): Promise<number[]> {
  return page.$$eval(".log-chart canvas", (cs) =>
    (cs as HTMLCanvasElement[]).map((c) => {
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (Math.abs(d[i] - d[i + 1]) > 60 || Math.abs(d[i + 1] - d[i + 2]) > 60)) n++;
      return n;
    }));
}

function history(o: GenOptions): { texts: string[]; last: number } {
  const h = genHistory(o);
  return { texts: h.map((g) => g.text), last: h[h.length - 1].startMs };
}

describe("the training log page", () => {
  it("a flat history: the charts' series are src/analysis's, every rule is stated, no warning, no swap", async () => {
    const { texts, last } = history({ seed: 5 });
    // judged the evening after the last session
    const now = last + 12 * 3600_000;
    const want = expected(texts, now);
    expect(want.load.warning).toBe(false);
    expect(want.suggestion.swap).toBe(false);
    const ctx = await env.browser.newContext({ timezoneId: ZONE });
    const errors: string[] = [];
    try {
      const page = await appWith(ctx, now, texts, errors);
      await openLog(page);
      const charts = await page.evaluate(() => (window as unknown as W).speedseqPhone.logCharts());
      expect(charts.map((c) => c.id)).toEqual(["chart-load", "chart-rpe-pace", "chart-spread"]);

      // weekly load: x = each week's Monday (local midnight, in seconds), the week's load, the chronic load, the band, the warning line
      const wl = want.charts.weeklyLoad;
      expect(wl.weekMs.length).toBe(8);
      const [load, rpe, spread] = charts;
      expect(load.series).toEqual(["week (Monday)", "weekly load", "chronic load (28 days ÷ 4)", "usual band, high (1.3 × chronic)", "usual band, low (0.8 × chronic)", `warning (${ACWR_WARN} × chronic)`]);
      same(load.data[0], wl.weekMs.map((ms) => ms / 1000), "load x");
      // Mondays in Tokyo: 15:00 UTC on Sundays
      expect(new Date(wl.weekMs[1]).toISOString()).toMatch(/T15:00:00/);
      same(load.data[1], wl.load, "weekly load");
      same(load.data[2], wl.chronic, "chronic");
      same(load.data[3], wl.bandHigh, "band high");
      same(load.data[4], wl.bandLow, "band low");
      same(load.data[5], wl.warn, "warning line");
      expect(wl.chronic.filter((c) => c !== null).length).toBeGreaterThan(3);

      // RPE against pace: one point per complete rep with an effort, the line from its ends
      const rp = want.charts.rpePace;
      expect(rp.pace.length).toBe(24 * 6);
      expect(rpe.series).toEqual(["pace", "RPE (the rep's, else its session's)", "least-squares line"]);
      same(rpe.data[0], rp.pace, "rpe x");
      same(rpe.data[1], rp.rpe, "rpe");
      const line = rpe.data[2];
      expect(line[0]).toBeCloseTo(rp.fit!.y[0], 9);
      expect(line[line.length - 1]).toBeCloseTo(rp.fit!.y[1], 9);
      expect(line.slice(1, -1).every((v) => v === null)).toBe(true);

      // the rep spread per session
      const sp = want.charts.repSpread;
      expect(sp.startMs.length).toBe(24);
      expect(spread.series).toEqual(["session", "fastest rep", "mean of the reps", "slowest rep", "spread, CV (%)"]);
      same(spread.data[0], sp.startMs.map((ms) => ms / 1000), "spread x");
      same(spread.data[1], sp.fastest, "fastest");
      same(spread.data[2], sp.mean, "mean");
      same(spread.data[3], sp.slowest, "slowest");
      same(spread.data[4], sp.cvPct, "cv");
      for (const n of await inked(page)) expect(n).toBeGreaterThan(300);

      // verdicts, no warning, no swap
      expect(await page.$("#load-warning")).toBeNull();
      expect(await page.getAttribute("#suggestion", "class")).not.toContain("alert");
      expect(await page.textContent("#suggestion-text")).toBe(want.suggestion.text);
      expect(want.suggestion.text).toBe("No sign of building fatigue.");
      expect(await page.$("#swap-easy")).toBeNull();
      expect(await page.textContent("#rpe-pace-verdict")).toMatch(/^Flat \(no trend\): [+−]\d\.\d\d RPE a week/);
      expect(await page.textContent("#pace-effort-verdict")).toMatch(/^Flat \(no trend\)/);
      expect(await page.textContent("#recovery-verdict")).toMatch(/^Flat \(no trend\)/);
      expect(await page.textContent("#b2b")).toContain("None");
      expect(await page.textContent("#load-facts")).toContain(want.load.acwr!.toFixed(2));
      // every rule in a sentence, each saying it is a heuristic
      const text = (await page.textContent("#log-view")) ?? "";
      for (const [k, r] of Object.entries(RULES)) if (!["repTarget", "fade", "cadence", "effort"].includes(k)) expect(text, k).toContain(r);
      for (const k of ["load", "rpePace", "paceEffort", "recovery", "hard", "swap"] as const) expect(RULES[k], k).toMatch(/heuristic/);
      expect(RULES.load).toContain("1.5");
      // the sessions table: 24 rows, newest first, links to their pages
      expect(await page.$$eval("#log-sessions tbody tr", (t) => t.length)).toBe(24);
      expect(await page.$$eval("#log-sessions tbody tr a", (as) => as.map((a) => a.textContent))).toEqual(Array(24).fill("Classic 5K"));
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("a planted load spike (every day of week 6): the warning, back-to-back hard days and the swap suggestion", async () => {
    const { texts, last } = history({ seed: 9, weeks: 6, spike: { week: 5, days: [0, 1, 2, 3, 4, 5, 6] } });
    const now = last + 3600_000;
    const want = expected(texts, now);
    expect(want.load.acwr!).toBeGreaterThan(ACWR_WARN);
    expect(want.suggestion.swap).toBe(true);
    // a log whose workout name is markup, inside the history
    const evil = '<img src=x onerror="window.__xss=1">';
    const all = texts.concat(makeLog({ plan: evil, startMs: last - 2 * DAY + 5 * 3600_000 }));
    const ctx = await env.browser.newContext({ timezoneId: ZONE });
    const errors: string[] = [];
    try {
      const page = await appWith(ctx, now, all, errors);
      await openLog(page);
      const withEvil = expected(all, now);
      const warning = await page.textContent("#load-warning");
      expect(warning).toContain(`${withEvil.load.acwr!.toFixed(2)} × the mean week`);
      expect(warning).toContain(`above ${ACWR_WARN}`);
      expect(await page.getAttribute("#suggestion", "class")).toContain("alert");
      const sug = (await page.textContent("#suggestion-text")) ?? "";
      expect(sug).toBe(withEvil.suggestion.text);
      expect(sug).toMatch(/^Fatigue is building: load spike \(acute:chronic \d\.\d\d > 1\.5\)/);
      expect(sug).toContain("Swap your next hard session for an easy one");
      expect(await page.textContent("#swap-easy")).toContain("The built-in Easy+strides is such an easy session");
      expect(await page.$$eval("#fatigue-signs li", (l) => l.map((x) => x.textContent))).toEqual(withEvil.suggestion.signs);
      const b2b = (await page.textContent("#b2b")) ?? "";
      expect(b2b).toContain("the latest ends in the last 7 days: a sign of fatigue");
      expect(await page.$$eval("#b2b li", (l) => l.length)).toBe(Math.min(8, withEvil.hard.backToBack.length));
      // the spike in the chart: the last week's load above its warning line
      const load = (await page.evaluate(() => (window as unknown as W).speedseqPhone.logCharts()))[0];
      same(load.data[1], withEvil.charts.weeklyLoad.load, "weekly load");
      const k = load.data[1].length - 1;
      expect(load.data[1][k]!).toBeGreaterThan(load.data[5][k]!);
      // the markup name is text
      expect(await page.$$eval("#log-sessions tbody td", (tds) => tds.filter((td) => td.textContent === '<img src=x onerror="window.__xss=1">').length)).toBe(1);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => ({ xss: (window as unknown as W).__xss, img: document.querySelectorAll("img").length }))).toEqual({ xss: undefined, img: 0 });
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe("the session page's training-log metrics", () => {
  it("the Classic 5K fixture: each rep against its band, spread, fade, cadence hold, each recovery's HR drop with its limit, RPE and load", async () => {
    const m = analyzeLogText(FIXTURE, crc32);
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    try {
      const page = await ctx.newPage();
      watchErrors(page, errors);
      await page.goto(env.srv.url + "phone/");
      await ready(page);
      await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }]);
      await page.click("#sessions tbody tr a");
      await page.waitForSelector("#metrics");
      const reps = await page.$$eval("#reps tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      // [rep, target, pace, vs target, outside band, vs centre, cadence, vs first, HR, RPE, counted]
      expect(reps).toHaveLength(6);
      expect(reps.map((r) => r[1])).toEqual(Array(6).fill("4:50–5:00/km"));
      expect(reps.map((r) => r[3])).toEqual(["fast", "fast", "fast", "fast", "fast", "slow"]);
      reps.forEach((r, i) => {
        const a = m.reps[i];
        expect(r[0]).toBe(String(a.rep));
        expect(r[2]).toBe(fmtPace(a.paceSPerKm!));
        expect(r[4]).toBe((a.offBandS! > 0 ? "+" : "−") + Math.abs(a.offBandS!).toFixed(1) + " s/km");
        expect(r[6]).toBe(String(Math.round(a.cad!)));
        expect(r[9]).toBe(a.rpe === null ? "" : String(a.rpe));
        expect(r[10]).toBe("yes");
      });
      expect(reps[0][7]).toBe("+0.0 %");
      // tests/analysis/fixture.test.ts worked these out by hand: CV 24.8 %, fade +57 %, cadence down 10.7 %, not held
      expect(await page.textContent("#spread-text")).toContain("CV 24.8 %");
      expect(await page.textContent("#spread-text")).toContain("against its own target's centre");
      const fade = (await page.textContent("#fade-text")) ?? "";
      expect(fade).toMatch(/^Fade, last rep against the first: \+5[67]\.\d % \(slower\)/);
      expect(fade).toContain(m.fade!.firstToLastPct.toFixed(1));
      const cad = (await page.textContent("#cadence-text")) ?? "";
      expect(cad).toMatch(/^Cadence did not hold/);
      expect(cad).toContain("−10.7 %");
      // each recovery: peak, mean, peak − mean; the limit stated
      const rec = await page.$$eval("#recoveries tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      expect(rec).toHaveLength(m.recoveries.length);
      expect(rec.length).toBe(4 + 5);
      rec.forEach((r, i) => {
        const a = m.recoveries[i];
        expect(r[4]).toBe(String(a.maxHr));
        expect(r[5]).toBe(String(a.avgHr));
        expect(r[6]).toBe(a.dropBpm + " bpm");
        expect(a.dropBpm).toBe(a.maxHr! - a.avgHr!);
      });
      expect(rec.filter((r) => /^rep \d$/.test(r[1])).length).toBe(5);
      expect(await page.textContent("#drop-limit")).toBe(RULES.drop);
      expect(RULES.drop).toContain("peak HR minus its mean HR");
      expect(await page.textContent("#recovery-mean")).toContain(m.recoveryDropBpm!.toFixed(1) + " bpm");
      const effort = (await page.textContent("#effort-text")) ?? "";
      expect(effort).toContain("Session RPE 6 / 10.");
      expect(effort).toContain("Load " + Math.round(m.load!) + " (RPE 6 × " + (m.timerMs / 60000).toFixed(1) + " active minutes)");
      expect(effort).toContain("The day was easy.");
      expect(m.repRpe.length).toBeGreaterThan(0);
      for (const r of m.repRpe) expect(effort).toContain("rep " + r.rep + ": " + r.rpe);
      // the session charts are still the three of the session page
      expect(await page.$$eval(".chart canvas", (c) => c.length)).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
