// Run screens with the longest texts the built-in workouts produce: the 3-zone rotation's
// recoveries inside two repeats ("Jog" beside "set 1/3, 2/3"). The board fails the test if any
// bitmap text overlaps other text or runs off the screen (tests/watch/boot.ts).
import { describe, expect, it } from "vitest";
import { boot, startWorkout, play, recordingEvents, shown, onScreen } from "./boot";
import { synthesise, steady } from "../../src/sim/wrist";

describe("run screens fit the watch", () => {
  it("the 3-zone surge recoveries show the set and the round without overlap", () => {
    const b = startWorkout(boot(), "3-zone");
    play(b, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60), 1_200_000);
    const t = shown(b);
    expect(t).toContain("set 1/3, 1/3");
    expect(t).toContain("Jog");
    b.assertNoErrors();
  });

  it("what the once-a-second redraws leave on the screen is the whole screen drawn afresh", () => {
    // the run screen repaints only the parts whose text changed; a pause and a resume right after
    // a tick redraw all of it: where the state did not move meanwhile, the pixels must not change
    // a running wrist, so that the cadence shows (and changes)
    const wrist = synthesise(steady(178, 1600), 5).samples;
    let w = 0;
    const accel = (tMs: number) => {
      while (w + 1 < wrist.length && wrist[w + 1].tMs <= tMs) w++;
      return wrist[w];
    };
    const b = startWorkout(boot({ accel }), "Classic 5K");
    b.eval("Bangle.setOptions({lockTimeout:0})"); // no unlocking press in between
    const ev = recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60);
    const t0 = b.now(); // a tick has just run (startWorkout ends 1 s after the press)
    // what the screen says: an estimate or a reading may change it between the tick and the press
    const texts = () => onScreen(b).map((e) => e.text).sort().join("|");
    let i = 0, checked = 0;
    for (let at = 15_000; at < 1_500_000; at += 23_000) {
      for (; i < ev.length && ev[i].tMs <= at + 5; i++) {
        if (ev[i].tMs < 0) continue;
        b.advance(t0 + ev[i].tMs - b.now());
        b.emit(ev[i].type, ev[i].data);
      }
      b.advance(t0 + at + 5 - b.now());
      // no reading may come in between, and what the screen says must not change
      if (ev.some((e) => e.tMs > at - 1 && e.tMs <= at + 200)) continue;
      const before = Buffer.from(b.g.fb), n = texts();
      b.press(50); // pause
      b.press(50); // resume
      b.advance(5); // (the release runs the app's handler after the current code)
      if (texts() === n) {
        expect(Buffer.from(b.g.fb).equals(before), `screen at ${at / 1000} s`).toBe(true);
        checked++;
      }
      b.advance(1000 - 200);
    }
    expect(checked).toBeGreaterThan(30);
    b.assertNoErrors();
  });
});
