// The paused session's actions (+30 s, Next step, End), BTN1 as the lap, and the "Run lock: Off" setting, on
// the board, with a time-only workout uploaded (no GPS needed).
import { describe, expect, it } from "vitest";
import { boot, shown, onScreen, logText } from "./boot";
import { Storage } from "../../emulator/board/index";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { StepRec } from "../../src/engine/log/records";

const PLAN = {
  v: 1, name: "Minutes",
  steps: [{ kind: "work", end: { time: 60 } }, { kind: "recovery", end: { time: 60 } }, { kind: "work", end: { time: 60 } }, { kind: "cooldown", end: { lap: 1 } }],
};

function started(settings?: object) {
  const st = new Storage();
  st.write("speedseq.wmin.json", JSON.stringify(PLAN));
  if (settings) st.write("speedseq.json", JSON.stringify(settings));
  const b = boot({ storage: st });
  b.drag([{ x: 88, y: 160 }, { x: 88, y: 100 }, { x: 88, y: 40 }]);
  b.tapText("Minutes");
  b.advance(1100);
  b.press(100); // start: a time-only workout needs no fix
  b.advance(1000);
  return b;
}

const steps = (b: ReturnType<typeof boot>) => decodeLog(logText(b, 0), crc32).recs.filter((r): r is StepRec => r.k === "S");

/** BTN1 (unlocking first if need be), then a tap: the actions menu of the paused session */
function pauseMenu(b: ReturnType<typeof boot>) {
  if (b.isLocked()) b.press();
  b.press();
  b.advance(500);
  b.tap(88, 120);
}

describe("a paused session's actions", () => {
  it("+30 s lengthens a recovery, Next step skips a step, BTN1 ends a lap step", () => {
    const b = started();
    b.advance(70_000); // into the recovery
    pauseMenu(b);
    expect(shown(b)).toContain("+30 s");
    b.tapText("+30 s"); // back on the run screen, still paused
    expect(shown(b).slice(-20)).toContain("PAUSED");
    b.press(); // resume: 80 s of the 90 s recovery left
    b.advance(90_000); // 10 s into the second rep
    pauseMenu(b);
    b.tapText("Next step"); // skips the second rep, and runs on
    b.advance(5_000);
    // the cool-down ends at the lap: there BTN1 is the lap, not a pause
    expect(onScreen(b).map((e) => e.text)).toContain("lap: BTN");
    b.press();
    b.advance(2_000);
    const s = steps(b);
    expect(s.map((x) => x.kind)).toEqual(["work", "recovery", "work", "cooldown"]);
    expect(s[1].why).toBe("time");
    expect(s[1].durMs).toBeGreaterThanOrEqual(89_000);
    expect(s[1].flags & 8).toBe(8); // extended
    expect(s[2].why).toBe("skip");
    expect(s[3].why).toBe("lap");
    expect(decodeLog(logText(b, 0), crc32).recs.some((r) => r.k === "E")).toBe(true);
  });
});

describe("the paused actions on the screen", () => {
  it("stay there while shown: the running session's 1 s redraw does not draw over them", () => {
    const b = started();
    b.advance(10_000);
    pauseMenu(b);
    expect(shown(b)).toContain("Resume");
    const n = shown(b).length;
    b.advance(3_000);
    // nothing of the run screen was drawn meanwhile
    expect(shown(b).slice(n)).toEqual([]);
    b.tapText("Resume");
    b.advance(1_000);
    expect(shown(b)).toContain("Rep 1/2");
  });
});

describe("Run lock: Off", () => {
  it("keeps the watch unlocked for the session and restores the lock timeout after", () => {
    const b = started({ unlock: 1 });
    const before = 10000; // the board's default lockTimeout
    expect(b.options().lockTimeout).toBe(0);
    b.advance(60_000);
    expect(b.isLocked()).toBe(false);
    pauseMenu(b);
    b.tapText("End session");
    b.tapText("End");
    b.advance(5_000);
    expect(shown(b)).toContain("Rate effort");
    expect(b.options().lockTimeout).toBe(before);
  });
});
