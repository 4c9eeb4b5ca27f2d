// Checks the cadence estimator against a real recording's cadence column: the wrist signal
// is synthesised from that column (the recordings hold no accelerometer data), so this tests
// the estimator on real cadence dynamics, not on a real wrist.

import { readFileSync } from "node:fs";
import { fromCadenceSeries } from "./wrist";
import { replay } from "./cadenceReplay";
import { CAD_N } from "../engine/cadence/estimator";

export function readCadence(csvPath: string): { tS: number; spm: number }[] {
  const lines = readFileSync(csvPath, "utf8").trim().split("\n");
  const head = lines[0].split(",");
  const it = head.indexOf("t_seconds"), ic = head.indexOf("cadence_spm");
  const out: { tS: number; spm: number }[] = [];
  for (const l of lines.slice(1)) {
    const c = l.split(",");
    if (c[ic] === "" || c[ic] === undefined) continue;
    out.push({ tS: +c[it], spm: +c[ic] });
  }
  return out;
}

/**
 * Errors (steps/min) of the estimates where the recording ran steadily at 150–210 spm over the
 * whole analysis window (range ≤ 6 spm), against the recording's mean over that window.
 */
export function recordingErrors(series: { tS: number; spm: number }[], seed: number): number[] {
  const s = fromCadenceSeries(series, seed);
  const winS = CAD_N / 12.5;
  const errs: number[] = [];
  let a = 0;
  for (const e of replay(s).estimates) {
    const t = e.tMs / 1000;
    while (a < series.length && series[a].tS < t - winS) a++;
    let lo = Infinity, hi = -Infinity, sum = 0, n = 0;
    for (let i = a; i < series.length && series[i].tS <= t; i++) {
      const v = series[i].spm;
      lo = Math.min(lo, v); hi = Math.max(hi, v); sum += v; n++;
    }
    if (n < 3 || hi - lo > 6 || lo < 150 || hi > 210) continue;
    errs.push(Math.abs(e.spm - sum / n));
  }
  return errs;
}
