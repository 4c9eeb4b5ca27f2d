// Shared by the phone app's tests: a fresh build of the app in a temporary folder (so test files
// running side by side never share one), a server for it (the same route and bridge `npm start`
// uses, scripts/phone.mjs), Chromium through playwright-core, and session logs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "../browser/chromium";
import { buildPhone, phoneRoute } from "../../scripts/phone.mjs";
import { LogWriter } from "../../src/engine/log/encode";
import { headFields, stepFields, eventFields, rpeFields, endFields } from "../log/recs";
import { crc32 } from "../../src/sim/crc";
import type { Watch } from "../../emulator/firmware/watch";
import type { Hooks } from "../../src/phone/app";
// the entries and the worker, type-checked with the tests (tsconfig.json lists no src/phone)
import type {} from "../../src/phone/main";
import type {} from "../../src/phone/interface";
import type {} from "../../src/phone/sw";

export const FIXTURE = readFileSync("tests/fixtures/speedseq-classic5k.log", "latin1");

export interface PhoneServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** the PWA's folder */
  dir: string;
  /** the built interface.html */
  iface: string;
  server: Server;
  /** extra routes (path → body and type) */
  extra: Record<string, { body: string; type: string }>;
  /** stops the server at once, open connections included (a real "offline") */
  stop(): Promise<void>;
}

/**
 * A test file's phone server and Chromium: started before its tests, closed after them. Read
 * env.browser and env.srv inside the tests (they are set once beforeAll has run).
 */
export function phoneEnv(): { browser: Browser; srv: PhoneServer } {
  const env = {} as { browser: Browser; srv: PhoneServer };
  beforeAll(async () => {
    env.srv = await phoneServer();
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}

/** builds the app into a temporary folder and serves it as `npm start` does, at /phone/ */
export async function phoneServer(o: { fit?: boolean } = {}): Promise<PhoneServer> {
  const tmp = mkdtempSync(join(tmpdir(), "speedseq-phone-"));
  const dir = join(tmp, "phone");
  const iface = join(tmp, "interface.html");
  await buildPhone({ out: dir, fit: o.fit ?? true, iface });
  const extra: PhoneServer["extra"] = {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    try {
      if (await phoneRoute(req, res, path, dir)) return;
      if (path === "/apps/speedseq/interface.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(iface));
        return;
      }
      if (path === "/apps/speedseq/app.png") {
        res.writeHead(200, { "content-type": "image/png" }).end(readFileSync("apps/speedseq/app.png"));
        return;
      }
      const x = extra[path];
      if (x) {
        res.writeHead(200, { "content-type": x.type }).end(x.body);
        return;
      }
    } catch {
      // fall through
    }
    if (!res.headersSent) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    dir,
    iface,
    server,
    extra,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(tmp, { recursive: true, force: true });
          r();
        });
      }),
  };
}

type W = { speedseqPhone?: Hooks };

/** a page of the app with its errors collected; resolves when the app says it is ready */
export async function openPhone(ctx: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  watchErrors(page, errors);
  await page.goto(url);
  await ready(page);
  return page;
}

export function watchErrors(page: Page, errors: string[]): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
}

export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as W).speedseqPhone?.ready === true, null, { timeout: 30_000 });
}

/** the session list's rows: [data-id, cell texts] */
export async function listRows(page: Page): Promise<{ id: string; cells: string[] }[]> {
  return page.$$eval("#sessions tbody tr", (trs) =>
    trs.map((tr) => ({ id: tr.getAttribute("data-id") ?? "", cells: Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "") })));
}

/** picks files in the import input as the runner would (name, content as bytes) */
export async function importFiles(page: Page, files: { name: string; text: string }[]): Promise<string> {
  await page.evaluate(() => document.getElementById("import-status")?.replaceChildren());
  await page.setInputFiles("#import", files.map((f) => ({ name: f.name, mimeType: "text/plain", buffer: Buffer.from(f.text, "latin1") })));
  await page.waitForFunction((n) => document.querySelectorAll("#import-status > div").length === n, files.length);
  return (await page.textContent("#import-status")) ?? "";
}

/** a session log written with the project's LogWriter: header, steps with track, a flag, an end and an RPE */
export function makeLog(o: { plan: string; goal?: string; version?: string; startMs?: number; steps?: number }): string {
  const w = new LogWriter(crc32, 0);
  let out = w.rec(headFields(o.startMs ?? 1_710_000_000_000, o.plan, 0x12345678, o.version ?? "0.01", o.goal));
  let t = 0;
  let lat = 51.5;
  const n = o.steps ?? 3;
  for (let i = 0; i < n; i++) {
    const dur = 120;
    for (let j = 0; j < dur; j += 5) {
      lat += 0.0001;
      const l = w.add(t + j, lat, -0.12);
      if (l) out += l;
    }
    const f = w.flush();
    if (f) out += f;
    if (i === 1) out += w.rec(eventFields(t * 1000 + 30_000, "paceSlow", 330));
    out += w.rec(stepFields(i, i % 2 ? "recovery" : "work", i % 2 ? 0 : (i >> 1) + 1, t * 1000, dur * 1000, 400, 300, 150, 160, 170, "time", 0, 0));
    t += dur;
  }
  out += w.rec(endFields(t * 1000, n * 400, "ended"));
  out += w.rec(rpeFields(7, -1));
  return out;
}

/** writes a session log on the watch as the app does: a StorageFile, appended in pieces */
export function writeLog(w: Watch, name: string, text: string): void {
  w.exec(`var __f=require("Storage").open(${JSON.stringify(name)},"w")`);
  for (let i = 0; i < text.length; i += 1000) w.exec(`__f.write(atob(${JSON.stringify(Buffer.from(text.substring(i, i + 1000), "latin1").toString("base64"))}))`);
  w.exec("delete __f");
}
