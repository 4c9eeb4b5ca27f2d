import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board: more firmware details apps meet", () => {
  it("setUI updown: a 32 px drag steps, a tap or BTN1 selects", () => {
    const b = createBoard();
    b.load(`var got=[]; Bangle.setUI("updown", function(d){ got.push(d === undefined ? "sel" : d); });`);
    b.drag([{ x: 88, y: 100 }, { x: 88, y: 140 }]);
    b.tap(88, 88);
    b.press(50);
    expect(b.eval("got.join()")).toBe("1,sel,sel");
  });

  it("the realm's JSON.parse rejects what writeJSON wrote, as the watch's does; readJSON reads it", () => {
    const b = createBoard();
    b.load(`require("Storage").writeJSON("a.json", {k: [1, 2]}); var v = require("Storage").readJSON("a.json"), err = "";
      try { JSON.parse(require("Storage").read("a.json")); } catch (e) { err = "threw"; }`);
    expect(b.eval("v.k[1] + ' ' + err")).toBe("2 threw");
  });

  it("E.showMenu edits a number by dragging, and a tap leaves the editor", () => {
    const b = createBoard();
    b.load(`var vals=[]; E.showMenu({"": {title: "Set"}, "Reps": {value: 4, min: 1, max: 5, onchange: function(v){ vals.push(v); }}});`);
    b.tapText("Reps");
    b.drag([{ x: 88, y: 150 }, { x: 88, y: 120 }, { x: 88, y: 90 }]);
    b.tap(88, 100);
    expect(b.eval("vals.join()")).toBe("5,5");
    expect(b.texts().at(-1)?.text).toBe("5");
  });
});
