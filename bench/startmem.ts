// How much free RAM a session needs, on the real firmware (2v29.74 in emulation). Other code can
// hold RAM the app does not know of (a widget, a boot file, something left by the REPL): here a
// global array of numbers stands for it. The pre-start screen checks free RAM as it opens, with
// the list still alive (src/watch/prestart.ts): so for each amount held, this measures free JsVars
// on the list (after a garbage collection), less what the array takes. The array is made only once
// the pre-start screen has opened (its check would refuse the start otherwise: this finds what it
// guards against); then the Classic 5K is started and run for the 12 minutes of a real run that
// bench/ram.ts plays. A run is clean when the session starts and the firmware sets no error flag
// (LOW_MEMORY comes first). The least free of a clean run is what decide.ts's SESSION_VARS stands
// for, before its headroom. `node bench/run.mjs startmem` after `node build.mjs`.
import { readFileSync } from "node:fs";
import { firmwareDir, MISSING, bootApp } from "../emulator/firmware/node";
import { play, sessionTimeline } from "../emulator/firmware/timeline";
import { parseRecording } from "../src/sim/recording";
import { SESSION_VARS, MEM_HEADROOM_VARS } from "../src/engine/decide";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}
const rows = parseRecording(readFileSync("tests/fixtures/pyfitparse_activity-small-fenix2-run.csv", "utf8"));
const events = sessionTimeline(rows, { fromS: 60, durS: 12 * 60 });

/** free JsVars on the list as if n numbers had been held all along, and how the 12-minute session went */
async function trial(n: number): Promise<{ free: number; clean: boolean; how: string }> {
  const w = await bootApp({ trace: true });
  const list = w.memory().free;
  w.tapText("Classic 5K");
  w.advance(500);
  w.emit("GPS", { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9, time: new Date(w.now()) });
  w.advance(1100);
  const before = w.memory().usage;
  w.exec(`var FILL=[];for(var i=0;i<${n};i++)FILL.push(i);`);
  const held = w.memory().usage - before;
  w.eval("E.getErrorFlags()");
  w.press(100);
  w.advance(1000);
  const free = list - held;
  if (!w.list().some((x) => x.startsWith("speedseq.log"))) return { free, clean: false, how: "no start" };
  play(w, events, {});
  const flags = w.eval<string[]>("E.getErrorFlags()");
  return { free, clean: !flags.length && !w.errors.length, how: flags.join(",") || w.errors.map((e) => e.message).join("; ") || "clean" };
}

console.log("SpeedSeq's start with RAM held elsewhere, firmware 2v29.74 in emulation (JsVars free on the list, after GC; traced text costs a few of its own):");
let least = Infinity;
let worst = 0;
for (let n = 7000; n <= 8600; n += 200) {
  const t = await trial(n);
  console.log(`  ${n} numbers held: free on the list ${t.free}: ${t.how}`);
  if (t.clean) least = Math.min(least, t.free);
  else worst = Math.max(worst, t.free);
}
console.log(`  least free of a clean 12-minute session ${least}, most free of a failed one ${worst}; decide.ts's SESSION_VARS ${SESSION_VARS} + headroom ${MEM_HEADROOM_VARS}`);
