// The runner's guide (apps/speedseq/README.md) followed on the real firmware, with time passing
// between taps as on the wrist: the list, the pre-start screen, the run screen, the paused
// session's actions menu (+30 s, Next step, End session and its confirmation), the summary, the
// effort (for a rep, then for the session), and the history. The runner is synthetic: standing
// for 20 s, then running at 4 m/s in a straight line with HR 150.
import { expect, it } from "vitest";
import { describeFw, fwApp, feeder, logText, tapRow, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";
import { synthTrack } from "../../src/sim/synth-track";
import { replay } from "../../src/sim/replay";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { fmtTime } from "../../src/engine/format";
import { STEP_EXTENDED, Q_GPS_POOR, type StepRec } from "../../src/engine/log/records";

/** a menu's title as traced: the firmware draws the back arrow's image bytes before it */
const title = (texts: string[], t: string) => texts.some((s) => s === t || s.endsWith(" " + t));

/** the big number under the bar of the run screen as last drawn since t ("PAUSED", "tap:menu", number) */
function pausedRemain(w: Watch, t: number): string {
  const s = w.shown(t);
  const i = s.lastIndexOf("PAUSED");
  expect(i, `no paused run screen since ${t}: ${s.join(", ")}`).toBeGreaterThanOrEqual(0);
  expect(s[i + 1]).toBe("tap:menu");
  // the big number (the caption under it is drawn with the bar, before it)
  return s.slice(i + 2).find((x) => /^\d+:\d\d$/.test(x))!;
}

/** the count-down among texts drawn (the run screen redraws only what changed each second) */
const big = (texts: string[]) => texts.find((x) => /^\d+:\d\d$/.test(x))!;
const secs = (mmss: string) => Number(mmss.split(":")[0]) * 60 + Number(mmss.split(":")[1]);

describeFw("the runner's guide on the firmware", () => {
  it("list, pre-start, run, paused menu (+30 s, Next step, End), summary, RPE for a rep and the session, history", async () => {
    const w = await fwApp();
    // what the app drew since t (below the widget bar)
    const since = (t: number) => w.texts.filter((x) => x.tMs >= t && x.y >= 24).map((x) => x.text);
    const drawnSince = (text: string, t: number) => (w.lastText(text)?.tMs ?? -Infinity) >= t;

    // 1. the list: the built-ins, Classic 5K first on a fresh install
    const first = w.shown();
    // the rows that fit under the title (4x1km and History are further down)
    expect(first.slice(first.findIndex((s) => s.endsWith(" SpeedSeq")) + 1)).toEqual(["Classic 5K", "Ladder", "3-zone", "HR rest"]);
    w.advance(2000);

    // 2. tap it: GPS and HR on, waiting for the fix; BTN1 does nothing yet
    let t = w.now();
    w.tapText("Classic 5K");
    w.advance(1500);
    expect(since(t)).toContain("GPS ...");
    expect(since(t)).toContain("Wait for GPS");
    expect(w.powered()).toEqual({ GPS: ["speedseq"], HRM: ["speedseq"] });
    w.press(100);
    w.advance(1000);
    expect(w.list().filter((n) => n.startsWith("speedseq.log"))).toEqual([]);

    // 3. standing still outdoors: the fix and HR arrive, the screen says so within a second
    const ev = replay(synthTrack([{ durS: 20, mps: 0 }, { durS: 3000, mps: 4 }]).rows, { seed: 5, wallMs: w.now() });
    const feed = feeder(w, ev);
    feed(3000);
    const pre = since(w.now() - 1000);
    expect(pre).toContain("GPS fix");
    expect(pre).toContain("HR 150");
    expect(pre).toContain("BTN: start");

    // 4. BTN1: the warm-up counts down at once
    t = w.now();
    w.press(100);
    feed(1000);
    expect(since(t)[0]).toBe("Warm-up");
    expect(since(t)).toEqual(expect.arrayContaining(["to go", "9:59"]));
    // one GPS and one HRM listener of ours, not one per screen that turned them on
    expect(w.listeners()).toMatchObject({ GPS: 1, HRM: 1, accel: 1, step: 1 });
    feed(59000);
    // each second only what changed: the count-down
    expect(since(w.now() - 1000)).toEqual(["9:00"]);

    // 5. BTN1 pauses; a tap opens the actions; 3 s later the menu is still the screen
    t = w.now();
    w.press(100);
    feed(2000);
    expect(pausedRemain(w, t)).toBe("9:00");
    t = w.now();
    w.tap(88, 120);
    const menu = since(t);
    expect(title(menu, "Paused")).toBe(true);
    expect(menu).toEqual(expect.arrayContaining(["Resume", "Next step", "End session"]));
    expect(menu).not.toContain("+30 s"); // not in a warm-up
    const pic = w.screen();
    t = w.now();
    feed(3000);
    // the 1 s run-screen redraw used to draw over the menu: nothing may be drawn, no pixel change
    expect(since(t)).toEqual([]);
    expect(Buffer.from(w.screen()).equals(Buffer.from(pic))).toBe(true);
    // Resume: the paused seconds did not count
    t = w.now();
    w.tapText("Resume");
    feed(5000);
    expect(since(t)).not.toContain("PAUSED");
    // 5 s of running after 9:00 (about 8 s paused and in the menu would have made it 8:47)
    expect(Math.abs(secs(big(since(w.now() - 1000))) - (9 * 60 - 5))).toBeLessThanOrEqual(1);

    // 6. Next step: the warm-up ends, the first stride runs by distance
    w.press(100);
    feed(1000);
    w.tap(88, 120);
    feed(2000);
    t = w.now();
    w.tapText("Next step");
    feed(2000);
    expect(since(t).slice(0, 2)).toEqual(["Stride", "1/4"]);
    expect(since(t)).toEqual(expect.arrayContaining(["metres to go", "100"]));
    expect(since(t)).not.toContain("PAUSED");
    t = w.now();
    expect(feed(40000, () => drawnSince("Walk/jog", t))).toBe(true);

    // 7. in the walk/jog: pause, wait, +30 s (back on the paused run screen, 30 s longer)
    feed(10000);
    t = w.now();
    w.press(100);
    feed(2000);
    const before = secs(pausedRemain(w, t));
    t = w.now();
    w.tap(88, 120);
    expect(since(t)).toEqual(expect.arrayContaining(["Resume", "Next step", "+30 s", "End session"]));
    feed(3000);
    expect(since(t + 100)).toEqual([]);
    t = w.now();
    w.tapText("+30 s");
    feed(1000);
    expect(secs(pausedRemain(w, t))).toBe(before + 30);
    w.press(100); // resume
    feed(2000);
    expect(since(w.now() - 1000)).not.toContain("PAUSED");

    // 8. Next step through the other strides and walks, up to the first 400
    const skipped: string[] = [];
    for (let i = 0; i < 7; i++) {
      w.press(100);
      feed(1000);
      w.tap(88, 120);
      feed(1000);
      t = w.now();
      w.tapText("Next step");
      feed(1500);
      skipped.push(since(t).slice(0, 2).join(" "));
    }
    expect(skipped).toEqual(["Stride 2/4", "Walk/jog 2/4", "Stride 3/4", "Walk/jog 3/4", "Stride 4/4", "Walk/jog 4/4", "Rep 1/6 400"]);

    // 9. rep 1 (400 m at 4 m/s), the jog after it, into rep 2
    t = w.now();
    expect(feed(120000, () => drawnSince("Jog", t))).toBe(true);
    t = w.now();
    expect(feed(100000, () => drawnSince("Rep 2/6", t))).toBe(true);
    feed(20000);

    // 10. End session asks first; "No" goes back to the paused run, which the prompt covered meanwhile
    w.press(100);
    feed(2000);
    w.tap(88, 120);
    feed(1000);
    t = w.now();
    w.tapText("End session");
    expect(since(t)).toEqual(expect.arrayContaining(["End the session?", "No", "End"]));
    feed(3000);
    expect(since(t + 100)).toEqual([]);
    t = w.now();
    w.tapText("No");
    feed(2000);
    pausedRemain(w, t);
    expect(decodeLog(logText(w), crc32).recs.some((r) => r.k === "E")).toBe(false);
    w.tap(88, 120);
    feed(1000);
    w.tapText("End session");
    feed(1000);
    t = w.now();
    w.tapText("End");
    feed(2000);

    // 11. the log: every step so far in order, how each ended; sensors released
    const log = decodeLog(logText(w), crc32);
    expect(log.errors).toEqual([]);
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    expect(steps.map((s) => s.idx)).toEqual([...Array(12).keys()]);
    expect(steps.map((s) => s.why)).toEqual(["skip", "dist", "skip", "skip", "skip", "skip", "skip", "skip", "skip", "dist", "time", "end"]);
    expect(steps[2].flags & STEP_EXTENDED).toBe(STEP_EXTENDED);
    expect(Math.abs(steps[9].distM - 400)).toBeLessThan(5);
    expect(Math.abs(steps[9].durMs - 100000)).toBeLessThan(3000);
    // one good fix a second: no step of the running part is marked poor GPS
    for (const s of [steps[1], steps[9], steps[10]]) expect(s.quality & Q_GPS_POOR, `step ${s.idx}`).toBe(0);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "ended" });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    expect(w.eval("Bangle.getOptions().btnLoadTimeout")).toBe(1500);

    // 12. the summary: time and distance in the title, a row a rep (the ended rep 2 too)
    const reps = steps.filter((s) => s.kind === "work");
    const row = (r: StepRec) => `${r.rep} ${fmtTime(r.durMs / 1000)} @${fmtTime(r.durMs / r.distM)}`;
    const end = log.recs[log.recs.length - 1] as { durMs: number; distM: number };
    const sum = since(t);
    const dist = steps.reduce((a, s) => a + s.distM, 0);
    expect(title(sum, `${fmtTime(steps.reduce((a, s) => a + s.durMs, 0) / 1000)} ${(dist / 1000).toFixed(2)}km`)).toBe(true);
    expect(Math.abs(end.distM - dist)).toBeLessThan(1);
    expect(sum).toContain("Rate effort");
    expect(sum).toEqual(expect.arrayContaining(reps.map(row)));
    feed(3000);

    // 13. rate rep 1 alone: 7, Save; back on the summary
    tapRow(w, row(reps[0]));
    feed(1000);
    expect(title(since(w.now() - 1100), "Rep effort")).toBe(true);
    tapRow(w, "RPE");
    feed(1000);
    tapRow(w, "7");
    feed(1000);
    t = w.now();
    tapRow(w, "Save");
    feed(1000);
    expect(since(t)).toContain(row(reps[0]));

    // 14. the session: 8, Save; then the list, the last used workout first
    tapRow(w, "Rate effort");
    feed(1000);
    expect(title(since(w.now() - 1100), "Effort 1-10")).toBe(true);
    tapRow(w, "RPE");
    feed(1000);
    tapRow(w, "8");
    feed(1000);
    t = w.now();
    tapRow(w, "Save");
    feed(1000);
    const list = since(t);
    expect(title(list, "SpeedSeq")).toBe(true);
    expect(list.filter((s) => ["Classic 5K", "Ladder"].includes(s))[0]).toBe("Classic 5K");
    const after = decodeLog(logText(w), crc32);
    expect(after.errors).toEqual([]);
    expect(after.recs.filter((r) => r.k === "R")).toEqual([{ k: "R", rpe: 7, idx: reps[0].idx }, { k: "R", rpe: 8 }]);
    const hist = JSON.parse(w.readFile("speedseq.hist.json")!) as unknown[][];
    expect(hist.length).toBe(1);
    expect(hist[0].slice(3, 7)).toEqual([8, 1, "Classic 5K", 0]);

    // 15. History, at the bottom of the list: one row; tapping it names the workout
    feed(2000);
    tapRow(w, "History");
    feed(1000);
    const start = new Date((hist[0][0] as number) * 1000);
    const histRow = `${start.getMonth() + 1}/${start.getDate()} ${Math.round((hist[0][1] as number) / 60)}m R8`;
    expect(since(w.now() - 1100)).toContain(histRow);
    tapRow(w, histRow);
    feed(2000);
    const details = since(w.now() - 2100).join(" ");
    expect(details).toContain("Classic 5K\n");
    expect(details).toContain(`RPE 8 hard, load ${hist[0][2]}`);
    t = w.now();
    w.tapText("OK");
    feed(1000);
    expect(since(t)).toContain(histRow);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);
});
