// The names the watch build shortens: ours only, never a name the firmware, the built-ins or
// a file on flash uses (a shortened external name would break the app on the watch).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mangleNames } from "../../tools/mangle.mjs";

describe("mangle list", () => {
  const names = new Set(mangleNames());

  it("shortens the engine's own long member names", () => {
    for (const n of ["paceOutSince", "tickMono", "busyUntil", "paceState"]) expect(names.has(n)).toBe(true);
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
});
