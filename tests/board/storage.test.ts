import { describe, it, expect } from "vitest";
import { createBoard, Storage, SF_CHUNK_BYTES } from "../../emulator/board";

describe("board Storage (firmware behaviour)", () => {
  it("writeJSON writes unquoted keys, which Node's JSON.parse rejects and readJSON accepts", () => {
    const b = createBoard();
    b.load(`require("Storage").writeJSON("s.json", {a:1, "b c":[true,null,"x"], d:{e:2.5}});
      var back = require("Storage").readJSON("s.json");`);
    const raw = b.storage.read("s.json")!;
    expect(raw).toBe('{a:1,"b c":[true,null,"x"],d:{e:2.5}}');
    expect(() => JSON.parse(raw)).toThrow();
    expect(b.eval("JSON.stringify(back)")).toBe('{"a":1,"b c":[true,null,"x"],"d":{"e":2.5}}');
    expect(b.eval(`require("Storage").readJSON("missing.json", true)`)).toBeUndefined();
  });

  it("keeps 28 characters of a name (27 for a StorageFile), cutting longer ones as the watch does", () => {
    const s = new Storage();
    s.write("a".repeat(28) + "1", "x");
    s.write("a".repeat(28) + "2", "y");
    expect(s.list()).toEqual(["a".repeat(28)]);
    expect(s.read("a".repeat(28) + "3")).toBe("y");
    s.open("b".repeat(28), "w").write("z");
    expect(s.list(undefined, { sf: true })).toEqual(["b".repeat(27)]);
  });

  it("a name the watch would cut is an app error on the board", () => {
    const b = createBoard();
    b.load(`require("Storage").write("${"c".repeat(29)}", "x"); require("Storage").write("${"c".repeat(28)}", "y");`);
    expect(b.errors.map((e) => e.message)).toEqual([`Storage name "${"c".repeat(29)}" is 29 characters: the watch keeps only the first 28`]);
    expect(b.storage.read("c".repeat(28))).toBe("y");
  });

  it("a StorageFile reserves 40,960 bytes per chunk however little it holds", () => {
    const s = new Storage();
    const free0 = s.getFree();
    const f = s.open("log.csv", "a");
    f.write("1,2\n");
    expect(free0 - s.getFree()).toBe(SF_CHUNK_BYTES);
    expect(s.list(undefined, { sf: true })).toEqual(["log.csv"]);
    expect(s.list()).toEqual(["log.csv\x01"]);
    f.write("x".repeat(SF_CHUNK_BYTES));
    expect(free0 - s.getFree()).toBe(2 * SF_CHUNK_BYTES);
  });

  it("StorageFile has no seek: reads go on from where the last stopped; a 0xFF byte ends the file", () => {
    const b = createBoard();
    b.load(`var f = require("Storage").open("t.txt", "w"); f.write("ab\\ncd\\n"); f.write("e\\xFFfg\\n");
      var r = require("Storage").open("t.txt", "r");
      var out = [r.readLine(), r.read(2), r.read(10), r.read(10), r.getLength(), typeof r.seek];`);
    expect(b.eval("JSON.stringify(out)")).toBe('["ab\\n","cd","\\ne",null,7,"undefined"]');
    expect(b.storage.readStorageFile("t.txt")).toBe("ab\ncd\ne");
  });

  it("rewriting leaves trash; a write that does not fit compacts (stalling the clock) and then fits", () => {
    const b = createBoard({ storageBytes: 64 * 1024 });
    b.load(`var s = require("Storage"); var big = "x".repeat(20000);
      s.write("a", big); s.write("a", big + "1"); s.write("a", big + "2");`);
    expect(b.eval("s.getStats().trashCount")).toBe(2);
    expect(b.compactions).toHaveLength(0);
    const t0 = b.now();
    b.eval(`s.write("b", big)`);
    expect(b.compactions).toHaveLength(1);
    expect(b.eval("s.getStats().trashBytes")).toBe(0);
    expect(b.now() - t0).toBe(b.compactions[0].stallMs);
    expect(b.compactions[0].stallMs).toBeGreaterThanOrEqual(2000);
    b.assertNoErrors();
  });

  it("a stall delays the timers due meanwhile", () => {
    const b = createBoard({ storageBytes: 64 * 1024 });
    b.load(`var s = require("Storage"), at = 0; var big = "x".repeat(30000);
      setTimeout(function(){ at = Date.now() % 100000; }, 100);
      s.write("a", big); s.write("a", big + "1"); s.write("b", big);`);
    b.advance(10000);
    expect(b.eval("at")).toBe(b.compactions[0].stallMs);
  });

  it("writes throw when Storage is full", () => {
    const b = createBoard({ storageBytes: 64 * 1024 });
    b.load(`var s = require("Storage"), err = "";
      try { s.write("a", "x".repeat(40000)); s.write("b", "x".repeat(40000)); } catch (e) { err = e.message; }`);
    expect(b.eval("err")).toMatch(/Not enough free space/);
    expect(b.storage.read("b")).toBeUndefined();
  });

  it("takes an ArrayBuffer made by the app (E.toString and Storage.write read its bytes)", () => {
    const b = createBoard();
    b.load(`require("Storage").write("ab", new Uint8Array([104, 105, 255]).buffer); var s = E.toString(new Uint8Array([111, 107]).buffer);`);
    expect(b.storage.read("ab")).toBe("hi\xFF");
    expect(b.eval("s")).toBe("ok");
  });

  it("does not rewrite a file with identical contents (no trash)", () => {
    const s = new Storage();
    s.write("same", "abc");
    s.write("same", "abc");
    expect(s.getStats().trashCount).toBe(0);
  });

  it("write(name, data, 0, size) makes a file of 0xFF filled in place by later offset writes", () => {
    const s = new Storage();
    s.write("f", "ab", 0, 6);
    s.write("f", "cd", 2);
    expect(s.read("f")).toBe("abcd\xFF\xFF");
  });
});
