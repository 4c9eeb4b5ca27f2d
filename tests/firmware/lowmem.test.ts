// A run that runs short of memory (issue 13): RAM is taken elsewhere, 200 JsVars more every 5 s,
// during a Classic 5K. Measured: the firmware only flags LOW_MEMORY once it has already interrupted
// the run's code (at ~20 free), so the app watches free memory at its tick and (about every 8 s), under 600, gives up
// its cadence estimate (the largest thing a run holds) so that the log and the buzzes go on: the log
// says when, the run screen says LOW RAM, and the warm-up still ends on time with its buzz and its
// step line, without an interpreter error. And Resume from the recover prompt, like a tap on the
// list, refuses with too little free RAM and leaves the unfinished log as it was.
import { expect, it } from "vitest";
import { describeFw, fwApp, startWorkout, logText, feeder, FIX, FW_TIMEOUT } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import { memCheck } from "../../src/engine/decide";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { EventRec, StepRec } from "../../src/engine/log/records";

/** a timed Bangle event, as feeder() takes them */
type Ev = { tMs: number; type: string; data: object };

/** s seconds of running north at 3 m/s: a fix and an HR sample a second, the wrist at 12.5 Hz */
function running(s: number): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < s; i++) {
    out.push({ tMs: i * 1000 + 250, type: "GPS", data: { ...FIX, lat: FIX.lat + (i * 3) / 111_195, speed: 10.8 } });
    out.push({ tMs: i * 1000 + 600, type: "HRM", data: { bpm: 140, confidence: 90 } });
    for (let k = 0; k < 12.5; k++) {
      const ph = 2 * Math.PI * 2.8 * (i + k * 0.08);
      const z = -1 + 0.5 * Math.sin(ph);
      out.push({ tMs: i * 1000 + k * 80, type: "accel", data: { x: 0.2 * Math.sin(ph / 2), y: 0.1, z, mag: Math.hypot(0.2 * Math.sin(ph / 2), 0.1, z), diff: 0 } });
    }
  }
  return out;
}

describeFw("a run short of memory", () => {
  it("memory taken mid-run: the cadence estimate goes before the interpreter runs out; the log and the buzzes go on, the screen says so", async () => {
    const w = await fwApp({ trace: true });
    startWorkout(w, "Classic 5K");
    const t0 = w.now() - 1000;
    const feed = feeder(w, running(620) as Parameters<typeof feeder>[1]);
    feed(60_000);
    expect(w.listeners().accel).toBe(1);
    const free = w.memory().free;
    // step by step: each 5 s of running with 200 JsVars more held, until the estimator is gone
    let held = free - 1600;
    w.exec(`var HELD=[];for(var i=0;i<${held};i++)HELD.push(i);`);
    feed(5000);
    while (w.listeners().accel && held < free) {
      w.exec(`for(var i=0;i<200;i++)HELD.push(i);`);
      held += 200;
      feed(5000);
    }
    feed(30_000);
    const events = () => decodeLog(logText(w), crc32).recs.filter((r): r is EventRec => r.k === "F");
    const low = events().filter((e) => e.what === "lowMemory");
    console.log(`lowmem: ${free} JsVars free in the run, ${held} held; lowMemory events ${JSON.stringify(low)}; free now ${w.memory().free}`);
    expect(low).toHaveLength(1);
    expect(w.listeners().accel ?? 0).toBe(0);
    expect(w.shown(t0)).toContain("LOW RAM: cadence off");
    // the warm-up (10 min) still ends at 10:00, buzzed and logged, with the RAM still held
    const buzzes = w.buzzes.length;
    feed(540_000);
    const steps = decodeLog(logText(w), crc32).recs.filter((r): r is StepRec => r.k === "S");
    expect(steps[0].kind).toBe("warmup");
    expect(steps[0].durMs).toBe(600_000);
    expect(w.buzzes.length).toBeGreaterThan(buzzes);
    expect(w.errors).toEqual([]);
    expect(w.eval<string[]>("E.getErrorFlags()")).toEqual([]);
    w.exec("HELD=undefined;");
  }, FW_TIMEOUT);

  it("Resume with RAM held elsewhere: says Low RAM with both figures, starts nothing, the log as it was", async () => {
    const w = await fwApp({ trace: true });
    startWorkout(w, "Classic 5K");
    feeder(w, running(40) as Parameters<typeof feeder>[1])(40_000);
    w.exec("load()");
    w.advance(1500);
    const log = logText(w);
    const from = w.now();
    loadApp(w, "speedseq.app.js");
    w.advance(2000);
    // with the prompt up, RAM held elsewhere (a load() clears what the console held before it) so
    // that 800 JsVars fewer than a session needs are free
    const free = w.memory().free;
    w.exec(`var HELD=[];for(var i=0;i<${free - memCheck(0).needVars + 800};i++)HELD.push(i);`);
    w.tapText("Resume");
    w.advance(1000);
    expect(w.shown(from).join(" ")).toMatch(/Low RAM/);
    expect(w.shown(from).join(" ")).toMatch(/A session needs\s+\d+\s+free\s+JsVars;\s+\d+\s+are\s+free/);
    expect(w.powered().GPS).not.toContain("speedseq");
    expect(w.listeners().accel ?? 0).toBe(0);
    expect(logText(w)).toBe(log);
    w.exec("HELD=undefined;");
  }, FW_TIMEOUT);
});
