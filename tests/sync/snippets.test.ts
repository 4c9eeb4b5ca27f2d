// The snippets the phone sends: each passes the watch checker (the rules app.js passes), is one
// console line starting with 0x10, and takes only checked numbers; log names pass a regex first.
import { describe, it, expect } from "vitest";
import { checkJs } from "../../tools/checker.mjs";
import { allSnippets, logNumber, listSnippet, streamSnippet, ackSnippet, manifestSnippet, armDeleteSnippet, deleteSnippet } from "../../src/sync/snippets";
import { readFileSync, readdirSync } from "node:fs";

describe("sync snippets", () => {
  const all = allSnippets();

  it("are one console line each, not echoed (0x10), printable ASCII", () => {
    for (const [k, s] of Object.entries(all)) {
      expect(s.charAt(0), k).toBe("\x10");
      expect(s.endsWith("\n"), k).toBe(true);
      const body = s.slice(1, -1);
      expect(body.includes("\n"), k).toBe(false);
      expect(/^[\x20-\x7e]*$/.test(body), k).toBe(true);
    }
  });

  it("pass the watch checker", () => {
    for (const [k, s] of Object.entries(all)) {
      const findings = checkJs(s.slice(1, -1), { file: `<${k} snippet>`, topLevel: false });
      expect(findings, k).toEqual([]);
    }
  });

  it("the checker does fail a snippet the watch could not run (the check is live)", () => {
    const bad = all.stream.slice(1, -1).replace("function(j,a){", "(j,a=0)=>{");
    expect(checkJs(bad, { file: "<bad>", topLevel: false }).map((f: { rule: string }) => f.rule)).toContain("default-param");
  });

  it("take only names of session logs, and only numbers in range", () => {
    expect(logNumber("speedseq.log0")).toBe(0);
    expect(logNumber("speedseq.log123")).toBe(123);
    for (const bad of ["speedseq.hist.json", "speedseq.log", "speedseq.log1x", "speedseq.log-1", "xspeedseq.log1", "speedseq.log1\"+eval(x)+\"", "speedseq.log1234567890", " speedseq.log1"])
      expect(() => logNumber(bad), bad).toThrow();
    expect(() => listSnippet(0)).toThrow();
    expect(() => listSnippet(1.5)).toThrow();
    expect(() => streamSnippet(1, 3, 0, 32, 4)).toThrow(/chunk size/);
    expect(() => streamSnippet(1, 3, 0, 768, 0)).toThrow(/window/);
    expect(() => streamSnippet(1, -1, 0, 768, 4)).toThrow(/log number/);
    expect(() => ackSnippet(1, NaN)).toThrow();
    expect(() => manifestSnippet(1, 3, 1e9)).toThrow();
    expect(() => armDeleteSnippet(1, 3, 768, 10, 2 ** 32)).toThrow(/crc/);
    expect(() => deleteSnippet(1, 3, 0)).toThrow(/token/);
    // a number reaches the snippet as digits only
    expect(streamSnippet(12, 34, 5, 768, 4)).toContain('"speedseq.log"+34');
  });

  it("src/sync imports nothing from Node or the DOM (it goes into the phone app)", () => {
    for (const f of readdirSync("src/sync")) {
      const src = readFileSync(`src/sync/${f}`, "utf8");
      const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
      for (const i of imports) expect(i.startsWith("./") || i.startsWith("../engine/"), `${f} imports ${i}`).toBe(true);
      expect(/\b(process|Buffer|require|window|document|__dirname)\b\s*[.(]/.test(src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/'[^']*'|"[^"]*"/g, "")), f).toBe(false);
    }
  });
});
