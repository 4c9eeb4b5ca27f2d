// The phone app syncing from the real firmware: SpeedSeq booted on a virtual Bangle.js 2 with a
// finished Classic 5K on its flash (tests/fixtures/speedseq-classic5k.log as speedseq.log0) and a
// second, shorter session (speedseq.log1); its console on a loopback port (emulator/firmware/
// tcp.ts, time following real time); the page in Chromium, over the server's bridge, as a runner
// with `npm run watch` would. The PWA lists both, shows the Classic 5K's splits and charts, a
// second sync changes nothing, and a sync with "delete" removes the older log from the watch
// and keeps the newest. The same through apps/speedseq/interface.html, with a stand-in for the
// App Loader's interface.js (its documented Puck.write/Puck.on, talking to the same bridge).
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeFw, fwApp, FW_TIMEOUT } from "../firmware/fw";
import { serveConsole, type ConsoleServer } from "../../emulator/firmware/tcp";
import type { Watch } from "../../emulator/firmware/watch";
import { phoneEnv, openPhone, listRows, makeLog, writeLog, FIXTURE, ready, watchErrors } from "./harness";
import { activityFromLog } from "../../src/export/index";
import { crc32 } from "../../src/sim/crc";
import type { Hooks } from "../../src/phone/app";

type W = { speedseqPhone: Hooks };

const env = phoneEnv();

const SECOND = makeLog({ plan: "Hill reps", startMs: 1_700_100_000_000, steps: 5 });

/** a watch running SpeedSeq with two finished sessions on flash, its console served */
async function watchWithLogs(): Promise<{ w: Watch; con: ConsoleServer }> {
  const w = await fwApp({ trace: false });
  writeLog(w, "speedseq.log0", FIXTURE);
  writeLog(w, "speedseq.log1", SECOND);
  expect(w.readStorageFile("speedseq.log0")).toBe(FIXTURE);
  const con = await serveConsole(w, 0);
  return { w, con };
}

async function sync(page: Page): Promise<NonNullable<Hooks["lastSync"]>> {
  await page.evaluate(() => { (window as unknown as W).speedseqPhone.lastSync = undefined; });
  await page.click("#sync");
  await page.waitForFunction(() => { const h = (window as unknown as W).speedseqPhone; return !h.busy && !!h.lastSync; }, null, { timeout: 120_000 });
  return page.evaluate(() => (window as unknown as W).speedseqPhone.lastSync!);
}

describeFw("the phone app syncs from the real firmware", () => {
  it("the PWA over the bridge: both sessions listed, the Classic 5K's splits and charts; again: unchanged; with delete: the older log goes, the newest stays", async () => {
    const { w, con } = await watchWithLogs();
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    try {
      const page = await openPhone(ctx, `${env.srv.url}phone/?bridge=${con.port}`, errors);
      expect(await page.isChecked("#t-bridge")).toBe(true);
      const rep = await sync(page);
      expect(rep.refused).toBeUndefined();
      expect(rep.files.map((f) => [f.name, f.status, f.error])).toEqual([["speedseq.log0", "saved", undefined], ["speedseq.log1", "saved", undefined]]);
      expect(rep.files[0].plan).toBe("Classic 5K");
      const stored = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
      expect(stored.map((s) => [s.plan, s.source, s.name])).toEqual([["Hill reps", "watch", "speedseq.log1"], ["Classic 5K", "watch", "speedseq.log0"]]);
      // the copies are the watch's files, byte for byte
      expect(stored[1].text).toBe(FIXTURE);
      expect(stored[0].text).toBe(SECOND);
      const rows = await listRows(page);
      expect(rows.map((r) => r.cells.slice(1, 5))).toEqual([
        ["Hill reps", "2.00 km", "10:00", "ended by the runner"],
        ["Classic 5K", "8.66 km", "44:52", "plan finished"],
      ]);
      expect(await page.textContent("#sync-report")).toContain("speedseq.log0");

      // the session page
      await page.click(`#sessions tr[data-id="${stored[1].id}"] a`);
      await page.waitForSelector("#splits");
      const a = activityFromLog(FIXTURE, crc32);
      const splits = await page.$$eval("#splits tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      expect(splits).toHaveLength(21);
      expect(splits.filter((r) => r[2] === "400 m at 4:50-5:00/km").map((r) => r[9])).toEqual(Array(6).fill("distance reached"));
      const charts = await page.evaluate(() => (window as unknown as W).speedseqPhone.charts());
      expect(charts.map((c) => [c.title, c.series[0], c.points, c.steps])).toEqual([
        ["Pace", "pace (min/km)", a.points.length, 21],
        ["Heart rate", "HR, step average (bpm)", a.points.length, 21],
        ["Cadence", "cadence, step average (steps/min)", a.points.length, 21],
      ]);
      expect(await page.$$eval(".chart canvas", (c) => c.length)).toBe(3);

      // again: the watch's manifests equal the kept copies, nothing is fetched or stored
      await page.click("a.back");
      await page.waitForSelector("#sync");
      const before = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
      const again = await sync(page);
      expect(again.files.map((f) => f.status)).toEqual(["unchanged", "unchanged"]);
      expect(await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list())).toEqual(before);

      // with delete: the older log is removed from the watch, the newest is never
      await page.check("#delete");
      const del = await sync(page);
      expect(del.files.map((f) => [f.name, f.status, f.deleted])).toEqual([["speedseq.log0", "unchanged", "deleted"], ["speedseq.log1", "unchanged", "newest"]]);
      await con.close();
      expect(w.list("/^speedseq\\.log/,{sf:true}")).toEqual(["speedseq.log1"]);
      expect(await page.evaluate(() => (window as unknown as W).speedseqPhone.store.count())).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await con.close();
    }
  }, FW_TIMEOUT);

  it("apps/speedseq/interface.html, inside a stand-in App Loader, syncs over the loader's Puck", async () => {
    const { w, con } = await watchWithLogs();
    // the loader's interface.js as its documentation describes it: Puck.write(data, cb),
    // Puck.on("data", cb), onInit(device) once loaded; here the loader's link is the bridge
    env.srv.extra["/core/lib/interface.js"] = {
      type: "text/javascript",
      body: `
        var Puck = (function () {
          var handlers = [], link = null, queue = [];
          var es = new EventSource("/phone/bridge/rx?port=${con.port}");
          es.addEventListener("open-link", function (e) { link = e.data; queue.splice(0).forEach(send); });
          es.onmessage = function (e) { var s = atob(e.data); handlers.forEach(function (h) { h(s); }); };
          var chain = Promise.resolve();
          function send(d) { chain = chain.then(function () { return fetch("/phone/bridge/tx?id=" + link, { method: "POST", body: btoa(d) }); }); }
          window.__writes = 0;
          return {
            write: function (d, cb) { window.__writes++; if (link) send(d); else queue.push(d); if (cb) setTimeout(function () { cb(""); }, 300); },
            on: function (ev, cb) { if (ev === "data") handlers.push(cb); },
          };
        })();
        window.addEventListener("load", function () { if (typeof onInit !== "undefined") onInit({ id: "BANGLEJS2", version: "2v29.74" }); });
      `,
    };
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    try {
      const page = await ctx.newPage();
      watchErrors(page, errors);
      await page.goto(`${env.srv.url}apps/speedseq/interface.html`);
      await ready(page);
      expect(await page.textContent("#device")).toBe("Connected in the App Loader: BANGLEJS2 2v29.74");
      expect(await page.isChecked("#t-loader")).toBe(true);
      const rep = await sync(page);
      expect(rep.files.map((f) => [f.name, f.status, f.error])).toEqual([["speedseq.log0", "saved", undefined], ["speedseq.log1", "saved", undefined]]);
      expect(await page.evaluate(() => (window as unknown as { __writes: number }).__writes)).toBeGreaterThan(4);
      const rows = await listRows(page);
      expect(rows.map((r) => r.cells[1])).toEqual(["Hill reps", "Classic 5K"]);
      await page.click(`#sessions tr[data-id="${rows[1].id}"] a`);
      await page.waitForSelector("#splits");
      expect(await page.$$eval("#splits tbody tr", (t) => t.length)).toBe(21);
      // no FIT in the App Loader's copy
      expect(await page.isDisabled("button[data-format=fit]")).toBe(true);
      expect(errors).toEqual([]);
      expect(w.list("/^speedseq\\.log/,{sf:true}")).toEqual(["speedseq.log0", "speedseq.log1"]);
    } finally {
      await ctx.close();
      await con.close();
      delete env.srv.extra["/core/lib/interface.js"];
    }
  }, FW_TIMEOUT);
});
