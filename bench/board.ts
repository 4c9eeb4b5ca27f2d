// Board throughput: emulated minutes per wall-clock second for a busy app (1 Hz GPS and HRM,
// 12.5 Hz accelerometer listener, a 1 Hz redraw with text), headless in a node:vm realm.
import { createBoard } from "../emulator/board";

const APP = `{
  let n = 0, last = 0, bpm = 0, spd = 0;
  Bangle.setGPSPower(1, "bench"); Bangle.setHRMPower(1, "bench"); Bangle.setPollInterval(80);
  Bangle.on("accel", (a) => { n++; last = a.mag; });
  Bangle.on("GPS", (f) => { if (f.fix > 0) spd = f.speed; });
  Bangle.on("HRM", (h) => { bpm = h.bpm; });
  Bangle.loadWidgets(); Bangle.drawWidgets();
  setInterval(() => {
    g.reset().clearRect(Bangle.appRect);
    g.setFont("Vector", 40).setFontAlign(0, 0).drawString(spd.toFixed(1), 88, 70);
    g.setFont("6x8", 2).drawString(bpm + " bpm", 88, 120).drawString(n + " acc", 88, 150);
  }, 1000);
}`;

function run(minutes: number): { wallMs: number; minutes: number } {
  const b = createBoard({ drawLogLimit: 2000 });
  b.load(APP, { appId: "bench" });
  const t0 = performance.now();
  for (let s = 0; s < minutes * 60; s++) {
    b.emit("GPS", { fix: 1, lat: 51.5 + s * 1e-5, lon: -0.1, speed: 12 + (s % 5), satellites: 9, hdop: 1 });
    b.emit("HRM", { bpm: 140 + (s % 10), confidence: 90 });
    b.advance(1000);
  }
  const wallMs = performance.now() - t0;
  b.assertNoErrors();
  return { wallMs, minutes };
}

run(1); // warm-up
const r = run(10);
console.log(`board: ${(r.minutes / (r.wallMs / 1000)).toFixed(1)} emulated minutes per wall second ` +
  `(${r.minutes} min of 1 Hz GPS+HRM, 12.5 Hz accel, 1 Hz redraw in ${r.wallMs.toFixed(0)} ms)`);
