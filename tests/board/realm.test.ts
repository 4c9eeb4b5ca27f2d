import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board realm: what the watch lacks is missing here too", () => {
  it("deletes the built-ins Espruino 2v29 does not have", () => {
    const b = createBoard();
    const r = b.eval(`JSON.stringify([typeof Map, typeof Set, typeof WeakMap, typeof Symbol, typeof Proxy,
      typeof Array.from, typeof [].at, typeof [].flat, typeof [].findLast, typeof [].lastIndexOf,
      typeof Number.isFinite, typeof Math.hypot, typeof Math.trunc, typeof Object.freeze,
      typeof "".trimStart, typeof Promise.race, typeof Promise.prototype.finally, typeof Uint8Array.from])`);
    expect(JSON.parse(r as string)).toEqual(Array(18).fill("undefined"));
  });

  it("keeps what the watch has: Promise, for..of, typed arrays, global isFinite", () => {
    const b = createBoard();
    b.load(`var out=[]; Promise.all([Promise.resolve(1), 2]).then(function(v){ out.push(v.join("+")); });
      for (const x of new Uint8Array([3,4])) out.push(x);
      out.push(isFinite(1), [1,2,3].includes(2), Object.entries({a:1}).length);`);
    expect(b.eval("JSON.stringify(out)")).toBe('[3,4,true,true,1,"1+2"]');
    b.assertNoErrors();
  });

  it("turns a call to a missing built-in into an app error, as on the watch", () => {
    const b = createBoard();
    b.load(`setTimeout(function(){ [1,2].at(-1); }, 10);`);
    expect(b.errors).toHaveLength(0);
    b.advance(20);
    expect(b.errors).toHaveLength(1);
    expect(b.errors[0].message).toMatch(/at/);
    expect(b.serial.output).toMatch(/Uncaught/);
  });

  it("fails require() of a module the watch does not have", () => {
    const b = createBoard();
    b.load(`var ok = typeof require("Storage").read; require("nosuchmodule");`);
    expect(b.errors.map((e) => e.message)).toEqual(['Module "nosuchmodule" not found']);
    expect(b.eval("ok")).toBe("function");
  });

  it("runs Date and getTime on the virtual wall clock; setTime jumps it, timers keep their spacing", () => {
    const b = createBoard({ startTime: Date.UTC(2026, 0, 1) });
    b.load(`var ticks=[]; setInterval(function(){ ticks.push(Date.now()); }, 1000);`);
    b.advance(2000);
    b.setTime(Date.UTC(2026, 0, 1, 1)); // the phone moves the clock an hour on
    b.advance(2000);
    const ticks = b.eval("JSON.stringify(ticks)") as string;
    const t0 = Date.UTC(2026, 0, 1);
    expect(JSON.parse(ticks)).toEqual([t0 + 1000, t0 + 2000, t0 + 3600000 + 1000, t0 + 3600000 + 2000]);
    expect(b.eval("new Date().getTime() === Date.now() && Math.round(getTime()*1000) === Date.now()")).toBe(true);
    expect(b.now()).toBe(4000);
  });
});
