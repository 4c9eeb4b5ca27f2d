// The GPX and TCX readers use the browser's DOMParser, so they are tested in Chromium against the
// normalized CSVs made from the same files (tests/fixtures/README.md).
import { expectSameRows } from "../formats/rows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { bundleForPage, launch } from "./chromium";
import { parseRecording, type Row } from "../../src/sim/recording";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  await page.addScriptTag({ content: await bundleForPage("tests/browser/formats-entry.ts", "formats") });
});
afterAll(async () => browser?.close());

/** parses in the page; NaN does not survive JSON, so absent values come back as null */
async function parseIn(fn: "parseGpx" | "parseTcx" | "fillMotion", text: string): Promise<Row[]> {
  const rows = await page.evaluate(([f, t]) => {
    const w = window as unknown as { formats: Record<string, (t: string) => unknown[]> };
    const parsed = f === "fillMotion" ? w.formats.fillMotion(w.formats.parseGpx(t) as never) : w.formats[f](t);
    return JSON.stringify(parsed);
  }, [fn, text] as const);
  return (JSON.parse(rows) as Record<string, number | string | null>[]).map((r) => {
    const o: Record<string, number | string> = {};
    for (const k of Object.keys(r)) o[k] = r[k] === null ? NaN : (r[k] as number | string);
    return o as unknown as Row;
  });
}


const fx = (f: string) => readFileSync(`tests/fixtures/${f}`, "utf8");

describe("GPX and TCX readers (DOMParser, Chromium)", () => {
  it("GPX (Strava export): every point, position, HR and gpxtpx:cad doubled to steps/min", async () => {
    expectSameRows(await parseIn("parseGpx", fx("runpandas_strava_export.gpx")), parseRecording(fx("runpandas_strava_export.csv")));
  });
  it("TCX: keeps RunCadence (doubled), speed, distance and the device's laps", async () => {
    const want = parseRecording(fx("runpandas_2020-12-02T06_08_29-300_Running.csv"));
    const got = await parseIn("parseTcx", fx("runpandas_2020-12-02T06_08_29-300_Running.tcx"));
    expectSameRows(got, want);
    expect(got.filter((r) => r.spm > 0).length).toBeGreaterThan(want.length / 2);
  });
  it("GPX without speed or distance gets them from the positions", async () => {
    const rows = await parseIn("fillMotion", fx("runpandas_strava_export.gpx"));
    const end = rows[rows.length - 1];
    // the file is a 12.6 km run (tests/fixtures/README.md)
    expect(end.distM).toBeGreaterThan(12000);
    expect(end.distM).toBeLessThan(13500);
    expect(rows.every((r) => isFinite(r.mps) && r.mps >= 0)).toBe(true);
  });
  it("rejects a file that is not XML", async () => {
    const msg = await page.evaluate(() => {
      try {
        (window as unknown as { formats: Record<string, (t: string) => unknown> }).formats.parseGpx("t_seconds,lat\n0,1");
        return "parsed";
      } catch (e) {
        return String(e);
      }
    });
    expect(msg).toMatch(/not valid XML/);
  });
});
