import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

const APP = `var log=[];
  Bangle.on("lock", function(on, reason){ log.push("lock "+on); });
  Bangle.on("unlock", function(){ log.push("unlock event"); });
  setWatch(function(e){ log.push("btn "+e.state); }, BTN1, {repeat:true, edge:"both"});
  Bangle.on("touch", function(n, e){ log.push("touch "+n); });`;

describe("board locking (firmware behaviour)", () => {
  it("the first BTN1 press while locked only unlocks: the app sees 'lock' false, not the press", () => {
    const b = createBoard();
    b.load(APP);
    b.lock();
    b.press(100);
    b.press(100);
    expect(b.eval("log.join('|')")).toBe("lock true|lock false|btn true|btn false");
  });

  it("touches are ignored while locked", () => {
    const b = createBoard();
    b.load(APP);
    b.lock();
    expect(b.tap(150, 100)).toBe(false);
    b.unlock();
    expect(b.tap(150, 100)).toBe(true);
    expect(b.eval("log.join('|')")).toBe("lock true|lock false|touch 2");
  });

  it("locks itself after lockTimeout of inactivity, counted from the last touch", () => {
    const b = createBoard();
    b.load(APP + `Bangle.setOptions({lockTimeout: 5000});`);
    b.advance(3000);
    b.tap(10, 100);
    b.advance(4000);
    expect(b.isLocked()).toBe(false);
    b.advance(1001);
    expect(b.isLocked()).toBe(true);
    expect(b.eval("Bangle.isLocked()")).toBe(true);
  });

  it("holding BTN1 for btnLoadTimeout (1.5 s) loads the clock and runs E 'kill' handlers", () => {
    const b = createBoard();
    b.load(APP + `E.on("kill", function(){ require("Storage").write("killed", "yes"); });`);
    b.press(1000);
    expect(b.exited).toBe(false);
    b.press(1600);
    expect(b.exited).toBe(true);
    expect(b.loaded).toBe("clock");
    expect(b.storage.read("killed")).toBe("yes");
    // the long press never reached the app as a release
    expect(b.eval("log.join('|')")).toBe("btn true|btn false|btn true");
  });

  it("load() from app code leaves after the current code finishes", () => {
    const b = createBoard();
    b.load(`var after=0; setTimeout(function(){ load(); after=1; }, 100); setTimeout(function(){ after=2; }, 200);`);
    b.advance(500);
    expect(b.loaded).toBe("clock");
    expect(b.eval("after")).toBe(1);
  });
});
