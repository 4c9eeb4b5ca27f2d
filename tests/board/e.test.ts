import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";
import { heatshrinkDecompress } from "../../emulator/board/modules";

describe("board E and modules", () => {
  it("E.CRC32 is the one-shot zlib CRC-32", () => {
    const b = createBoard();
    expect(b.eval(`E.CRC32("hello")`)).toBe(0x3610a686);
    expect(b.eval(`E.CRC32("123456789")`)).toBe(0xcbf43926);
    expect(b.eval(`E.CRC32.length`)).toBe(1);
  });

  it("E.sum / E.variance are the watch's (variance is a sum of squares, not divided)", () => {
    const b = createBoard();
    expect(b.eval(`[E.sum(new Float32Array([1,2,3])), E.variance(new Int8Array([1,2,3]), 2)].join()`)).toBe("6,2");
  });

  it("heatshrink decompresses literals and back-references", () => {
    // hand-encoded: literal 'a' (1 01100001), literal 'b' (1 01100010), backref index 1 count 3 (0 00000001 000011)
    const bits = "1" + "01100001" + "1" + "01100010" + "0" + "00000001" + "000011";
    const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "0");
    const bytes: number[] = [];
    for (let i = 0; i < padded.length; i += 8) bytes.push(parseInt(padded.slice(i, i + 8), 2));
    expect(String.fromCharCode(...heatshrinkDecompress(bytes))).toBe("ababab");
  });

  it("E 'kill' handlers run on load()", () => {
    const b = createBoard();
    b.load(`E.on("kill", function(){ require("Storage").write("k", "1"); }); setTimeout(load, 10);`);
    b.advance(20);
    expect(b.storage.read("k")).toBe("1");
    expect(b.exited).toBe(true);
  });

  it("locale formats times for menus and labels", () => {
    const b = createBoard();
    expect(b.eval(`require("locale").distance(1234.5) + " " + require("locale").time(new Date(2026,0,1,7,5,9), 1)`)).toBe("1.23km 07:05");
  });
});
