// apps/speedseq/custom.html in Debian's Chromium, as the App Loader opens it: served from the app
// folder, with a stub of the loader's core/lib/customize.js whose sendCustomizedApp keeps what it
// is given. The runner unticks built-ins, writes a workout (an error shown at its line and column
// first), starts one from a built-in, and uploads: the page must hand over exactly the files of
// tests/authoring/scenario.ts (which the firmware test installs). Its inlined authoring code must
// be src/authoring as it is now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launch } from "../browser/chromium";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { printWorkout } from "../../src/authoring/print";
import { pageBundle, withBundle, PAGE } from "../../scripts/workout.mjs";
import { CLASSIC_COPY, HILLS, PICKED, expectedFiles } from "./scenario";

const ORIGIN = "http://loader.test";
const STUB = "window.sendCustomizedApp = function (app) { window.__sent = JSON.parse(JSON.stringify(app)); };";

let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page: " + e.message));
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === ORIGIN && url.pathname === "/core/lib/customize.js") return route.fulfill({ contentType: "text/javascript", body: STUB });
    const m = url.origin === ORIGIN && url.pathname.match(/^\/apps\/speedseq\/([\w.-]+)$/);
    if (m) {
      try {
        return route.fulfill({ body: readFileSync(`apps/speedseq/${m[1]}`), contentType: m[1].endsWith(".html") ? "text/html" : "application/json" });
      } catch {
        /* falls through to the failure */
      }
    }
    problems.push("request: " + url.href);
    return route.fulfill({ status: 404, body: "" });
  });
});
afterAll(async () => browser?.close());

async function open(): Promise<void> {
  await page.goto(`${ORIGIN}/apps/speedseq/custom.html`);
  await page.waitForSelector("body[data-ready]");
}

describe("the App Loader's customise page", () => {
  it("carries src/authoring as it is now (npm run build:custom)", async () => {
    const html = readFileSync(PAGE, "utf8");
    expect(withBundle(html, await pageBundle()) === html, "apps/speedseq/custom.html is out of date: run npm run build:custom").toBe(true);
    // Garmin's SDK stays out of the app folder
    expect(html).not.toMatch(/Garmin|FIT_EPOCH|fitsdk/i);
  });

  it("lists the built-ins, checks workouts as they are typed, and hands the loader the chosen files", async () => {
    await open();
    const names = await page.$$eval("#builtins label", (ls) => ls.map((l) => (l.querySelector("input") as HTMLInputElement).value));
    expect(names).toEqual(TEMPLATES.map((t) => t.name));
    expect(await page.$$eval("#builtins input:checked", (l) => l.length)).toBe(TEMPLATES.length);
    for (const n of names) if (!PICKED.includes(n)) await page.uncheck(`#builtins input[value="${n}"]`);

    // a workout with an error: shown at its line and column, no upload
    await page.click("#add");
    const ta = page.locator(".workout textarea").nth(0);
    expect(await ta.inputValue()).toMatch(/^name: My workout\n/);
    await ta.fill(HILLS.replace("- 8m cool-down", "- 800m cool-down"));
    await expect(page.locator(".workout .errors li").first().textContent()).resolves.toBe(
      "10:3: a step lasts 1s to 4h (m means minutes: for metres write 800mtr)",
    );
    expect(await page.isDisabled("#upload")).toBe(true);
    expect(await page.textContent("#problem")).toBe("workout 1 has an error (shown under it)");
    // clicking the error puts the cursor on it
    await page.locator(".workout .errors li").first().click();
    expect(await ta.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe("800m");

    // fixed: the preview, with the goal's paces
    await ta.fill(HILLS);
    const pv = (await page.locator(".workout pre.preview").first().textContent())!;
    expect(pv).toContain("list row   Hills  (5/14 characters)");
    expect(pv).toContain("note       8 hill reps, walk down; HR / rest to finish");
    expect(pv).toContain('"plan 40:00" before the start, for a 5k in 25:00');
    expect(await page.isDisabled("#upload")).toBe(false);

    // one started from a built-in, and one more with a name taken (refused, then removed)
    await page.selectOption("#from", "Classic 5K");
    expect(await page.locator(".workout textarea").nth(1).inputValue()).toBe(printWorkout(CLASSIC_COPY));
    await page.click("#add");
    await page.locator(".workout textarea").nth(2).fill("name: Hills\n- 1m");
    expect(await page.textContent("#problem")).toBe('two workouts are named "Hills": the watch lists one workout per name, so rename one');
    expect(await page.isDisabled("#upload")).toBe(true);
    await page.locator(".workout").nth(2).getByText("Remove").click();
    expect(await page.locator(".workout").count()).toBe(2);

    await page.click("#upload");
    const sent = await page.evaluate(() => (window as unknown as { __sent: unknown }).__sent);
    expect(sent).toEqual({ storage: expectedFiles() });
    expect(problems).toEqual([]);
  });

  it("keeps the runner's choices for the next visit", async () => {
    await open();
    expect(await page.$$eval("#builtins input:checked", (l) => l.map((c) => (c as HTMLInputElement).value))).toEqual(PICKED);
    expect(await page.locator(".workout textarea").nth(0).inputValue()).toBe(HILLS);
    expect(await page.locator(".workout").count()).toBe(2);
    expect(problems).toEqual([]);
  });
});
