// FIT workouts in and out (src/authoring/fit.ts), row by row of the README's mapping table
// ("Authoring workouts"): exported files read back through Garmin's Decoder (raw values and the
// subfields that give them units), and workouts made with the SDK's Encoder the way other apps
// write them, step types SpeedSeq does not support among them.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { Decoder, Encoder, Profile, Stream } from "@garmin/fitsdk";
import type { Mesg } from "@garmin/fitsdk";
import { toFitWorkout, fromFitWorkout, IMPORT_HR_CAP_S, snake } from "../../src/authoring/fit";
import { parseText } from "../../src/authoring/text";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { refBand } from "../../src/engine/workout/pace";
import type { Plan } from "../../src/engine/plan";
import { arbPlan, expand } from "../workout/arbitraries";

type Rec = Record<string, unknown>;

function plan(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

function decode(bytes: Uint8Array): { fileId: Rec; workout: Rec; steps: Rec[] } {
  const d = new Decoder(Stream.fromByteArray(bytes));
  expect(d.checkIntegrity()).toBe(true);
  const r = d.read();
  expect(r.errors).toEqual([]);
  const m = r.messages as unknown as Record<string, Rec[]>;
  return { fileId: m.fileIdMesgs[0], workout: m.workoutMesgs[0], steps: m.workoutStepMesgs };
}

/** the steps of a plan written out */
function exported(text: string, goal?: { distM: number; timeS: number }) {
  const out = toFitWorkout(plan(text), { goal, created: new Date(Date.UTC(2024, 4, 1)) });
  return { ...decode(out.bytes), notes: out.notes, bytes: out.bytes };
}

/** a FIT workout as another app writes it, with the SDK's Encoder; step values are raw (ms, cm, mm/s, bpm + 100) */
function fitFile(steps: Rec[], workout: Rec = {}, fileType = "workout"): Uint8Array {
  const enc = new Encoder();
  enc.onMesg(Profile.MesgNum.FILE_ID, { type: fileType, manufacturer: "garmin", product: 0, timeCreated: new Date(Date.UTC(2024, 0, 1)) } as Mesg);
  enc.onMesg(Profile.MesgNum.WORKOUT, { wktName: "Garmin", sport: "running", numValidSteps: steps.length, ...workout } as Mesg);
  steps.forEach((s, i) => enc.onMesg(Profile.MesgNum.WORKOUT_STEP, { messageIndex: i, ...s } as Mesg));
  return enc.close();
}

function imported(bytes: Uint8Array, maxHr?: number): { plan: Plan; notes: string[] } {
  const r = fromFitWorkout(bytes, { maxHr });
  if (!r.ok) throw new Error(r.error);
  return { plan: r.plan, notes: r.notes };
}

function refused(bytes: Uint8Array): string {
  const r = fromFitWorkout(bytes);
  if (r.ok) throw new Error("imported: " + JSON.stringify(r.plan));
  return r.error;
}

describe("FIT out: what maps exactly", () => {
  it("file_id and workout: a workout file, the name, the note, running, the step count", () => {
    const e = exported("name: Track\nnote: 6x400\n- 10m warm-up\n- press lap");
    expect(e.fileId).toMatchObject({ type: "workout", manufacturer: "development", productName: "SpeedSeq" });
    expect(e.workout).toMatchObject({ wktName: "Track", wktDescription: "6x400", sport: "running", numValidSteps: 2 });
    expect(e.steps.map((s) => s.messageIndex)).toEqual([0, 1]);
    expect(e.notes).toEqual([]);
  });

  it("time, distance and the lap button: raw ms and cm, read back in s and m through the subfields", () => {
    const e = exported("name: t\n- 90s\n- 400mtr\n- 1.5km\n- press lap");
    expect(e.steps.map((s) => [s.durationType, s.durationValue])).toEqual([["time", 90000], ["distance", 40000], ["distance", 150000], ["open", undefined]]);
    expect(e.steps[0].durationTime).toBe(90);
    expect(e.steps[1].durationDistance).toBe(400);
  });

  it("HR less and greater than: bpm + 100", () => {
    const e = exported("name: t\n- until HR>160\n- until HR<130 max 2m");
    expect(e.steps.map((s) => [s.durationType, s.durationValue, s.durationHr])).toEqual([["hrGreaterThan", 260, 260], ["hrLessThan", 230, 230]]);
  });

  it("speed and HR targets: a pace band as a speed range in mm/s (m/s through the subfields), HR as bpm + 100; both: pace first, HR second", () => {
    const e = exported("name: t\n- 1km 4:00-4:10/km\n- 10m HR 140-155\n- 1km 4:05/km HR 160-175");
    expect(e.steps[0]).toMatchObject({ targetType: "speed", targetValue: 0, customTargetValueLow: 4000, customTargetValueHigh: 4167 });
    expect(e.steps[0].customTargetSpeedLow).toBe(4);
    expect(e.steps[1]).toMatchObject({ targetType: "heartRate", targetValue: 0, customTargetValueLow: 240, customTargetValueHigh: 255 });
    expect(e.steps[2]).toMatchObject({ targetType: "speed", secondaryTargetType: "heartRate", secondaryCustomTargetValueLow: 260, secondaryCustomTargetValueHigh: 275 });
    expect(e.steps[0].notes).toBeUndefined();
  });

  it("intensity: warm-up, active (stride, work), recovery, rest, cool-down; labels as step names", () => {
    const e = exported('name: t\n- 1m warm-up\n- 1m stride "Stride"\n- 1m\n- 1m recovery\n- 1m rest\n- 1m cool-down "Easy"');
    expect(e.steps.map((s) => s.intensity)).toEqual(["warmup", "active", "active", "recovery", "rest", "cooldown"]);
    expect(e.steps.map((s) => s.wktStepName)).toEqual([undefined, "Stride", undefined, undefined, undefined, "Easy"]);
  });

  it("repeats: repeat_until_steps_cmplt back to the first step of the body, the count as target_value; nested", () => {
    const e = exported("name: t\n- 1m\n3x\n  - 1km\n  2x\n    - 200mtr\n    - 45s\n- 2m");
    expect(e.steps.map((s) => [s.durationType, s.durationValue, s.targetValue])).toEqual([
      ["time", 60000, undefined], ["distance", 100000, undefined], ["distance", 20000, undefined], ["time", 45000, undefined],
      ["repeatUntilStepsCmplt", 2, 2], ["repeatUntilStepsCmplt", 1, 3], ["time", 120000, undefined],
    ]);
    expect(e.steps[4].repeatSteps).toBe(2);
  });

  it("a step between the rounds: the body and the step one round fewer, then the body once more", () => {
    const e = exported("name: t\n6x\n  - 400mtr\n  between 90s jog");
    expect(e.steps.map((s) => [s.durationType, s.durationValue, s.targetValue ?? null])).toEqual([
      ["distance", 40000, null], ["time", 90000, null], ["repeatUntilStepsCmplt", 0, 5], ["distance", 40000, null],
    ]);
    const once = exported("name: t\n1x\n  - 400mtr\n  between 90s jog");
    expect(once.steps.map((s) => s.durationType)).toEqual(["distance", "repeatUntilStepsCmplt"]);
    expect(once.notes[0]).toContain("never: left out");
  });
});

describe("FIT out: what is approximated", () => {
  it("until HR<130 min 60s max 2m: hr_less_than 130 bpm; min, hold and max in the step's notes (as the step's text)", () => {
    const e = exported("name: t\n- recover until HR<130 min 60s max 2m hold 5s");
    expect(e.steps[0]).toMatchObject({ durationType: "hrLessThan", durationValue: 230, intensity: "recovery", notes: "recovery until HR<130 min 60s max 2m hold 5s" });
    expect(e.notes).toEqual(["step 1: a Garmin ends it on HR alone; at least 60s, HR held 5s, at most 2m (press lap): in the step's notes"]);
  });

  it("a pace relative to the goal: a speed target from the goal through the one pace model, or none without a goal", () => {
    const goal = { distM: 5000, timeS: 20 * 60 };
    const band = refBand({ race: 5000, offS: -3 }, goal);
    const e = exported("name: t\n- 400mtr 5k pace-3s", goal);
    expect(e.steps[0]).toMatchObject({ targetType: "speed", customTargetValueLow: Math.round(1e6 / band[1]), customTargetValueHigh: Math.round(1e6 / band[0]), notes: "400mtr 5k pace-3s" });
    const none = exported("name: t\n- 400mtr 5k pace-3s");
    expect(none.steps[0]).toMatchObject({ targetType: "open", notes: "400mtr 5k pace-3s" });
    expect(none.notes[0]).toContain("no speed target without a goal");
  });

  it("a minimum cadence is not written; a stride without stride in its name keeps its kind in the notes", () => {
    const e = exported("name: t\n- 1km cad>=170\n- 20s stride");
    expect(e.steps[0].targetType).toBe("open");
    expect(e.steps[0].notes).toBe("1km cad>=170");
    expect(e.steps[1].notes).toBe("20s stride");
  });
});

describe("FIT in: workouts other apps write", () => {
  it("a Garmin Connect-style interval run: open warm-up, 5 x (1 km at a speed, 2 min recovery at an HR), timed cool-down", () => {
    const bytes = fitFile([
      { wktStepName: "Warm up", durationType: "open", targetType: "open", intensity: "warmup" },
      { durationType: "distance", durationValue: 100000, targetType: "speed", targetValue: 0, customTargetValueLow: 4000, customTargetValueHigh: 4167, intensity: "active" },
      { durationType: "time", durationValue: 120000, targetType: "heartRate", targetValue: 0, customTargetValueLow: 220, customTargetValueHigh: 240, intensity: "recovery" },
      { durationType: "repeatUntilStepsCmplt", durationValue: 1, targetValue: 5 },
      { durationType: "time", durationValue: 600000, targetType: "open", intensity: "cooldown" },
    ], { wktName: "5x1k", wktDescription: "Thursday" });
    expect(imported(bytes)).toEqual({
      plan: {
        v: 1,
        name: "5x1k",
        note: "Thursday",
        steps: [
          { kind: "warmup", end: { lap: 1 }, label: "Warm up" },
          { repeat: 5, steps: [{ kind: "work", end: { dist: 1000 }, pace: [240, 250] }, { kind: "recovery", end: { time: 120 }, hr: [120, 140] }] },
          { kind: "cooldown", end: { time: 600 } },
        ],
      },
      notes: [],
    });
  });

  it("nested repeats, strides known by name, interval intensity as work, a secondary HR target", () => {
    const bytes = fitFile([
      { durationType: "distance", durationValue: 100000, intensity: "interval", targetType: "speed", customTargetValueLow: 3500, customTargetValueHigh: 3700, secondaryTargetType: "heartRate", secondaryCustomTargetValueLow: 250, secondaryCustomTargetValueHigh: 265 },
      { durationType: "distance", durationValue: 20000, wktStepName: "Strides", intensity: "active" },
      { durationType: "time", durationValue: 45000, intensity: "recovery" },
      { durationType: "repeatUntilStepsCmplt", durationValue: 1, targetValue: 3 },
      { durationType: "repeatUntilStepsCmplt", durationValue: 0, targetValue: 2 },
    ]);
    expect(imported(bytes).plan.steps).toEqual([
      {
        repeat: 2,
        steps: [
          { kind: "work", end: { dist: 1000 }, pace: [270, 286], hr: [150, 165] },
          { repeat: 3, steps: [{ kind: "stride", end: { dist: 200 }, label: "Strides" }, { kind: "recovery", end: { time: 45 } }] },
        ],
      },
    ]);
  });

  it("hr_less_than: until HR<… with a cap of 5 min (FIT has none; a SpeedSeq rest always ends), said in the notes", () => {
    const r = imported(fitFile([{ durationType: "hrLessThan", durationValue: 230, intensity: "recovery" }]));
    expect(r.plan.steps[0]).toEqual({ kind: "recovery", end: { hrBelow: 130, maxS: IMPORT_HR_CAP_S } });
    expect(IMPORT_HR_CAP_S).toBe(300);
    expect(r.notes).toEqual(["FIT step 1: until HR<130 given max 5m (FIT has no cap, and a SpeedSeq rest always ends)"]);
    expect(imported(fitFile([{ durationType: "hrGreaterThan", durationValue: 260 }])).plan.steps[0]).toEqual({ kind: "work", end: { hrAbove: 160 } });
  });

  it("heart rates in % of max HR: bpm with the runner's max HR; without it a duration is refused and a target left out", () => {
    const pct = fitFile([{ durationType: "hrLessThan", durationValue: 70, intensity: "recovery" }]);
    expect(refused(pct)).toBe("FIT step 1: the heart rate it ends on is 70 % of max HR, and SpeedSeq works in bpm: give your max HR (--max-hr 190)");
    expect(imported(pct, 190).plan.steps[0]).toEqual({ kind: "recovery", end: { hrBelow: 133, maxS: 300 } });
    const target = fitFile([{ durationType: "time", durationValue: 600000, targetType: "heartRate", customTargetValueLow: 60, customTargetValueHigh: 70 }]);
    const t = imported(target);
    expect(t.plan.steps[0]).toEqual({ kind: "work", end: { time: 600 } });
    expect(t.notes).toEqual(["FIT step 1: heart-rate target is 60 % of max HR, and SpeedSeq works in bpm: target left out (give your max HR to keep it)"]);
    expect(imported(target, 200).plan.steps[0]).toEqual({ kind: "work", end: { time: 600 }, hr: [120, 140] });
  });

  it("targets SpeedSeq does not have are left out and listed: zones, cadence, power", () => {
    const r = imported(fitFile([
      { durationType: "time", durationValue: 60000, targetType: "heartRate", targetValue: 2 },
      { durationType: "time", durationValue: 60000, targetType: "speed", targetValue: 3 },
      { durationType: "time", durationValue: 60000, targetType: "cadence", customTargetValueLow: 85, customTargetValueHigh: 90 },
      { durationType: "time", durationValue: 60000, targetType: "power", targetValue: 0, customTargetValueLow: 1250, customTargetValueHigh: 1300 },
    ]));
    expect(r.plan.steps).toEqual(Array(4).fill({ kind: "work", end: { time: 60 } }));
    expect(r.notes).toEqual([
      "FIT step 1: heart-rate zone 2 left out (zones are set on the Garmin device)",
      "FIT step 2: speed zone 3 left out (zones are set on the Garmin device)",
      "FIT step 3: cadence target left out (SpeedSeq has pace and heart-rate targets)",
      "FIT step 4: power target left out (SpeedSeq has pace and heart-rate targets)",
    ]);
  });

  it("names cut to the watch's sizes; a speed outside 2:00-15:00/km kept inside it", () => {
    const r = imported(fitFile([
      { wktStepName: "A very long step name", durationType: "time", durationValue: 60000, targetType: "speed", customTargetValueLow: 500, customTargetValueHigh: 900 },
    ], { wktName: "Marathon pace long run", wktDescription: "d".repeat(70) }));
    expect(r.plan).toEqual({ v: 1, name: "Marathon pace ", note: "d".repeat(58), steps: [{ kind: "work", end: { time: 60 }, label: "A very long ", pace: [899, 900] }] });
    expect(r.notes).toHaveLength(4);
  });
});

describe("FIT in: what import refuses, with a message", () => {
  const ok = { durationType: "time", durationValue: 60000 };
  it.each([
    [{ durationType: "calories", durationValue: 100 }, "ends on calories (calories)"],
    [{ durationType: "powerLessThan", durationValue: 1200 }, "ends on power (power_less_than)"],
    [{ durationType: "powerGreaterThan", durationValue: 1300 }, "ends on power (power_greater_than)"],
    [{ durationType: "trainingPeaksTss", durationValue: 50 }, "ends on training stress (TSS) (training_peaks_tss)"],
    [{ durationType: "reps", durationValue: 10 }, "ends on a number of strength repetitions (reps)"],
  ])("a step ending on %j", (step, what) => {
    expect(refused(fitFile([ok, { wktStepName: "X", ...step }]))).toBe(
      `FIT step 2 ("X"): ${what}, which SpeedSeq can't do: its steps end on time, distance, the lap button or heart rate, and repeats run a number of times`,
    );
  });

  it.each([
    ["repeatUntilTime", "a repeat until a time has passed (repeat_until_time)"],
    ["repeatUntilDistance", "a repeat until a distance is covered (repeat_until_distance)"],
    ["repeatUntilHrLessThan", "a repeat until a heart rate (repeat_until_hr_less_than)"],
    ["repeatUntilPowerGreaterThan", "a repeat until a power (repeat_until_power_greater_than)"],
  ])("a repeat %s", (type, what) => {
    expect(refused(fitFile([ok, { durationType: type, durationValue: 0, targetValue: 600000 }]))).toBe(
      `FIT step 2: ends on ${what}, which SpeedSeq can't do: its steps end on time, distance, the lap button or heart rate, and repeats run a number of times`,
    );
  });

  it("not a workout, not running, not FIT, damaged, a repeat into the middle of another, too many rounds, nothing the watch can run", () => {
    expect(refused(fitFile([ok], {}, "activity"))).toBe("this FIT file is a activity file (a recorded session), not a workout");
    expect(refused(fitFile([ok], { sport: "cycling" }))).toBe("this is a cycling workout; SpeedSeq runs running workouts");
    expect(refused(new TextEncoder().encode("name: not a FIT file"))).toBe("this is not a FIT file");
    const bytes = fitFile([ok]);
    const bad = bytes.slice();
    bad[bad.length - 5] ^= 0xff;
    expect(refused(bad)).toBe("this FIT file is damaged (its checksum does not match)");
    expect(refused(fitFile([ok, ok, { durationType: "repeatUntilStepsCmplt", durationValue: 0, targetValue: 2 }, { durationType: "repeatUntilStepsCmplt", durationValue: 1, targetValue: 2 }]))).toBe(
      "FIT step 4: repeats from step 1, which is not where a step or repeat starts",
    );
    expect(refused(fitFile([ok, { durationType: "repeatUntilStepsCmplt", durationValue: 0, targetValue: 99 }]))).toBe("FIT step 2: repeats 99 times; SpeedSeq repeats 1 to 50 times");
    expect(refused(fitFile([]))).toBe("this FIT workout has no steps");
    expect(refused(fitFile([{ durationType: "time", durationValue: 5 * 3600 * 1000 }]))).toBe(
      "this workout can't run on the watch: Step 1: a time must be between 1 s and 4 h (got 18000)",
    );
  });
});

describe("FIT round trips", () => {
  it("every built-in comes back as itself (what FIT can't say comes back from the steps' notes)", () => {
    for (const t of TEMPLATES) {
      for (const goal of [undefined, { distM: 10000, timeS: 45 * 60 }]) {
        const back = imported(toFitWorkout(t, { goal }).bytes);
        expect(back.plan, t.name).toEqual(t);
        expect(back.notes).toEqual([]);
      }
    }
  });

  it("without the notes (an app that drops them), the approximations of the table", () => {
    const t = TEMPLATES.find((p) => p.name === "HR rest")!;
    const d = decode(toFitWorkout(t).bytes);
    const again = fitFile(d.steps.map((s) => {
      const o: Rec = {};
      for (const k of ["wktStepName", "durationType", "durationValue", "targetType", "targetValue", "customTargetValueLow", "customTargetValueHigh", "intensity"]) if (s[k] !== undefined) o[k] = s[k];
      return o;
    }), { wktName: t.name, wktDescription: t.note });
    const back = imported(again);
    expect(back.plan.steps[1]).toEqual({
      repeat: 5,
      steps: [{ kind: "work", end: { dist: 800 }, label: "800" }],
      between: { kind: "recovery", end: { hrBelow: 120, maxS: 300 }, label: "HR rest" },
    });
  });

  it("any valid plan: the same steps in the same order after FIT out and in", () => {
    fc.assert(
      fc.property(arbPlan(), (p) => {
        const back = imported(toFitWorkout(p).bytes);
        expect(back.plan.name).toBe(p.name);
        expect(back.plan.note || "").toBe(p.note || "");
        const a = expand(back.plan.steps);
        const b = expand(p.steps);
        expect(a.length).toBe(b.length);
        expect(a).toEqual(b);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: true },
    );
  });
});

describe("the README's mapping table", () => {
  const readme = readFileSync("README.md", "utf8");
  const start = readme.indexOf("## Authoring workouts");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 5));

  it("names every FIT duration and target type the SDK's profile has, each mapped or refused", () => {
    expect(start).toBeGreaterThan(0);
    const types = Profile.types as Record<string, Record<string, string>>;
    for (const t of Object.values(types.wktStepDuration)) expect(section, t).toContain("`" + snake(t) + "`");
    for (const t of Object.values(types.wktStepTarget)) expect(section, t).toContain("`" + snake(t) + "`");
    for (const t of Object.values(types.intensity)) expect(section, t).toContain("`" + snake(t) + "`");
  });
});

