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
/** the form guard (README "Form guard"): pace this much slower than the rep's band (s/km)... */
export const FADE_S_PER_KM = 5;
/** ...together with the cadence detector's drop flag, for this long in a rep, marks its form as fading */
export const FADE_HOLD_MS = 8000;
/** the offer to shorten stands for this much of the next recovery (active ms) */
export const OFFER_MS = 15000;
/** accepted, the rest of the set's reps run this per cent of their distance or time */
export const SHORT_PCT = 75;
