// The names the watch build shortens: ours only, never a name the firmware, the built-ins or
// a file on flash uses (a shortened external name would break the app on the watch).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { declaredInDts, mangleNames, reservedNames, watchLibFiles } from "../../tools/mangle.mjs";

describe("mangle list", () => {
  const names = new Set(mangleNames());

  it("shortens the engine's own long member names", () => {
    for (const n of ["paceOutSince", "tickMono", "busyUntil", "boundaryAt"]) expect(names.has(n)).toBe(true);
  });

  it("keeps the Bangle.js API, event fields, built-ins and menu options", () => {
    for (const n of ["on", "removeListener", "setGPSPower", "lat", "lon", "hdop", "bpm", "confidence", "mag", "appRect", "x2",
      "length", "push", "indexOf", "substr", "set", "subarray", "fill", "title", "back", "remove", "onchange", "readLine", "getFree"]) expect(names.has(n)).toBe(false);
  });

  it("keeps every key of the workout, settings and history JSON", () => {
    const keys = readFileSync("src/engine/plan.ts", "utf8").match(/^\s+(\w+)\??:/gm)!.map((l) => l.trim().replace(/\??:$/, ""));
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys.concat(["race", "time", "maxHr", "restHr", "mi"])) expect(names.has(k)).toBe(false);
  });

  it("keeps every member, global and event name src/types declares, and the watch's TypeScript libs' built-ins", () => {
    const reserved = reservedNames();
    for (const f of ["src/types/bangle.d.ts", "src/types/espruino.d.ts"])
      for (const n of declaredInDts(readFileSync(f, "utf8"))) {
        expect(reserved.has(n)).toBe(true);
        expect(names.has(n)).toBe(false);
      }
    // event listeners kept in an object keyed by event name (removed with for-in): the keys stay
    for (const n of ["GPS", "HRM", "accel", "step", "kill", "lastTime", "scale", "fgH", "padStart", "CRC32",
      "then", "catch", "toFixed", "valueOf", "toJSON", "prototype", "enumerable", "writable", "byteLength"]) expect(reserved.has(n)).toBe(true);
  });

  it("reads the libs tsconfig.watch.json names, with the libs they reference", () => {
    const files = watchLibFiles().map((f: string) => f.replace(/^.*\//, ""));
    expect(files).toEqual(expect.arrayContaining(["lib.es5.d.ts", "lib.es2015.promise.d.ts", "lib.decorators.d.ts"]));
    expect(files).not.toContain("lib.es2015.collection.d.ts");
  });

  it("takes members and globals from a declaration file, not parameter or type parameter names", () => {
    const d = declaredInDts(`
// comment: notAName: 1
interface Api {
  on(ev: "GPS", cb: (fix: { lat: number; satellites?: number }) => void): void;
  readonly width: number;
  get height(): number;
  draw<T extends { hue: number }>(img: string, x: number, o?: { scale?: number }): Api;
  [k: string]: unknown;
  "quoted": boolean;
  set(v: number): void;
}
declare var Bangle: Api;
declare function setWatch(cb: (e: { state: boolean }) => void, pin: unknown): number;
type Opts = { mode: "custom"; btn?: (n: number) => void };
`);
    expect([...d].sort()).toEqual(expect.arrayContaining(["Api", "Bangle", "GPS", "btn", "custom", "draw", "height", "hue", "lat", "mode",
      "on", "quoted", "satellites", "scale", "set", "setWatch", "state", "width"]));
    for (const n of ["notAName", "ev", "cb", "fix", "img", "x", "o", "k", "T", "v", "pin", "e", "n", "comment"]) expect(d.has(n), n).toBe(false);
  });
});
