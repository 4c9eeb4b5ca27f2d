// The training log: per-session metrics (analyzeSession), trends across sessions, load and
// fatigue (analyzeHistory), and chart-ready series. Pure TypeScript: no Node, no DOM; the phone
// app and the CLI both import it. README "The training log" states every rule.
import { decodeLog } from "../engine/log/decode";
import type { Crc } from "../engine/log/encode";
import { analyzeSession, type SessionAnalysis, type SessionOptions } from "./session";

export * from "./session";
export * from "./history";
export * from "./charts";
export * from "./rules";
export { goalOf, planOf, stepsOf, bandOf } from "./plan";
export { mean, sd, leastSquares, pooledSlope, pairSlope, direction, MIN_T } from "./stats";
export type { Line, Trend, Obs, PairObs, Direction } from "./stats";
export { DAY_MS, dayOf, dayStartMs, mondayOf } from "./days";

/** analyzeSession of a log's text (decodeLog with the same CRC) */
export function analyzeLogText(text: string, crc: Crc, o: SessionOptions = {}): SessionAnalysis {
  return analyzeSession(decodeLog(text, crc), crc, o);
}
