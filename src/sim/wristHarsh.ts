// The harsh wrist model: a second, independent synthesiser for the cadence estimator, made to
// be hard where src/sim/wrist.ts is kind. Like that one it is a MODEL, not a recording; it takes
// the same scenarios and returns the same Synth (samples in g, stamps in ms, the true steps, the
// firmware counter's steps), so every replay, test and bench runs on either.
//
// What makes it harsh (every range below is drawn per runner from the seed):
// - Foot strikes are sharp: a Gaussian pulse of σ 5–10 ms and 1.4–3.2 g (world vertical), far
//   narrower than the 80 ms between samples, so a sample lands on a pulse only now and then and
//   most of the signal's energy is in harmonics of the step rate that alias at 12.5 Hz (the 2nd
//   harmonic of 3.5 Hz shows at 5.5 Hz, the 3rd at 2 Hz; odd harmonics of the stride land
//   anywhere in the band).
// - A smaller second bump (push-off) 0.2–0.45 of the strike, σ 20–35 ms, 70–120 ms after it, and
//   an undershoot; a small body bounce (0.08–0.25 g) is all that sits at the step rate itself.
// - Left/right asymmetry: strike amplitude ±0–35 %, timing ±0–5 % of a step, and a sideways kick
//   of 0–30 % of the strike whose sign alternates with the foot; torso sway at the stride rate.
// - Arm swing at the stride rate (±0.3–0.8 rad, with a 2nd harmonic 0–35 %): gravity rotating in
//   the watch frame, tangential and centripetal acceleration on a 0.25–0.4 m lever.
// - Step jitter 1.5–3.5 % of a step; gravity drift (pitch and roll random walks 3× the kind
//   model's); sensor noise 0.015–0.05 g; 12-bit quantisation (±8 g in 4096 steps: 1/256 g) and
//   clipping at ±8 g.
// - 12.5 Hz on the sensor's clock (sample instants ±1–3 ms), stamped on delivery 0–25 ms later.
// Measured on the samples' magnitude (bench/cadence.ts prints it; tests/cadence/wrist-harsh.test.ts bounds it):
// crest factor (peak / RMS of the AC part over 10 s windows) about 4–4.5, and the step
// fundamental only about 15–20 % of the AC power (medians over runners; runners vary widely).
import { rng } from "./rng";
import { gauss, stepTimes, firmwareSteps, type Scenario, type Synth, type WristSample } from "./wrist";

/** 12-bit samples over ±8 g */
const Q_G = 16 / 4096;
const CLIP_G = 8;

/** A harsh runner for scenario sc (the seed picks the runner and, unless noiseSeed is given, the noise). */
export function synthesiseHarsh(sc: Scenario, seed: number, noiseSeed?: number): Synth {
  const r = rng(seed ^ 0x5bd1e995);
  const u = (lo: number, hi: number) => lo + (hi - lo) * r();
  const strikeG = u(2.5, 5), strikeS = u(0.004, 0.008);
  const pushF = u(0.25, 0.45), pushS = u(0.008, 0.016), pushDelayS = u(0.07, 0.12);
  const bounceG = u(0, 0.06);
  const ampAsym = u(0.1, 0.4), timeAsym = u(0, 0.05), kickF = u(0, 0.3), swayG = u(0.03, 0.12);
  const swingRad = u(0.3, 0.7), swing2 = u(0, 0.3), swing2Ph = u(0, 2 * Math.PI), leverM = u(0.25, 0.4);
  const swingPhase = u(0, 2 * Math.PI), swayPhase = u(0, 2 * Math.PI);
  const stepCv = u(0.005, 0.03), noiseG = u(0.015, 0.05);
  const clockMs = u(1, 3), stampMs = u(0, 25);
  let pitch = u(-0.6, 0.6), roll = u(-0.7, 0.7);
  const n = noiseSeed === undefined ? r : rng(noiseSeed);

  const stepMs = stepTimes(sc, n, timeAsym, stepCv);
  // a step's foot is its index's parity, fixed before sorting (jitter may swap two close steps)
  const foot = stepMs.map((_, i) => i & 1);
  const order = stepMs.map((_, i) => i).sort((a, b) => stepMs[a] - stepMs[b]);
  const steps = order.map((i) => stepMs[i]), feet = order.map((i) => foot[i]);
  const firmwareStepMs = firmwareSteps(steps);

  const samples: WristSample[] = [];
  const dtMs = 1000 / sc.rateHz, dtS = dtMs / 1000;
  let k = 0, swingF = 1, turnG = 0, lastStamp = -1;
  for (let i = 0; ; i++) {
    const t = i * dtMs + gauss(n) * clockMs;
    if (t >= sc.durationS * 1000) break;
    const tS = t / 1000;
    while (k + 1 < steps.length && steps[k + 1] <= t) k++;
    const spm = sc.spmAt(tS);
    const gait = sc.gaitAt ? sc.gaitAt(tS) : spm <= 0 ? "still" : spm < 140 ? "walk" : "run";
    const g = gait === "run" ? 1 : gait === "walk" ? 0.35 : 0;
    swingF += ((sc.swingAt ? sc.swingAt(tS) : 1) - swingF) * Math.min(1, dtS / 0.6);
    turnG += ((sc.turnAt ? sc.turnAt(tS) : 0) - turnG) * Math.min(1, dtS / 1.5);
    pitch = (pitch + gauss(n) * 0.03 * Math.sqrt(dtS)) * (1 - 0.002 * dtS);
    roll = (roll + gauss(n) * 0.03 * Math.sqrt(dtS)) * (1 - 0.002 * dtS);

    let p = 0, stepHz = spm / 60;
    if (steps.length > 1 && g > 0) {
      const a = steps[k], b = steps[Math.min(k + 1, steps.length - 1)];
      if (t >= a && b > a && t < b) { p = k + (t - a) / (b - a); stepHz = 1000 / (b - a); }
      else p = k + Math.min(1, ((t - a) * stepHz) / 1000);
    }
    let vert = g * bounceG * Math.cos(2 * Math.PI * p), lat = turnG + g * swayG * Math.sin(Math.PI * p + swayPhase);
    for (let j = Math.max(0, k - 2); j <= Math.min(steps.length - 1, k + 1) && g > 0; j++) {
      const d = (t - steps[j]) / 1000;
      if (d < -0.05 || d > 0.4) continue;
      const side = feet[j] ? 1 : -1;
      const amp = strikeG * g * (1 + side * ampAsym);
      const strike = Math.exp(-0.5 * (d / strikeS) ** 2);
      vert += amp * (strike + pushF * Math.exp(-0.5 * ((d - pushDelayS) / pushS) ** 2) - 0.05 * Math.exp(-0.5 * ((d - 0.2) / 0.05) ** 2));
      lat += amp * kickF * side * strike;
    }
    // arm swing: the angle at the stride rate with a 2nd harmonic; its derivatives for the lever
    const sw = swingRad * swingF * (g > 0 ? (gait === "walk" ? 0.5 : 1) : 0);
    const ang = Math.PI * p + swingPhase, w = Math.PI * stepHz;
    const theta = sw * (Math.sin(ang) + swing2 * Math.sin(2 * ang + swing2Ph));
    const dTheta = sw * w * (Math.cos(ang) + 2 * swing2 * Math.cos(2 * ang + swing2Ph));
    const ddTheta = -sw * w * w * (Math.sin(ang) + 4 * swing2 * Math.sin(2 * ang + swing2Ph));
    const tangG = (leverM * ddTheta) / 9.81, centG = (leverM * dTheta * dTheta) / 9.81;
    const grade = sc.gradeAt ? sc.gradeAt(tS) : 0;
    const up = 1 + vert;
    const pt = pitch + theta + Math.atan(grade) * 0.5;
    const cp = Math.cos(pt), sp = Math.sin(pt), cr = Math.cos(roll), sr = Math.sin(roll);
    const z1 = cp * up;
    const axes = [sp * up + tangG, cr * lat - sr * z1, sr * lat + cr * z1 + centG].map((v) => {
      const q = Math.round((v + gauss(n) * noiseG) / Q_G) * Q_G;
      return q > CLIP_G ? CLIP_G : q < -CLIP_G ? -CLIP_G : q;
    });
    const stamp = Math.max(lastStamp + 1, Math.round(t + n() * stampMs));
    lastStamp = stamp;
    samples.push({ tMs: stamp, x: axes[0], y: axes[1], z: axes[2] });
  }
  return { scenario: sc, seed, samples, stepMs: steps, firmwareStepMs };
}

/**
 * How harsh a synthesised run is, over its 128-sample (10.24 s) windows of the magnitude |a|,
 * medians over the windows: crest (peak / RMS of |a| less its mean) and fundShare (the share of
 * the AC power within ±3 bins of the true step rate in a Hann-windowed, zero-padded 256-point
 * spectrum: the share of the signal the step fundamental explains).
 */
export function harshness(s: Synth): { crest: number; fundShare: number } {
  const N = 128, PAD = 256, spmPerBin = (s.scenario.rateHz * 60) / PAD;
  const crest: number[] = [], share: number[] = [];
  const mag = s.samples.map((p) => Math.hypot(p.x, p.y, p.z));
  for (let i0 = 0; i0 + N <= mag.length; i0 += N) {
    const seg = mag.slice(i0, i0 + N);
    const mean = seg.reduce((a, b) => a + b, 0) / N;
    const ac = seg.map((v) => v - mean);
    const rms = Math.sqrt(ac.reduce((a, b) => a + b * b, 0) / N);
    crest.push(Math.max(...ac.map(Math.abs)) / rms);
    const re = new Float64Array(PAD);
    ac.forEach((v, i) => (re[i] = v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N))));
    // a direct DFT of the band's half: this is a measurement, not the estimator
    const pw: number[] = [];
    for (let k = 1; k <= PAD / 2; k++) {
      let a = 0, b = 0;
      for (let j = 0; j < N; j++) { a += re[j] * Math.cos((2 * Math.PI * k * j) / PAD); b -= re[j] * Math.sin((2 * Math.PI * k * j) / PAD); }
      pw.push(a * a + b * b);
    }
    const kf = Math.round(s.scenario.spmAt(((s.samples[i0].tMs + s.samples[i0 + N - 1].tMs) / 2) / 1000) / spmPerBin);
    let f = 0;
    for (let k = kf - 3; k <= kf + 3; k++) f += pw[k - 1] || 0;
    share.push(f / pw.reduce((a, b) => a + b, 0));
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  return { crest: med(crest), fundShare: med(share) };
}
