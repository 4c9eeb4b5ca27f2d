// Text for the watch face and the pages: paces and clock times.

/**
 * Elapsed time like a stopwatch: whole seconds rounded down, "12:34" under an hour,
 * "1:02:03" from one hour. Negative values get a leading "-" (count-downs past zero).
 */
export function fmtTime(s: number): string {
  // (inside: it exists on the watch only while a time is formatted)
  function pad2(n: number): string {
    return n < 10 ? "0" + n : "" + n;
  }
  if (typeof s !== "number" || !isFinite(s)) return "--:--";
  const t = Math.floor(Math.abs(s));
  const h = Math.floor(t / 3600);
  return (s < 0 ? "-" : "") + (h ? h + ":" + pad2(Math.floor(t / 60) % 60) : Math.floor(t / 60)) + ":" + pad2(t % 60);
}

/** 245 -> "4:05" (seconds per km, rounded to the second); "-:--" when unknown. Below an hour per km, as every pace on the watch is. */
export function fmtPace(sPerKm: number): string {
  if (typeof sPerKm !== "number" || !isFinite(sPerKm) || sPerKm <= 0) return "-:--";
  return fmtTime(Math.round(sPerKm));
}
