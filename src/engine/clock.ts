// Session time without a monotonic clock. The watch's wall clock jumps when the phone sets
// the time, but timers keep their real spacing, so the 1 Hz tick is the reference: each tick
// advances session time by the wall-clock gap since the previous tick when that gap is
// plausible, and by the nominal tick period when it is not (a jump, or time going backwards).
// Other events are placed after the last tick by their wall time, and never before the last
// event. Session.tick() and Session.at() apply these rules (one object with fewer functions on
// the watch); the constants live here.

export const TICK_MS = 1000;
/** a gap between ticks longer than this is a clock jump, not a stall */
export const MAX_TICK_GAP_MS = 5000;
