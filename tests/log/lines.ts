// Writing whole records as tests and the bench do: encode() with the writer's seq (the session
// hands its LogWriter each record, which lays it out with the same fields()).
import { encode, LogWriter } from "../../src/engine/log/encode";
import type { LineRec } from "../../src/engine/log/records";
import { crc32 } from "../../src/sim/crc";

/** w's next line, for a record given whole. */
export function nextLine(w: LogWriter, r: LineRec): string {
  return encode(r, ++w.seq, crc32);
}

/** A log of records, with a track point after each, written the way the watch writes it. */
export function writeLog(recs: LineRec[], pts: { tS: number; lat: number; lon: number }[], perLine: number): string {
  const w = new LogWriter(crc32, 0, perLine);
  let text = "";
  recs.forEach((r, i) => {
    text += nextLine(w, r);
    const p = pts[i];
    if (p) text += w.add(p.tS, p.lat, p.lon) ?? "";
  });
  return text + (w.flush() ?? "");
}

/**
 * A short session as the session's writer wrote it before track points carried HR and cadence: header, two points, an event, a work step,
 * its RPE and the end. Logs on watches and phones look like this: these bytes must keep decoding
 * to the same records, and the encoder must keep writing them.
 */
export const FIXED_LOG = [
  "H1,1,s44we8,3f,e468c65b,6x400%2c 200 jog,0.01,5k 20:00*72dedf8a\n",
  "F2,5sc,6,1xv*b209b0d7\n",
  "T3,1,3jrpu,zghd,7}2X*c31da95b\n",
  "S4,0,2,1,0,1xg0,334,1qi,4r,50,52,1,1,2*87fe0274\n",
  "R5,7,0*4d6d8738\n",
  "E6,222o,35z,1*6e00b109\n",
];

/**
 * The same session as the writer writes it now: only the track line differs, its points carrying
 * HR (171, 173 bpm) and cadence (180, 182 steps/min): "4r,50" absolute, then "11" (+2, +2)
 * after each point's three other deltas.
 */
export const FIXED_LOG_HR = FIXED_LOG.map((l) => (l.charAt(0) === "T" ? "T3,1,3jrpu,zghd,4r,50,7}2X11*e46e8fc0\n" : l));
