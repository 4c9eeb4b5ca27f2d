// SpeedSeq's RAM on the real firmware (2v29.74 in emulation), alone and quickly (no peer, no CPU
// timing): JsVars above the widgets-only baseline on each screen of the README's path, and the
// peak during the same 12-minute session bench/firmware.ts plays (GPS/HRM from a real run, 12.5 Hz
// wrist accelerometer, steps). `node bench/run.mjs ram` after `node build.mjs`.
import { readFileSync } from "node:fs";
import { firmwareDir, MISSING, bootApp } from "../emulator/firmware/node";
import { widgetsOnly, startSpeedSeq, ramUnder } from "../emulator/firmware/measure";
import { sessionTimeline } from "../emulator/firmware/timeline";
import { parseRecording } from "../src/sim/recording";
import type { Watch } from "../emulator/firmware/watch";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}
const FW = "firmware 2v29.74 in emulation";
const rows = parseRecording(readFileSync("tests/fixtures/pyfitparse_activity-small-fenix2-run.csv", "utf8"));
const baseline = (await widgetsOnly()).memory().usage;
const s = await startSpeedSeq();
const above = (w: Watch) => w.memory().usage - baseline;
const running = above(s.w);
const r = ramUnder(s, sessionTimeline(rows, { fromS: 60, durS: 12 * 60 }));
// then paused, its actions shown (a tap on the paused run screen): the menu on top of the session
if (s.w.eval<boolean>("Bangle.isLocked()")) s.w.press(100);
s.w.press(100);
s.w.advance(500);
s.w.tap(88, 120);
s.w.advance(500);
const paused = above(s.w);
console.log(`SpeedSeq RAM above the widgets-only baseline (${baseline} JsVars), ${FW}:`);
console.log(`  list after launch +${s.afterLoad - baseline}; session started +${running}; peak in the 12-minute session +${r.peak - baseline}; then paused with its actions shown +${paused}; firmware errors ${s.w.errors.length}`);

// the other screens of the path, on a watch that records drawn text (so it can tap rows by name;
// its recorder costs a few JsVars of its own, in every number of this line alike)
const w = await bootApp({ trace: true });
const tb = await widgetsOnlyTraced();
w.tapText("Classic 5K");
w.advance(500);
w.emit("GPS", { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9, time: new Date(w.now()) });
w.advance(1100);
const pre = w.memory().usage - tb;
w.press(100);
w.advance(3000);
w.press(100); // the watch is unlocked: BTN1 pauses
w.advance(1000);
w.tap(88, 120); // a tap on the paused run screen: the actions
w.advance(500);
w.tapText("End session");
w.advance(300);
w.tapText("End");
w.advance(6000);
const summary = w.memory().usage - tb;
console.log(`  with text recording: pre-start +${pre}; summary after ending +${summary}; firmware errors ${w.errors.length}`);

/** the widgets-only baseline on a watch that records drawn text */
async function widgetsOnlyTraced(): Promise<number> {
  const { bootWatch, loadApp } = await import("../emulator/firmware/node");
  const b = await bootWatch({ trace: true });
  b.writeFile("base.app.js", "Bangle.loadWidgets();Bangle.drawWidgets();");
  loadApp(b, "base.app.js");
  return b.memory().usage;
}
