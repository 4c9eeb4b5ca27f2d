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
    const pressMs = w.now() - 1000;
    expect(w.shown(pressMs).slice(0, 3)).toEqual(["Warm-up", "9:59", "to go"]);
    expect(t0).toBeLessThan(pressMs);
  });
});
