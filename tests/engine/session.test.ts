// Session rules one at a time, on small synthetic streams.
import { describe, it, expect } from "vitest";
import { synthTrack } from "../../src/sim/synth-track";
import { replay } from "../../src/sim/replay";
import type { SensorEvent } from "../../src/sim/replay";
import { runSession } from "../../src/sim/harness";
import type { RunOptions } from "../../src/sim/harness";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { Plan, Step } from "../../src/engine/plan";
import type { StepRec, EventRec } from "../../src/engine/log/records";
import { H_FAST, H_SLOW, H_REP, H_COUNT, H_RECOVERY } from "../../src/engine/haptics";
import { GpsTrack, GPS_JUMP, GPS_NOFIX, GPS_POOR, GPS_OK } from "../../src/engine/gps";
import { Session, F_FAST, F_SLOW } from "../../src/engine/session";
import { GRACE_MS, PACE_HOLD_MS } from "../../src/engine/rules";

const one = (...steps: Step[]): Plan => ({ v: 1, name: "t", steps });

function go(plan: Plan, ev: SensorEvent[], o: RunOptions = {}) {
  const run = runSession(plan, ev, o);
  const d = decodeLog(run.lines.join(""), crc32);
  expect(d.errors).toEqual([]);
  return { run, steps: d.recs.filter((r): r is StepRec => r.k === "S"), events: d.recs.filter((r): r is EventRec => r.k === "F") };
}

/** HR events: bpm(tS) every second for durS */
function hr(durS: number, bpm: (tS: number) => number, conf = 90): SensorEvent[] {
  const out: SensorEvent[] = [];
  for (let t = 0; t <= durS; t++) out.push({ tMs: t * 1000 + 500, type: "HRM", data: { bpm: bpm(t), confidence: conf } });
  return out;
}

describe("HR-gated recovery", () => {
  const rest = one({ kind: "recovery", end: { hrBelow: 120, minS: 60, holdS: 10, maxS: 180 } }, { kind: "work", end: { time: 30 } });
  it("is ready when HR has stayed below the line for the hold, not before the minimum", () => {
    // below 120 from 20 s: the minimum (60 s) decides
    const a = go(rest, hr(300, (t) => (t < 20 ? 160 : 110)));
    expect(a.steps[0].why).toBe("hr");
    expect(a.steps[0].durMs / 1000).toBeCloseTo(60, 0);
    // below from 100 s: the hold (10 s) decides
    const b = go(rest, hr(300, (t) => (t < 100 ? 160 : 110)));
    expect(b.steps[0].durMs / 1000).toBeGreaterThanOrEqual(109);
    expect(b.steps[0].durMs / 1000).toBeLessThanOrEqual(111.5);
  });
  it("is capped by the maximum when HR never comes down", () => {
    const c = go(rest, hr(300, () => 160));
    expect(c.steps[0].why).toBe("cap");
    expect(c.steps[0].durMs).toBe(180_000);
  });
  it("ignores HR 0 at confidence 0 and flags low confidence", () => {
    const c = go(rest, hr(300, () => 0, 0));
    expect(c.steps[0].why).toBe("cap");
    expect(c.steps[0].avgHr).toBe(0);
    expect(c.steps[0].quality & 8).toBe(8); // no HR
  });
});

describe("the big number: what is left of the step", () => {
  const at = (end: Step["end"]) =>
    new Session(one({ kind: "recovery", end }, { kind: "work", end: { time: 60 } }), { buzz() {}, write() {}, crc: crc32 }, 0, "t", "", 0, 0);
  // remain() sets the unit it counts in
  const left = (s: Session) => { const r = s.remain(); return [s.unit, r]; };
  it("counts metres, seconds, bpm or up, by the end rule", () => {
    expect(left(at({ dist: 400 }))).toEqual(["m", 400]);
    const time = at({ time: 90 });
    time.tick(2000);
    expect(left(time)).toEqual(["s", 88]);
    time.command(2500, "extend");
    expect(left(time)).toEqual(["s", 117.5]);
    const lap = at({ lap: 1 });
    lap.tick(5000);
    expect(left(lap)).toEqual(["+s", 5]);
    const up = at({ hrAbove: 150 });
    up.hrm(1000, 130, 90);
    expect(left(up)).toEqual(["bpm", 20]);
    up.hrm(2000, 155, 90);
    expect(left(up)).toEqual(["s", 60]); // HR went above: on to the rep
    up.command(3000, "end");
    expect(left(up)).toEqual(["", 0]);
  });
  it("on an HR-gated rest, counts the minimum time down first, then the bpm still to lose", () => {
    const s = at({ hrBelow: 120, minS: 30, maxS: 200 });
    for (let w = 1000; w <= 31_000; w += 1000) {
      s.tick(w);
      if (w === 10_000) expect(left(s)).toEqual(["s", 20]);
    }
    s.hrm(31_000, 140, 90);
    expect(left(s)).toEqual(["bpm", 20]);
  });
});

describe("commands", () => {
  const plan = one({ kind: "work", end: { time: 60 } }, { kind: "recovery", end: { time: 60 } }, { kind: "work", end: { time: 60 } });
  it("pause freezes the step clock; resume continues it", () => {
    const r = go(plan, [], { endMs: 400_000, cmds: [{ atMs: 10_000, cmd: "pause" }, { atMs: 40_000, cmd: "resume" }] });
    expect(r.steps[0].durMs).toBe(60_000);
    expect(r.steps[1].startMs).toBe(90_000);
    expect(r.steps[0].flags & 16).toBe(16);
  });
  it("skip, +30 s on a recovery, and end early are logged", () => {
    const r = go(plan, [], { endMs: 400_000, cmds: [{ atMs: 5_000, cmd: "skip" }, { atMs: 10_000, cmd: "extend" }, { atMs: 95_000, cmd: "end" }] });
    expect(r.steps[0].why).toBe("skip");
    expect(r.steps[0].durMs).toBe(5_000);
    expect(r.steps[1].durMs).toBe(90_000);
    expect(r.steps[1].flags & 8).toBe(8);
    expect(r.steps[2].why).toBe("end");
    expect(r.events.map((e) => e.what)).toEqual(["skip", "extend"]);
  });
  it("skip while paused logs the end of the pause first; end while paused does not", () => {
    const skip = go(plan, [], { endMs: 400_000, cmds: [{ atMs: 10_000, cmd: "pause" }, { atMs: 20_000, cmd: "skip" }] });
    expect(skip.events.map((e) => e.what)).toEqual(["pause", "resume", "skip"]);
    expect(skip.steps[0].durMs).toBe(10_000);
    expect(skip.steps[1].startMs).toBe(20_000);
    const end = go(plan, [], { endMs: 400_000, cmds: [{ atMs: 10_000, cmd: "pause" }, { atMs: 20_000, cmd: "end" }] });
    expect(end.events.map((e) => e.what)).toEqual(["pause"]);
    expect(end.steps.map((x) => [x.durMs, x.why])).toEqual([[10_000, "end"]]);
  });
  it("+30 s is refused on a rep", () => {
    const r = go(plan, [], { endMs: 400_000, cmds: [{ atMs: 10_000, cmd: "extend" }] });
    expect(r.steps[0].durMs).toBe(60_000);
  });
  it("counts down 3-2-1 into a rep and buzzes the rep start on time", () => {
    const r = go(plan, [], { endMs: 400_000 });
    const count = r.run.buzzes.filter((b) => b.id === H_COUNT).map((b) => b.atMs);
    expect(count).toEqual([117_000, 118_000, 119_000]);
    expect(r.run.buzzes.filter((b) => b.id === H_REP).map((b) => b.atMs)).toEqual([120_000]);
    expect(r.run.buzzes.filter((b) => b.id === H_RECOVERY).map((b) => b.atMs)).toEqual([60_000]);
  });
});

describe("pace drift", () => {
  const rep = (mps: number) => {
    const t = synthTrack([{ durS: 200, mps }], { seed: 5 });
    return go(one({ kind: "work", end: { dist: 500 }, pace: [230, 250] }, { kind: "recovery", end: { time: 10 } }), replay(t.rows));
  };
  it("flags too fast and too slow after the grace period, and stays quiet in the band", () => {
    const fast = rep(1000 / 200);
    const slow = rep(1000 / 290);
    const ok = rep(1000 / 240);
    expect(fast.run.buzzes.some((b) => b.id === H_FAST)).toBe(true);
    expect(fast.steps[0].flags & 1).toBe(1);
    expect(slow.run.buzzes.some((b) => b.id === H_SLOW)).toBe(true);
    expect(slow.steps[0].flags & 2).toBe(2);
    expect(ok.run.buzzes.some((b) => b.id === H_FAST || b.id === H_SLOW)).toBe(false);
    const first = fast.events.find((e) => e.what === "paceFast")!;
    // the hold before an alert starts when the grace period ends
    expect(first.tMs).toBeGreaterThanOrEqual(GRACE_MS + PACE_HOLD_MS);
  });
  it("shows where the pace is during the grace period (the pace box's colour), without alerting", () => {
    const cases: [number, number][] = [[1000 / 200, F_FAST], [1000 / 290, F_SLOW], [1000 / 240, 0]];
    for (const [mps, flag] of cases) {
      const t = synthTrack([{ durS: 200, mps }], { seed: 5 });
      const r = go(one({ kind: "work", end: { dist: 500 }, pace: [230, 250] }, { kind: "recovery", end: { time: 10 } }), replay(t.rows), { endMs: GRACE_MS - 3000 });
      expect(r.run.session.paceOut, `${mps} m/s`).toBe(flag);
      expect(r.run.buzzes.some((b) => b.id === H_FAST || b.id === H_SLOW)).toBe(false);
      expect(r.events.filter((e) => e.what === "paceFast" || e.what === "paceSlow")).toEqual([]);
    }
  });
});

describe("GPS filter", () => {
  const fix = (lat: number, lon: number, o: Partial<{ fix: number; hdop: number; speed: number }> = {}) => ({ lat, lon, speed: o.speed ?? 14.4, fix: o.fix ?? 1, hdop: o.hdop ?? 1 });
  it("rejects no-fix, poor hdop and jumps; accepts plausible movement", () => {
    const g = new GpsTrack();
    expect(g.add(0, fix(51.5, 0))).toBe(GPS_OK);
    expect(g.add(1000, fix(NaN, NaN, { fix: 0 }))).toBe(GPS_NOFIX);
    expect(g.add(2000, fix(51.50003, 0, { hdop: 20 }))).toBe(GPS_POOR);
    expect(g.add(3000, fix(51.6, 0))).toBe(GPS_JUMP);
    // the three bad fixes carried distance on at the last speed (4 m/s): 12 m, where the
    // positions say 4.45 m: the 7.55 m ahead are taken off the next segments
    expect(g.add(4000, fix(51.50004, 0))).toBe(GPS_OK);
    expect(g.segM).toBe(0);
    // no speed field: the positions' 4.45 m a fix, less what is still owed
    expect(g.add(5000, fix(51.50008, 0, { speed: NaN }))).toBe(GPS_OK);
    expect(g.segM).toBe(0);
    g.add(6000, fix(51.50012, 0, { speed: NaN }));
    expect(g.segM).toBeCloseTo(3 * 4.45 - 12, 1);
    g.add(7000, fix(51.50016, 0, { speed: NaN }));
    expect(g.segM).toBeCloseTo(4.45, 1);
  });
  it("re-anchors after a run of jumps instead of rejecting forever", () => {
    const g = new GpsTrack();
    g.add(0, fix(51.5, 0));
    const r = [1, 2, 3, 4].map((k) => g.add(k * 1000, fix(51.6 + k * 0.00001, 0)));
    expect(r).toEqual([GPS_JUMP, GPS_JUMP, GPS_JUMP, GPS_OK]);
    expect(g.segM).toBe(0);
  });
  it("counts no distance while standing still", () => {
    const g = new GpsTrack();
    g.add(0, fix(51.5, 0, { speed: 0 }));
    g.add(1000, fix(51.50001, 0, { speed: 0 }));
    expect(g.segM).toBe(0);
  });
});

describe("flash running low", () => {
  it("stops the track, logs when (once), and keeps every seq and step summary", () => {
    let text = "";
    const s = new Session(one({ kind: "work", end: { time: 120 } }), { buzz() {}, write(l) { text += l; }, crc: crc32 }, 0, "t", "", 0, 0);
    const fix = (w: number) => s.gpsFix(w, { lat: 51.5 + w * 1e-8, lon: -0.12, speed: 10, fix: 1, hdop: 1 });
    for (let w = 1000; w <= 60_000; w += 1000) { s.tick(w); fix(w); }
    s.storageLow();
    s.storageLow();
    for (let w = 61_000; w <= 125_000; w += 1000) { s.tick(w); fix(w); }
    const log = decodeLog(text, crc32);
    expect(log.errors).toEqual([]);
    const low = log.recs.findIndex((r) => r.k === "F" && r.what === "storageLow");
    expect(log.recs.filter((r) => r.k === "F" && r.what === "storageLow").length).toBe(1);
    expect((log.recs[low] as EventRec).tMs).toBe(60_000);
    // points before it, none taken after it
    expect(log.track.length).toBeGreaterThan(5);
    expect(log.track.every((p) => p.tMs <= 60_000)).toBe(true);
    expect(log.recs.filter((r) => r.k === "S").length).toBe(1);
  });
});

describe("which events run the step rules", () => {
  const mk = (end: Step["end"]) => {
    const lines: string[] = [];
    const s = new Session(one({ kind: "recovery", end }, { kind: "work", end: { time: 60 } }), { buzz() {}, write: (l) => { lines.push(l); }, crc: crc32 }, 0, "t", "", 0, 0);
    const steps = () => decodeLog(lines.join(""), crc32).recs.filter((r): r is StepRec => r.k === "S");
    return { s, steps };
  };
  it("an HR sample or a cadence estimate past a time step's end leaves it to the next tick, which ends it at its exact time", () => {
    const { s, steps } = mk({ time: 10 });
    for (let t = 1000; t <= 10_000; t += 1000) s.tick(t - 1);
    s.hrm(10_400, 120, 90);
    s.cadence(10_600, 170, 0.9);
    expect(s.step!.kind).toBe("recovery");
    s.tick(10_999);
    expect(s.step!.kind).toBe("work");
    expect(steps()[0].durMs).toBe(10_000);
  });
  it("an HR sample ends a step that ends by HR at once", () => {
    const { s, steps } = mk({ hrAbove: 150 });
    s.tick(1000);
    s.hrm(1500, 140, 90);
    expect(s.step!.kind).toBe("recovery");
    s.hrm(2500, 160, 90);
    expect(s.step!.kind).toBe("work");
    expect(steps()[0].why).toBe("hr");
    expect(steps()[0].durMs).toBe(2500);
  });
  it("in a distance step a tick within a second of a fix that ran the rules does not run them again; without fixes it does", () => {
    const { s } = mk({ dist: 400 });
    let runs = 0;
    const advance = s.advance.bind(s);
    s.advance = (t: number) => { runs++; advance(t); };
    const fix = (t: number, k: number) => s.gpsFix(t, { lat: 51.5 + (k * 3) / 111_195, lon: -0.12, speed: 10.8, fix: 1, hdop: 0.9, satellites: 9 });
    for (let k = 1; k <= 10; k++) {
      fix(k * 1000 - 500, k);
      s.tick(k * 1000);
    }
    // one run a second, the fix's
    expect(runs).toBe(10);
    // the fixes stop: every tick runs them
    for (let k = 11; k <= 15; k++) s.tick(k * 1000);
    expect(runs).toBe(15);
    expect(s.step!.kind).toBe("recovery");
  });
});

describe("GPS fixes and the step rules", () => {
  const fix = (lat: number) => ({ lat, lon: 0, alt: 0, speed: 12, course: 0, time: 0, satellites: 9, fix: 1, hdop: 1 });
  it("a fix past a time step's end ends it first (its distance counts for the next step); a fix that completes a distance step ends it at once", () => {
    const lines: string[] = [];
    const s = new Session(one({ kind: "warmup", end: { time: 5 } }, { kind: "work", end: { dist: 20 } }, { kind: "cooldown", end: { time: 60 } }), { buzz() {}, write: (l) => { lines.push(l); }, crc: crc32 }, 0, "t", "", 0, 0);
    for (let t = 1000; t <= 5000; t += 1000) { s.tick(t - 1); s.gpsFix(t - 500, fix(t * 1e-8)); }
    // a fix inside the warm-up leaves it running (the tick ends it)
    s.gpsFix(4700, fix(4.7e-5));
    expect(s.step!.kind).toBe("warmup");
    // the fix after its 5 s: the warm-up ends at 5 s exactly and the fix's metres are the work step's
    s.gpsFix(5300, fix(5.3e-5));
    expect(s.step!.kind).toBe("work");
    expect(s.sDist).toBeGreaterThan(0);
    s.tick(5999);
    expect(s.step!.kind).toBe("work");
    // ~3.3 m a second (12 km/h): the 20 m end on the fix that passes them
    let t = 6300;
    while (s.step!.kind === "work" && t < 20_000) { s.tick(t - 301); s.gpsFix(t, fix(5.3e-5 + ((t - 5300) / 1000) * 3e-5)); t += 1000; }
    const steps = decodeLog(lines.join(""), crc32).recs.filter((r): r is StepRec => r.k === "S");
    expect(s.step!.kind).toBe("cooldown");
    expect(steps[1].why).toBe("dist");
    expect(steps[0].durMs).toBe(5000);
  });
});
