// Sensor handlers under hostile input, on the real firmware during a Classic 5K (issue 13): floods
// of accelerometer events (each handler does bounded work per event and allocates nothing, so the
// firmware's event queue is the only thing that grows), and events whose every field may be of the
// wrong type. Seeded; each test prints what it tried.
import { expect, it } from "vitest";
import { describeFw, fwApp, startWorkout, logText, FIX, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { StepRec } from "../../src/engine/log/records";
import { rng } from "../../src/sim/rng";


/** the firmware's error flags (LOW_MEMORY, FIFO_FULL, …), cleared as they are read */
const errorFlags = (w: Watch) => w.eval<string[]>("E.getErrorFlags()");

describeFw("sensor handlers under floods and hostile fields", () => {
  it("ten bursts of 100 accelerometer events within 1 ms: no LOW_MEMORY, no error, memory back where it was", async () => {
    const seed = 1301, r = rng(seed);
    const w = await fwApp();
    startWorkout(w, "Classic 5K");
    expect(w.list().some((n) => n.startsWith("speedseq.log"))).toBe(true);
    // the window filled once, so that bursts also cross estimates
    w.advance(12_000);
    expect(errorFlags(w)).toEqual([]);
    const before = w.memory().usage;
    let peakQueued = 0;
    for (let burst = 0; burst < 10; burst++) {
      // one piece of code emits all 100 (no time passes): the firmware queues them, then runs the handler 100 times
      const xs: string[] = [];
      for (let i = 0; i < 100; i++) {
        const x = r() * 4 - 2, y = r() * 4 - 2, z = r() * 4 - 2;
        xs.push(`{x:${x.toFixed(3)},y:${y.toFixed(3)},z:${z.toFixed(3)},mag:${Math.hypot(x, y, z).toFixed(3)},diff:${r().toFixed(3)}}`);
      }
      w.exec(`var A=[${xs.join(",")}];for(var i=0;i<100;i++)Bangle.emit("accel",A[i]);A=undefined;global.Q=process.memory(false).usage;`);
      peakQueued = Math.max(peakQueued, w.eval<number>("Q"));
      w.advance(200);
    }
    w.advance(2000);
    const flags = errorFlags(w);
    const after = w.memory().usage;
    console.log(`floods (seed ${seed}): 10 bursts of 100 accel events of random |a| up to 3.5 g, each emitted by one piece of code; JsVars before ${before}, at the fullest queue ${peakQueued}, after ${after}; error flags ${JSON.stringify(flags)}`);
    expect(flags).toEqual([]);
    expect(w.errors).toEqual([]);
    // bounded: nothing kept per event (a second's own growth, a new estimate's floats, is all)
    expect(Math.abs(after - before)).toBeLessThan(30);
    // the session runs on: its 1 s tick still redraws
    const t = w.now();
    w.advance(1500);
    expect(w.texts.some((x) => x.tMs >= t)).toBe(true);
  }, FW_TIMEOUT);

  it("events with fields of the wrong type: no throw, no unhandled rejection, and the warm-up still ends at 10:00", async () => {
    const seed = 1302, r = rng(seed);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
    // what a field may hold instead of its number
    const hostile = (good: number): unknown => pick<unknown>([good, String(good), "abc", "", {}, { v: good }, [good], null, true, -good, 1e308, -1e308, "NaN", "Infinity", good * 1e6]);
    const w = await fwApp({ trace: true });
    startWorkout(w, "Classic 5K");
    const t0 = w.now() - 1000; // the start press
    const tried: Record<string, number> = {};
    const count = (k: string) => { tried[k] = (tried[k] ?? 0) + 1; };
    for (let s = 0; s < 606; s++) {
      // one second: a GPS fix and an HRM sample, each with one to three fields swapped; 12 accel
      // samples, some with a swapped field; a step count that may be anything
      const gps: Record<string, unknown> = { ...FIX, lat: FIX.lat + s * 3e-5, speed: 10, time: new Date(w.now()) };
      const hrm: Record<string, unknown> = { bpm: 120 + (s % 30), confidence: 90, raw: 0 };
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
        const f = pick(["lat", "lon", "speed", "time", "fix", "hdop", "satellites", "alt", "course"]);
        gps[f] = f === "time" ? pick<unknown>([String(w.now()), "yesterday", {}, 0, null]) : hostile(gps[f] as number);
        count(`GPS.${f}`);
      }
      for (let k = 1 + Math.floor(r() * 2); k > 0; k--) {
        const f = pick(["bpm", "confidence"]);
        hrm[f] = hostile(hrm[f] as number);
        count(`HRM.${f}`);
      }
      w.emit("GPS", gps);
      w.advance(400);
      w.emit("HRM", hrm);
      for (let i = 0; i < 12; i++) {
        const a: Record<string, unknown> = { x: 0.1, y: -0.2, z: -0.95, mag: 1 + 0.4 * Math.sin(i), diff: 0.1 };
        if (r() < 0.1) {
          const f = pick(["x", "y", "z", "mag", "diff"]);
          a[f] = hostile(a[f] as number);
          count(`accel.${f}`);
        }
        w.emit("accel", a);
        w.advance(40);
      }
      if (r() < 0.3) {
        w.emit("step", hostile(s * 3));
        count("step");
      }
      w.advance(t0 + (s + 1) * 1000 - w.now());
    }
    console.log(`hostile fields (seed ${seed}), swapped for a numeric string, a word, "", {}, an object, an array, null, true, a negative, ±1e308, "NaN", "Infinity" or x1e6 (GPS time also "yesterday", a string of ms, 0): ${JSON.stringify(tried)}`);
    const uncaught = w.console.split("\n").filter((l) => /Uncaught|Unhandled/i.test(l));
    expect(uncaught).toEqual([]);
    expect(w.errors).toEqual([]);
    // the warm-up is a 10-minute time step: it ended at 600 s by its time, and the strides began
    const steps = decodeLog(logText(w), crc32).recs.filter((x): x is StepRec => x.k === "S");
    expect(steps.length).toBeGreaterThanOrEqual(1);
    expect(steps[0].why).toBe("time");
    expect(steps[0].durMs).toBe(600_000);
    // what the session kept is numbers: an average HR among the good samples' (120-149), and the
    // distance of the good fixes (about 3.3 m a second; a lat of "51.5" is no fix, not a string in the sums)
    expect(steps[0].avgHr).toBeGreaterThanOrEqual(120);
    expect(steps[0].avgHr).toBeLessThanOrEqual(149);
    expect(steps[0].distM).toBeGreaterThan(500);
    expect(steps[0].distM).toBeLessThan(2100);
    expect(w.texts.filter((x) => x.tMs >= t0 + 600_000).map((x) => x.text)).not.toContain("Warm-up");
  }, FW_TIMEOUT);
});
