// Limits of the workout format. They keep a plan small in the watch's RAM (each object
// element costs about two 14-byte JsVars) and the numbers physically sensible for a runner.

/** leaf steps as written in the file (repeats are not expanded for this count) */
export const MAX_WRITTEN_STEPS = 64;
/** repeats inside repeats */
export const MAX_DEPTH = 3;
export const MAX_REPEAT = 50;
/** leaf steps once every repeat is expanded: bounds a session's lap log */
export const MAX_TOTAL_STEPS = 500;
/** characters of JSON text */
export const MAX_JSON_CHARS = 4096;
/** one menu row on the watch: 14 characters of its 12 px menu font across 176 px */
export const MAX_NAME = 14;
/** two lines of the pre-start screen's small font (29 characters each) */
export const MAX_NOTE = 58;
export const MAX_LABEL = 12;

export const MIN_TIME_S = 1;
export const MAX_TIME_S = 4 * 3600;
export const MIN_DIST_M = 10;
export const MAX_DIST_M = 100000;
export const MIN_BPM = 40;
export const MAX_BPM = 230;
/** longest an HR-gated step may wait for HR to hold steady */
export const MAX_HOLD_S = 600;
/** 2:00 .. 15:00 per km */
export const MIN_PACE_S = 120;
export const MAX_PACE_S = 900;
/** offset of a pace reference from the predicted race pace, s/km */
export const MIN_PACE_OFF_S = -120;
export const MAX_PACE_OFF_S = 300;
export const MIN_BAND_S = 1;
export const MAX_BAND_S = 60;
export const DEFAULT_BAND_S = 5;
export const MIN_CAD = 100;
export const MAX_CAD = 240;
/** race distances the pace model (Riegel) is valid for: 1500 m .. marathon */
export const PACE_MIN_M = 1500;
export const PACE_MAX_M = 42195;
