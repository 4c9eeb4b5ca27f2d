// src/authoring is shared by the phone app, the App Loader page and the CLI: it type-checks with
// the language alone (no DOM, no Node types), imports nothing from Node, and bundles for the
// browser. The page's bundle (index.ts) leaves Garmin's FIT SDK out: its licence keeps it out of
// apps/speedseq (README "Exports").
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

const files = readdirSync("src/authoring").filter((f) => f.endsWith(".ts"));

describe("src/authoring is pure", () => {
  it("type-checks without DOM or Node types", () => {
    const r = spawnSync("node_modules/.bin/tsc", ["--noEmit", "-p", "tests/authoring/tsconfig.pure.json"], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("imports nothing from Node and uses no Node globals", () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const src = readFileSync(`src/authoring/${f}`, "utf8");
      expect(src, f).not.toMatch(/from\s+["'](node:|fs|path|os|child_process|url|buffer)["']/);
      expect(src, f).not.toMatch(/\b(process|Buffer|require|__dirname|document|window)\b\s*[.(]/);
    }
  });

  it("bundles for the browser; the page's part without the FIT SDK", async () => {
    const r = await build({ entryPoints: ["src/authoring/index.ts", "src/authoring/fit.ts"], bundle: true, platform: "browser", format: "esm", write: false, outdir: "dist/authoring-browser", metafile: true, logLevel: "silent" });
    expect(r.errors).toEqual([]);
    const outs = r.metafile!.outputs;
    const page = Object.keys(outs).find((k) => k.endsWith("index.js"))!;
    const fit = Object.keys(outs).find((k) => k.endsWith("fit.js"))!;
    expect(Object.keys(outs[page].inputs).filter((i) => i.includes("@garmin"))).toEqual([]);
    expect(Object.keys(outs[fit].inputs).some((i) => i.includes("@garmin/fitsdk"))).toBe(true);
  });
});
