// Text for the watch face and the pages: paces and clock times.

function pad2(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}

/** 245 -> "4:05" (seconds per km, rounded to the second); "-:--" when unknown. */
export function fmtPace(sPerKm: number): string {
  if (typeof sPerKm !== "number" || !isFinite(sPerKm) || sPerKm <= 0) return "-:--";
  const s = Math.round(sPerKm);
  return Math.floor(s / 60) + ":" + pad2(s % 60);
}

/**
 * Elapsed time like a stopwatch: whole seconds rounded down, "12:34" under an hour,
 * "1:02:03" from one hour. Negative values get a leading "-" (count-downs past zero).
 */
export function fmtTime(s: number): string {
  if (typeof s !== "number" || !isFinite(s)) return "--:--";
  const neg = s < 0;
  let t = Math.floor(neg ? -s : s);
  const h = Math.floor(t / 3600);
  t -= h * 3600;
  const m = Math.floor(t / 60);
  const text = h > 0 ? h + ":" + pad2(m) + ":" + pad2(t - m * 60) : m + ":" + pad2(t - m * 60);
  return neg ? "-" + text : text;
}
