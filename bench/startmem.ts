// How much free RAM a session needs, on the real firmware (2v29.74 in emulation). Other code can
// hold RAM the app does not know of (a widget, a boot file, something left by the REPL): here a
// global array of numbers stands for it. The app checks free RAM as a workout is tapped on the
// list (src/watch/ui.ts lowRam, against src/engine/decide.ts memCheck); to find what that check
// guards against, this installs the list file with the check answering "enough" (the bench fails
// if it cannot find it), holds more and more RAM, and for each amount measures free JsVars on the
// list (after a garbage collection), then follows the whole path: tap the Classic 5K, the
// pre-start screen, a fix, BTN1, and the 12 minutes of a real run that bench/ram.ts plays. A run
// is clean when the session starts and the firmware sets no error flag from the tap on (LOW_MEMORY
// comes first). The least free on the list of a clean run is what SESSION_VARS stands for,
// before its headroom. `node bench/run.mjs startmem` after `node build.mjs`.
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
// memCheck's verdict as built (`short:<free><<need>`), made to answer "enough"
const list = readFileSync("apps/speedseq/speedseq.list.js", "latin1");
const unchecked = list.replace(/short:([A-Za-z_$][\w$]*)<([A-Za-z_$][\w$]*)/, "short:!1");
if (unchecked === list) throw new Error("memCheck's verdict not found in speedseq.list.js: update bench/startmem.ts");

/** free JsVars on the list with n numbers held, and how the path to a 12-minute session went */
async function trial(n: number): Promise<{ free: number; clean: boolean; how: string }> {
  const w = await bootApp({ trace: true });
  w.writeFile("speedseq.list.js", unchecked);
  w.exec('load("speedseq.app.js")');
  w.advance(2500);
  w.exec(`echo(0);var FILL=[];for(var i=0;i<${n};i++)FILL.push(i);`);
  const free = w.memory().free;
  w.eval("E.getErrorFlags()");
  w.tapText("Classic 5K");
  w.advance(500);
  w.emit("GPS", { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
  if (!w.list().some((x) => x.startsWith("speedseq.log"))) return { free, clean: false, how: "no start: " + (w.errors.map((e) => e.message).join("; ") || "") };
  play(w, events, {});
  const flags = w.eval<string[]>("E.getErrorFlags()");
  return { free, clean: !flags.length && !w.errors.length, how: flags.join(",") || w.errors.map((e) => e.message).join("; ") || "clean" };
}

console.log("SpeedSeq's start with RAM held elsewhere, firmware 2v29.74 in emulation (JsVars free on the list, after GC; traced text costs a few of its own):");
let least = Infinity;
let failed = 0;
// more and more held, down to the first path that is not clean
for (let n = 7400; n <= 9400 && !failed; n += 200) {
  const t = await trial(n);
  console.log(`  ${n} numbers held: free on the list ${t.free}: ${t.how}`);
  if (t.clean) least = Math.min(least, t.free);
  else failed = t.free;
}
console.log(`  least free on the list of a clean 12-minute session ${least}; first failure at ${failed}; decide.ts's SESSION_VARS ${SESSION_VARS} + headroom ${MEM_HEADROOM_VARS}`);
