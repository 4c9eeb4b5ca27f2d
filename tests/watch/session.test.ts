// Whole sessions on the board, driven through the README's button path (tap the workout, wait
// for the GPS fix, BTN1), fed by a real recording: the buzz timeline, the screens' key values,
// the log on flash, and a clean exit.
import { describe, expect, it } from "vitest";
import { boot, FIX, play, recordingEvents, shown, onScreen, logText } from "./boot";
import { decodeLog } from "../../src/engine/log/decode";
import { fmtTime } from "../../src/engine/format";
import { crc32 } from "../../src/sim/crc";
import { pattern, H_REP, H_END } from "../../src/engine/haptics";
import type { StepRec } from "../../src/engine/log/records";

const REC = "pyfitparse_activity-small-fenix2-run.csv";
/** Classic 5K: warm-up, 4 x (stride, walk), 6 x 400 with 5 jogs between, cool-down */
const CLASSIC_STEPS = 1 + 8 + 11 + 1;

/** the README path: Classic 5K from a fresh install, up to the session running */
function startClassic() {
  const b = boot();
  expect(shown(b)[1]).toBe("Classic 5K"); // first in the list on a fresh install
  b.tapText("Classic 5K");
  b.emit("GPS", FIX);
  b.advance(1100);
  expect(shown(b)).toContain("BTN: start");
  b.press(100);
  b.advance(1000);
  b.assertNoErrors();
  return b;
}

describe("a Classic 5K on the wrist", () => {
  it("runs from the list to the summary, buzzing every boundary and logging every step", () => {
    const b = startClassic();
    expect(b.ui().mode).toBe("custom");
    expect(b.power().GPS).toEqual(["speedseq"]);
    expect(b.options().btnLoadTimeout).toBe(6000);
    expect(b.options().hrmSportMode).toBe(1);
    b.clearDrawLog();
    const ev = recordingEvents(REC, 60);
    let sawRep = false;
    play(b, ev, 2770000, () => {
      if (!sawRep && shown(b).includes("Rep 1/6")) sawRep = true;
      return b.ui().mode !== "custom";
    });
    b.assertNoErrors();
    expect(sawRep).toBe(true);
    // the session is over: summary menu, sensors released, options restored
    expect(b.power().GPS).toEqual([]);
    expect(b.power().HRM).toEqual([]);
    expect(b.options().btnLoadTimeout).toBe(1500);
    const log = decodeLog(logText(b, 0), crc32);
    expect(log.errors).toEqual([]);
    const steps = log.recs.filter((r): r is StepRec => r.k === "S");
    expect(steps.map((s) => s.idx)).toEqual([...Array(CLASSIC_STEPS).keys()]);
    // each GPS and HRM event reached the session once: a second listener (pre-start's, added again
    // at the start) made every fix a repeat, and every step "GPS poor"
    expect(steps.map((s) => s.quality)).toEqual(steps.map(() => 0));
    const reps = steps.filter((s) => s.kind === "work");
    expect(reps.map((s) => s.rep)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of reps) expect(Math.abs(r.distM - 400)).toBeLessThan(15);
    expect(log.recs[log.recs.length - 1]).toMatchObject({ k: "E", why: "done" });
    // one rep-start buzz per rep, then the end pattern
    const repBuzzes = b.buzzes.filter((z) => z.ms === pattern(H_REP)[0]);
    expect(repBuzzes.length).toBe(6);
    const endLong = b.buzzes.filter((z) => z.ms === pattern(H_END)[0]);
    expect(endLong.length).toBeGreaterThanOrEqual(3);
    // every rep start buzz lands within 1.5 s of its logged start (session ms since the press)
    const t0 = repBuzzes[0].tMs - reps[0].startMs;
    for (let i = 0; i < 6; i++) expect(Math.abs(repBuzzes[i].tMs - t0 - reps[i].startMs)).toBeLessThan(1500);
    // summary shows each split, then the RPE is saved to the log and the history
    b.advance(5000);
    // a row a rep: "1 1:50 @4:36", rep, time and pace (s/km = ms per m) as the log has them
    const row = (r: StepRec) => `${r.rep} ${fmtTime(r.durMs / 1000)} @${fmtTime(r.durMs / r.distM)}`;
    // the first page of the list (the rest scrolls)
    for (const r of reps.slice(0, 3)) expect(shown(b)).toContain(row(r));
    // the watch has locked meanwhile: the first press only unlocks (it does not go back)
    expect(b.isLocked()).toBe(true);
    b.press();
    expect(b.isLocked()).toBe(false);
    // rate rep 2 on its own: tap its row, save (6, the default)
    b.tapText(row(reps[1]));
    expect(shown(b)).toContain("Rep effort");
    b.tapText("Save");
    expect(shown(b)).toContain(row(reps[0])); // back on the summary
    b.tapText("Rate effort");
    b.tapText("Save");
    b.assertNoErrors();
    const after = decodeLog(logText(b, 0), crc32);
    expect(after.errors).toEqual([]);
    const rpes = after.recs.filter((r) => r.k === "R");
    expect(rpes).toEqual([{ k: "R", rpe: 6, idx: reps[1].idx }, { k: "R", rpe: 6 }]);
    const hist = b.storage.readJSON("speedseq.hist.json") as unknown[][];
    expect(hist.length).toBe(1);
    expect(hist[0][5]).toBe("Classic 5K");
    expect(hist[0][3]).toBe(6);
    // back on the list; leaving leaves nothing behind
    const t = shown(b);
    const list = t.slice(t.lastIndexOf("SpeedSeq"));
    expect(list.slice(0, 3)).toEqual(["SpeedSeq", "Classic 5K", "Ladder"]);
    // the history: one row, date, minutes and RPE; tapping it names the workout
    const start = new Date(hist[0][0] as number * 1000);
    const histRow = `${start.getMonth() + 1}/${start.getDate()} ${Math.round((hist[0][1] as number) / 60)}m R6`;
    b.drag([{ x: 88, y: 160 }, { x: 88, y: 100 }, { x: 88, y: 40 }]);
    b.tapText("History");
    b.tapText(histRow);
    expect(shown(b).join(" ")).toContain("Classic 5K\n");
    b.tapText("OK");
    expect(shown(b).slice(-2)).toEqual(["History", histRow]);
    b.assertNoErrors();
    expect(b.leakCheck()).toEqual([]);
  });

  it("shows the rep screen's numbers: rep count, metres to go, the target band", () => {
    const b = startClassic();
    const ev = recordingEvents(REC, 60);
    play(b, ev, 2770000, () => {
      const t = shown(b);
      return t.indexOf("metres to go", t.lastIndexOf("Rep 1/6")) > 0;
    });
    b.advance(1000);
    const vis = onScreen(b);
    const t = vis.map((e) => e.text);
    expect(t).toContain("Rep 1/6");
    expect(t).toContain("metres to go");
    // the big number: the one text in the 46 px Vector font
    const togo = Number(vis.filter((e) => e.font === "Vector" && e.size === 46).map((e) => e.text).join());
    expect(togo).toBeGreaterThan(300);
    expect(togo).toBeLessThanOrEqual(400);
    expect(t.some((s) => /^\d:\d\d-\d:\d\d$/.test(s))).toBe(true);
    b.assertNoErrors();
  });
});
