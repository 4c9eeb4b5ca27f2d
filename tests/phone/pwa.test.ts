// The phone app in Debian's Chromium, without a watch: importing a log (twice = one session; a
// longer copy of the same session replaces the shorter), the session page (splits against the
// built-in plan's targets, charts, flags, RPE), exports as downloads equal to src/export's files,
// a log whose texts are HTML shown as text, the store's v1 → v2 upgrade, and the app reopening
// its sessions offline from the service worker's cache. Also: the committed
// apps/speedseq/interface.html is what the build makes now.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Download, Page } from "playwright-core";
import { phoneEnv, phoneServer, openPhone, listRows, importFiles, makeLog, FIXTURE, ready, watchErrors } from "./harness";
import { activityFromLog, toTcx, toGpx, toStepsCsv, toPointsCsv } from "../../src/export/index";
import { toFit } from "../../src/export/fit";
import { crc32 } from "../../src/sim/crc";
import { decodeLog } from "../../src/engine/log/decode";
import { viewOf } from "../../src/phone/session";
import type { Hooks } from "../../src/phone/app";

type W = { speedseqPhone: Hooks; __xss?: number };

const env = phoneEnv();

const count = (page: Page) => page.evaluate(() => (window as unknown as W).speedseqPhone.store.count());

describe("the phone app: import, list, session page, exports", () => {
  it("importing the same log twice keeps one session and changes nothing the second time", async () => {
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    expect(await page.textContent("#sessions")).toContain("No sessions yet");
    expect(await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }])).toContain("added");
    const first = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
    expect(first).toHaveLength(1);
    expect(await importFiles(page, [{ name: "copy-of-log0.log", text: FIXTURE }])).toContain("already here, nothing changed");
    const second = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
    // the record is exactly as before: not rewritten, not renamed
    expect(second).toEqual(first);
    expect(await count(page)).toBe(1);
    const rows = await listRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0].cells[1]).toBe("Classic 5K");
    expect(rows[0].cells[2]).toBe("8.66 km");
    expect(rows[0].cells[3]).toBe("44:52");
    expect(rows[0].cells[4]).toBe("plan finished");
    expect(rows[0].cells[5]).toBe("6");
    // a different session is a second row
    await importFiles(page, [{ name: "other.log", text: makeLog({ plan: "Hill reps" }) }]);
    expect(await count(page)).toBe(2);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a longer copy of a session (the same header) replaces the shorter one; the shorter one after it changes nothing", async () => {
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    const lines = FIXTURE.split("\n");
    const half = lines.slice(0, Math.floor(lines.length / 2)).join("\n") + "\n";
    expect(await importFiles(page, [{ name: "half.log", text: half }])).toContain("added");
    expect((await listRows(page))[0].cells[4]).toBe("not closed");
    expect(await importFiles(page, [{ name: "whole.log", text: FIXTURE }])).toContain("updated");
    expect(await importFiles(page, [{ name: "half-again.log", text: half }])).toContain("nothing changed");
    expect(await count(page)).toBe(1);
    const s = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
    expect(s[0].text).toBe(FIXTURE);
    expect(s[0].name).toBe("whole.log");
    expect((await listRows(page))[0].cells[4]).toBe("plan finished");
    // a file that is no session log is refused
    expect(await importFiles(page, [{ name: "notes.txt", text: "hello\n" }])).toContain("not a SpeedSeq session log");
    expect(await count(page)).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("the session page: splits against the built-in plan's targets, why each step ended, flags, RPE, and the charts' series", async () => {
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }]);
    await page.click("#sessions tbody tr a");
    await page.waitForSelector("#splits");
    expect(await page.textContent("#session-title")).toBe("Classic 5K");
    const a = activityFromLog(FIXTURE, crc32);
    const rows = await page.$$eval("#splits tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
    expect(rows).toHaveLength(a.laps.length);
    expect(rows).toHaveLength(21);
    // [#, step, target, time, distance, pace, vs target, HR, cadence, ended by, flags, RPE]
    expect(rows[0].slice(0, 5)).toEqual(["1", "Warm-up", "10:00", "10:00", "1937 m"]);
    expect(rows[0][9]).toBe("time reached");
    expect(rows[0][10]).toBe("paused");
    expect(rows[1].slice(1, 3)).toEqual(["Stride", "100 m"]);
    expect(rows[1][9]).toBe("distance reached");
    expect(rows[2].slice(1, 3)).toEqual(["Walk/jog", "1:00"]);
    // the reps: 400 m at 5K pace (25:00 goal: 5:00/km) less 5 s/km, ± 5 s
    const reps = rows.filter((r) => r[1] === "400");
    expect(reps).toHaveLength(6);
    for (const r of reps) expect(r[2]).toBe("400 m at 4:50-5:00/km");
    expect(reps[0][5]).toBe("4:30");
    expect(reps[0][6]).toBe("fast");
    expect(reps[0][10]).toBe("paceFast");
    expect(reps[1][11]).toBe("6"); // the rep's own RPE (step idx 11)
    expect(reps[5][6]).toBe("slow");
    expect(reps[5][10]).toBe("paceFast|paceSlow|cadDrop|formFade");
    expect(rows[20].slice(1, 3)).toEqual(["Cool-down", "10:00"]);
    const facts = await page.textContent(".facts");
    expect(facts).toContain("6 / 10");
    expect(facts).toContain("5000m 25:00");
    expect(facts).toContain("plan finished");
    // the flags table lists every event line
    const events = viewOf(FIXTURE).events;
    expect(await page.$$eval("#flags tr", (t) => t.length)).toBe(events.length);
    // the charts: pace, HR, cadence over the track's points, every step marked, every flag
    const charts = await page.evaluate(() => (window as unknown as W).speedseqPhone.charts());
    expect(charts.map((c) => c.title)).toEqual(["Pace", "Heart rate", "Cadence"]);
    expect(charts.map((c) => c.series)).toEqual([["pace (min/km)"], ["HR, step average (bpm)"], ["cadence, step average (steps/min)"]]);
    for (const c of charts) {
      expect(c.points).toBe(a.points.length);
      expect(c.steps).toBe(21);
      expect(c.flags).toBe(events.length);
    }
    expect(charts[0].values).toBe(a.points.filter((p) => p.speed > 0.8).length);
    expect(charts[1].values).toBe(a.points.filter((p) => p.hr > 0).length);
    expect(charts[0].values).toBeGreaterThan(400);
    // each chart drew its line: the canvas has the series' colour on it
    const inked = await page.$$eval(".chart canvas", (cs) =>
      (cs as HTMLCanvasElement[]).map((c) => {
        const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (Math.abs(d[i] - d[i + 1]) > 60 || Math.abs(d[i + 1] - d[i + 2]) > 60)) n++;
        return n;
      }));
    expect(inked).toHaveLength(3);
    for (const n of inked) expect(n).toBeGreaterThan(300);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a log whose track carries HR and cadence: the charts draw each point's values, labelled as such", async () => {
    const text = readFileSync("tests/fixtures/speedseq-classic5k-hr.log", "latin1");
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    await importFiles(page, [{ name: "speedseq.log0", text }]);
    await page.click("#sessions tbody tr a");
    await page.waitForSelector("#splits");
    const charts = await page.evaluate(() => (window as unknown as W).speedseqPhone.charts());
    expect(charts.map((c) => c.series)).toEqual([["pace (min/km)"], ["HR (bpm)"], ["cadence (steps/min)"]]);
    // the series are the track's own values: one per point that has one
    const track = decodeLog(text, crc32).track;
    expect(charts[1].points).toBe(track.length);
    expect(charts[1].values).toBe(track.filter((p) => p.bpm! > 0).length);
    expect(charts[2].values).toBe(track.filter((p) => p.spm! > 0 && p.spm! <= 400).length);
    const c = viewOf(text).charts!;
    expect(c.perPoint).toBe(true);
    expect(c.hr).toEqual(track.map((p) => (p.bpm! > 0 ? p.bpm : null)));
    // within the warm-up alone HR climbs: not a step's flat average
    const warm = c.hr.slice(0, 60).filter((x): x is number => x !== null);
    expect(Math.max(...warm) - Math.min(...warm)).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("export buttons download FIT, TCX, GPX and CSV files equal to src/export's", async () => {
    const ctx = await env.browser.newContext({ acceptDownloads: true });
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }]);
    await page.click("#sessions tbody tr a");
    await page.waitForSelector("#splits");
    const a = activityFromLog(FIXTURE, crc32);
    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    for (const [f, n] of [["tcx", 1], ["gpx", 2], ["fit", 3], ["csv", 5]] as const) {
      await page.click(`button[data-format=${f}]`);
      await expect.poll(() => downloads.length).toBe(n);
    }
    const got: Record<string, Buffer> = {};
    for (const d of downloads) {
      const chunks: Buffer[] = [];
      for await (const c of (await d.createReadStream())!) chunks.push(c as Buffer);
      got[d.suggestedFilename()] = Buffer.concat(chunks);
    }
    const names = Object.keys(got).sort();
    // times are shown in the browser's zone: the name's date part is the runner's local start
    expect(names.every((n) => /^speedseq-\d{8}-\d{4}-Classic_5K\.(fit|tcx|gpx|steps\.csv|points\.csv)$/.test(n))).toBe(true);
    expect(names).toHaveLength(5);
    const by = (suffix: string) => got[names.find((n) => n.endsWith(suffix))!];
    expect(by(".tcx").toString("utf8")).toBe(toTcx(a));
    expect(by(".gpx").toString("utf8")).toBe(toGpx(a));
    expect(by(".steps.csv").toString("utf8")).toBe(toStepsCsv(a));
    expect(by(".points.csv").toString("utf8")).toBe(toPointsCsv(a));
    expect(Buffer.compare(by(".fit"), Buffer.from(toFit(a)))).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe("log content is text, never markup", () => {
  it("a workout name, goal and version holding HTML show as those characters and run nothing", async () => {
    const ctx = await env.browser.newContext({ acceptDownloads: true });
    const errors: string[] = [];
    const page = await openPhone(ctx, env.srv.url + "phone/", errors);
    const name = '<img src=x onerror="window.__xss=1">';
    const goal = "</td><script>window.__xss=2</script>";
    const version = "<b onmouseover=window.__xss=3>0.01</b>";
    const log = makeLog({ plan: name, goal, version });
    // the log codec carries them as they are
    expect(viewOf(log).summary.plan).toBe(name);
    await importFiles(page, [{ name: "<svg onload=window.__xss=4>.log", text: log }]);
    const rows = await page.$$eval("#sessions tbody tr td a", (as) => as.map((a) => a.textContent));
    expect(rows).toEqual([name]);
    expect(await page.textContent("#import-status")).toContain("<svg onload=window.__xss=4>.log: added");
    await page.click("#sessions tbody tr a");
    await page.waitForSelector("#splits");
    expect(await page.textContent("#session-title")).toBe(name);
    const facts = (await page.textContent(".facts")) ?? "";
    expect(facts).toContain(goal);
    expect(facts).toContain(version);
    expect(facts).toContain("<svg onload=window.__xss=4>.log");
    // exports: the file name keeps only safe characters
    const dl = page.waitForEvent("download");
    await page.click("button[data-format=gpx]");
    expect((await dl).suggestedFilename()).toMatch(/^speedseq-\d{8}-\d{4}-_img_src_x_onerror_window\.__xss_1_\.gpx$/);
    await page.waitForTimeout(300);
    const markup = await page.evaluate(() => ({
      xss: (window as unknown as W).__xss,
      img: document.querySelectorAll("img").length,
      svg: document.querySelectorAll("svg").length,
      b: document.querySelectorAll("b").length,
      inlineScripts: Array.from(document.querySelectorAll("script")).filter((s) => !s.src).length,
    }));
    expect(markup).toEqual({ xss: undefined, img: 0, svg: 0, b: 0, inlineScripts: 0 });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe("the session store", () => {
  it("opens a v1 database and upgrades it to v2: logs become sessions, two copies of one session become one", async () => {
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    const page = await ctx.newPage();
    // a page of the app's origin that is not the app: the old database is made there first
    await page.goto(env.srv.url + "phone/manifest.webmanifest");
    const other = makeLog({ plan: "Hill reps", startMs: 1_715_000_000_000 });
    await page.evaluate(
      ([a, b]) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open("speedseq", 1);
          r.onupgradeneeded = () => r.result.createObjectStore("logs", { keyPath: "id" });
          r.onsuccess = () => {
            const tx = r.result.transaction("logs", "readwrite");
            const os = tx.objectStore("logs");
            os.put({ id: "log-1", text: a, source: "watch", addedAt: 1_700_000_100_000 });
            os.put({ id: "log-2", text: a, source: "file", addedAt: 1_700_000_200_000 });
            os.put({ id: "log-3", text: b, source: "file", addedAt: 1_715_000_100_000 });
            tx.oncomplete = () => {
              r.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          r.onerror = () => reject(r.error);
        }),
      [FIXTURE, other],
    );
    watchErrors(page, errors);
    await page.goto(env.srv.url + "phone/");
    await ready(page);
    const rows = await listRows(page);
    expect(rows.map((r) => r.cells[1])).toEqual(["Hill reps", "Classic 5K"]);
    expect(rows[1].cells[2]).toBe("8.66 km");
    const db = await page.evaluate(() => {
      const s = (window as unknown as W).speedseqPhone.store;
      const tx = s.db.transaction("sessions");
      return { version: s.db.version, stores: Array.from(s.db.objectStoreNames), indexes: Array.from(tx.objectStore("sessions").indexNames) };
    });
    expect(db).toEqual({ version: 2, stores: ["sessions"], indexes: ["start"] });
    const all = await page.evaluate(() => (window as unknown as W).speedseqPhone.store.list());
    const classic = all.find((s) => s.plan === "Classic 5K")!;
    // the first v1 copy was kept, with when it was added
    expect(classic.addedAt).toBe(1_700_000_100_000);
    expect(classic.source).toBe("watch");
    expect(classic.text).toBe(FIXTURE);
    expect(classic.steps).toBe(21);
    expect(classic.rpe).toBe(6);
    await page.click(`#sessions tr[data-id="${classic.id}"] a`);
    await page.waitForSelector("#splits");
    expect(await page.$$eval("#splits tbody tr", (t) => t.length)).toBe(21);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe("offline", () => {
  it("once loaded, the app and its stored sessions open with the network gone (service worker), FIT export included", async () => {
    // a server of its own: this test stops it
    const own = await phoneServer();
    const ctx = await env.browser.newContext({ acceptDownloads: true });
    const errors: string[] = [];
    try {
      const page = await openPhone(ctx, own.url + "phone/", errors);
      await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }]);
      // the worker has cached the shell and controls the page
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => !!navigator.serviceWorker.controller);
      const cached = await page.evaluate(async () => {
        const keys = await caches.keys();
        const c = await caches.open(keys[0]);
        return (await c.keys()).map((r) => new URL(r.url).pathname).sort();
      });
      expect(cached).toContain("/phone/index.html");
      expect(cached).toContain("/phone/app.js");
      expect(cached.some((p) => /\/phone\/fit-\w+\.js$/.test(p))).toBe(true);
      await own.stop();
      await ctx.setOffline(true);
      // nothing answers any more: not even a fetch of the app
      expect(await page.evaluate(() => fetch("bridge/status", { cache: "no-store" }).then(() => "answered", () => "failed"))).toBe("failed");
      const resp = await page.reload();
      expect(resp?.fromServiceWorker()).toBe(true);
      await ready(page);
      const rows = await listRows(page);
      expect(rows).toHaveLength(1);
      expect(rows[0].cells[1]).toBe("Classic 5K");
      await page.click("#sessions tbody tr a");
      await page.waitForSelector("#splits");
      expect(await page.evaluate(() => (window as unknown as W).speedseqPhone.charts().length)).toBe(3);
      const dl = page.waitForEvent("download");
      await page.click("button[data-format=fit]");
      expect((await dl).suggestedFilename()).toMatch(/\.fit$/);
      // a second visit, from the address: also from the cache
      const p2 = await ctx.newPage();
      watchErrors(p2, errors);
      const r2 = await p2.goto(own.url + "phone/#s=" + encodeURIComponent(rows[0].id));
      expect(r2?.fromServiceWorker()).toBe(true);
      await ready(p2);
      await p2.waitForSelector("#splits");
      expect(await p2.textContent("#session-title")).toBe("Classic 5K");
      // the page asked the server whether it has a bridge: offline that fails quietly
      expect(errors.filter((e) => !/bridge\/status|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe("the builds", () => {
  it("the PWA folder is self-contained: a manifest with icons, a worker listing every file, relative URLs only", async () => {
    const m = JSON.parse(readFileSync(`${env.srv.dir}/manifest.webmanifest`, "utf8"));
    expect(m.start_url).toBe("./");
    expect(m.display).toBe("standalone");
    expect(m.icons.map((i: { sizes: string }) => i.sizes)).toEqual(["48x48", "192x192", "512x512"]);
    const html = readFileSync(`${env.srv.dir}/index.html`, "utf8");
    expect(html).toContain('<link rel="manifest" href="manifest.webmanifest">');
    expect(html).not.toMatch(/(src|href)="\//);
    const sw = readFileSync(`${env.srv.dir}/sw.js`, "utf8");
    for (const f of ["index.html", "app.js", "app.css", "manifest.webmanifest", "icon-192.png"]) expect(sw).toContain(`"${f}"`);
  });

  it("without FIT, Garmin's SDK is nowhere in the PWA and the FIT button says why", async () => {
    const nofit = await phoneServer({ fit: false });
    try {
      const { readdirSync } = await import("node:fs");
      const all = readdirSync(nofit.dir).map((f) => readFileSync(`${nofit.dir}/${f}`, "latin1")).join("\n");
      // a message name only the SDK's profile holds
      expect(all).not.toContain("developerDataId");
      const withFit = readdirSync(env.srv.dir).map((f) => readFileSync(`${env.srv.dir}/${f}`, "latin1")).join("\n");
      expect(withFit).toContain("developerDataId");
      const ctx = await env.browser.newContext();
      const errors: string[] = [];
      const page = await openPhone(ctx, nofit.url + "phone/", errors);
      await importFiles(page, [{ name: "speedseq.log0", text: FIXTURE }]);
      await page.click("#sessions tbody tr a");
      await page.waitForSelector("#splits");
      expect(await page.isDisabled("button[data-format=fit]")).toBe(true);
      expect(await page.getAttribute("button[data-format=fit]", "title")).toContain("licence");
      expect(await page.isDisabled("button[data-format=tcx]")).toBe(false);
      expect(errors).toEqual([]);
      await ctx.close();
    } finally {
      await nofit.stop();
    }
  });

  it("apps/speedseq/interface.html is the build's, one file, without the FIT SDK, using the loader's interface.js", () => {
    const built = readFileSync(env.srv.iface, "utf8");
    expect(readFileSync("apps/speedseq/interface.html", "utf8") === built, "apps/speedseq/interface.html is not what the build makes now: run node build.mjs").toBe(true);
    expect(built).toContain('<script src="../../core/lib/interface.js"></script>');
    expect(built).not.toContain("developerDataId");
    expect(built).not.toMatch(/<script[^>]* src="(?!\.\.\/\.\.\/core\/lib\/interface\.js)/);
    // nothing else is fetched: no stylesheet, no script of its own (the icon is the app folder's)
    expect(built.match(/<link [^>]*>/g)).toEqual(['<link rel="icon" href="app.png">']);
    const meta = JSON.parse(readFileSync("apps/speedseq/metadata.json", "utf8"));
    expect(meta.interface).toBe("interface.html");
  });
});
