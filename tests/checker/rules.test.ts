import { describe, it, expect } from "vitest";
import { checkJs } from "../../tools/checker.mjs";
import { checkTs, markedLine, SOURCE } from "./compile";

/** A class with a method `x`, in a file that knows `Bangle`; the tests add a method and close the class. */
const SETUI_CLASS = "declare const Bangle: any;\nexport class C {\n  n = 0;\n  x() { this.n++; }";

// Inputs esbuild keeps as written (es2015 target): checked on the built output, and the finding
// must point at the TypeScript line marked `// HERE`.
const viaEsbuild: Array<[string, string, string]> = [
  ["destructuring", "declaration", "export function f(o: any) {\n  const { a, b } = o; // HERE\n  return a + b;\n}"],
  ["destructuring", "parameter", "export function f(\n  { a }: { a: number }, // HERE\n) {\n  return a;\n}"],
  ["destructuring", "assignment", "export function f(a: number, b: number) {\n  [a, b] = [b, a]; // HERE\n  return a - b;\n}"],
  ["destructuring", "for-of head", "export function f(ps: Array<[string, number]>) {\n  let n = 0;\n  for (const [, v] of ps) n += v; // HERE\n  return n;\n}"],
  ["destructuring", "catch parameter", "export function f(g: () => void) {\n  try { g(); }\n  catch ({ message }) { return message; } // HERE\n  return '';\n}"],
  ["default-param", "default value", "export function f(\n  a = 1, // HERE\n) {\n  return a;\n}"],
  ["rest-param", "rest parameter", "export function f(\n  ...xs: number[] // HERE\n) {\n  return xs.length;\n}"],
  ["spread", "call spread", "export function f(xs: number[]) {\n  return Math.max(...xs); // HERE\n}"],
  ["spread", "array spread", "export function f(xs: number[]) {\n  return [0, ...xs]; // HERE\n}"],
  ["computed-key", "object literal", "export function f(k: string) {\n  return { [k]: 1 }; // HERE\n}"],
  ["computed-key", "class member", "export function f(k: string) {\n  return class {\n    [k]() { return 1; } // HERE\n  };\n}"],
  ["label", "labelled break", "export function f(g: number[][]) {\n  outer: for (const r of g) { // HERE\n    for (const c of r) if (c) break outer;\n  }\n}"],
  ["tagged-template", "tag", "declare function tag(s: TemplateStringsArray): string;\nexport function f() {\n  return tag`x`; // HERE\n}"],
  ["generator", "function*", "export function* f() { // HERE\n  yield 1;\n}"],
  ["generator", "async lowered by esbuild", "export async function f(p: Promise<number>) {\n  return (await p) + 1; // HERE\n}"],
  ["missing-builtin", "#private lowered to WeakMap", "export class C {\n  #p = 1; // HERE\n  get p() { return this.#p; }\n}"],
  ["new-target", "new.target", "export class C {\n  k: boolean;\n  constructor() {\n    this.k = !!new.target; // HERE\n  }\n}"],
  ["loop-closure", "let in for head", "export function f(fns: Array<() => number>) {\n  for (let i = 0; i < 3; i++) {\n    fns.push(() => i); // HERE\n  }\n}"],
  ["loop-closure", "const in for-of head", "export function f(xs: number[], out: Array<() => number>) {\n  for (const x of xs) out.push(function () {\n    return x * 2; // HERE\n  });\n}"],
  ["hoisting", "call before declaration", "export function f() {\n  const v = later(); // HERE\n  function later() { return 1; }\n  return v;\n}"],
  ["prototype-member", "Array.prototype.slice", "export function f() {\n  return Array.prototype.slice.call(arguments); // HERE\n}"],
  ["prototype-member", "String.prototype", "export const f = () =>\n  String.prototype.trim; // HERE"],
  ["missing-builtin", "Map", "export function f() {\n  return new Map<string, number>(); // HERE\n}"],
  ["missing-builtin", "Set", "export function f(xs: number[]) {\n  return new Set(xs).size; // HERE\n}"],
  ["missing-builtin", "Symbol", "export function f() {\n  return Symbol('x'); // HERE\n}"],
  ["missing-builtin", "Reflect", "export function f(o: object) {\n  return Reflect.ownKeys(o); // HERE\n}"],
  ["missing-builtin", "Proxy unguarded", "export function f(o: object) {\n  return new Proxy(o, {}); // HERE\n}"],
  ["missing-builtin", "Array.from", "export function f(s: string) {\n  return Array.from(s); // HERE\n}"],
  ["missing-builtin", "Number.isFinite", "export function f(x: number) {\n  return Number.isFinite(x); // HERE\n}"],
  ["missing-builtin", "Number.EPSILON", "export function f(x: number) {\n  return x < Number.EPSILON; // HERE\n}"],
  ["missing-builtin", "Math.hypot", "export function f(x: number, y: number) {\n  return Math.hypot(x, y); // HERE\n}"],
  ["missing-builtin", "Math.trunc", "export function f(x: number) {\n  return Math.trunc(x); // HERE\n}"],
  ["missing-builtin", "Object.freeze", "export function f(o: object) {\n  return Object.freeze(o); // HERE\n}"],
  ["missing-builtin", "Promise.race", "export function f(a: Promise<number>, b: Promise<number>) {\n  return Promise.race([a, b]); // HERE\n}"],
  ["missing-builtin", "String.raw", "export function f() {\n  return String.raw({ raw: ['a'] }); // HERE\n}"],
  ["missing-method", ".flat()", "export function f(xs: number[][]) {\n  return xs.flat(); // HERE\n}"],
  ["missing-method", ".at()", "export function f(xs: number[]) {\n  return xs.at(-1); // HERE\n}"],
  ["missing-method", ".findLast()", "export function f(xs: number[]) {\n  return xs.findLast((x) => x > 1); // HERE\n}"],
  ["missing-method", ".lastIndexOf()", "export function f(xs: number[]) {\n  return xs.lastIndexOf(2); // HERE\n}"],
  ["missing-method", ".trimEnd()", "export function f(s: string) {\n  return s.trimEnd(); // HERE\n}"],
  ["missing-method", ".localeCompare()", "export function f(a: string, b: string) {\n  return a.localeCompare(b); // HERE\n}"],
  ["missing-method", ".finally()", "export function f(p: Promise<void>, g: () => void) {\n  return p.finally(g); // HERE\n}"],
  ["regexp", "{n,m}", "export function f(s: string) {\n  return /^\\d{2,3}$/.test(s); // HERE\n}"],
  ["regexp", "(?:)", "export function f(s: string) {\n  return /(?:ab)+/.test(s); // HERE\n}"],
  ["regexp", "look-ahead", "export function f(s: string) {\n  return /a(?=b)/.test(s); // HERE\n}"],
  ["regexp", "\\b", "export function f(s: string) {\n  return /\\bgo\\b/.test(s); // HERE\n}"],
  ["regexp", "back-reference", "export function f(s: string) {\n  return /(a)\\1/.test(s); // HERE\n}"],
  ["regexp", "m flag", "export function f(s: string) {\n  return /^x/m.test(s); // HERE\n}"],
  ["length-assign", "arr.length = 0", "export function f(xs: number[]) {\n  xs.length = 0; // HERE\n}"],
  ["extends-error", "extends Error", "export class E extends Error { // HERE\n  code = 1;\n}"],
  ["arrow-arguments", "arguments in arrow", "export function f() {\n  return [1].map(() => arguments[0]); // HERE\n}"],
  ["arrow-this", "setUI btn arrow using this", `${SETUI_CLASS}\n  ui() {\n    Bangle.setUI({\n      mode: "custom",\n      btn: () => { // HERE\n        this.x();\n      },\n    });\n  }\n}`],
  ["arrow-this", "this in a nested arrow inside btn", `${SETUI_CLASS}\n  ui() {\n    Bangle.setUI({ mode: "custom", btn: () => { // HERE\n      [1].forEach(() => this.x());\n    } });\n  }\n}`],
  ["arrow-this", "arrow using this passed to .bind", "export class C {\n  n = 1;\n  f() {\n    return (() => this.n).bind({ n: 2 }); // HERE\n  }\n}"],
];

describe("each rule rejects its input, at the TypeScript line", () => {
  for (const minify of [false, true]) {
    for (const [rule, what, ts] of viaEsbuild) {
      it(`${rule}: ${what}${minify ? " (minified)" : ""}`, async () => {
        const { js, findings } = await checkTs(ts, minify);
        const hit = findings.filter((f) => f.rule === rule);
        expect(hit.length, `${rule} not found in:\n${js}\nfindings: ${JSON.stringify(findings)}`).toBeGreaterThan(0);
        expect(hit[0].sourceFile).toBe(SOURCE);
        expect(hit[0].sourceLine).toBe(markedLine(ts));
        expect(hit[0].source).toBe(`${SOURCE}:${hit[0].sourceLine}:${hit[0].sourceColumn}`);
        expect(hit[0].message).toMatch(/Espruino 2v29/);
      });
    }
  }
});

// Syntax esbuild would lower (or reject) for es2015: checked as plain JavaScript, JS line reported.
const plainJs: Array<[string, string]> = [
  ["optional-chaining", "var a = {};\nvar b = a?.x;"],
  ["optional-chaining", "var f;\nvar r = f?.();"],
  ["exponent", "var a = 2;\nvar b = a ** 2;"],
  ["exponent", "var a = 2;\na **= 2;"],
  ["logical-assignment", "var a;\na ??= 1;"],
  ["logical-assignment", "var a;\na ||= 1;"],
  ["logical-assignment", "var a = 1;\na &&= 2;"],
  ["spread", "var o = {};\nvar p = { ...o };"],
  ["class-field", "var C = 1;\nclass A { x; }"],
  ["private", "var C = 1;\nclass A { #p = 1; }"],
  ["async", "var C = 1;\nasync function f() {}"],
  ["async", "var C = 1;\nfunction* f() {} (async () => { await 1; })"],
  ["bigint", "var C = 1;\nvar b = 10n;"],
  ["static-block", "var C = 1;\nclass A { static { this.x = 1; } }"],
  ["destructuring", "var o = {};\nvar { a } = o;"],
  ["hoisting", "var C = 1;\nx = 5;\nvar x;"],
  ["hoisting", "var C = 1;\nf();\nfunction f() {}"],
  ["regexp", "var C = 1;\nvar r = new RegExp('(?<y>\\\\d)');"],
  ["regexp", "var C = 1;\nvar r = /a.b/s;"],
  ["missing-builtin", "var C = 1;\nvar w = new WeakSet();"],
];

describe("rules on plain JavaScript (no map: JS positions)", () => {
  for (const [rule, js] of plainJs) {
    it(`${rule}: ${js.split("\n")[1]}`, () => {
      const f = checkJs(js, { topLevel: false }).filter((x) => x.rule === rule);
      expect(f.length, JSON.stringify(checkJs(js, { topLevel: false }))).toBeGreaterThan(0);
      expect(f[0].line).toBe(2);
      expect(f[0].source).toBeUndefined();
    });
  }

  it("reports a parse error as a finding instead of throwing", () => {
    const f = checkJs("var a = ;");
    expect(f.map((x) => x.rule)).toEqual(["syntax"]);
  });

  it("reports a message a developer can act on", () => {
    const [f] = checkJs("function g(o) {\n  var { a } = o;\n}", { topLevel: false });
    expect(f.message).toBe("destructuring is not supported by Espruino 2v29 (write plain property reads)");
    expect([f.line, f.column]).toEqual([2, 7]);
  });
});

describe("code the watch runs is accepted", () => {
  const good = `
declare function require(n: string): any;
declare const Bangle: any;
export class Base {
  x = 1;
  static made = 0;
  constructor(public name: string) {}
  get label() { return \`\${this.name}:\${this.x}\`; }
}
export class Derived extends Base {
  y: number;
  constructor(n: string) { super(n); this.y = 2; }
  get label() { return super.label + this.y; }
}
class Clock {
  t = 0;
  at(ms: number) { return ms - this.t; }
}
function pad(n: number) { return String(n).padStart(2, "0"); }
function sum(xs: number[]) {
  let s = 0;
  for (const x of xs) s += x;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}
function pick(o: { a?: { b?: number } } | undefined) {
  const v = o?.a?.b ?? 3;
  let w: number | undefined;
  w ??= v ** 2;
  return { ...o, v, w };
}
function listArgs() { return [].slice.call(arguments); }
function has(o: object, k: string) { return Object.prototype.hasOwnProperty.call(o, k); }
const BUF = new Float32Array(60);
const UNITS = { km: 1000, mi: 1609.344 };
const RE = /^(\\d+):(\\d\\d)$/;
function storage() { return require("Storage"); }
function start() {
  const c = new Clock();
  const d = new Derived("a");
  Bangle.on("GPS", (f: { speed: number }) => { BUF[0] = f.speed; });
  const fns: Array<() => number> = [];
  for (var i = 0; i < 3; i++) fns.push(() => i);
  return [c.at(5), d.label, pad(3), sum([1, 2]), pick(undefined), listArgs(1), has(UNITS, "km"), RE.test("1:00"), storage, Base.made];
}
start();
`;
  for (const minify of [false, true]) {
    it(`accepts the ES2015 subset Espruino supports, as esbuild builds it${minify ? " (minified)" : ""}`, async () => {
      const { js, findings } = await checkTs(good, minify, true);
      expect(findings).toEqual([]);
      // The sample really exercises esbuild's helpers and the typeof-Proxy require shim.
      expect(js).toMatch(/typeof Proxy/);
      expect(js).toMatch(/Object\.defineProperty/);
      expect(js).toMatch(/Object\.getOwnPropertySymbols/);
      expect(js).toMatch(/Math\.pow/);
    });
  }

  it("accepts esbuild's helpers even without a source map", async () => {
    const { js } = await checkTs("declare function require(n: string): any;\nexport const s = () => require('Storage');\nexport const o = (a: object) => ({ ...a, b: 1 });\nexport class K { static z = 1; q = 2; }", false);
    expect(checkJs(js, { topLevel: false })).toEqual([]);
  });

  // Espruino's bind replaces an arrow's `this`, and setUI binds btn; these btn handlers are fine.
  const setUIOk: Array<[string, string]> = [
    ["a plain function using a captured variable", "function () { me.x(); }"],
    ["an arrow without this", "() => { me.x(); }"],
    ["an arrow whose this is only inside a nested plain function", "() => { [1].forEach(function (this: any) { this.y = 1; }, {}); me.x(); }"],
  ];
  for (const [what, btn] of setUIOk)
    for (const minify of [false, true]) {
      it(`accepts ${what} as setUI's btn${minify ? " (minified)" : ""}`, async () => {
        const ts = `${SETUI_CLASS}\n  ui() {\n    const me = this;\n    Bangle.setUI({ mode: "custom", btn: ${btn} });\n  }\n}`;
        const { js, findings } = await checkTs(ts, minify);
        expect(js).toMatch(/setUI\(\{/);
        expect(findings).toEqual([]);
      });
    }

  it("a bundle that defines its own method named like a missing built-in may call it", () => {
    expect(checkJs("var c = { at: function (t) { return t; } };\nvar r = c.at(1);", { topLevel: false })).toEqual([]);
  });
});

describe("top-level convention", () => {
  it("accepts declarations followed by one start() call", async () => {
    const { findings } = await checkTs("function start() { return 1; }\nconst N = 3;\nstart();", true, true);
    expect(findings).toEqual([]);
  });

  it("rejects a module-level side effect at its line", async () => {
    const ts = "declare const Bangle: any;\nfunction start() { return 1; }\nBangle.setLCDPower(1); // HERE\nstart();";
    for (const minify of [false, true]) {
      const { findings } = await checkTs(ts, minify, true);
      expect(findings.map((f) => [f.rule, f.sourceLine])).toEqual([["top-level", markedLine(ts)]]);
    }
  });

  it("accepts a string constant's words at the top level (the log's code tables)", async () => {
    const { findings } = await checkTs('const L = "a b c";\nexport const W = L.split(" ");\nfunction start() { return W.length; }\nstart();', false, true);
    expect(findings).toEqual([]);
  });

  it("applies to a screen file: a function expression that declares things and ends with one call", () => {
    expect(checkJs("(function(A,X){\nfunction f(a){return a;}\nvar N=3;\nf(A);\n})")).toEqual([]);
    const bad = checkJs("(function(A,X){\nfunction f(a){return a;}\nA.w.E.showMenu({});\nf(A);\n})");
    expect(bad.map((f) => [f.rule, f.line])).toEqual([["top-level", 3]]);
    expect(checkJs("(function(A,X){\nfunction f(a){return a;}\n})").map((f) => f.rule)).toEqual(["top-level"]);
  });

  it("rejects a bundle that does not end with a start() call", async () => {
    const ts = "function start() { return 1; }\nstart();\nexport const X = 1; // HERE";
    const { findings } = await checkTs(ts, false, true);
    expect(findings.map((f) => f.rule)).toContain("top-level");
  });
});
