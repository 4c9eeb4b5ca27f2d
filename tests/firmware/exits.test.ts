// Every way out of SpeedSeq on the real firmware gives back what it took: GPS and HRM power (the
// requests the app made, with its id), its Bangle listeners (2v29 keeps them in hidden "#on…"
// properties), its timers (the interpreter's timer table), and the options a session changes.
// The ways out: back from the pre-start screen, ending the session (to the summary), leaving
// mid-session, and leaving from the summary. Leaving is load(): what the long BTN1 hold does on a
// watch (the emulator build has no long-press poll); load() resets the interpreter, so the state
// is read by a 'kill' listener the test adds after the app's own, which runs right after the app's
// cleanup and before the reset.
import { expect, it } from "vitest";
import { describeFw, fwApp, feeder, startWorkout, recordingEvents, tapRow, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";

/** the Bangle events SpeedSeq listens to */
const OURS = ["GPS", "HRM", "accel", "step"];

/** what of ours is held now: sensor events listened to, timers beyond the ones at `base` */
function held(w: Watch, base: string[]) {
  const l = w.listeners();
  return {
    listeners: OURS.filter((e) => l[e]),
    timers: w.timers().map((t) => t.cb).filter((cb) => !base.includes(cb)),
  };
}

/** registers a 'kill' listener after the app's that prints the same picture as held() */
function snapshotOnKill(w: Watch, base: string[]): void {
  w.exec(`E.on("kill",function(){var l=[],t=[],b=${JSON.stringify(base)},T=global["\\xFF"].timers;${JSON.stringify(OURS)}.forEach(function(e){var v=Bangle["#on"+e];if(typeof v=="function"||(v&&v.length))l.push(e);});for(var k in T){var c=(""+T[k].cb).substr(0,80);if(b.indexOf(c)<0)t.push(c);}print("KILLSNAP "+JSON.stringify({listeners:l,timers:t,btnLoadTimeout:Bangle.getOptions().btnLoadTimeout}));})`);
}

function killSnapshot(w: Watch): { listeners: string[]; timers: string[]; btnLoadTimeout: number } {
  const m = /KILLSNAP (.*)/.exec(w.console);
  expect(m, "the kill listener did not run").not.toBeNull();
  return JSON.parse(m![1]);
}

/** leaves the app as the long hold does; the test's kill listener reports */
function leave(w: Watch): void {
  w.exec("load()");
  w.advance(1500);
  w.exec("echo(0)");
  expect(w.eval("global.__FILE__")).not.toBe("speedseq.app.js");
}

/** the timers the firmware and widgets keep on the list screen (ours: none) */
const baseTimers = (w: Watch) => w.timers().map((t) => t.cb);

describeFw("every way out releases GPS, HRM, listeners and timers", () => {
  it("back from the pre-start screen (the back arrow), then back from the list", async () => {
    const w = await fwApp();
    const base = baseTimers(w);
    w.tapText("Classic 5K");
    w.advance(2000);
    expect(w.powered()).toEqual({ GPS: ["speedseq"], HRM: ["speedseq"] });
    expect(held(w, base)).toEqual({ listeners: ["GPS", "HRM"], timers: [expect.any(String)] });
    // the back arrow the firmware draws in the widget bar's corner for setUI's back
    const t = w.now();
    w.tap(10, 10);
    w.advance(1000);
    expect(w.shown(t)).toContain("Classic 5K"); // the list again
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    expect(held(w, base)).toEqual({ listeners: [], timers: [] });
    // and the list's back arrow leaves the app
    snapshotOnKill(w, base);
    w.tap(10, 10);
    w.advance(1500);
    w.exec("echo(0)");
    expect(w.eval("global.__FILE__")).not.toBe("speedseq.app.js");
    expect(killSnapshot(w)).toEqual({ listeners: [], timers: [], btnLoadTimeout: 1500 });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("ending the session: on the summary nothing of the session is left; leaving from there", async () => {
    const w = await fwApp();
    const base = baseTimers(w);
    startWorkout(w, "Classic 5K");
    const feed = feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }));
    feed(30_000);
    expect(held(w, base).listeners).toEqual(OURS);
    expect(w.eval("Bangle.getOptions().btnLoadTimeout")).toBe(6000);
    w.press(100);
    feed(1000);
    w.tap(88, 120);
    feed(1000);
    w.tapText("End session");
    feed(1000);
    w.tapText("End");
    feed(5000); // the end pattern plays out; the buzzer's last timer ends
    expect(w.lastText("Rate effort")).toBeDefined();
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
    expect(held(w, base)).toEqual({ listeners: [], timers: [] });
    expect(w.eval("Bangle.getOptions().btnLoadTimeout")).toBe(1500);
    snapshotOnKill(w, base);
    leave(w);
    expect(killSnapshot(w)).toEqual({ listeners: [], timers: [], btnLoadTimeout: 1500 });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("leaving mid-session (the long hold's load()): the app's kill handler gives everything back first", async () => {
    const w = await fwApp();
    const base = baseTimers(w);
    startWorkout(w, "Classic 5K");
    const feed = feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }));
    feed(60_000);
    expect(held(w, base).listeners).toEqual(OURS);
    expect(held(w, base).timers.length).toBeGreaterThan(0);
    snapshotOnKill(w, base);
    leave(w);
    expect(killSnapshot(w)).toEqual({ listeners: [], timers: [], btnLoadTimeout: 1500 });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("leaving while paused, with the actions menu open", async () => {
    const w = await fwApp();
    const base = baseTimers(w);
    startWorkout(w, "Classic 5K");
    const feed = feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }));
    feed(20_000);
    w.press(100);
    feed(1000);
    w.tap(88, 120);
    feed(2000);
    expect(w.shown(w.now() - 3000)).toContain("Next step");
    snapshotOnKill(w, base);
    leave(w);
    expect(killSnapshot(w)).toEqual({ listeners: [], timers: [], btnLoadTimeout: 1500 });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);

  it("leaving a second session, started after rating the first (the RPE row's editor runs the menu's remove)", async () => {
    const w = await fwApp();
    const base = baseTimers(w);
    const end = () => {
      w.press(100);
      w.advance(1000);
      w.tap(88, 120);
      w.advance(1000);
      w.tapText("End session");
      w.advance(500);
      w.tapText("End");
      w.advance(5000);
    };
    startWorkout(w, "Classic 5K");
    w.advance(10_000);
    end();
    tapRow(w, "Rate effort");
    w.advance(1000);
    tapRow(w, "RPE");
    w.advance(1000);
    tapRow(w, "7");
    w.advance(1000);
    tapRow(w, "Save");
    w.advance(2000);
    // the list; a second session, then the long hold
    startWorkout(w, "Classic 5K");
    w.advance(10_000);
    expect(w.powered()).toEqual({ GPS: ["speedseq"], HRM: ["speedseq"] });
    expect(w.listeners("E")).toEqual({ kill: 1 });
    snapshotOnKill(w, base);
    leave(w);
    expect(killSnapshot(w)).toEqual({ listeners: [], timers: [], btnLoadTimeout: 1500 });
    expect(w.powered()).toEqual({ GPS: [], HRM: [] });
  }, FW_TIMEOUT);
});
