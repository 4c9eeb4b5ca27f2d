// The session's modes and the thresholds and times of its rules (session.ts). A module with no
// imports of its own, so the bundler inlines these numbers where they are used (esbuild inlines
// a module's top-level number constants only when no value import comes before them).

export const RUN = 0;
export const PAUSED = 1;
export const DONE = 2;

/** HR samples below this confidence (0-100) are not trusted */
export const HR_CONF = 50;
/** HR older than this is not used for HR end rules */
export const HR_STALE_MS = 5000;
/** no pace or cadence alerts in the first part of a step */
export const GRACE_MS = 20000;
/** pace must stay out of band this long before an alert */
export const PACE_HOLD_MS = 6000;
/** how often a persisting pace problem is repeated */
export const PACE_REPEAT_MS = 45000;
/** track points while moving, at most one per this many ms */
export const TRACK_MS = 5000;
