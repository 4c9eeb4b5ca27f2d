import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board serial port: the watch's console (REPL)", () => {
  it("echoes a typed line, prints console output, then =value and a prompt", () => {
    const b = createBoard();
    b.load(`var n = 41;`);
    b.serial.clear();
    b.serial.write("console.log('hi'); n+1\n");
    expect(b.serial.output).toBe("console.log('hi'); n+1\r\nhi\r\n=42\r\n>");
  });

  it("does not echo a line starting with \\x10, nor print its value; the prompt comes back after output", () => {
    const b = createBoard();
    b.serial.write('\x10Bluetooth.println(JSON.stringify(require("Storage").list()))\n\x1041+1\n');
    expect(b.serial.output).toBe("[]\r\n>");
  });

  it("waits for brackets to balance across lines and reports errors as Uncaught", () => {
    const b = createBoard();
    const chunks: string[] = [];
    b.serial.onData((s) => chunks.push(s));
    b.serial.write("\x10function f(){\n");
    expect(b.serial.output).toBe("");
    b.serial.write("return 5}\nf()\n\x10nosuch()\n");
    expect(b.serial.output).toBe("f()\r\n=5\r\n>Uncaught Error: nosuch is not defined\r\n>");
    expect(chunks.join("")).toBe(b.serial.output);
  });
});
