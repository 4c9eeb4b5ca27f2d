// Picking frames out of the console stream, and the phone's copy of the watch's manifest.
import { describe, it, expect } from "vitest";
import { Framer, parseFrame, PREFIX } from "../../src/sync/frame";
import { manifestOf, manifestDiff, verifyCopy } from "../../src/sync/manifest";
import { hex8 } from "../../src/engine/log/encode";
import { crc32 } from "../../src/sim/crc";
import { makeLog } from "./logs";

/** a frame as the watch prints it */
const frame = (body: string) => PREFIX + body + "*" + hex8(crc32(body)) + "\r\n";

describe("frames", () => {
  it("are found among prompts, echoes, errors and widget output, in pieces of any size", () => {
    const stream = ">\r\n=undefined\r\n" + frame("7,C,0,QUJD") + "Uncaught Error: x\r\n  at line 1\r\n>" + frame("7,E,0,speedseq.log1,768,1,3,0,0,0,00000000") +
      'print("#Q:"+b+"*"+H(E.CRC32(b)))\r\n' + "\r\x1b[J" + frame("8,Z,0,0,-1,0") + ">";
    for (const size of [1, 3, 20, 1000]) {
      const f = new Framer(crc32);
      const got = [];
      for (let i = 0; i < stream.length; i += size) got.push(...f.feed(stream.substring(i, i + size)));
      expect(got.map((x) => `${x.id}${x.kind}`)).toEqual(["7C", "7E", "8Z"]);
      // the echoed print() holds the prefix but is no frame
      expect(f.bad).toBe(1);
    }
  });

  it("reject every single flipped bit and every lost byte of a frame", () => {
    const good = frame("12,C,3,SDEsMSxzNDR5aTcsazEs");
    const body = good.slice(0, -2);
    for (let i = PREFIX.length; i < body.length; i++) {
      const lost = body.slice(0, i) + body.slice(i + 1);
      expect(new Framer(crc32).feed(lost + "\r\n"), `lost ${i}`).toEqual([]);
      for (let b = 0; b < 8; b++) {
        const flipped = body.slice(0, i) + String.fromCharCode(body.charCodeAt(i) ^ (1 << b)) + body.slice(i + 1);
        if (flipped.indexOf("\n") >= 0) continue;
        expect(new Framer(crc32).feed(flipped + "\r\n"), `flip ${i}.${b}`).toEqual([]);
      }
    }
  });

  it("recovers both frames when the newline between them was lost", () => {
    const f = new Framer(crc32);
    const two = frame("5,C,0,QQ==").replace("\r\n", "\r") + frame("5,C,1,Qg==");
    expect(f.feed(two).map((x) => x.f[0])).toEqual(["0", "1"]);
  });

  it("drops a partial line when the link drops, and runaway junk", () => {
    const f = new Framer(crc32);
    f.feed(frame("5,C,0,QQ==").slice(0, 10));
    f.reset();
    expect(f.feed(frame("5,C,1,Qg==")).length).toBe(1);
    expect(f.feed("x".repeat(70000))).toEqual([]);
    expect(f.feed(frame("5,C,2,Qg==")).length).toBe(1);
  });

  it("need a numeric id and a kind", () => {
    expect(parseFrame("x,C*" + hex8(crc32("x,C")), crc32)).toBeNull();
    expect(parseFrame("5*" + hex8(crc32("5")), crc32)).toBeNull();
    expect(parseFrame("5,C*" + hex8(crc32("5,C")), crc32)).toEqual({ id: 5, kind: "C", f: [] });
  });
});

describe("manifest (phone side)", () => {
  const text = makeLog({ seed: 4, steps: 4, ended: true });

  it("counts chunks, bytes, lines, the last verified seq, the end record", () => {
    const m = manifestOf("speedseq.log3", text, 256, crc32);
    expect(m.chunks).toBe(Math.ceil(text.length / 256));
    expect(m.size).toBe(text.length);
    expect(m.lines).toBe(text.split("\n").length - 1);
    expect(m.ended).toBe(true);
    expect(m.lastSeq).toBe(m.lines);
    expect(manifestOf("speedseq.log3", "", 256, crc32)).toMatchObject({ chunks: 0, size: 0, lines: 0, lastSeq: 0, ended: false, crc: 0 });
  });

  it("changes with any byte, any order of chunks, any chunk size", () => {
    const m = manifestOf("speedseq.log3", text, 256, crc32);
    const swapped = text.slice(256, 512) + text.slice(0, 256) + text.slice(512);
    expect(manifestDiff(manifestOf("speedseq.log3", swapped, 256, crc32), m)).toMatch(/crc/);
    const one = text.slice(0, 100) + (text[100] === "a" ? "b" : "a") + text.slice(101);
    expect(manifestDiff(manifestOf("speedseq.log3", one, 256, crc32), m)).toMatch(/crc/);
    expect(manifestDiff(manifestOf("speedseq.log3", text, 128, crc32), m)).toMatch(/chunk/);
  });

  it("verification reports lines damaged on the watch and a torn end, and fails a copy that differs", () => {
    const damaged = makeLog({ seed: 5, steps: 3, ended: false, damaged: true, torn: true });
    const m = manifestOf("speedseq.log1", damaged, 512, crc32);
    const v = verifyCopy(damaged, m, crc32);
    expect(v.ok).toBe(true);
    expect(v.damaged.length).toBe(1);
    expect(v.torn).toBe(true);
    expect(v.ended).toBe(false);
    expect(verifyCopy(damaged.slice(0, -1), m, crc32).ok).toBe(false);
  });
});
