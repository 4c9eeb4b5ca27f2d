// Turns a recording into the sensor events the watch delivers, in the watch's own shapes:
// 'GPS' {lat, lon, alt, speed km/h, course, time, satellites, fix, hdop} and 'HRM' {bpm, confidence}.
// Optional perturbations: position noise, dropouts, jumps, bad hdop; all seeded.
import type { Row } from "./recording";
import { rng, gauss } from "./rng";
import { M_PER_DEG } from "./synth-track";

export interface GpsEvent {
  lat: number; lon: number; alt: number; speed: number; course: number;
  time: Date | undefined; satellites: number; fix: number; hdop: number;
}
export interface HrmEvent { bpm: number; confidence: number }

export type SensorEvent =
  | { tMs: number; type: "GPS"; data: GpsEvent }
  | { tMs: number; type: "HRM"; data: HrmEvent };

export interface ReplayOptions {
  /** first and last recording second to use (session time 0 = fromS) */
  fromS?: number;
  toS?: number;
  /** 1-sigma position noise in metres per axis; correlated over about corrS seconds as GPS error is
   * (first-order Gauss-Markov). HDOP and satellites follow it (gps-noise.ts says how) */
  noiseM?: number;
  corrS?: number;
  /** 1-sigma noise of the Doppler speed field (m/s), correlated over speedCorrS seconds */
  speedNoiseMps?: number;
  speedCorrS?: number;
  /** [fromS, toS] (recording seconds) with no fix: the watch reports fix 0 and NaN lat/lon */
  dropouts?: [number, number][];
  /** recording seconds at which one fix is thrown this many metres away */
  jumps?: { tS: number; m: number }[];
  /** ms after each whole second at which fixes and HR samples arrive */
  gpsPhaseMs?: number;
  hrPhaseMs?: number;
  /** wall-clock ms of recording second fromS, for the GPS 'time' field */
  wallMs?: number;
  seed?: number;
}


export function replay(rows: Row[], o: ReplayOptions = {}): SensorEvent[] {
  const from = o.fromS ?? rows[0].tS;
  const to = o.toS ?? rows[rows.length - 1].tS;
  const r = rng(o.seed ?? 1);
  const noise = o.noiseM ?? 0;
  // AR(1) error per axis: keeps the stationary sigma at noiseM whatever the correlation time
  const rho = Math.exp(-1 / (o.corrS ?? 20));
  const kick = noise * Math.sqrt(1 - rho * rho);
  let en = gauss(r) * noise;
  let ee = gauss(r) * noise;
  const vNoise = o.speedNoiseMps ?? 0;
  const vRho = Math.exp(-1 / (o.speedCorrS ?? 1));
  let ev = 0;
  // what the receiver reports with this much noise (gps-noise.ts): HDOP ≈ 0.8 + σ/4, fewer satellites
  const hdop0 = 0.8 + noise / 4;
  const sats = Math.max(4, Math.round(12 - noise));
  const gPhase = o.gpsPhaseMs ?? 250;
  const hPhase = o.hrPhaseMs ?? 600;
  const out: SensorEvent[] = [];
  for (const row of rows) {
    if (row.tS < from || row.tS > to) continue;
    const tMs = (row.tS - from) * 1000;
    const lost = (o.dropouts ?? []).some(([a, b]) => row.tS >= a && row.tS <= b) || !isFinite(row.lat);
    const jump = (o.jumps ?? []).find((j) => j.tS === row.tS);
    let lat = row.lat;
    let lon = row.lon;
    if (!lost) {
      const cos = Math.cos((lat * Math.PI) / 180);
      en = rho * en + kick * gauss(r);
      ee = rho * ee + kick * gauss(r);
      const dn = en + (jump ? jump.m : 0);
      const de = ee;
      lat += dn / M_PER_DEG;
      lon += de / (M_PER_DEG * cos);
      // separate draws, only when asked for: the noise-free replays keep their random sequence
      if (vNoise) ev = vRho * ev + vNoise * Math.sqrt(1 - vRho * vRho) * gauss(r);
    }
    out.push({
      tMs: tMs + gPhase,
      type: "GPS",
      data: {
        lat: lost ? NaN : lat, lon: lost ? NaN : lon, alt: lost ? NaN : row.alt,
        speed: lost || !isFinite(row.mps) ? NaN : Math.max(0, row.mps + ev) * 3.6,
        course: NaN,
        time: o.wallMs === undefined || lost ? undefined : new Date(o.wallMs + tMs),
        satellites: lost ? 0 : sats, fix: lost ? 0 : 1, hdop: lost ? 99 : hdop0 * (0.9 + r() * 0.2),
      },
    });
    if (isFinite(row.hr)) out.push({ tMs: tMs + hPhase, type: "HRM", data: { bpm: row.hr, confidence: 85 } });
  }
  return out.sort((a, b) => a.tMs - b.tMs);
}
