// The emulator page on the board engine (?engine=board) in Debian's Chromium: it loads without
// console errors, plays the default session (Classic 5K on the bundled recording) at 100x to the
// end, buzzes exactly as the headless run of the same driver in Node (listed as its patterns, by
// name), says when the session finished by the session's own clock, and shows the rep and
// recovery screens of the goldens (firmware-page.test.ts covers the firmware engine, and
// page-controls.test.ts the page's controls).
// UPDATE_GOLDENS=1 rewrites tests/browser/goldens/*.png from the Node board (the App Loader
// screenshots are the real firmware's: tests/firmware/screenshots.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { PNG } from "pngjs";
import { launch } from "./chromium";
import { buildPage, serve } from "../../scripts/serve.mjs";
import { runDefault, type HeadlessResult } from "../../emulator/simulate";
import { buzzPatterns } from "../../emulator/session";
import { fmtTime } from "../../src/engine/format";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";

const GOLDENS = "tests/browser/goldens";
let server: Server;
let browser: Browser;
let url: string;
let headless: HeadlessResult;

type Hooks = {
  ready: boolean;
  finished(): boolean;
  status(): string;
  play(speed: number): void;
  advanceTo(t: number): Promise<void>;
  board(): { buzzes: { tMs: number; ms: number; strength: number }[]; toRGBA(): Uint8ClampedArray; now(): number };
};

async function openPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(`${url}?engine=board`);
  await page.waitForFunction(() => (window as unknown as { speedseq?: Hooks }).speedseq?.ready === true, null, { timeout: 30_000 });
  return page;
}

beforeAll(async () => {
  await buildPage();
  server = (await serve(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launch();
  headless = await runDefault();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** board ms 5 s into the first work step and into the recovery after it, from the headless log */
function screenTimes(): { rep: number; recovery: number } {
  const steps = decodeLog(headless.log!.text, crc32).recs.filter((r) => r.k === "S");
  const rep = steps.find((s) => s.k === "S" && s.kind === "work")!;
  const rec = steps.find((s) => s.k === "S" && s.kind === "recovery" && s.idx > (rep.k === "S" ? rep.idx : 0))!;
  const at = (s: typeof rep) => headless.sessionStartMs + (s.k === "S" ? s.startMs : 0) + 5000;
  return { rep: at(rep), recovery: at(rec) };
}

function toPng(rgba: Uint8ClampedArray): Buffer {
  const png = new PNG({ width: 176, height: 176 });
  png.data.set(rgba);
  return PNG.sync.write(png);
}

describe("emulator page", () => {
  it("the headless run of the default session finishes with buzzes and a session log", () => {
    expect(headless.errors).toEqual([]);
    expect(headless.log, "the app wrote a session log").toBeDefined();
    expect(headless.buzzes.length).toBeGreaterThan(10);
  });

  it("plays the default session at 100x with no console errors, buzzing exactly as the headless run", async () => {
    const errors: string[] = [];
    const page = await openPage(errors);
    await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.play(100));
    await page.waitForFunction(() => (window as unknown as { speedseq: Hooks }).speedseq.finished(), null, { timeout: 120_000, polling: 500 });
    const buzzes = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.board().buzzes.map((b) => ({ tMs: b.tMs, ms: b.ms, strength: b.strength })));
    expect(buzzes).toEqual(headless.buzzes);
    // the list on the page shows every buzz, as the patterns they make, by name
    const patterns = buzzPatterns(headless.buzzes);
    const rows = await page.locator("#buzzes li").allTextContents();
    expect(rows.length).toBe(patterns.length);
    expect(rows.length).toBeLessThan(headless.buzzes.length);
    rows.forEach((r, i) => expect(r).toContain(`  ${patterns[i].name}  `));
    // the finish as the session's log has it (the page's own frame is seconds later at 100x)
    const recs = decodeLog(headless.log!.text, crc32).recs;
    const end = recs.find((r) => r.k === "E")!;
    if (end.k !== "E") throw new Error("no end record");
    const at = headless.sessionStartMs + end.durMs;
    const clock = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;
    const status = await page.evaluate(() => (window as unknown as { speedseq: Hooks }).speedseq.status());
    expect(status).toMatch(new RegExp(`^session finished at ${clock(at)} watch time: ${fmtTime(Math.round(end.durMs / 1000))} of session, ${(end.distM / 1000).toFixed(2)} km, workout done; ${patterns.length} buzz patterns$`));
    await page.screenshot({ path: "test-results/emulator-page.png" });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("the rep and recovery screens match the goldens, pixel for pixel, in the page and in Node", async () => {
    const t = screenTimes();
    const node = await runDefault({ screensAt: [t.rep, t.recovery] });
    const errors: string[] = [];
    const page = await openPage(errors);
    const pageScreens: number[][] = [];
    for (const at of [t.rep, t.recovery]) {
      pageScreens.push(await page.evaluate(async (tMs) => {
        const h = (window as unknown as { speedseq: Hooks }).speedseq;
        await h.advanceTo(tMs);
        return [...h.board().toRGBA()];
      }, at));
    }
    ["rep", "recovery"].forEach((name, i) => {
      const file = `${GOLDENS}/${name}.png`;
      if (process.env.UPDATE_GOLDENS === "1" || !existsSync(file)) {
        mkdirSync(GOLDENS, { recursive: true });
        writeFileSync(file, toPng(node.screens[i]));
      }
      const golden = PNG.sync.read(readFileSync(file)).data;
      expect(Buffer.from(node.screens[i]).equals(golden), `${name}: Node board differs from ${file}`).toBe(true);
      expect(Buffer.from(Uint8ClampedArray.from(pageScreens[i])).equals(golden), `${name}: page board differs from ${file}`).toBe(true);
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
