// The settings page (speedseq.settings.js, built) on the board: every row fits the watch's menu,
// and a changed value is written to speedseq.json.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createBoard } from "../../emulator/board/index";

describe("speedseq.settings.js", () => {
  it("shows every setting on rows that fit, and saves a change", () => {
    const b = createBoard({ accel: false });
    b.load(`var backs = 0; (${readFileSync("apps/speedseq/speedseq.settings.js", "utf8")})(function () { backs++; });`);
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      for (const t of b.texts()) seen.add(t.text);
      b.drag([{ x: 88, y: 160 }, { x: 88, y: 110 }, { x: 88, y: 60 }]);
    }
    for (const row of ["Race", "Min", "Sec", "Max HR", "Resting HR", "Pace per", "Buzz", "Run lock", "GB copy"]) expect(seen, row).toContain(row);
    for (const v of ["5K", "25:00", "190", "60", "km", "100%", "Auto", "On"]) expect(seen, v).toContain(v);
    b.assertNoErrors(); // no row overlaps its value
    // GB copy (the last row, on the screen after the drags): tap, step down once (drag down), confirm with a tap
    b.clearDrawLog();
    b.drag([{ x: 88, y: 60 }, { x: 88, y: 160 }]);
    for (let i = 0; i < 6 && !b.texts().some((t) => t.text === "GB copy"); i++) b.drag([{ x: 88, y: 160 }, { x: 88, y: 60 }]);
    b.tapText("GB copy");
    b.drag([{ x: 88, y: 80 }, { x: 88, y: 120 }]);
    b.tap(88, 100);
    expect(b.storage.readJSON("speedseq.json")).toMatchObject({ gb: 0 });
    b.assertNoErrors();
  });
});
