import { describe, it, expect } from "vitest";
import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { PNG } from "pngjs";
import { createBoard, SCREEN_W, SCREEN_H } from "../../emulator/board";

describe("board g: the 176×176 3-bit screen and its draw log", () => {
  it("logs text with font, position, alignment, colour and its box", () => {
    const b = createBoard();
    b.load(`g.setColor("#f00").setFont("6x8", 2).setFontAlign(0, 0).drawString("Pace", 88, 100);
      g.setColor(0,0,1).setFont("Vector:30").setFontAlign(1, 1).drawString("5:30", 170, 170);
      g.setColor(7).setFont("4x6").setFontAlign(-1, -1).drawString("a\\nbb", 0, 0);`);
    const [pace, big, small] = b.texts();
    expect(pace).toMatchObject({ text: "Pace", font: "6x8", size: 2, x: 88, y: 100, align: [0, 0], color: "#f00", box: { x1: 64, y1: 92, x2: 111, y2: 107 } });
    expect(big).toMatchObject({ font: "Vector", size: 30, color: "#00f", box: { x2: 169, y2: 169 } });
    expect(big.box.x2 - big.box.x1 + 1).toBe(4 * Math.ceil(0.65 * 30));
    expect(small).toMatchObject({ color: "#fff", box: { x1: 0, y1: 0, x2: 7, y2: 11 } });
  });

  it("stringWidth follows the width model: 4x6 = 4, 6x8 = 6 px per character and scale", () => {
    const b = createBoard();
    expect(b.eval(`[g.setFont("4x6").stringWidth("abc"), g.setFont("6x8:3").stringWidth("abc"), g.setFont("6x8").stringWidth("ab\\nabcd"), g.getFontHeight()].join()`)).toBe("12,54,24,8");
  });

  it("rejects a font the board does not have", () => {
    const b = createBoard();
    b.load(`g.setFont("Comic", 2);`);
    expect(b.errors[0].message).toMatch(/Font/);
  });

  it("draws pixels in 3-bit colour and honours the clip rectangle", () => {
    const b = createBoard();
    b.load(`g.setBgColor(0).clear().setColor("#0f0").setClipRect(10, 10, 19, 19).fillRect(0, 0, 100, 100);`);
    const fb = b.g.fb;
    expect(fb[15 * SCREEN_W + 15]).toBe(2);
    expect(fb[5 * SCREEN_W + 5]).toBe(0);
    expect(fb[20 * SCREEN_W + 15]).toBe(0);
    let lit = 0;
    for (const p of fb) if (p) lit++;
    expect(lit).toBe(100);
  });

  it("draws 1 bpp and 3 bpp Espruino image strings, with transparency and scale", () => {
    const b = createBoard();
    // 2×1 at 1 bpp: pixels 1,0 -> fg, bg; 2×1 at 3 bpp + transparent colour 0: pixels 4 (red), 0 (not drawn)
    b.load(`g.setColor(1).setBgColor(7).clear();
      g.drawImage("\\x02\\x01\\x01\\x80", 0, 0);
      g.setBgColor(2).drawImage(E.toString([2, 1, 3 + 128, 0, 0x80]), 10, 0, {scale: 2});`);
    const px = (x: number, y: number) => b.g.fb[y * SCREEN_W + x];
    expect([px(0, 0), px(1, 0)]).toEqual([1, 7]);
    expect([px(10, 0), px(11, 1), px(12, 0)]).toEqual([4, 4, 7]);
    expect(b.drawLog.filter((e) => e.op === "image").map((e) => (e as { w: number }).w)).toEqual([2, 4]);
  });

  it("finds text that overflows the screen (the margin check apps are tested with)", () => {
    const b = createBoard();
    b.load(`g.setFont("6x8", 2).setFontAlign(0, 0).drawString("fits", 88, 88).drawString("far too long for the screen", 88, 120);`);
    expect(b.overflowingText(2).map((e) => e.text)).toEqual(["far too long for the screen"]);
  });

  it("matches the golden image of our own font renderer (a regression guard, not the watch's pixels)", () => {
    const b = createBoard();
    b.load(`g.clear(); var s=""; for (var i=32;i<127;i++) s+=String.fromCharCode(i);
      g.setFont("6x8").drawString(s.slice(0,29)+"\\n"+s.slice(29,58)+"\\n"+s.slice(58),0,0);
      g.setFont("4x6").drawString(s.slice(0,44)+"\\n"+s.slice(44),0,30);
      g.setFont("Vector",24).drawString("12:34 Pace",0,50);
      g.setFont("12x20").drawString("Hello gjy",0,100);
      g.setColor("#f00").setFont("6x8:2").setFontAlign(1,1).drawString("Run 5:30",175,175);`);
    const file = new URL("./golden/fonts.png", import.meta.url).pathname;
    const rgba = Buffer.from(b.toRGBA());
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
      mkdirSync(new URL("./golden", import.meta.url).pathname, { recursive: true });
      const png = new PNG({ width: SCREEN_W, height: SCREEN_H });
      png.data = rgba;
      writeFileSync(file, PNG.sync.write(png));
    }
    const golden = PNG.sync.read(readFileSync(file));
    expect(Buffer.compare(golden.data, rgba)).toBe(0);
  });
});
