// `npm run simulate`'s output (emulator/simulate.ts): a header naming the workout, source, seeds
// and engine; the session's start and finish; the buzzes as named patterns, not single pulses;
// the steps with start times and durations to the second and paces as m:ss/km. On the board
// always; on the real firmware where its files are (the header says so).
import { describe, expect, it, vi } from "vitest";
import { decodeLog } from "../src/engine/log/decode";
import { crc32 } from "../src/sim/crc";
import { fmtPace, fmtTime } from "../src/engine/format";
import { buzzPatterns } from "../emulator/session";
import { main, parseArgs, report, runSession } from "../emulator/simulate";
import { firmwareDir, firmwareRequired, MISSING } from "../emulator/firmware/node";
import { DEFAULT_RECORDING } from "../emulator/defaults";

/** what main() prints to stdout and stderr, and its exit code */
async function run(argv: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [], err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((s: unknown) => void out.push(String(s)));
  const error = vi.spyOn(console, "error").mockImplementation((s: unknown) => void err.push(String(s)));
  try {
    return { out, err, code: await main(argv) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const stepLines = (out: string[]) => out.slice(out.findIndex((l) => l.startsWith("steps ")) + 2).filter((l) => /^ +\d+ /.test(l));
/** the lines under "buzzes: …", up to the blank line after them */
function buzzLines(out: string[]): string[] {
  const from = out.findIndex((l) => l.startsWith("buzzes: ")) + 1;
  const to = out.indexOf("", from);
  return out.slice(from, to);
}

describe("npm run simulate on the board", () => {
  it("prints a header, the session, the buzz patterns by name and the steps to the second", async () => {
    const { out, err, code } = await run(["--engine", "board"]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out.slice(0, 6)).toEqual([
      "SpeedSeq simulate",
      "  workout  Classic 5K (built-in): Strides, then 6x400 m just under 5K pace",
      `  source   ${DEFAULT_RECORDING} (recording, after 10 s standing at its first fix)`,
      "  seeds    GPS 1 (noise 0 m), wrist 1",
      "  engine   board (the project's fake Bangle.js 2)",
      "  path     tap the workout (at 88,60), wait for the GPS fix, BTN1",
    ]);
    // the same session, run again, for the numbers the lines must show
    const r = await runSession({ engine: "board" });
    const recs = decodeLog(r.log!.text, crc32).recs;
    const end = recs.find((x) => x.k === "E")!;
    if (end.k !== "E") throw new Error("no end");
    const sec = (ms: number) => fmtTime(Math.round(ms / 1000));
    expect(out).toContain(`session: started at ${sec(r.sessionStartMs)} watch time, finished at ${sec(r.sessionStartMs + end.durMs)} (workout done): ${sec(end.durMs)} of session, ${(end.distM / 1000).toFixed(2)} km`);

    const patterns = buzzPatterns(r.buzzes);
    expect(out).toContain(`buzzes: ${patterns.length} patterns (${r.buzzes.length} pulses), watch time`);
    const bz = buzzLines(out);
    expect(bz).toHaveLength(patterns.length);
    expect(bz.length).toBeLessThan(r.buzzes.length);
    bz.forEach((l, i) => expect(l).toMatch(new RegExp(`^ +\\d+:\\d\\d\\.\\d{3}  ${patterns[i].name} +[\\d·]+ ms @ 1$`)));
    expect(bz.filter((l) => / rep start /.test(l))).toHaveLength(6);
    expect(bz[bz.length - 1]).toMatch(/ session end +500·200·500·200·500 ms/);

    const steps = recs.filter((x) => x.k === "S");
    const lines = stepLines(out);
    expect(lines).toHaveLength(steps.length);
    lines.forEach((l, i) => {
      const s = steps[i];
      if (s.k !== "S") return;
      // start and time to the second, pace as m:ss/km: no milliseconds anywhere
      expect(l).not.toMatch(/\d\.\d{3}/);
      expect(l).toContain(` ${sec(s.startMs)} `);
      expect(l).toContain(` ${sec(s.durMs)} `);
      if (s.avgPaceSPerKm) expect(l).toContain(` ${fmtPace(s.avgPaceSPerKm)}/km `);
      expect(l).toMatch(/ \d+:\d\d\/km /);
      expect(l.trim().split(/ +/).pop()).toBe(s.why);
    });
  }, 120_000);

  it("takes a built-in workout by name and refuses what it does not know", async () => {
    const r = await runSession({ engine: "board", workout: "4x1km" });
    expect(report(r)[1]).toMatch(/^ {2}workout {2}4x1km \(built-in\)/);
    // its warm-up ends on a lap press the recording never makes: the track ends first
    expect(r.why).toBe("track");
    expect(report(r)).toContain(`session: started at ${fmtTime(Math.round(r.sessionStartMs / 1000))} watch time; the track ended at ${fmtTime(Math.round(r.endMs / 1000))} before the workout did`);
    await expect(runSession({ engine: "board", workout: "Nope" })).rejects.toThrow(/no built-in workout "Nope"/);
    expect(() => parseArgs(["--engine", "phone"])).toThrow(/usage: npm run simulate/);
    expect((await run(["--bogus"])).code).toBe(2);
  }, 120_000);
});

const present = !!firmwareDir();
if (!present && !firmwareRequired()) console.log(MISSING);

describe("npm run simulate on the real firmware", () => {
  it.skipIf(!present && !firmwareRequired())("says so in the header and names every buzz of the session", async () => {
    if (!present) throw new Error(MISSING);
    const r = await runSession({ engine: "firmware" });
    const out = report(r);
    expect(out[4]).toMatch(/^ {2}engine {3}real firmware 2v\d+(\.\d+)? \(.+\)$/);
    expect(r.errors).toEqual([]);
    expect(r.why).toBe("session");
    const patterns = buzzPatterns(r.buzzes);
    expect(patterns.every((p) => p.id >= 0)).toBe(true);
    expect(patterns.filter((p) => p.name === "rep start")).toHaveLength(6);
    expect(patterns[patterns.length - 1].name).toBe("session end");
    expect(stepLines(out).length).toBeGreaterThan(20);
  }, 400_000);
});
