import { describe, it, expect } from "vitest";
import { existsSync } from "node:fs";
import { createBoard } from "../../emulator/board";
import { installApp } from "../../emulator/install";
import { builtFiles } from "../../emulator/simulate";

const APP = new URL("../../apps/speedseq/app.js", import.meta.url).pathname;

describe("the built watch app on the board", () => {
  it.skipIf(!existsSync(APP))("runs apps/speedseq/app.js, installed with its screens, for 10 virtual seconds without errors", () => {
    const b = createBoard();
    installApp(b, builtFiles());
    b.advance(10000);
    b.assertNoErrors();
    expect(b.texts().map((t) => t.text)).toContain("Classic 5K");
  });
});

describe("a tiny app using timers, buzz and setUI", () => {
  it("counts down, buzzes at zero and stops on BTN1", () => {
    const b = createBoard();
    b.load(`{
      let left = 3;
      const draw = () => g.clearRect(Bangle.appRect).setFont("6x8", 3).setFontAlign(0, 0).drawString(String(left), 88, 100);
      let iv = setInterval(() => { left--; draw(); if (left === 0) { clearInterval(iv); iv = undefined; Bangle.buzz(300).then(() => Bangle.buzz(300)); } }, 1000);
      Bangle.loadWidgets(); Bangle.drawWidgets(); draw();
      Bangle.setUI({mode: "custom", btn: () => { Bangle.setUI(); }, remove: () => { if (iv) clearInterval(iv); }});
    }`);
    b.advance(3500);
    expect(b.texts().map((t) => t.text)).toEqual(["3", "2", "1", "0"]);
    expect(b.buzzes.map((z) => [z.tMs, z.ms])).toEqual([[3000, 300], [3300, 300]]);
    b.press(50);
    expect(b.ui().mode).toBeUndefined();
    expect(b.leakCheck()).toEqual([]);
  });
});
