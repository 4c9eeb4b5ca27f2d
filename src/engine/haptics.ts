// The wrist's buzz patterns, and the rules of their one queue. The watch chains Bangle.buzz calls
// behind each other, so anything issued while a pattern plays is delayed by it. The session's
// scheduler (Session.request) issues a pattern only when the previous one (plus a gap) is over,
// never lets an alert start when a boundary is due within its length, and drops alerts rather
// than queueing them: a late alert is noise.

/** pattern ids (pattern(id) gives the lengths) */
export const H_REP = 0;
export const H_RECOVERY = 1;
export const H_COUNT = 2;
export const H_STEP = 3;
export const H_END = 4;
export const H_CAD = 5;
export const H_FAST = 6;
export const H_SLOW = 7;
/** the form guard's offer to shorten the set (a boundary's priority: it follows the recovery pattern) */
export const H_OFFER = 8;

/** quiet time after any pattern, so two patterns never read as one */
export const GAP_MS = 400;
/** minimum spacing between two alerts */
export const ALERT_GAP_MS = 5000;

/**
 * Pattern id's buzz and pause lengths in ms, alternating (README "Haptics"). The table is written
 * out inside the function, as text: it costs the watch no RAM until a pattern is asked for.
 */
export function pattern(id: number): number[] {
  const p = "600|150,150,400|70|250,150,250|500,200,500,200,500|80,80,80,80,80|60,120,60|300,120,300,120,300|350,100,80,100,80".split("|")[id].split(",");
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) out.push(+p[i]);
  return out;
}

/** how long pattern id plays, ms */
export function patternMs(id: number): number {
  const p = pattern(id);
  let ms = 0;
  for (let i = 0; i < p.length; i++) ms += p[i];
  return ms;
}
