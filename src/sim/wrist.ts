// Wrist-motion synthesiser: ground truth for the cadence estimator and drop detector.
// Everything here is a MODEL of a runner's wrist, not a recording. It produces what the
// Bangle.js 2 'accel' event delivers (x, y, z in g, 12.5 Hz with arrival jitter, or 1.25 Hz
// in power save) together with the true step times it was built from.
//
// Gait model (per sample, at the sample's real time):
// - Steps come from a phase accumulator driven by the scenario's cadence profile, with
//   step-to-step timing noise and a left/right timing asymmetry (a limp).
// - Foot impacts: a short positive pulse and a rebound after each step, vertical in the world
//   frame, amplitude alternating left/right (asymmetry), which puts energy at the stride rate too.
// - Body bounce: vertical oscillation at the step rate.
// - Arm swing at the stride rate (half the step rate): the forearm pitches by ±swing angle,
//   which rotates gravity in the watch frame, adds tangential acceleration along the forearm
//   (watch x) and centripetal acceleration (watch z) at twice the swing rate (= step rate).
// - Gravity tilt: the watch's resting pitch/roll drift as slow random walks; hills add the
//   grade to pitch; turns add a lateral centripetal acceleration.
// - Sensor: Gaussian noise per axis and 1/4096 g quantisation; sample arrival jitter.
// Samples are computed at the jittered instant and stamped with it (tMs).
import { rng } from "./rng";

export interface WristSample { tMs: number; x: number; y: number; z: number }
export type Gait = "run" | "walk" | "still";
/** Plan structure laid over a scenario, to drive the drop detector like the engine would. */
export interface RepMark { startS: number; kind: "warmup" | "stride" | "work" | "recovery" | "cooldown" | "rest"; minCad?: number }

export interface Scenario {
  name: string;
  durationS: number;
  /** accelerometer rate: 12.5 Hz, or 1.25 Hz in power save */
  rateHz: number;
  /** true cadence in steps/min at tS (0 when standing still) */
  spmAt(tS: number): number;
  /** gait; default: still at 0 spm, walk below 140 spm, run otherwise */
  gaitAt?(tS: number): Gait;
  /** arm swing factor 0..1 (0 = drinking, wiping the face) */
  swingAt?(tS: number): number;
  /** road grade (fraction, + uphill) */
  gradeAt?(tS: number): number;
  /** lateral acceleration in a turn, g */
  turnAt?(tS: number): number;
  reps?: RepMark[];
  /** a real cadence drop that should be flagged: the time the truth is 5 % (or more) below the rep's rhythm */
  dropAtS?: number;
}

export interface Synth {
  scenario: Scenario;
  seed: number;
  samples: WristSample[];
  /** true step times, ms */
  stepMs: number[];
  /** the steps the firmware counter would report (it rejects steps closer than 320 ms), ms */
  firmwareStepMs: number[];
}

export { rng };

/** a standard normal deviate from r (Box–Muller) */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const FW_MIN_STEP_MS = 320;

/**
 * The runner's step times (ms), in the order they were made (left and right alternate from the
 * first: a step's foot is its index's parity): a phase accumulator over the profile at 10 ms, each
 * step moved by the left/right timing asymmetry (a fraction of the interval) and by jitter (stepCv
 * of the interval, from n).
 */
export function stepTimes(sc: Scenario, n: () => number, timeAsym: number, stepCv: number): number[] {
  const out: number[] = [];
  const durMs = sc.durationS * 1000;
  let phase = n(), parity = 0;
  for (let t = 0; t < durMs; t += 10) {
    const spm = sc.spmAt(t / 1000);
    if (spm <= 0) { phase = 0; continue; }
    phase += (spm / 60) * 0.01;
    if (phase >= 1) {
      phase -= 1;
      const iv = 60000 / spm;
      out.push(t + (parity ? timeAsym : -timeAsym) * iv * 0.5 + gauss(n) * stepCv * iv);
      parity ^= 1;
    }
  }
  return out;
}

/** the steps the firmware's counter registers of sorted step times: none closer than it can count */
export function firmwareSteps(sortedMs: number[]): number[] {
  const out: number[] = [];
  let last = -1e9;
  for (const s of sortedMs) if (s - last >= FW_MIN_STEP_MS) { out.push(s); last = s; }
  return out;
}

function defaultGait(spm: number): Gait {
  return spm <= 0 ? "still" : spm < 140 ? "walk" : "run";
}

/**
 * Synthesise a scenario for one runner. The seed picks the runner's build and style, and also the
 * noise unless noiseSeed is given: then the same runner gets fresh step jitter and sensor noise
 * (the emulator synthesises 10 s chunks of one runner, which must not repeat).
 */
export function synthesise(sc: Scenario, seed: number, noiseSeed?: number): Synth {
  const r = rng(seed);
  const u = (lo: number, hi: number) => lo + (hi - lo) * r();
  // the runner
  const bounceG = u(0.2, 0.45);
  const impactG = u(0.4, 1.1);
  const swingRad = u(0.35, 0.75);
  const leverM = u(0.25, 0.4);
  const ampAsym = u(0, 0.25);
  const timeAsym = u(0, 0.04);
  const stepCv = u(0.01, 0.025);
  const noiseG = u(0.01, 0.04);
  const swingPhase = u(0, 2 * Math.PI);
  let pitch = u(-0.5, 0.5), roll = u(-0.6, 0.6);
  const jitterMs = u(2, 8);
  // from here on only noise: the same stream as the runner's unless a noise seed is given
  const n = noiseSeed === undefined ? r : rng(noiseSeed);

  const stepMs = stepTimes(sc, n, timeAsym, stepCv).sort((a, b) => a - b);
  const firmwareStepMs = firmwareSteps(stepMs);

  const samples: WristSample[] = [];
  const dtMs = 1000 / sc.rateHz;
  const q = 1 / 4096;
  let k = 0; // index of the last step at or before t
  let swingF = 1, turnG = 0;
  for (let i = 0; ; i++) {
    const t = i * dtMs + Math.abs(gauss(n)) * jitterMs;
    if (t >= sc.durationS * 1000) break;
    const tS = t / 1000;
    while (k + 1 < stepMs.length && stepMs[k + 1] <= t) k++;
    const spm = sc.spmAt(tS);
    const gait = sc.gaitAt ? sc.gaitAt(tS) : defaultGait(spm);
    const g = gait === "run" ? 1 : gait === "walk" ? 0.35 : 0;
    // smooth the swing factor and turns (arms and bodies don't switch instantly)
    const dtS = dtMs / 1000;
    swingF += ((sc.swingAt ? sc.swingAt(tS) : 1) - swingF) * Math.min(1, dtS / 0.6);
    turnG += ((sc.turnAt ? sc.turnAt(tS) : 0) - turnG) * Math.min(1, dtS / 1.5);
    pitch += gauss(n) * 0.01 * Math.sqrt(dtS);
    roll += gauss(n) * 0.01 * Math.sqrt(dtS);
    pitch *= 1 - 0.002 * dtS;
    roll *= 1 - 0.002 * dtS;

    // continuous step phase p (steps since start, fractional)
    let p = 0, stepHz = spm / 60;
    if (stepMs.length > 1 && g > 0) {
      const a = stepMs[k], b = stepMs[Math.min(k + 1, stepMs.length - 1)];
      if (t >= a && b > a && t < b) { p = k + (t - a) / (b - a); stepHz = 1000 / (b - a); }
      else p = k + Math.min(1, (t - a) * stepHz / 1000);
    }
    // world-frame vertical acceleration: bounce + impacts (sum over the nearest steps)
    let vert = g * bounceG * Math.cos(2 * Math.PI * p);
    for (let j = Math.max(0, k - 1); j <= Math.min(stepMs.length - 1, k + 1) && g > 0; j++) {
      const d = (t - stepMs[j]) / 1000;
      if (d < -0.05 || d > 0.3) continue;
      const amp = impactG * g * (j % 2 ? 1 + ampAsym : 1 - ampAsym);
      vert += amp * (Math.exp(-(((d - 0.03) / 0.035) ** 2)) - 0.45 * Math.exp(-(((d - 0.12) / 0.06) ** 2)));
    }
    // arm swing: angle at the stride rate (half the step phase rate)
    const sw = swingRad * swingF * (g > 0 ? (gait === "walk" ? 0.5 : 1) : 0);
    const ang = Math.PI * p + swingPhase;
    const theta = sw * Math.sin(ang);
    const w = Math.PI * stepHz; // swing angular frequency, rad/s
    const tangG = (-sw * w * w * leverM * Math.sin(ang)) / 9.81;
    const centG = (leverM * (sw * w * Math.cos(ang)) ** 2) / 9.81;
    // specific force in the world (forward, lateral, up): gravity reaction + motion
    const grade = sc.gradeAt ? sc.gradeAt(tS) : 0;
    const fwd = 0, lat = turnG, up = 1 + vert;
    // rotate into the watch frame: pitch about the lateral axis, then roll about the forearm
    const pt = pitch + theta + Math.atan(grade) * 0.5;
    const cp = Math.cos(pt), sp = Math.sin(pt), cr = Math.cos(roll), sr = Math.sin(roll);
    const x1 = cp * fwd + sp * up;
    const z1 = -sp * fwd + cp * up;
    let x = x1 + tangG;
    let y = cr * lat - sr * z1;
    let z = sr * lat + cr * z1 + centG;
    x += gauss(n) * noiseG; y += gauss(n) * noiseG; z += gauss(n) * noiseG;
    x = Math.round(x / q) * q; y = Math.round(y / q) * q; z = Math.round(z / q) * q;
    samples.push({ tMs: Math.round(t), x, y, z });
  }
  return { scenario: sc, seed, samples, stepMs, firmwareStepMs };
}

/** Mean true cadence over [t0S, t1S] counted from the synthesised steps (steps/min). */
export function countedSpm(s: Synth, t0S: number, t1S: number): number {
  let n = 0;
  for (const t of s.stepMs) if (t >= t0S * 1000 && t < t1S * 1000) n++;
  return (n * 60) / (t1S - t0S);
}

// ---- scenarios ----------------------------------------------------------------------------

const RUN = 12.5;
function work(minCad?: number): RepMark[] {
  return [{ startS: 0, kind: "work", minCad }];
}

/** Steady running at one cadence for durationS, as one work rep. */
export function steady(spm: number, durationS = 300): Scenario {
  return { name: `steady_${spm}`, durationS, rateHz: RUN, spmAt: () => spm, reps: work() };
}

/** 185 spm, then a gradual 5 % decline over 20 s from 90 s, held to the end. */
export function gradualDrop5(base = 185): Scenario {
  const t0 = 90, ramp = 20;
  return {
    name: "drop_gradual_5pct", durationS: 180, rateHz: RUN, reps: work(), dropAtS: t0 + ramp,
    spmAt: (t) => base * (1 - 0.05 * Math.min(1, Math.max(0, (t - t0) / ramp))),
  };
}

/** 190 spm, then a sudden 8 % drop at 90 s. */
export function suddenDrop8(base = 190): Scenario {
  return {
    name: "drop_sudden_8pct", durationS: 180, rateHz: RUN, reps: work(), dropAtS: 90,
    spmAt: (t) => (t < 90 ? base : base * 0.92),
  };
}

/** 178 spm with two 15 s surges to 196 spm and back: nothing to flag. */
export function surges(base = 178): Scenario {
  return {
    name: "surges", durationS: 240, rateHz: RUN, reps: work(),
    spmAt: (t) => ((t >= 70 && t < 85) || (t >= 150 && t < 165) ? base * 1.1 : base),
  };
}

/** Work rep at 182, a walking recovery at ~112 spm, another rep: the walk must not be flagged. */
export function walkingRecovery(base = 182): Scenario {
  return {
    name: "walking_recovery", durationS: 300, rateHz: RUN,
    reps: [{ startS: 0, kind: "work" }, { startS: 120, kind: "recovery" }, { startS: 210, kind: "work" }],
    spmAt: (t) => (t < 120 || t >= 210 ? base : t < 125 ? base - (base - 112) * ((t - 120) / 5) : 112),
  };
}

/** 180 spm; arms stop swinging for 4–6 s three times (drinking, wiping the face). */
export function armsStill(base = 180): Scenario {
  const still = [[60, 65], [110, 114], [170, 176]];
  return {
    name: "arms_still", durationS: 240, rateHz: RUN, reps: work(),
    spmAt: () => base,
    swingAt: (t) => (still.some(([a, b]) => t >= a && t < b) ? 0.05 : 1),
  };
}

/** Rolling hills (±6 % grade, cadence ±3 %) and turns (0.3 g for 5 s). */
export function hillsTurns(base = 176): Scenario {
  return {
    name: "hills_turns", durationS: 300, rateHz: RUN, reps: work(),
    gradeAt: (t) => 0.06 * Math.sin((2 * Math.PI * t) / 120),
    spmAt: (t) => base * (1 + 0.03 * Math.sin((2 * Math.PI * t) / 120)),
    turnAt: (t) => (t % 60 >= 30 && t % 60 < 35 ? 0.3 : 0),
  };
}

/** Standing still (at a crossing): no steps. */
export function standing(): Scenario {
  return { name: "standing", durationS: 90, rateHz: RUN, spmAt: () => 0 };
}

/** Power-save rate: the watch has dropped to 1.25 Hz. */
export function powerSave(spm = 0): Scenario {
  return { name: spm ? "power_save_running" : "power_save", durationS: 120, rateHz: 1.25, spmAt: () => spm };
}

/** Every named scenario with its default parameters. */
export function allScenarios(): Scenario[] {
  const s: Scenario[] = [];
  for (let spm = 140; spm <= 210; spm += 10) s.push(steady(spm));
  s.push(gradualDrop5(), suddenDrop8(), surges(), walkingRecovery(), armsStill(), hillsTurns(), standing(), powerSave(), powerSave(170));
  return s;
}

/**
 * A scenario that follows a recording's cadence column (steps/min, both feet) at 12.5 Hz.
 * Rows with no cadence count as standing; below 140 as walking. Linear between rows.
 */
export function fromCadenceSeries(series: { tS: number; spm: number }[], seed: number, name = "recording", noiseSeed?: number): Synth {
  const pts = series.filter((p) => isFinite(p.tS) && isFinite(p.spm));
  let j = 0;
  const spmAt = (t: number) => {
    while (j + 1 < pts.length && pts[j + 1].tS <= t) j++;
    while (j > 0 && pts[j].tS > t) j--;
    const a = pts[j], b = pts[j + 1];
    if (!b || b.tS - a.tS > 30 || a.spm <= 0 || b.spm <= 0) return Math.max(0, a ? a.spm : 0);
    return a.spm + ((b.spm - a.spm) * (t - a.tS)) / (b.tS - a.tS);
  };
  const durationS = pts.length ? pts[pts.length - 1].tS : 0;
  return synthesise({ name, durationS, rateHz: RUN, spmAt }, seed, noiseSeed);
}
