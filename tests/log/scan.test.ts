// The watch's scan of a log (resume and summary) reads only the decoder's core: on the logs the
// watch writes, whole, torn or with a damaged line, it must find what the full decoder finds.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import fc from "fast-check";
import { buildSync } from "esbuild";
import { LogWriter } from "../../src/engine/log/encode";
import { decodeLog } from "../../src/engine/log/decode";
import type { LineRec } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";
import { lineRec, track } from "./arb";
import { writeLog, nextLine, FIXED_LOG } from "./lines";
import { writeHour } from "./hour";

/** What src/watch/scan.ts returns (not imported: watch code type-checks only against the watch's globals). */
interface Scan {
  n: number;
  plan: string;
  startMs: number;
  lastSeq: number;
  nextIdx: number;
  cut: number;
  ended: boolean;
  rpe: number;
  durMs: number;
  distM: number;
  splits: number[];
}

/** scanLog as the app bundles it, run against the fake Storage below and the zlib CRC (E.CRC32). */
const scanLogIn: (S: unknown, crc: (s: string) => number, n: number) => Scan = (() => {
  const r = buildSync({ entryPoints: ["src/watch/scan.ts"], bundle: true, format: "iife", globalName: "scan", target: "es2015", minify: true, write: false, logLevel: "error" });
  return new Function(r.outputFiles[0].text + ";return scan.scanLog")();
})();
const scanLog = (n: number): Scan => scanLogIn(g.require("Storage"), g.E.CRC32, n);

/** Storage with one log file, read line by line as a StorageFile does (each line with its "\n"). */
let files: Record<string, string> = {};
const g = globalThis as any;
beforeEach(() => {
  files = {};
  g.E = { CRC32: crc32 };
  g.require = (m: string) => {
    expect(m).toBe("Storage");
    return {
      open(name: string, mode: string) {
        expect(mode).toBe("r");
        let at = 0;
        const text = files[name] ?? "";
        return {
          readLine() {
            if (at >= text.length) return undefined;
            const nl = text.indexOf("\n", at);
            const end = nl < 0 ? text.length : nl + 1;
            const l = text.slice(at, end);
            at = end;
            return l;
          },
        };
      },
    };
  };
});
afterEach(() => {
  delete g.E;
  delete g.require;
});

/** What scanLog should find, from the full decoder's records. */
function fromDecoder(n: number, text: string): Scan {
  const d = decodeLog(text, crc32);
  const sc: Scan = { n, plan: "", startMs: 0, lastSeq: d.lastSeq, nextIdx: 0, cut: 0, ended: false, rpe: 0, durMs: 0, distM: 0, splits: [] };
  for (const r of d.recs) {
    if (r.k === "H") {
      sc.plan = r.plan;
      sc.startMs = r.startMs;
    } else if (r.k === "S") {
      sc.nextIdx = Math.max(sc.nextIdx, r.idx + 1);
      sc.durMs += r.durMs;
      sc.distM += r.distM;
      if (r.kind === "work") sc.splits.push(r.rep, r.distM, r.durMs, r.avgHr, r.flags, r.idx);
    } else if (r.k === "E") sc.ended = true;
    else if (r.k === "R") sc.rpe = r.rpe;
    else if (r.k === "F" && r.what === "shorten") sc.cut = r.value || 0;
  }
  return sc;
}

function scan(text: string, n = 3): Scan {
  files["speedseq.log" + n] = text;
  return scanLog(n);
}

const write = (recs: LineRec[], pts: { tS: number; lat: number; lon: number }[]) => writeLog(recs, pts, 4);
const log = fc.tuple(fc.array(lineRec, { minLength: 1, maxLength: 25 }), track).map(([recs, pts]) => write(recs, pts));

describe("scanLog", () => {
  it("finds what the full decoder finds in a session-hour", () => {
    const text = writeHour().text;
    const sc = scan(text);
    expect(sc).toEqual(fromDecoder(3, text));
    expect(sc.plan).toBe("10 x 1000 m @ 5k pace, 60 s jog");
    expect(sc.splits.length).toBe(6 * 20);
    expect(sc.ended).toBe(true);
  });

  it("finds what the full decoder finds in any log, whole, torn, or with a damaged line", () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(), (text, cut, at) => {
        expect(scan(text)).toEqual(fromDecoder(3, text));
        const torn = text.slice(0, text.length - 1 - (cut % 40));
        expect(scan(torn)).toEqual(fromDecoder(3, torn));
        // any character but a newline: unlike decodeLog, scan never salvages a record glued to a
        // damaged line (the watch writes "\n" before it continues a log, so none are glued)
        const i = at % text.length;
        fc.pre(text.charAt(i) !== "\n");
        const damaged = text.slice(0, i) + (text.charAt(i) === "0" ? "1" : "0") + text.slice(i + 1);
        expect(scan(damaged)).toEqual(fromDecoder(3, damaged));
      }),
      { numRuns: 300 },
    );
  });

  it("skips a torn last line and a corrupt line, keeping the rest", () => {
    const w = new LogWriter(crc32, 0);
    const h = nextLine(w, { k: "H", startMs: 1_700_000_000_123, plan: "6x400, 200 jog", planHash: 1, version: "0.01" });
    const s1 = nextLine(w, { k: "S", idx: 0, kind: "work", rep: 1, startMs: 0, durMs: 90000, distM: 400, avgPaceSPerKm: 225, avgHr: 171, maxHr: 180, avgCad: 182, why: "dist", flags: 1, quality: 0 });
    const s2 = nextLine(w, { k: "S", idx: 1, kind: "recovery", rep: 0, startMs: 90000, durMs: 60000, distM: 200, avgPaceSPerKm: 300, avgHr: 150, maxHr: 170, avgCad: 160, why: "time", flags: 0, quality: 0 });
    const s3 = nextLine(w, { k: "S", idx: 2, kind: "work", rep: 2, startMs: 150000, durMs: 88000, distM: 400, avgPaceSPerKm: 220, avgHr: 174, maxHr: 183, avgCad: 184, why: "dist", flags: 0, quality: 0 });
    const sc = scan(h + s1 + s2.replace("S3,1,", "S3,2,") + s3.slice(0, 20));
    expect(sc).toMatchObject({ plan: "6x400, 200 jog", startMs: 1_700_000_000_123, lastSeq: 2, nextIdx: 1, ended: false, durMs: 90000, distM: 400 });
    expect(sc.splits).toEqual([1, 400, 90000, 171, 1, 0]);
  });

  it("reads the fields of the fixed format", () => {
    expect(scan(FIXED_LOG.join(""))).toEqual({
      n: 3, plan: "6x400, 200 jog", startMs: 1_700_000_000_123, lastSeq: 6, nextIdx: 1, cut: 0, ended: true, rpe: 7, durMs: 90000, distM: 400,
      splits: [1, 400, 90000, 171, 1, 0],
    });
  });

  it("reads the form guard's last shortening (what a resume needs to keep the reps short)", () => {
    const w = new LogWriter(crc32, 0);
    const text = [
      nextLine(w, { k: "H", startMs: 1_700_000_000_123, plan: "6x400", planHash: 1, version: "0.01" }),
      nextLine(w, { k: "F", tMs: 200_000, what: "formOffer", value: 12 }),
      nextLine(w, { k: "F", tMs: 205_000, what: "shorten", value: 12 }),
      nextLine(w, { k: "F", tMs: 900_000, what: "formOffer", value: 20 }),
      nextLine(w, { k: "F", tMs: 915_000, what: "asPlanned", value: 0 }),
    ].join("");
    expect(scan(text).cut).toBe(12);
  });

  it("reads an empty or missing log as nothing done", () => {
    expect(scan("")).toEqual({ n: 3, plan: "", startMs: 0, lastSeq: 0, nextIdx: 0, cut: 0, ended: false, rpe: 0, durMs: 0, distM: 0, splits: [] });
  });
});
