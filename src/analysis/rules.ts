// Every threshold the training log's rules use, in one place (README "The training log" states
// each rule with these numbers).

/** A rep's cadence this far below the first rep's (per cent) means cadence did not hold: the watch's own drop threshold. */
export const CAD_HOLD_PCT = 3.8;
/**
 * Hard day: session RPE at or above HARD_RPE; session load (RPE × active minutes) at or above
 * HARD_LOAD whatever the RPE (e.g. 75 min at RPE 6); without a session RPE, at least HARD_REPS
 * completed work reps (an interval session). The watch's history and its pre-start warning use the
 * same lines (src/engine/decide.ts holds them; there the reps count whatever the RPE).
 */
export { HARD_RPE, HARD_LOAD, HARD_REPS } from "../engine/decide";

/** acute:chronic load ratio above which the load is a spike: a warning, and a swap on its own */
export const ACWR_WARN = 1.5;
/** acute:chronic ratio above which the load is rising past the usual: one fatigue sign */
export const ACWR_HIGH = 1.3;
/** the usual band of the ratio, drawn around the chronic load in the weekly chart */
export const ACWR_BAND: [number, number] = [0.8, 1.3];

/** RPE at the same pace: reps whose paces differ by at most this per cent of their mean are paired */
export const PACE_MATCH_PCT = 2;
/** smallest trends given a direction, per week */
export const RPE_TREND_MIN = 0.1;
export const PACE_TREND_MIN = 0.5;
export const HR_TREND_MIN = 0.25;
export const TIME_TO_LINE_MIN = 2;
/** a trend needs this many sessions, and RPE at the same pace this many pairs */
export const MIN_SESSIONS = 4;
export const MIN_PAIRS = 8;
/** trends look back this many days from the day judged */
export const TREND_DAYS = 56;
/** fatigue signs count in this many days up to the day judged (back-to-back hard days) */
export const RECENT_DAYS = 7;
