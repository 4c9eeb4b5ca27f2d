// npm run workout: text, a FIT workout or JSON in; validated; the preview printed; the watch's
// JSON, a FIT workout or the canonical text out; the upload stream for --port (typed into the
// board's REPL here; tests/authoring/firmware.test.ts sends it to the real firmware over TCP).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decoder, Encoder, Profile, Stream } from "@garmin/fitsdk";
import type { Mesg } from "@garmin/fitsdk";
import { parseText } from "../../src/authoring/text";
import { workoutFileName } from "../../src/authoring/names";
import { createBoard } from "../../emulator/board/index";

const dir = mkdtempSync(join(tmpdir(), "speedseq-workout-"));
const run = (...args: string[]) => spawnSync("node", ["scripts/workout.mjs", ...args], { encoding: "utf8" });

const TEXT = ["name: Track", "note: 6x400 and an HR rest", "10m warm-up", "6x", "- 400mtr 5k pace-3s", "- 90s jog", "", "recover until HR<130 min 60s max 2m", "press lap cool-down"].join("\n");

describe("npm run workout", () => {
  it("text in, the watch's JSON out, with what the watch will show", () => {
    const out = join(dir, "track.json");
    const r = run(TEXT, "--out", out, "--goal", "5k 20:00");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const want = parseText(TEXT);
    expect(want.ok).toBe(true);
    if (!want.ok) return;
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(want.plan);
    expect(r.stdout).toContain("- recovery until HR<130 min 60s max 2m\n");
    expect(r.stdout).toContain("list row   Track  (5/14 characters)");
    expect(r.stdout).toContain("note       6x400 and an HR rest");
    // 10 min, 6 x (400 m at 3:57/km, 90 s), the HR rest's 60 s minimum: 1768.8 s
    expect(r.stdout).toContain('time       "plan 29:28" before the start, for a 5k in 20:00\n');
    expect(r.stdout).toMatch(/size {7}\d+\/4096 characters, 5\/64 written steps, repeats 1\/3 deep, 15\/500 steps in all/);
    expect(r.stdout).toContain(`file       ${workoutFileName("Track")}`);
  });

  it("a text file with errors: each at FILE:line:col, exit 1, nothing written", () => {
    const f = join(dir, "bad.txt");
    writeFileSync(f, "name: Bad\n- 400m\n- 1km fast\n");
    const r = run(f, "--out", join(dir, "bad.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${f}:2:3: a step lasts 1s to 4h (m means minutes: for metres write 400mtr)\n${f}:3:7: unknown word "fast"` + r.stderr.split('unknown word "fast"')[1]);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(2);
    expect(existsSync(join(dir, "bad.json"))).toBe(false);
  });

  it("a FIT workout in (made with the SDK's Encoder): JSON out, what was approximated on stderr", () => {
    const enc = new Encoder();
    enc.onMesg(Profile.MesgNum.FILE_ID, { type: "workout", manufacturer: "garmin", product: 0, timeCreated: new Date(Date.UTC(2024, 0, 1)) } as Mesg);
    enc.onMesg(Profile.MesgNum.WORKOUT, { wktName: "Garmin 5x1k", sport: "running", numValidSteps: 3 } as Mesg);
    const steps = [
      { durationType: "distance", durationValue: 100000, targetType: "speed", targetValue: 0, customTargetValueLow: 4000, customTargetValueHigh: 4167, intensity: "active" },
      { durationType: "hrLessThan", durationValue: 230, targetType: "open", intensity: "recovery" },
      { durationType: "repeatUntilStepsCmplt", durationValue: 0, targetValue: 5 },
    ];
    steps.forEach((s, i) => enc.onMesg(Profile.MesgNum.WORKOUT_STEP, { messageIndex: i, ...s } as unknown as Mesg));
    const fit = join(dir, "garmin.fit");
    writeFileSync(fit, enc.close());
    const out = join(dir, "garmin.json");
    const r = run(fit, "--out", out);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${fit}: FIT step 2: until HR<130 given max 5m (FIT has no cap, and a SpeedSeq rest always ends)\n`);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({
      v: 1,
      name: "Garmin 5x1k",
      steps: [{ repeat: 5, steps: [{ kind: "work", end: { dist: 1000 }, pace: [240, 250] }, { kind: "recovery", end: { hrBelow: 130, maxS: 300 } }] }],
    });
    const cal = join(dir, "calories.fit");
    const e2 = new Encoder();
    e2.onMesg(Profile.MesgNum.FILE_ID, { type: "workout", manufacturer: "garmin", product: 0 } as Mesg);
    e2.onMesg(Profile.MesgNum.WORKOUT_STEP, { messageIndex: 0, durationType: "calories", durationValue: 200 } as Mesg);
    writeFileSync(cal, e2.close());
    const r2 = run(cal);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain(`${cal}: FIT step 1: ends on calories (calories), which SpeedSeq can't do`);
  });

  it("--out FILE.fit writes a FIT workout the SDK reads back; FILE.txt the canonical text", () => {
    const fit = join(dir, "out.fit");
    const r = run(TEXT, "--out", fit);
    expect(r.status).toBe(0);
    const d = new Decoder(Stream.fromByteArray(readFileSync(fit)));
    expect(d.checkIntegrity()).toBe(true);
    const m = d.read().messages;
    expect(m.workoutMesgs![0].wktName).toBe("Track");
    expect(m.workoutStepMesgs!.map((s) => s.durationType)).toEqual(["time", "distance", "time", "repeatUntilStepsCmplt", "hrLessThan", "open"]);
    expect(r.stderr).toContain("no speed target without a goal");
    const txt = join(dir, "out.txt");
    expect(run(TEXT, "--out", txt).status).toBe(0);
    expect(readFileSync(txt, "utf8")).toMatch(/^name: Track\nnote: 6x400 and an HR rest\n- 10m warm-up\n6x\n {2}- 400mtr 5k pace-3s\n/);
  });

  it("JSON in is checked by the validator", () => {
    const f = join(dir, "w.json");
    writeFileSync(f, JSON.stringify({ v: 1, name: "J", steps: [{ kind: "work", end: { dist: 5 } }] }));
    const r = run(f);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${f}: Step 1: a distance must be between 10 m and 100 km (got 5)\n`);
  });

  it("--port --dry-run: the Storage.write stream, which installs speedseq.w<id>.json (typed into the board's REPL)", () => {
    const r = run(TEXT, "--port", "tcp://127.0.0.1:1", "--dry-run");
    expect(r.status).toBe(0);
    const stream = r.stdout.slice(r.stdout.indexOf("\x10"));
    const name = workoutFileName("Track");
    expect(stream).toContain(`require("Storage").write(${JSON.stringify(name)},atob(`);
    const b = createBoard({ accel: false });
    b.realm.global.atob = (s: string) => Buffer.from(s, "base64").toString("latin1");
    for (let i = 0; i < stream.length; i += 20) b.serial.write(stream.slice(i, i + 20));
    b.advance(100);
    const want = parseText(TEXT);
    if (!want.ok) throw new Error("text");
    expect(b.storage.read(name)).toBe(JSON.stringify(want.plan));
  });

  it("usage errors exit 2", () => {
    expect(run().status).toBe(2);
    expect(run(TEXT, "--goal", "fast").stderr).toContain("--goal: a goal is a race and a time");
    expect(run(TEXT, "--bogus").status).toBe(2);
  });
});
