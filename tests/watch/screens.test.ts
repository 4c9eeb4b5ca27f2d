// Run screens with the longest texts the built-in workouts produce: the 3-zone rotation's
// recoveries inside two repeats ("Jog" beside "set 1/3, 2/3"). The board fails the test if any
// bitmap text overlaps other text or runs off the screen (tests/watch/boot.ts).
import { describe, expect, it } from "vitest";
import { boot, startWorkout, play, recordingEvents, shown } from "./boot";

describe("run screens fit the watch", () => {
  it("the 3-zone surge recoveries show the set and the round without overlap", () => {
    const b = startWorkout(boot(), "3-zone");
    play(b, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", 60), 1_200_000);
    const t = shown(b);
    expect(t).toContain("set 1/3, 1/3");
    expect(t).toContain("Jog");
    b.assertNoErrors();
  });
});
