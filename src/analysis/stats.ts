// The few statistics the training log needs: mean, spread, an ordinary least-squares line, and
// two trend estimators whose uncertainty is measured by leaving out one session at a time (a
// jackknife), because the observations of one session (its reps, its recoveries) are not
// independent of each other. Pure: no Node, no DOM.

export function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** sample standard deviation (n − 1); 0 for a single value, NaN for none */
export function sd(xs: number[]): number {
  if (!xs.length) return NaN;
  if (xs.length === 1) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

export interface Line {
  slope: number;
  intercept: number;
  /** share of the variance of y the line explains (0..1; 1 when y does not vary) */
  r2: number;
  n: number;
}

/** y = intercept + slope·x by ordinary least squares; null with fewer than 2 points or x all equal */
export function leastSquares(xs: number[], ys: number[]): Line | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  if (sxx <= 0) return null;
  const slope = sxy / sxx;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  return { slope, intercept: my - slope * mx, r2, n };
}

/** A trend per day with its jackknife standard error. */
export interface Trend {
  /** y units per day */
  slope: number;
  /** jackknife standard error of the slope (leave one session out); null with under 3 sessions */
  se: number | null;
  /** observations (or pairs) used */
  n: number;
  /** sessions that contributed */
  units: number;
}

/**
 * Jackknife standard error over units: est(all) is the estimate, est(k) the estimate without
 * unit k (NaN when it cannot be made; then no error is given).
 */
function jackknife(units: string[], without: (u: string) => number): number | null {
  const k = units.length;
  if (k < 3) return null;
  const bs: number[] = [];
  for (const u of units) {
    const b = without(u);
    if (!isFinite(b)) return null;
    bs.push(b);
  }
  const m = mean(bs);
  let s = 0;
  for (const b of bs) s += (b - m) * (b - m);
  return Math.sqrt(((k - 1) / k) * s);
}

export interface Obs {
  /** the session the observation comes from (the jackknife leaves one out at a time) */
  unit: string;
  /** observations are only compared inside their group (e.g. the same RPE and rep length) */
  group: string;
  /** days */
  t: number;
  y: number;
}

/** the within-group slope of y on t over obs, skipping unit `skip`; NaN when t never varies inside a group */
function pooled(obs: Obs[], skip: string | null): number {
  const sum: Record<string, { n: number; t: number; y: number }> = {};
  for (const o of obs) {
    if (o.unit === skip) continue;
    const g = sum[o.group] || (sum[o.group] = { n: 0, t: 0, y: 0 });
    g.n++;
    g.t += o.t;
    g.y += o.y;
  }
  let sxx = 0;
  let sxy = 0;
  for (const o of obs) {
    if (o.unit === skip) continue;
    const g = sum[o.group];
    const dt = o.t - g.t / g.n;
    sxx += dt * dt;
    sxy += dt * (o.y - g.y / g.n);
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * The pooled within-group least-squares slope of y on t: each group's own means are taken
 * out, so a group that is simply faster or harder than another adds no trend. null when no
 * group has observations at two different times.
 */
export function pooledSlope(obs: Obs[]): Trend | null {
  const b = pooled(obs, null);
  if (!isFinite(b)) return null;
  const units = distinct(obs.map((o) => o.unit));
  return { slope: b, se: jackknife(units, (u) => pooled(obs, u)), n: obs.length, units: units.length };
}

export interface PairObs {
  unit: string;
  /** only observations with the same key are paired (e.g. the rep length) */
  key: string;
  /** days */
  t: number;
  /** the matched quantity (pace) */
  x: number;
  /** the compared quantity (RPE) */
  y: number;
}

/**
 * Pairs of observations from different sessions with the same key whose x differ by at most
 * tol (a fraction of their mean x) and whose times differ; each pair gives dy over dt (later
 * minus earlier). The slope is the least-squares line through the origin of dy on dt:
 * Σ dy·dt / Σ dt². Returns it with the pair count, and null when there is no pair.
 */
export function pairSlope(obs: PairObs[], tol: number): (Trend & { agree: number }) | null {
  // sums per pair of sessions, so that leaving one session out is a subtraction
  const cell: Record<string, { a: string; b: string; sxy: number; sxx: number; n: number; up: number; down: number }> = {};
  for (let i = 0; i < obs.length; i++) {
    for (let j = i + 1; j < obs.length; j++) {
      const p = obs[i];
      const q = obs[j];
      if (p.unit === q.unit || p.key !== q.key || p.t === q.t) continue;
      if (Math.abs(p.x - q.x) > (tol * (p.x + q.x)) / 2) continue;
      const early = p.t < q.t ? p : q;
      const late = early === p ? q : p;
      const dt = late.t - early.t;
      const dy = late.y - early.y;
      const id = p.unit < q.unit ? p.unit + "\n" + q.unit : q.unit + "\n" + p.unit;
      const c = cell[id] || (cell[id] = { a: p.unit, b: q.unit, sxy: 0, sxx: 0, n: 0, up: 0, down: 0 });
      c.sxy += dy * dt;
      c.sxx += dt * dt;
      c.n++;
      if (dy > 0) c.up++;
      else if (dy < 0) c.down++;
    }
  }
  const cells = Object.keys(cell).map((k) => cell[k]);
  if (!cells.length) return null;
  let sxy = 0;
  let sxx = 0;
  let n = 0;
  let up = 0;
  let down = 0;
  for (const c of cells) {
    sxy += c.sxy;
    sxx += c.sxx;
    n += c.n;
    up += c.up;
    down += c.down;
  }
  const units = distinct(cells.map((c) => c.a).concat(cells.map((c) => c.b)));
  const se = jackknife(units, (u) => {
    let y = sxy;
    let x = sxx;
    for (const c of cells) {
      if (c.a !== u && c.b !== u) continue;
      y -= c.sxy;
      x -= c.sxx;
    }
    return x > 0 ? y / x : NaN;
  });
  const b = sxy / sxx;
  // the share of the pairs that changed, which changed in the slope's direction
  const agree = up + down ? (b >= 0 ? up : down) / (up + down) : 0;
  return { slope: b, se, n, units: units.length, agree };
}

export function distinct(xs: string[]): string[] {
  const seen: Record<string, true> = {};
  const out: string[] = [];
  for (const x of xs)
    if (!seen[x]) {
      seen[x] = true;
      out.push(x);
    }
  return out;
}

export type Direction = "up" | "down" | "flat" | "insufficient";

/**
 * The verdict on a trend: "insufficient" without a standard error or with under minUnits
 * sessions; "up"/"down" when the slope (per week) is at least minPerWeek in size and at least
 * three times its standard error; "flat" otherwise. (Three, not two: with few sessions the
 * jackknife error comes out too small, and a flat history must not read as a trend.)
 */
/** how many standard errors a trend must be from zero */
export const MIN_T = 3;

export function direction(tr: Trend | null, minPerWeek: number, minUnits: number): Direction {
  if (!tr || tr.se === null || tr.units < minUnits) return "insufficient";
  const w = tr.slope * 7;
  if (Math.abs(w) < minPerWeek || Math.abs(tr.slope) < MIN_T * tr.se) return "flat";
  return w > 0 ? "up" : "down";
}
