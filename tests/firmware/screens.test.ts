// The screens on the real firmware: each is a Storage file the app evaluates when it is shown, and
// its RAM comes back when the next screen replaces it; a session ends through the paused actions
// into its summary, rated, back to the list.
import { expect, it } from "vitest";
import { describeFw, fwApp, startWorkout } from "./fw";

describeFw("screens loaded when shown, dropped after", () => {
  it("the history and back: the list holds what it held before", async () => {
    const w = await fwApp();
    const list = w.memory().usage;
    // the list shows five rows: History is below them
    for (let i = 0; i < 4 && !w.lastText("History"); i++) {
      w.swipe("up");
      w.advance(500);
    }
    w.tapText("History");
    w.advance(500);
    expect(w.shown()).toContain("No sessions");
    w.tap(10, 10); // the menu's back
    w.advance(500);
    expect(w.shown().slice(-7)).toContain("Classic 5K");
    // the history's code and menu are gone (a few JsVars of slack for the firmware's own)
    expect(Math.abs(w.memory().usage - list)).toBeLessThanOrEqual(10);
  });

  it("a session paused, ended from its actions, its summary rated, and back to the list", async () => {
    const w = await fwApp();
    startWorkout(w, "Classic 5K");
    w.advance(5000);
    w.press(100); // pause
    w.advance(500);
    expect(w.shown()).toContain("PAUSED");
    w.tap(88, 120);
    w.advance(500);
    w.tapText("End session");
    w.advance(300);
    w.tapText("End");
    w.advance(5000);
    expect(w.shown()).toContain("Rate effort");
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    w.tapText("Rate effort");
    w.advance(300);
    w.tapText("Save");
    w.advance(500);
    expect(w.shown().slice(-8)).toContain("Classic 5K");
    expect(w.readFile("speedseq.hist.json")).toContain("Classic 5K");
  });
});
