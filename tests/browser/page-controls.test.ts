// The emulator page's controls on the board engine (?engine=board), in Debian's Chromium: BTN1 in
// watch time (a click at 100x stays a click, a hold is a hold), the locked watch and the app that
// has left said on the page, uploaded workouts kept across restarts and reloads and started from
// the picker (below the list's first screen too), the track file picker and a track that ends
// before the workout, the decoded log view and the timeline's legend. The firmware engine's side
// is in firmware-page.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "./chromium";
import { buildPage, serve } from "../../scripts/serve.mjs";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";

type Hooks = {
  ready: boolean;
  now(): number;
  play(speed: number): void;
  pause(): void;
  finished(): boolean;
  advanceTo(t: number): Promise<void>;
  presses(): { downMs: number; upMs?: number }[];
  log(): string | undefined;
  status(): string;
  picked(): string;
  board(): { exited: boolean; isLocked(): boolean; storage: { list(): string[] } };
  driver(): { pathEndMs: number; pathPending(): boolean };
};

let server: Server;
let browser: Browser;
let url: string;

beforeAll(async () => {
  await buildPage();
  server = (await serve(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?engine=board`;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

const h = <T>(page: Page, fn: (h: Hooks) => T | Promise<T>): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.speedseq)`) as Promise<T>;

async function open(ctx: BrowserContext, errors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await ready(page);
  return page;
}

const ready = (page: Page) => page.waitForFunction(() => (window as unknown as { speedseq?: Hooks }).speedseq?.ready === true, null, { timeout: 30_000 });

/** the plan named in the session log's header, once the app has started one */
const headerPlan = (text: string | undefined) => {
  const head = text ? decodeLog(text, crc32).recs.find((r) => r.k === "H") : undefined;
  return head && head.k === "H" ? head.plan : undefined;
};

/** runs to just after the start path, and gives the plan the session started with */
async function startedPlan(page: Page): Promise<string | undefined> {
  await h(page, async (k) => k.advanceTo(k.driver().pathEndMs + 1500));
  return headerPlan(await h(page, (k) => k.log()));
}

const TEMPO = { v: 1, name: "Tempo 3k", note: "3 km at 10K pace", steps: [{ kind: "warmup", end: { time: 300 } }, { kind: "work", end: { dist: 3000 }, pace: { race: 10000 } }] };
const json = (o: unknown, name = "w.json") => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(o)) });

describe("BTN1, the lock and the app's leaving, on the board", () => {
  it("a 120 ms click at 100x lasts about that long in watch time and only unlocks the locked watch; the page said it was locked", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(ctx, errors);
    // into the warm-up: the watch locks 10 s after the start path's BTN1
    await h(page, (k) => k.advanceTo(40_000));
    expect(await h(page, (k) => k.board().isLocked())).toBe(true);
    expect(await page.locator("#watch-state").textContent()).toMatch(/Locked: the first BTN1 press only unlocks/);
    await h(page, (k) => k.play(100));
    await page.locator("#btn1").click({ delay: 120 });
    await page.waitForTimeout(300);
    await h(page, (k) => k.pause());
    const presses = await h(page, (k) => k.presses());
    expect(presses).toHaveLength(1);
    const held = presses[0].upMs! - presses[0].downMs;
    // at 100x the old page made this 12 s of watch time, and 1.5 s of it left the app
    expect(held).toBeGreaterThan(50);
    expect(held).toBeLessThan(1000);
    expect(await h(page, (k) => k.board().exited)).toBe(false);
    // the press only unlocked: the session runs on (no pause in the log)
    expect(decodeLog((await h(page, (k) => k.log()))!, crc32).recs.some((r) => r.k === "F" && r.what === "pause")).toBe(false);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it("a 2 s hold on the list leaves the app (the long press), and the page says so instead of freezing", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(ctx, errors);
    expect(await page.locator("#watch-state").textContent()).toBe("");
    const box = (await page.locator("#btn1").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(2000);
    await page.mouse.up();
    await page.waitForFunction(() => (window as unknown as { speedseq: Hooks }).speedseq.board().exited, null, { timeout: 10_000 });
    const p = (await h(page, (k) => k.presses()))[0];
    expect(p.upMs! - p.downMs).toBeGreaterThan(1500);
    await page.waitForFunction(() => /The app has left/.test(document.getElementById("watch-state")!.textContent!), null, { timeout: 5000 });
    expect(await h(page, (k) => k.status())).toMatch(/the app has left at \d+:\d\d/);
    // the user took over, so the start path was dropped: nothing else was pressed
    expect(await h(page, (k) => k.driver().pathPending())).toBe(false);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe("uploaded workouts and the picker, on the board", () => {
  it("an upload is on the watch at once, picked for Play, started through the list's second screen, and kept across Restart and a reload", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(ctx, errors);
    await page.locator("#upload").setInputFiles(json(TEMPO, "tempo.json"));
    await page.waitForFunction(() => /^uploaded tempo\.json/.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 30_000 });
    const file = (await h(page, (k) => k.status())).match(/speedseq\.w[0-9a-z]+\.json/)![0];
    expect(file.length).toBeLessThanOrEqual(28);
    expect(await h(page, (k) => k.board().storage.list())).toContain(file);
    expect(await h(page, (k) => k.picked())).toBe("Tempo 3k");
    expect(await page.locator("#workout option:checked").textContent()).toContain("Tempo 3k");
    // sixth row: below the board's five, so the path drags the list first
    expect(await startedPlan(page)).toBe("Tempo 3k");

    await page.locator("#restart").click();
    await ready(page);
    expect(await h(page, (k) => k.board().storage.list())).toContain(file);
    expect(await h(page, (k) => k.picked())).toBe("Tempo 3k");

    // a new page in the same browser: the upload is still there, but Play starts the default until it is picked
    const again = await open(ctx, errors);
    expect(await h(again, (k) => k.board().storage.list())).toContain(file);
    expect(await again.locator("#workout option").allTextContents()).toEqual([...TEMPLATES.map((t) => t.name), `Tempo 3k (${file})`]);
    await again.locator("#workout").selectOption({ label: TEMPLATES[4].name });
    await ready(again);
    expect(await startedPlan(again)).toBe(TEMPLATES[4].name);
    await again.locator("#workout").selectOption({ label: `Tempo 3k (${file})` });
    await ready(again);
    expect(await startedPlan(again)).toBe("Tempo 3k");

    // refused: not a workout, a built-in's name; then forgotten
    await again.locator("#upload").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{") });
    await again.waitForFunction(() => /^bad\.json: /.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 5000 });
    await again.locator("#upload").setInputFiles(json({ ...TEMPO, name: "Classic 5K" }, "dup.json"));
    await again.waitForFunction(() => /^dup\.json: a built-in workout is already called "Classic 5K"/.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 5000 });
    await again.locator("#forget-workout").click();
    await again.waitForFunction(() => /^forgot Tempo 3k/.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 30_000 });
    expect(await h(again, (k) => k.board().storage.list())).not.toContain(file);
    expect(await h(again, (k) => k.picked())).toBe("Classic 5K");
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});

describe("track files, on the board", () => {
  /** the first `minutes` of the Strava GPX export fixture, as a GPX file */
  function shortGpx(minutes: number): string {
    const gpx = readFileSync("tests/fixtures/runpandas_strava_export.gpx", "utf8");
    const pts = [...gpx.matchAll(/<trkpt[\s\S]*?<\/trkpt>/g)].map((m) => m[0]);
    const t0 = Date.parse(pts[0].match(/<time>(.*?)<\/time>/)![1]);
    const keep = pts.filter((p) => Date.parse(p.match(/<time>(.*?)<\/time>/)![1]) - t0 <= minutes * 60_000);
    const start = gpx.indexOf(pts[0]), end = gpx.indexOf(pts[pts.length - 1]) + pts[pts.length - 1].length;
    return gpx.slice(0, start) + keep.join("\n") + gpx.slice(end);
  }

  it("'file' without a file says so; the file picker loads one; a track that ends before the workout says 'track ended' at its own end", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(ctx, errors);
    await page.locator('input[name="src"][value="file"]').click();
    expect(await h(page, (k) => k.status())).toMatch(/^no track file yet: choose one/);
    expect(await page.locator('input[name="src"][value="bundled"]').isChecked()).toBe(true);

    await page.locator("#track-file").setInputFiles({ name: "short.gpx", mimeType: "application/gpx+xml", buffer: Buffer.from(shortGpx(12)) });
    await page.waitForFunction(() => / on short\.gpx: /.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 30_000 });
    expect(await page.locator("#file-name").textContent()).toMatch(/^short\.gpx \(\d+ points\)$/);
    expect(await page.locator('input[name="src"][value="file"]').isChecked()).toBe(true);
    await h(page, (k) => k.play(100));
    await page.waitForFunction(() => (window as unknown as { speedseq: Hooks }).speedseq.finished(), null, { timeout: 60_000, polling: 250 });
    const status = await h(page, (k) => k.status());
    // 10 s standing at the first fix, then 12 minutes of track (the last point at or before 12:00)
    expect(status).toMatch(/^track ended at 12:(0\d|10): short\.gpx has no more data; the workout had not finished \(\d+ steps logged\)$/);
    expect(status).not.toMatch(/session finished/);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe("the log view and the timeline, on the board", () => {
  it("shows the session log decoded, each raw line on demand, and a legend for the timeline's marks", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(ctx, errors);
    await h(page, (k) => k.advanceTo(11 * 60_000));
    const row = page.locator("#storage tbody tr", { hasText: "speedseq.log0" });
    await row.locator("button").click();
    const first = page.locator("#file-view .log-lines li").first();
    expect(await first.locator("summary").textContent()).toMatch(/^#1 header: Classic 5K, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(await page.locator("#file-view summary", { hasText: /step 0 warmup: from 0:00 for 10:00, \d+ m at \d:\d\d\/km/ }).count()).toBe(1);
    // the raw line appears when the line is opened
    const raw = first.locator("code");
    expect(await raw.isVisible()).toBe(false);
    await first.locator("summary").click();
    expect(await raw.textContent()).toMatch(/^H1,1,[0-9a-z]+,.*\*[0-9a-f]{8}$/);
    const legend = await page.locator("#mark-legend").textContent();
    for (const t of ["step start", "buzz pattern", "event", "now"]) expect(legend).toContain(t);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});
