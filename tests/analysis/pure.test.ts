// src/analysis runs in the phone app (browser) as well as in Node: it imports nothing from Node,
// the DOM, the fakes (src/sim) or the phone, type-checks with the language alone (no DOM, no
// Node types: tests/analysis/tsconfig.pure.json), and bundles for a neutral platform.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

const files = readdirSync("src/analysis").filter((f) => f.endsWith(".ts"));

describe("src/analysis is pure", () => {
  it("imports only itself and src/engine", () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const src = readFileSync(`src/analysis/${f}`, "utf8");
      const targets = [...src.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
      for (const t of targets) expect(t, `${f} imports ${t}`).toMatch(/^(\.\/[a-z]+|\.\.\/engine\/[a-z/]+)$/);
      expect(src, f).not.toMatch(/\b(process|Buffer|require|__dirname|window|document|localStorage|indexedDB)\b\s*[.(]/);
    }
  });

  it("type-checks without DOM or Node types", () => {
    const r = spawnSync("node_modules/.bin/tsc", ["--noEmit", "-p", "tests/analysis/tsconfig.pure.json"], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("bundles for a neutral platform", async () => {
    const r = await build({ entryPoints: ["src/analysis/index.ts"], bundle: true, platform: "neutral", format: "esm", write: false, outdir: "dist/analysis", logLevel: "silent" });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles.length).toBe(1);
  });
});
