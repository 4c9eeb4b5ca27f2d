// Small modules apps require() besides Storage: heatshrink (icons) and a minimal English locale.

/** heatshrink decompression with the watch's parameters (window 8 bits, lookahead 6 bits: what the firmware's compress writes) */
export function heatshrinkDecompress(input: string | ArrayLike<number>): Uint8Array {
  const bytes = typeof input === "string" ? Array.from(input, (c) => c.charCodeAt(0) & 255) : Array.prototype.slice.call(input);
  const totalBits = bytes.length * 8;
  let bit = 0;
  const take = (n: number): number => {
    if (bit + n > totalBits) return -1;
    let v = 0;
    for (let i = 0; i < n; i++, bit++) v = (v << 1) | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
    return v;
  };
  const out: number[] = [];
  for (;;) {
    const tag = take(1);
    if (tag < 0) break;
    if (tag === 1) {
      const b = take(8);
      if (b < 0) break;
      out.push(b);
    } else {
      const index = take(8);
      if (index < 0) break;
      const count = take(6);
      if (count < 0) break;
      for (let i = 0; i <= count; i++) out.push(out[out.length - index - 1] ?? 0);
    }
  }
  return Uint8Array.from(out);
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** require("locale"), English, metric: enough for menus and time/distance labels */
export const locale = {
  name: "en_GB",
  currencySym: "£",
  translate: (s: string) => s,
  time: (d: Date, short?: boolean) => pad2(d.getHours()) + ":" + pad2(d.getMinutes()) + (short ? "" : ":" + pad2(d.getSeconds())),
  date: (d: Date, short?: boolean) => short ? pad2(d.getDate()) + "/" + pad2(d.getMonth() + 1) + "/" + d.getFullYear() :
    DAYS[d.getDay()] + " " + d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear(),
  dow: (d: Date, short?: boolean) => (short ? DAYS[d.getDay()].slice(0, 3) : DAYS[d.getDay()]),
  month: (d: Date, short?: boolean) => (short ? MONTHS[d.getMonth()].slice(0, 3) : MONTHS[d.getMonth()]),
  number: (n: number, dp?: number) => n.toFixed(dp === undefined ? 2 : dp),
  distance: (m: number) => (m < 1000 ? Math.round(m) + "m" : (m / 1000).toFixed(2) + "km"),
  speed: (kph: number) => Math.round(kph) + "kph",
  meridian: () => "",
};
