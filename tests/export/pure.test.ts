// src/export must run in the browser and the phone app as well as in Node: no Node modules or
// globals in its files, and esbuild bundles it for the browser platform (which fails on node:*).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { build } from "esbuild";

const files = readdirSync("src/export").filter((f) => f.endsWith(".ts"));

describe("src/export is pure", () => {
  it("imports nothing from Node and uses no Node globals", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const src = readFileSync(`src/export/${f}`, "utf8");
      expect(src, f).not.toMatch(/from\s+["'](node:|fs|path|os|child_process|url|buffer)["']/);
      expect(src, f).not.toMatch(/\b(process|Buffer|require|__dirname)\b\s*[.(]/);
    }
  });

  it("bundles for the browser, FIT encoder included", async () => {
    const r = await build({
      entryPoints: ["src/export/index.ts", "src/export/fit.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      outdir: "dist/export-browser",
      logLevel: "silent",
    });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles.length).toBe(2);
  });
});
