// The App Loader screenshots (apps/speedseq/screenshot-*.png, listed in metadata.json and shown in
// the runner's README) are the real firmware's render of one Classic 5K: the list, the pre-start
// screen with a fix and HR, 5 s into the first rep and into the recovery after it (the bundled
// fenix 2 recording), the paused session's actions menu 2 s after it opened, and the summary at the
// end. This test fails when the committed pictures differ from what the firmware draws now;
// UPDATE_GOLDENS=1 rewrites them (a failing comparison also leaves the new picture in
// test-results/). The emulator has no battery (0 %, charging): the test gives it 80 %, not
// charging, so the pre-start line and the battery widget look as on a charged watch.
import { expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describeFw, fwApp, feeder, recordingEvents, FIX, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";

const DIR = "apps/speedseq";
/** in metadata.json's order: the App Loader shows the first */
export const SCREENSHOTS = ["rep", "recovery", "list", "prestart", "paused", "summary"] as const;
type Name = (typeof SCREENSHOTS)[number];

const BATTERY = "E.getBattery=function(){return 80;};Bangle.isCharging=function(){return false;};";

function toPng(rgba: Uint8Array): Buffer {
  const p = new PNG({ width: 176, height: 176 });
  p.data = Buffer.from(rgba);
  return PNG.sync.write(p);
}

/** the six screens, rendered by the firmware */
async function render(): Promise<Record<Name, Uint8Array>> {
  const w: Watch = await fwApp();
  // set at the console once the app runs (until the next load()), widgets redrawn with it
  w.exec(BATTERY + "Bangle.drawWidgets();");
  expect(w.eval("E.getBattery()")).toBe(80);
  const shots = {} as Record<Name, Uint8Array>;
  w.advance(1000);
  shots.list = w.screen();
  w.tapText("Classic 5K");
  w.advance(500);
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.emit("HRM", { bpm: 72, confidence: 90 });
  w.advance(1100);
  shots.prestart = w.screen();
  w.press(100);
  w.advance(1000);
  const t0 = w.now();
  const feed = feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }));
  const since = (text: string, t: number) => (w.lastText(text)?.tMs ?? -1) >= t;
  // the first rep screen (after the countdown's digits), then 5 s
  expect(feed(1_300_000, () => since("Rep 1/6", t0) && since("metres to go", w.lastText("Rep 1/6")!.tMs))).toBe(true);
  feed(5000);
  shots.rep = w.screen();
  let t = w.now();
  expect(feed(300_000, () => since("Jog", t))).toBe(true);
  feed(5000);
  shots.recovery = w.screen();
  w.press(100);
  feed(1000);
  w.tap(88, 120);
  feed(2000);
  shots.paused = w.screen();
  w.tapText("Resume");
  t = w.now();
  expect(feed(2_000_000, () => since("Rate effort", t))).toBe(true);
  feed(2000);
  shots.summary = w.screen();
  return shots;
}

describeFw("the App Loader screenshots", () => {
  it("metadata.json lists the six, in order, and the runner's README shows them", () => {
    const meta = JSON.parse(readFileSync(`${DIR}/metadata.json`, "utf8"));
    expect(meta.screenshots.map((s: { url: string }) => s.url)).toEqual(SCREENSHOTS.map((n) => `screenshot-${n}.png`));
    const readme = readFileSync(`${DIR}/README.md`, "utf8");
    for (const n of SCREENSHOTS) expect(readme).toContain(`(screenshot-${n}.png)`);
  });

  it("each is what the firmware draws now (UPDATE_GOLDENS=1 rewrites them)", async () => {
    const shots = await render();
    const update = process.env.UPDATE_GOLDENS === "1";
    const bad: string[] = [];
    for (const n of SCREENSHOTS) {
      const file = `${DIR}/screenshot-${n}.png`;
      if (update || !existsSync(file)) writeFileSync(file, toPng(shots[n]));
      const golden = PNG.sync.read(readFileSync(file));
      expect([golden.width, golden.height], file).toEqual([176, 176]);
      let diff = 0;
      for (let i = 0; i < golden.data.length; i += 4) if (golden.data.readUInt32BE(i) !== Buffer.from(shots[n].buffer, shots[n].byteOffset + i, 4).readUInt32BE(0)) diff++;
      if (diff) {
        mkdirSync("test-results", { recursive: true });
        writeFileSync(`test-results/fw-screenshot-${n}.png`, toPng(shots[n]));
        bad.push(`${n}: ${diff} pixels differ (the firmware's picture is in test-results/fw-screenshot-${n}.png)`);
      }
    }
    expect(bad).toEqual([]);
  }, FW_TIMEOUT);
});
