// The README's path on the real firmware: the list, the pre-start screen, BTN1 starts the session.
import { expect, it } from "vitest";
import { describeFw, fwApp, startWorkout } from "./fw";

describeFw("starting a session on the firmware", () => {
  it("lists the built-ins, waits for the fix, and BTN1 starts the Classic 5K", async () => {
    const w = await fwApp();
    expect(w.shown()).toContain("Classic 5K");
    const t0 = w.now();
    startWorkout(w, "Classic 5K");
    expect(w.errors).toEqual([]);
    expect(w.powered()).toEqual({ GPS: ["speedseq"], HRM: ["speedseq"] });
    // the run screen has been drawn since the press, and a session log exists
    expect(w.list().filter((n) => n.startsWith("speedseq.log"))).not.toEqual([]);
    // (BTN1 acts on the press on the watch; the screen's fixed parts are drawn then, and the
    // changing ones again when they change)
    const pressMs = w.now() - 1100;
    expect(w.shown(pressMs)).toEqual(expect.arrayContaining(["Warm-up", "to go", "10:00", "9:59"]));
    expect(t0).toBeLessThan(pressMs);
  });
});
