// Calendar days and weeks in the runner's time zone, given as minutes east of UTC (the log's
// times are UTC; a pure module cannot ask the device for its zone).
export const DAY_MS = 86400000;

/** the day number (days since 1970-01-01 in that zone) of a UTC time */
export function dayOf(ms: number, tzOffsetMin: number): number {
  return Math.floor((ms + tzOffsetMin * 60000) / DAY_MS);
}

/** a day number's local midnight, as UTC ms */
export function dayStartMs(day: number, tzOffsetMin: number): number {
  return day * DAY_MS - tzOffsetMin * 60000;
}

/** the day number of the Monday that starts day's week (1970-01-01 was a Thursday) */
export function mondayOf(day: number): number {
  return day - ((day + 3) % 7 + 7) % 7;
}
