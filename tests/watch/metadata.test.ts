// The App Loader's rules for apps/speedseq, checked locally (FACTS.md "App conventions"; the
// loader's own sanity check is not run here).
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { VERSION, APP_ID, SETTINGS, HISTORY, logName } from "../../src/watch/store";
import { WATCH_FILES } from "../../tools/watch-files.mjs";

const DIR = "apps/speedseq";
const meta = JSON.parse(readFileSync(`${DIR}/metadata.json`, "utf8"));
const KEYS = ["id", "name", "shortName", "version", "description", "icon", "screenshots", "type", "tags", "supports", "dependencies",
  "readme", "custom", "customConnect", "interface", "storage", "data", "sortorder", "allow_emulator", "provides_modules",
  "provides_widgets", "provides_features", "default", "author"];
const STORAGE_KEYS = ["name", "url", "content", "evaluate", "noOverwrite", "supports"];
const DATA_KEYS = ["name", "wildcard", "storageFile", "url", "content", "evaluate"];

/** what the loader writes for an evaluate:true entry: the expression's value (atob in Node gives a byte string) */
function evaluateIcon(src: string): string {
  return new Function("atob", `return (${src});`)((s: string) => Buffer.from(s, "base64").toString("latin1"));
}

describe("apps/speedseq/metadata.json", () => {
  it("has only keys the App Loader knows, and the required ones", () => {
    for (const k of Object.keys(meta)) expect(KEYS, `unknown key ${k}`).toContain(k);
    for (const k of ["id", "name", "version", "description", "icon", "tags", "supports", "author", "storage"]) expect(meta[k], k).toBeTruthy();
    for (const s of meta.storage) for (const k of Object.keys(s)) expect(STORAGE_KEYS, `storage key ${k}`).toContain(k);
    for (const d of meta.data) for (const k of Object.keys(d)) expect(DATA_KEYS, `data key ${k}`).toContain(k);
  });

  it("id is the folder name and the app's id; shortName when the name is long", () => {
    expect(meta.id).toBe("speedseq");
    expect(APP_ID).toBe(meta.id);
    if (meta.name.length > 20) expect(meta.shortName).toBeTruthy();
    expect(meta.supports).toEqual(["BANGLEJS2"]);
  });

  it("version equals the last ChangeLog line and the version the app logs", () => {
    const lines = readFileSync(`${DIR}/ChangeLog`, "utf8").trim().split("\n").filter((l) => /^\d+\.\d\d:/.test(l));
    const last = lines[lines.length - 1].split(":")[0];
    expect(meta.version).toMatch(/^\d+\.\d\d$/);
    expect(meta.version).toBe(last);
    expect(VERSION).toBe(meta.version);
  });

  it("links its README and every storage file exists", () => {
    expect(meta.readme).toBe("README.md");
    expect(existsSync(`${DIR}/README.md`)).toBe(true);
    for (const s of meta.storage) expect(existsSync(`${DIR}/${s.url}`), s.url).toBe(true);
  });

  // what they show is checked against the real firmware's render in tests/firmware/screenshots.test.ts
  it("its screenshots are 176 x 176 PNGs in the folder, the rep screen first", () => {
    const urls: string[] = meta.screenshots.map((s: { url: string }) => s.url);
    expect(urls[0]).toBe("screenshot-rep.png");
    for (const u of urls) {
      expect(u).toMatch(/^screenshot-[a-z]+\.png$/);
      const png = PNG.sync.read(readFileSync(`${DIR}/${u}`));
      expect([png.width, png.height], u).toEqual([176, 176]);
    }
  });

  it("storage lists every watch file the build makes (the resident app and each screen)", () => {
    for (const f of WATCH_FILES) expect(meta.storage, f.name).toContainEqual({ name: f.name, url: f.url });
  });

  it("storage names follow the conventions, .info is not among them", () => {
    const names = meta.storage.map((s: { name: string }) => s.name);
    expect(names).toContain(`${APP_ID}.app.js`);
    expect(names).toContain(`${APP_ID}.img`);
    expect(names).toContain(`${APP_ID}.settings.js`);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(28);
      expect(n.endsWith(".info")).toBe(false);
      expect(n.startsWith(APP_ID + ".")).toBe(true);
    }
    expect(meta.storage.find((s: { name: string }) => s.name.endsWith(".img")).evaluate).toBe(true);
  });

  it("data lists the settings file, the history, and wildcards that contain the id", () => {
    const named = meta.data.filter((d: { name?: string }) => d.name).map((d: { name: string }) => d.name);
    expect(named).toContain(SETTINGS);
    expect(named).toContain(HISTORY);
    for (const d of meta.data.filter((d: { wildcard?: string }) => d.wildcard)) expect(d.wildcard).toContain(APP_ID);
    const logs = meta.data.find((d: { storageFile?: boolean }) => d.storageFile);
    expect(logs.wildcard).toBe("speedseq.log*");
    // StorageFile names are at most 27 characters, even for the 99,999th session
    expect(logName(99999).length).toBeLessThanOrEqual(27);
    expect(new RegExp("^" + logs.wildcard.replace(".", "\\.").replace("*", ".*") + "$").test(logName(7))).toBe(true);
  });

  it("app.png is a 48x48 PNG and app-icon.js evaluates to a matching Espruino image", () => {
    const png = PNG.sync.read(readFileSync(`${DIR}/${meta.icon}`));
    expect([png.width, png.height]).toEqual([48, 48]);
    const img = evaluateIcon(readFileSync(`${DIR}/app-icon.js`, "utf8"));
    const w = img.charCodeAt(0), h = img.charCodeAt(1), bpp = img.charCodeAt(2) & 127;
    expect(w).toBeGreaterThanOrEqual(24);
    expect(w).toBeLessThanOrEqual(48);
    expect(h).toBe(w);
    expect(img.length).toBe(3 + Math.ceil((w * h * bpp) / 8));
    // the pixels are the PNG's: read pixel (x, y) back from the packed bits
    const at = (x: number, y: number) => {
      let v = 0;
      for (let b = 0; b < bpp; b++) {
        const bit = (y * w + x) * bpp + b;
        v = (v << 1) | ((img.charCodeAt(3 + (bit >> 3)) >> (7 - (bit & 7))) & 1);
      }
      return v;
    };
    for (const [x, y] of [[0, 0], [24, 24], [10, 30], [40, 5], [47, 47]]) {
      const i = (y * 48 + x) * 4;
      const rgb = ((png.data[i] > 127 ? 4 : 0) | (png.data[i + 1] > 127 ? 2 : 0) | (png.data[i + 2] > 127 ? 1 : 0));
      expect(at(x, y), `pixel ${x},${y}`).toBe(rgb);
    }
  });

  it("the settings page is a function expression without a trailing semicolon", () => {
    const src = readFileSync(`${DIR}/speedseq.settings.js`, "utf8");
    expect(src.startsWith("(function(back){")).toBe(true);
    expect(src.trimEnd().endsWith("})")).toBe(true);
    expect(src.trimEnd().endsWith(";")).toBe(false);
  });
});
