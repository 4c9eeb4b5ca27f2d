// Numbers, durations, distances and paces as the workout text writes them, and back. Pure: no
// Node or DOM. Every printer here is exact: what it prints parses back to the same number.

/** metres in a mile */
export const MILE_M = 1609.344;
/** the race names the text knows, in metres ("mile" is rounded to the metre, as `1mi` is) */
export const HALF_M = 21097.5;
export const MARATHON_M = 42195;
export const MILE_RACE_M = 1609;

/**
 * A number as decimal digits without an exponent (String(1e-7) is "1e-7", which the text's
 * number syntax does not have). The digits are the shortest that read back as the same number.
 */
export function plain(n: number): string {
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const neg = s.charAt(0) === "-";
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = parseInt(s.slice(e + 1), 10);
  const dot = mant.indexOf(".");
  const digits = mant.replace(".", "");
  const point = (dot < 0 ? mant.length : dot) + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return (neg ? "-" : "") + out;
}

/** Number(text) with the decimal point moved `places` to the right: "1.5", 3 -> 1500, exactly (no 1.5 * 1000 rounding) */
export function shifted(text: string, places: number): number {
  const dot = text.indexOf(".");
  const int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? "" : text.slice(dot + 1);
  while (frac.length < places) frac += "0";
  return Number(int + frac.slice(0, places) + (frac.length > places ? "." + frac.slice(places) : ""));
}

/** a duration: 45s, 60s, 90s, 2m, 10m, 2m30s, 1h, 1h30m, 1h5s (under 2 minutes in seconds); non-whole seconds as 12.5s */
export function fmtDur(s: number): string {
  if (Math.floor(s) !== s || s < 0) return plain(s) + "s";
  if (s < 120) return s + "s";
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return (h ? h + "h" : "") + (m ? m + "m" : "") + (sec || (!h && !m) ? sec + "s" : "");
}

/** a distance: 400mtr, 1km, 1.5km (whole hundreds from 1 km), else metres: 1609mtr, 12.5mtr */
export function fmtDist(m: number): string {
  if (Math.floor(m) === m && m >= 1000 && m % 100 === 0) {
    const k = Math.floor(m / 1000);
    const r = (m % 1000) / 100;
    return k + (r ? "." + r : "") + "km";
  }
  return plain(m) + "mtr";
}

/** a pace in s/km as m:ss, fractions kept (270.5 -> 4:30.5); exact: m * 60 + ss gives the number back */
export function fmtClock(sPerKm: number): string {
  const m = Math.floor(sPerKm / 60);
  const ss = sPerKm - m * 60;
  const t = plain(ss);
  return m + ":" + (ss < 10 ? "0" : "") + t;
}

/** a race distance as the text names it: 5k, 10k, HM, M, mile, else metres (1500) */
export function fmtRace(m: number): string {
  if (m === HALF_M) return "HM";
  if (m === MARATHON_M) return "M";
  if (m === MILE_RACE_M) return "mile";
  if (Math.floor(m) === m && m % 1000 === 0) return m / 1000 + "k";
  return plain(m);
}

/** a signed number of seconds: +10s, -3s, +0s */
export function fmtSigned(s: number): string {
  return (s < 0 || (s === 0 && 1 / s < 0) ? "-" : "+") + plain(Math.abs(s)) + "s";
}
