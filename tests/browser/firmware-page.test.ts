// The emulator page on its two engines, in Debian's Chromium. With the firmware files: the page
// runs the app on the real Bangle.js 2 firmware in a Web Worker, says so, plays the default
// session at full speed past its first buzzes (the same ones the board's headless run gives),
// faster than real time, with the run screen drawn and no console errors. With an empty firmware
// folder: the page runs on the board and says how to get the firmware. On the firmware too: a
// BTN1 click at full speed is a click in watch time, BTN1 on the list leaves the app and the page
// says so, and an uploaded workout (below the list's first screen) is on the watch, started from
// the picker, and still there after another workout is picked. The firmware cases skip with one
// line without the files, unless SPEEDSEQ_REQUIRE_FIRMWARE=1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "./chromium";
import { buildPage, serve } from "../../scripts/serve.mjs";
import { runDefault } from "../../emulator/simulate";
import { firmwareDir, firmwareRequired, MISSING } from "../../emulator/firmware/node";
import { appFilesFrom } from "../../emulator/page/fw-session";
import { appFiles } from "../../tools/appfiles.mjs";
import { readFile } from "node:fs/promises";
import { decodeLog } from "../../src/engine/log/decode";
import { buzzPatterns } from "../../emulator/session";
import { crc32 } from "../../src/sim/crc";

type Buzz = { tMs: number; ms: number; strength: number };
type Hooks = {
  ready: boolean;
  engine(): string;
  now(): number;
  achieved(): number;
  play(speed: number): void;
  pause(): void;
  screen(): number[];
  status(): string;
  picked(): string;
  advanceTo(t: number): Promise<void>;
  presses(): { downMs: number; upMs?: number }[];
  fw(): { imageCached: boolean; version: string; buzzes: Buzz[]; errors: string[]; log?: string; files: { name: string }[] } | undefined;
};

const present = !!firmwareDir();
if (!present && !firmwareRequired()) console.log(MISSING);
const describeFw = present ? describe : firmwareRequired() ? (n: string, _f: () => void) => describe(n, () => it("needs the firmware", () => { throw new Error(MISSING); })) : describe.skip;

let browser: Browser;
const servers: Server[] = [];
const empty = mkdtempSync(join(tmpdir(), "speedseq-nofw-"));

async function serveWith(firmwareDir?: string): Promise<string> {
  const server = (await serve(0, "127.0.0.1", firmwareDir ? { firmwareDir } : {})) as Server;
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function openPage(ctx: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { speedseq?: Hooks }).speedseq?.ready === true, null, { timeout: 120_000, polling: 250 });
  return page;
}

/** pixels that differ from the screen's most common colour */
function inked(rgba: number[]): number {
  const count = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    const c = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    count.set(c, (count.get(c) ?? 0) + 1);
  }
  return rgba.length / 4 - Math.max(...count.values());
}

beforeAll(async () => {
  await buildPage();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  rmSync(empty, { recursive: true, force: true });
});

describe("the page's firmware Worker installs what the App Loader would", () => {
  it("appFilesFrom (over fetch) gives tools/appfiles.mjs's files, byte for byte", async () => {
    const viaFetch = await appFilesFrom((u) => readFile(u, "latin1"), "apps/speedseq/");
    expect(viaFetch).toEqual(appFiles("apps/speedseq"));
  });
});

describe("emulator page without the firmware files", () => {
  it("runs on the board and says how to get the firmware", async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await openPage(ctx, await serveWith(empty), errors);
    expect(await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.engine())).toBe("board");
    expect(await page.locator("#engine-name").textContent()).toMatch(/^board/);
    const note = page.locator("#fw-howto");
    expect(await note.isVisible()).toBe(true);
    const text = (await note.textContent())!.replace(/\s+/g, " ");
    for (const f of ["emulator_banglejs2.js", "emu_banglejs2.js", "common.js", "EspruinoWebIDE", "emu/", "SPEEDSEQ_FIRMWARE_DIR"]) expect(text).toContain(f);
    expect(await page.locator('#engine option[value="firmware"]').isDisabled()).toBe(true);
    // and the board plays as before
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.play(100));
    await page.waitForFunction(() => (window as unknown as { speedseq: Hooks }).speedseq.now() > 30_000, null, { timeout: 60_000, polling: 250 });
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describeFw("emulator page on the real firmware", () => {
  let ctx: BrowserContext;
  let url: string;
  beforeAll(async () => {
    url = await serveWith();
    // one context: the second page finds the factory image the first one kept in IndexedDB
    ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  });
  afterAll(async () => ctx?.close());

  it("says which engine it runs, and a tap on the screen reaches the app", async () => {
    const errors: string[] = [];
    const page = await openPage(ctx, url, errors);
    const hooks = () => page.evaluate(() => { const h = (window as unknown as { speedseq: Hooks }).speedseq; return { engine: h.engine(), fw: h.fw() }; });
    const h = await hooks();
    expect(h.engine).toBe("firmware");
    expect(h.fw!.imageCached).toBe(false);
    // 2v29.74 here; a newer download of the same build says its own version
    expect(h.fw!.version).toMatch(/^2v\d+(\.\d+)?$/);
    expect(await page.locator("#engine-name").textContent()).toBe(`real firmware ${h.fw!.version}`);
    expect(await page.locator("#fw-howto").isVisible()).toBe(false);
    expect(h.fw!.files.map((f) => f.name)).toEqual(expect.arrayContaining(["speedseq.app.js", "speedseq.info", "zhost.boot.js", "welcome.json"]));
    // paused before the path's own tap: the workout list; tap its first row (Classic 5K) on the canvas
    await page.waitForFunction(() => {
      const s = (window as unknown as { speedseq: Hooks }).speedseq.screen();
      for (let i = 4; i < s.length; i += 4) if (s[i] !== s[0] || s[i + 1] !== s[1] || s[i + 2] !== s[2]) return true;
      return false;
    }, null, { timeout: 15_000, polling: 100 });
    const before = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.screen());
    expect(inked(before)).toBeGreaterThan(300);
    await page.locator("#screen").click({ position: { x: 88 * 2, y: 64 * 2 } });
    await page.waitForFunction((b) => { const s = (window as unknown as { speedseq: Hooks }).speedseq.screen(); return s.some((v, i) => v !== b[i]); }, before, { timeout: 15_000, polling: 100 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("plays the default session at full speed, faster than real time, buzzing as the board does, with no console errors", async () => {
    const board = await runDefault();
    const errors: string[] = [];
    const page = await openPage(ctx, url, errors);
    // the first page made the factory image; this one booted from the copy in IndexedDB
    expect(await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.fw()!.imageCached)).toBe(true);
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.play(Infinity));
    // past the first four buzzes (the end of the warm-up and the first stride, 10:07 and 10:36)
    const untilMs = board.buzzes[3].tMs + 5000;
    await page.waitForFunction((t) => (window as unknown as { speedseq: Hooks }).speedseq.now() > t, untilMs, { timeout: 240_000, polling: 250 });
    const achieved = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.achieved());
    const shown = await page.locator("#achieved").textContent();
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.pause());
    console.log(`firmware page: ${shown} at ${Math.round(untilMs / 60000)} emulated min`);
    expect(achieved).toBeGreaterThan(1);
    expect(shown).toMatch(/^[\d.]+× real time$/);
    const fw = (await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.fw()))!;
    // the firmware lists a buzz when the app asks for it, the board when the motor starts: same buzzes, within a second
    const first = fw.buzzes.filter((b) => b.tMs <= board.buzzes[3].tMs + 1000);
    expect(first.map((b) => [b.ms, b.strength])).toEqual(board.buzzes.slice(0, 4).map((b) => [b.ms, b.strength]));
    first.forEach((b, i) => expect(Math.abs(b.tMs - board.buzzes[i].tMs)).toBeLessThan(1000));
    // listed as patterns by name: the firmware build's spacing (the next pulse a pause after the ask) is recognised too
    const patterns = buzzPatterns(fw.buzzes);
    expect(patterns.every((p) => p.id >= 0)).toBe(true);
    expect(await page.locator("#buzzes li").count()).toBe(patterns.length);
    // the session runs: its log on the watch, the run screen drawn
    expect(fw.log).toMatch(/^H[0-9a-z]+,/);
    const screen = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.screen());
    expect(inked(screen)).toBeGreaterThan(1500);
    expect(fw.errors).toEqual([]);
    // BTN1 at full speed: a 120 ms click is about 120 ms of watch time (watch time runs at real speed while it is down)
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.play(Infinity));
    await page.locator("#btn1").click({ delay: 120 });
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.pause());
    const presses = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.presses());
    expect(presses).toHaveLength(1);
    expect(presses[0].upMs! - presses[0].downMs).toBeGreaterThan(50);
    expect(presses[0].upMs! - presses[0].downMs).toBeLessThan(1000);
    await page.screenshot({ path: "test-results/emulator-page-firmware.png" });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("BTN1 on the workout list leaves the app (its back is load()), and the page says the watch shows the clock", async () => {
    const errors: string[] = [];
    const page = await openPage(ctx, url, errors);
    expect(await page.locator("#watch-state").textContent()).toBe("");
    await page.locator("#btn1").click({ delay: 80 });
    await page.waitForFunction(() => /The app has left/.test(document.getElementById("watch-state")!.textContent!), null, { timeout: 30_000, polling: 250 });
    expect(await page.locator("#watch-state").textContent()).toMatch(/the watch runs \w+\.app\.js/);
    expect(await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.status())).toMatch(/^the app has left at \d+:\d\d/);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("an uploaded workout is on the watch after the restart, starts from the picker through the list's second screen, and stays when another is picked", async () => {
    const errors: string[] = [];
    const page = await openPage(ctx, url, errors);
    const tempo = { v: 1, name: "Tempo 3k", steps: [{ kind: "warmup", end: { time: 300 } }, { kind: "work", end: { dist: 3000 }, pace: { race: 10000 } }] };
    await page.locator("#upload").setInputFiles({ name: "tempo.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tempo)) });
    await page.waitForFunction(() => /^uploaded tempo\.json/.test((window as unknown as { speedseq: Hooks }).speedseq.status()), null, { timeout: 120_000, polling: 250 });
    const file = (await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.status())).match(/speedseq\.w[0-9a-z]+\.json/)![0];
    const started = async () => {
      // the start path is through by 8 s
      await page.evaluate(async () => (window as unknown as { speedseq: Hooks }).speedseq.advanceTo(12_000));
      const log = (await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.fw()))!.log;
      const head = log ? decodeLog(log, crc32).recs.find((r) => r.k === "H") : undefined;
      return head && head.k === "H" ? head.plan : undefined;
    };
    const files = async () => (await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.fw()))!.files.map((f) => f.name);
    expect(await files()).toContain(file);
    expect(await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.picked())).toBe("Tempo 3k");
    // row 6 of 7: the firmware shows three rows, so the path drags the list first
    expect(await started()).toBe("Tempo 3k");
    await page.locator("#workout").selectOption({ label: "4x1km" });
    await page.waitForFunction(() => (window as unknown as { speedseq: Hooks }).speedseq.ready === true, null, { timeout: 120_000, polling: 250 });
    expect(await started()).toBe("4x1km");
    expect(await files()).toContain(file);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
