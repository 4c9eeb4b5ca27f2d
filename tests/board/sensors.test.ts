import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board sensors and power", () => {
  it("keeps GPS on while any app id holds it, and delivers fixes only while powered", () => {
    const b = createBoard();
    b.load(`var fixes=[]; Bangle.on("GPS", function(f){ fixes.push(f.fix + ":" + (isNaN(f.lat) ? "nan" : f.lat)); });
      Bangle.setGPSPower(1, "a"); Bangle.setGPSPower(1, "b");`);
    expect(b.emit("GPS", { fix: 0 })).toBe(true);
    b.eval(`Bangle.setGPSPower(0, "a")`);
    expect(b.eval("Bangle.isGPSOn()")).toBe(true);
    expect(b.emit("GPS", { fix: 1, lat: 51.5, lon: -0.1, speed: 10 })).toBe(true);
    b.eval(`Bangle.setGPSPower(0, "b")`);
    expect(b.eval("Bangle.isGPSOn()")).toBe(false);
    expect(b.emit("GPS", { fix: 1, lat: 52 })).toBe(false);
    expect(b.eval("fixes.join()")).toBe("0:nan,1:51.5");
    expect(b.power().GPS).toEqual([]);
  });

  it("GPS fix is a quality number, and missing fields are filled as the firmware sends them", () => {
    const b = createBoard();
    b.load(`var last; Bangle.setGPSPower(1, "t"); Bangle.on("GPS", function(f){ last = f; });`);
    b.emit("GPS", { fix: 2, lat: 1, lon: 2 });
    expect(b.eval("[last.fix, last.satellites, isNaN(last.hdop), last.time === undefined].join()")).toBe("2,0,true,true");
  });

  it("HRM events arrive only while powered", () => {
    const b = createBoard();
    b.load(`var bpm=[]; Bangle.on("HRM", function(h){ bpm.push(h.bpm + "/" + h.confidence); });`);
    expect(b.emit("HRM", { bpm: 120, confidence: 90 })).toBe(false);
    b.eval(`Bangle.setHRMPower(1, "t")`);
    b.emit("HRM", { bpm: 121, confidence: 80 });
    expect(b.eval("bpm.join()")).toBe("121/80");
  });

  it("accelerometer drops to 1.25 Hz after 60 s still, and back to 12.5 Hz on movement", () => {
    const b = createBoard();
    b.load(`var n=0; Bangle.on("accel", function(a){ n++; });`);
    b.advance(10000);
    const fast = b.eval("n") as number;
    expect(fast).toBeGreaterThanOrEqual(124);
    expect(fast).toBeLessThanOrEqual(126);
    b.advance(60000);
    b.eval("n=0");
    b.advance(10000);
    expect(b.eval("n")).toBeLessThanOrEqual(13);
    expect(b.eval("n")).toBeGreaterThanOrEqual(12);
    let k = 0;
    b.setAccel(() => ({ x: (k++ % 2) * 0.5, y: 0, z: -1 }));
    b.advance(2000);
    b.eval("n=0");
    b.advance(10000);
    expect(b.eval("n")).toBeGreaterThanOrEqual(124);
    expect(b.accelIntervals).toEqual([80, 800, 80]);
  });

  it("setPollInterval keeps 12.5 Hz when still (it turns power saving off, an option to restore)", () => {
    const b = createBoard();
    b.load(`var n=0; Bangle.setPollInterval(80); Bangle.on("accel", function(){ n++; });`);
    b.advance(120000);
    b.eval("n=0");
    b.advance(10000);
    expect(b.eval("n")).toBeGreaterThanOrEqual(124);
    expect(b.eval("Bangle.getOptions().powerSave")).toBe(false);
  });
});
