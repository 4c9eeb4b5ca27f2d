import { describe, it, expect } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { buildApp, checkApp, checkWatch } from "../../build.mjs";
import { checkBuiltFile } from "../../tools/checker.mjs";
import { missingModules, strayModules, mapSources, sizeOf, SIZE_BUDGET_BYTES } from "../../tools/checker/build-checks.mjs";
import { escapingImports, formatEscape, importsOf } from "../../tools/checker/imports.mjs";
import { globalNames, globalRefs, formatGlobal } from "../../tools/checker/globals.mjs";
import { compile } from "./compile";

function tempDir() {
  return mkdtempSync(join(tmpdir(), "speedseq-checker-"));
}

describe("the real app", () => {
  it("builds and passes the watch checker with its map", async () => {
    const out = await buildApp();
    expect(out.js?.length).toBeGreaterThan(0);
    expect(checkBuiltFile(out.app, out.mapFile)).toEqual([]);
    // The map's sources point at real TypeScript files once rebased onto dist/.
    const sources = mapSources(out.map, out.mapFile);
    expect(sources).toContain("src/watch/main.ts");
  });
});

describe("every engine module must be bundled", () => {
  it("names modules with code that the map's sources lack, ignoring .d.ts and type-only modules", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "used.ts"), "export const a = 1;\n");
    writeFileSync(join(dir, "sub", "forgotten.ts"), "export function f() { return 2; }\n");
    writeFileSync(join(dir, "types.ts"), "export interface T { a: number }\nexport type U = T[];\n");
    writeFileSync(join(dir, "globals.d.ts"), "declare const X: number;\n");
    const rel = (p: string) => relative(process.cwd(), join(dir, p));
    expect(missingModules([rel("used.ts")], dir)).toEqual([rel("sub/forgotten.ts")]);
    expect(missingModules([rel("used.ts"), rel("sub/forgotten.ts")], dir)).toEqual([]);
    // a module meant for the page/phone only is not missing, and is a stray once it is bundled
    expect(missingModules([rel("used.ts")], dir, [rel("sub/forgotten.ts")])).toEqual([]);
    expect(strayModules([rel("used.ts"), rel("sub/forgotten.ts")], [rel("sub/forgotten.ts")])).toEqual([rel("sub/forgotten.ts")]);
    expect(strayModules([rel("used.ts")], [rel("sub/forgotten.ts")])).toEqual([]);
  });

  it("keeps the full workout validator off the watch, and bundles every other engine module in some watch file", async () => {
    const out = await buildApp();
    for (const f of out.files) expect(f.inputs, f.name).not.toContain("src/engine/workout/validate.ts");
    expect(checkWatch(out.files).filter((f: string) => /OFF_WATCH|not bundled/.test(f))).toEqual([]);
  });

  it("keeps the screens' code out of the resident app, and the app's out of the screens", async () => {
    const out = await buildApp();
    const [app, ...screens] = out.files;
    // bytes each module adds to a file (a module read only for its types or constants adds none)
    const bytes = (f: { bytesIn: Record<string, number> }, m: string) => f.bytesIn[m] ?? 0;
    for (const m of ["src/watch/list.ts", "src/watch/scan.ts", "src/watch/workouts.ts", "src/engine/log/decode.ts", "src/engine/decide.ts", "src/engine/workout/pace.ts"])
      expect(bytes(app, m), m).toBe(0);
    for (const sc of screens) for (const m of ["src/watch/app.ts", "src/watch/main.ts", "src/engine/session.ts"]) expect(bytes(sc, m), `${sc.name}: ${m}`).toBe(0);
  });

  it("rebases map sources onto the map file's folder", () => {
    expect(mapSources({ sources: ["../src/engine/gps.ts"] }, "dist/app.js.map")).toEqual(["src/engine/gps.ts"]);
  });

  it("checkApp fails on a finding and prints the size", async () => {
    const dir = tempDir();
    const { js, map } = await compile("export function f(o: any) {\n  const { a } = o;\n  return a;\n}\nf({});", false);
    writeFileSync(join(dir, "app.js"), js);
    writeFileSync(join(dir, "app.js.map"), map.replace('"../src/engine/sample.ts"', JSON.stringify(relative(dir, "src/engine/sample.ts"))));
    const failures = checkApp({ js, map: "{\"sources\":[]}", app: join(dir, "app.js"), mapFile: join(dir, "app.js.map") });
    expect(failures.some((f: string) => f.startsWith("src/engine/sample.ts:2:9 destructuring"))).toBe(true);
  });
});

describe("src/engine imports only src/engine", () => {
  it("names each import that leaves the engine folder, at its line", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "engine", "log"), { recursive: true });
    mkdirSync(join(dir, "watch"));
    writeFileSync(join(dir, "watch", "screen.ts"), "export const W = 1;\n");
    writeFileSync(join(dir, "engine", "ok.ts"), 'import { R } from "./log/records";\nimport type { T } from "./types";\nexport const a = R;\n');
    writeFileSync(join(dir, "engine", "log", "records.ts"), '// from "../../watch/screen" in a comment\nimport { a } from "../ok";\nexport const R = "import x from \'../../watch/screen\'";\n');
    writeFileSync(join(dir, "engine", "bad.ts"), 'export const x = 1;\nimport { W } from "../watch/screen";\nimport type {\n  Q,\n} from "esbuild";\nexport const f = () => import("../watch/screen");\n');
    writeFileSync(join(dir, "engine", "globals.d.ts"), 'declare const X: typeof import("../watch/screen");\n');
    const rel = (p: string) => relative(process.cwd(), join(dir, p));
    const found = escapingImports(join(dir, "engine"));
    expect(found.map((i: { file: string; line: number; spec: string; target: string }) => [i.file, i.line, i.spec, i.target])).toEqual([
      [rel("engine/bad.ts"), 2, "../watch/screen", rel("watch/screen")],
      [rel("engine/bad.ts"), 5, "esbuild", "esbuild"],
      [rel("engine/bad.ts"), 6, "../watch/screen", rel("watch/screen")],
      [rel("engine/globals.d.ts"), 1, "../watch/screen", rel("watch/screen")],
    ]);
    expect(formatEscape(found[0])).toBe(`${rel("engine/bad.ts")}:2: imports "../watch/screen" (${rel("watch/screen")}): src/engine may import only from src/engine (pass what it needs in through a port or a parameter)`);
  });

  it("reads every import form, and none inside comments, strings, templates or regular expressions", () => {
    const ts = [
      '// import x from "../a"',
      '/* export * from "../b" */ const s = "import q from \'../c\'";',
      'const r = /["\']/g; import d, { e as f,',
      '  g } from "./d";',
      'import type { T } from "./t"; const u = `x${ { a: 1 }.a }import "../e"`;',
      'export * as ns from "./ns"; export { h } from "./h";',
      'const z = d / 2; const w = import("./w"); import "./side";',
      'import e = require("./req");',
    ].join("\n");
    expect(importsOf(ts)).toEqual([
      { spec: "./d", line: 4 }, { spec: "./t", line: 5 }, { spec: "./ns", line: 6 }, { spec: "./h", line: 6 },
      { spec: "./w", line: 7 }, { spec: "./side", line: 7 }, { spec: "./req", line: 8 },
    ]);
  });

  it("the real src/engine passes", () => {
    expect(escapingImports("src/engine").map(formatEscape)).toEqual([]);
  });
});

describe("only the wiring entries name the watch globals", () => {
  it("names each reference to Bangle, E, g or require outside them, at its TypeScript line", () => {
    const ts = [
      "import type { W } from './app';",
      "export function draw(g: Graphics, w: W): void {", // a port named g is fine
      "  g.clear();",
      "  w.E.showMenu({});",
      "  const E = 1; void E;",
      "}",
      "export function buzz(): void {",
      "  Bangle.buzz(100);", // 8
      "  const s = (globalThis as any).require(\"Storage\");", // 9
      "  void s; g.flip();", // 10
      "}",
      "// Bangle.buzz() in a comment, and in a string: \"E.showMenu\"",
      "const o = { Bangle: 1, E: 2 }; void o.Bangle;",
      "function f(require: (n: string) => unknown) { return require(\"x\"); }",
      "void f;",
    ].join("\n");
    expect(globalRefs(ts).map((r: { line: number; name: string }) => [r.line, r.name])).toEqual([[8, "Bangle"], [9, "globalThis.require"], [10, "g"]]);
  });

  it("the real src/watch passes, and a file outside the entries that names one fails", () => {
    expect(globalNames("src/watch").map(formatGlobal)).toEqual([]);
    const dir = tempDir();
    writeFileSync(join(dir, "main.ts"), "Bangle.loadWidgets();\n");
    writeFileSync(join(dir, "screen.ts"), "export function f(): void {\n  E.showMessage(\"x\");\n}\n");
    const rel = (p: string) => relative(process.cwd(), join(dir, p));
    const found = globalNames(dir, [rel("main.ts")]);
    expect(found.map((n: { file: string; line: number; name: string }) => [n.file, n.line, n.name])).toEqual([[rel("screen.ts"), 2, "E"]]);
    expect(formatGlobal(found[0])).toMatch(/screen\.ts:2: names the watch global E: only the wiring entries/);
  });
});

describe("size", () => {
  it("fails the build over a file's budget, naming the tool that shows where the bytes are", () => {
    const dir = tempDir();
    const js = `var a = "${"x".repeat(SIZE_BUDGET_BYTES)}";\na;\n`;
    writeFileSync(join(dir, "app.js"), js);
    writeFileSync(join(dir, "app.js.map"), '{"version":3,"sources":[],"names":[],"mappings":""}');
    const failures = checkApp({ js, map: '{"sources":[]}', app: join(dir, "app.js"), mapFile: join(dir, "app.js.map"), inputs: [] });
    expect(failures.some((f: string) => new RegExp(`over the ${SIZE_BUDGET_BYTES}-byte budget.*tools/sizes\\.mjs`).test(f))).toBe(true);
  });

  it("counts UTF-8 bytes and gzip", () => {
    const s = sizeOf("é".repeat(1000));
    expect(s.raw).toBe(2000);
    expect(s.gzip).toBeLessThan(100);
  });
});

describe("command line", () => {
  const run = (args: string[]) => spawnSync(process.execPath, ["tools/checker.mjs", ...args], { encoding: "utf8" });

  it("prints findings at the source line and exits 1", async () => {
    const dir = tempDir();
    const { js, map } = await compile("export function f(xs: number[]) {\n  return xs.at(-1);\n}\nf([]);", true);
    writeFileSync(join(dir, "s.js"), js);
    writeFileSync(join(dir, "s.js.map"), map.replace('"../src/engine/sample.ts"', JSON.stringify(relative(dir, "src/engine/sample.ts"))));
    const r = run([join(dir, "s.js"), "--map", join(dir, "s.js.map")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^src\/engine\/sample\.ts:2:\d+ \.at\(\) .*Array\/String at\(\) is missing/m);
  });

  it("reports JS positions without a map and exits 0 on a clean file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.js"), "var a = 1;\nvar b = a ** 2;\n");
    writeFileSync(join(dir, "ok.js"), "var a = 1;\nvar b = Math.pow(a, 2);\n");
    const bad = run([join(dir, "bad.js")]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("bad.js:2:9 the ** operator is not supported by Espruino 2v29");
    expect(run([join(dir, "ok.js")]).status).toBe(0);
  });
});
