// The session state machine: timestamped watch events in, buzzes and log lines out through
// ports, and fields the screen reads. Deterministic: all time comes in the calls. It also keeps
// the session's time (the rules of clock.ts) and owns the wrist's buzz queue (haptics.ts): one
// object with few methods, because every function the watch holds during a run costs it RAM.
import type { Plan, Step } from "./plan";
import { Cursor } from "./workout/cursor";
import { TICK_MS, MAX_TICK_GAP_MS } from "./clock";
import { GpsTrack, GPS_OK, FIX_LAG_MS } from "./gps";
import type { GpsFix } from "./gps";
import { pattern, GAP_MS, ALERT_GAP_MS, H_REP, H_RECOVERY, H_COUNT, H_STEP, H_END, H_CAD, H_FAST, H_SLOW, H_OFFER } from "./haptics";
import { LogWriter } from "./log/encode";
import { RUN, PAUSED, DONE, HR_CONF, HR_STALE_MS, GRACE_MS, PACE_HOLD_MS, PACE_REPEAT_MS, TRACK_MS, FADE_S_PER_KM, FADE_HOLD_MS, OFFER_MS } from "./rules";
import type { StepWhy } from "./log/records";
import { STEP_PACE_FAST, STEP_PACE_SLOW, STEP_CAD_DROP, STEP_EXTENDED, STEP_PAUSED, STEP_FORM_FADE, STEP_SHORT, Q_GPS_POOR, Q_HR_LOW_CONF, Q_NO_GPS, Q_NO_HR } from "./log/records";

export { RUN, PAUSED, DONE } from "./rules";
/** the step flags the screen shows (paceOut is one of the first two or 0) */
export { STEP_PACE_FAST as F_FAST, STEP_PACE_SLOW as F_SLOW, STEP_CAD_DROP as F_CAD } from "./log/records";

export interface Ports {
  /** play haptic pattern id (haptics.ts) delayMs from now */
  buzz(id: number, delayMs: number): void;
  /** append one log line (it ends with "\n") */
  write(line: string): void;
  /** CRC-32 of an ASCII string (E.CRC32 on the watch): called as a plain function */
  crc(s: string): number;
}

/** optional cadence-drop detector (engine/cadence/drop.ts) */
export interface DropPort {
  /** a drop is flagged and cadence has not come back (the form guard reads it) */
  flagged: boolean;
  reset(): void;
  update(tMs: number, spm: number, conf: number, kind: string, minCad: number | undefined): number;
}

export type Why = StepWhy;
/** "shorten": the runner accepts the form guard's offer (BTN1 while it stands) */
export type Cmd = "pause" | "resume" | "skip" | "extend" | "lap" | "end" | "shorten";

/** the form guard's state (Session.form): a rep's form faded (the offer waits for a recovery), the offer stands */
export const FORM_FADED = 1;
export const FORM_OFFER = 2;

export interface LastRep {
  distM: number;
  durMs: number;
  bpm: number;
}

export class Session {
  /** session ms at the last tick, and the wall ms it came at (clock.ts) */
  tickMono: number;
  tickWall: number;
  /** session ms of the last fix that ran the rules in a distance step (-Infinity: none yet) */
  fixT: number;
  cur: Cursor;
  gps: GpsTrack;
  /** where buzzes go */
  out: Ports;
  /** the buzz queue (haptics.ts): session ms until which the wrist is busy (pattern + gap), the last alert */
  busyUntil: number;
  lastAlert: number;
  /** session ms of the next expected boundary (Infinity when unknown) */
  boundaryAt!: number;
  log: LogWriter;
  /** false once flash runs low: no more track points (nothing else changes, so seqs stay unbroken) */
  track: boolean;
  drop: DropPort | null;
  mode: number;
  /** session ms of the last tick or event: no later event is placed before it */
  t: number;
  /** the current step; null exactly when the mode is DONE */
  step!: Step | null;
  // the current step
  sStart!: number;
  sPaused!: number;
  pauseAt!: number;
  sDist!: number;
  extraS!: number;
  hrSum!: number;
  hrN!: number;
  hrMax!: number;
  hrLow!: number;
  cadSum!: number;
  cadN!: number;
  gpsN!: number;
  gpsBad!: number;
  flags!: number;
  buzzed!: boolean;
  countdown!: number;
  holdSince!: number;
  paceOutSince!: number;
  /** pace state against the step's band: 0 in band or no band, F_FAST, F_SLOW */
  paceOut!: number;
  paceAlertAt!: number;
  /** the pattern that marks entering the step after this one */
  np!: number;
  /** the form guard (README "Form guard"): 0, FORM_FADED or FORM_OFFER; kept across steps */
  form: number;
  /** since when cadence and pace have faded together in this rep (-1: they have not) */
  fadeAt!: number;
  // latest readings
  bpm: number;
  hrT: number;
  spm: number;
  cadConf: number;
  // totals
  totDist: number;
  trackT: number;
  last: LastRep | null;
  /** the unit of remain(), set by it */
  unit!: string;

  /**
   * plan: resolved (absolute paces). To continue a log after a crash pass the decoder's lastSeq
   * and the index of the first unfinished step: no header is written, the cursor skips ahead;
   * and cut, the value of the log's last `shorten` event (0 or absent if none), so the reps the
   * runner shortened stay short.
   */
  constructor(plan: Plan, ports: Ports, wallMs: number, version: string, goal: string, lastSeq: number, fromIdx: number, cut?: number) {
    this.tickMono = 0;
    this.tickWall = wallMs;
    this.fixT = -Infinity;
    this.cur = new Cursor(plan);
    this.gps = new GpsTrack();
    this.out = ports;
    this.busyUntil = this.lastAlert = -1e9;
    this.log = new LogWriter(ports.crc, lastSeq, 0, ports);
    this.track = true;
    this.drop = null;
    this.mode = RUN;
    this.t = this.bpm = this.spm = this.cadConf = this.totDist = this.form = 0;
    this.hrT = this.trackT = -1e9;
    this.last = null;
    if (lastSeq) {
      // a torn last line must not swallow the next record
      ports.write("\n");
      this.cur.cut = cut || 0;
      if (fromIdx > 0) this.cur.next(fromIdx);
      this.log.rec({ k: "F", tMs: 0, what: "resume", value: fromIdx });
    } else this.log.rec({ k: "H", startMs: wallMs, plan: plan.name, planHash: ports.crc(JSON.stringify(plan)), version: version, goal: goal });
    this.begin(0);
    if (!this.step) this.mode = DONE;
  }

  // ---- events -------------------------------------------------------------------------

  /** flash is running low: no more track points (the step summaries go on), and the log says when */
  storageLow(): void {
    if (!this.track) return;
    this.track = false;
    this.log.rec({ k: "F", tMs: this.t, what: "storageLow", value: 0 });
  }

  /**
   * The 1 Hz tick: the session's clock (clock.ts). It advances session time by the wall-clock
   * gap since the last tick when that gap is plausible, else by one nominal tick (a clock jump,
   * logged); never to before the last event.
   */
  tick(wallMs: number): void {
    let dt = wallMs - this.tickWall;
    const jump = !(dt >= 0 && dt <= MAX_TICK_GAP_MS);
    if (jump) dt = TICK_MS;
    this.tickWall = wallMs;
    const t = this.tickMono + dt;
    this.tickMono = t < this.t ? this.t : t;
    if (jump) this.log.rec({ k: "F", tMs: this.tickMono, what: "clockJump", value: 0 });
    // in a distance step each fix runs the rules (gpsFix): a tick within a second of one finds
    // nothing new, and the rules are the longest code a run reads each second (without fixes the
    // tick runs them again)
    const st = this.step;
    if (st && st.end.dist && this.tickMono - this.fixT < 1000) this.t = this.tickMono;
    else this.advance(this.tickMono);
  }

  /**
   * Session ms of any other event at wall time wallMs: after the last tick by the wall gap, never
   * before the last event. An implausible gap means the wall clock jumped since the tick: time
   * holds still until the next tick re-anchors it.
   */
  at(wallMs: number): number {
    const dt = wallMs - this.tickWall;
    const t = dt >= 0 && dt <= MAX_TICK_GAP_MS ? this.tickMono + dt : this.t;
    return t < this.t ? this.t : t;
  }

  gpsFix(wallMs: number, f: GpsFix): void {
    const t = this.at(wallMs);
    if (this.mode === DONE) return;
    // a step whose time is up ends before this fix counts (the tick that would end it may not
    // have come yet): the fix's distance belongs to the step after it
    const st0 = this.step;
    if (st0 && !st0.end.dist && this.boundaryAt <= t) this.advance(t);
    const g = this.gps;
    // the fix describes where the runner was FIX_LAG_MS before it arrived
    if (g.add(t - FIX_LAG_MS, f) === GPS_OK) this.gpsN++;
    else this.gpsBad++;
    // a gap in the fixes: gpsLost at the last fix (the speed carried on, m/s), gpsBack with its length (s)
    if (g.gap) this.log.rec(g.gap < 0 ? { k: "F", tMs: g.tMs, what: "gpsLost", value: Math.round(g.mps * 10) / 10 } : { k: "F", tMs: t, what: "gpsBack", value: Math.round(g.gap / 100) / 10 });
    // 0 unless the fix was accepted as a new segment
    const seg = this.gps.segM;
    if (seg > 0 && this.mode === RUN) {
      this.totDist += seg;
      const e = this.step!.end;
      const need = e.dist !== undefined ? e.dist - this.sDist : Infinity;
      if (seg >= need) {
        // the crossing, interpolated between the two fixes (not before the step began: a step that
        // began at a tick between them takes the whole segment)
        const t0 = g.segT0;
        let tEnd = t0 + ((g.dT - t0) * need) / seg;
        if (tEnd < this.sStart) tEnd = this.sStart;
        this.sDist += need;
        this.finish(tEnd, "dist");
        if (this.step) this.sDist = seg - need;
      } else this.sDist += seg;
      if (t - this.trackT >= TRACK_MS) {
        this.trackT = t;
        // with the HR if fresh and the cadence if confident (0: none), as the step's averages take them
        if (this.track) this.log.add(g.tMs / 1000, f.lat, f.lon, t - this.hrT <= HR_STALE_MS ? this.bpm : 0, this.cadConf >= 0.5 ? this.spm : 0);
      }
    }
    // the rules where distance ends the step; elsewhere the next tick runs them (pace alerts with
    // the latest pace, at most a second later)
    const st = this.step;
    if (st && st.end.dist) {
      this.fixT = t;
      this.advance(t);
    } else this.t = t;
  }

  hrm(wallMs: number, bpm: number, conf: number): void {
    const t = this.at(wallMs);
    if (this.mode === DONE) return;
    if (conf >= HR_CONF && bpm >= 30 && bpm <= 240) {
      this.bpm = bpm;
      this.hrT = t;
      this.hrSum += bpm;
      this.hrN++;
      if (bpm > this.hrMax) this.hrMax = bpm;
    } else this.hrLow++;
    // the rules only where HR can end the step (each run of them costs the whole method's length
    // on the watch's interpreter); the next tick runs them otherwise
    const e = this.step!.end;
    if (e.hrBelow || e.hrAbove) this.advance(t);
    else this.t = t;
  }

  /** a cadence estimate (steps/min, confidence 0..1) */
  cadence(wallMs: number, spm: number, conf: number): void {
    const t = this.at(wallMs);
    if (this.mode === DONE || !isFinite(spm)) return;
    this.spm = spm;
    this.cadConf = conf;
    if (conf >= 0.5 && this.mode === RUN) {
      this.cadSum += spm;
      this.cadN++;
      const step = this.step!;
      if (this.drop && this.drop.update(this.active(t), spm, conf, step.kind, step.minCad) && !(this.flags & STEP_CAD_DROP)) {
        this.flags |= STEP_CAD_DROP;
        this.log.rec({ k: "F", tMs: t, what: "cadDrop", value: spm });
        this.request(H_CAD, t, 0);
      }
    }
    // no rule waits on cadence: the next tick runs them
    this.t = t;
  }

  command(wallMs: number, cmd: Cmd): void {
    const t = this.at(wallMs);
    const paused = this.mode === PAUSED;
    if (this.mode === DONE) return;
    if (cmd === "pause") {
      if (!paused) {
        this.mode = PAUSED;
        this.pauseAt = t;
        this.flags |= STEP_PAUSED;
        this.log.rec({ k: "F", tMs: t, what: "pause", value: 0 });
      }
    } else if (cmd === "shorten") {
      // the form guard's offer accepted: the rest of the set's reps are read again, shortened
      const c = this.cur;
      if (this.form === FORM_OFFER) {
        this.form = 0;
        c.cut = c.end;
        c.next(c.idx);
        this.log.rec({ k: "F", tMs: t, what: "shorten", value: c.cut });
      }
    } else if (cmd === "extend") {
      const k = this.step!.kind;
      if (k === "recovery" || k === "rest") {
        this.extraS += 30;
        this.flags |= STEP_EXTENDED;
        this.buzzed = false;
        this.countdown = 3;
        this.log.rec({ k: "F", tMs: t, what: "extend", value: this.extraS });
      }
    } else {
      // resume, skip, lap and end: a pause ends first (logged unless the session ends)
      if (paused) {
        this.mode = RUN;
        this.sPaused += t - this.pauseAt;
        if (cmd !== "end") this.log.rec({ k: "F", tMs: t, what: "resume", value: 0 });
      }
      if (cmd !== "resume") {
        if (cmd !== "end") {
          // the rules run once resumed, as after a resume of its own, before the step is skipped
          if (paused) this.advance(t);
          this.log.rec({ k: "F", tMs: t, what: cmd, value: 0 });
        }
        this.finish(t, cmd);
      }
    }
    this.advance(t);
  }

  // ---- queries for the screen --------------------------------------------------------------

  /** active (unpaused) ms of the current step at session time t */
  active(t: number): number {
    return t - this.sStart - this.sPaused - (this.mode === PAUSED ? t - this.pauseAt : 0);
  }

  /** what is left of the current step: seconds, metres, or bpm to come down; its unit goes to this.unit */
  remain(): number {
    const s = this.step;
    let u = "";
    let r = 0;
    if (s) {
      const e = s.end;
      const act = this.active(this.t) / 1000;
      u = "s";
      if (e.dist !== undefined) {
        u = "m";
        r = e.dist - this.sDist;
      } else if (e.time !== undefined) r = e.time + this.extraS - act;
      else if (e.hrBelow !== undefined) {
        // the minimum time first, then the bpm still to lose
        r = (e.minS || 0) + this.extraS - act;
        if (r <= 0) {
          u = "bpm";
          r = this.bpm - e.hrBelow;
        }
      } else if (e.hrAbove !== undefined) {
        u = "bpm";
        r = e.hrAbove - this.bpm;
      } else {
        // lap steps count up
        u = "+s";
        r = act;
      }
    }
    this.unit = u;
    return Math.max(0, r);
  }

  // ---- internals -------------------------------------------------------------------------

  /** starts the cursor's current step at session time t */
  begin(t: number): void {
    this.step = this.cur.step;
    this.sStart = t;
    this.sPaused = this.sDist = this.extraS = this.hrSum = this.hrN = this.hrMax = this.hrLow = 0;
    this.cadSum = this.cadN = this.gpsN = this.gpsBad = this.flags = this.paceOut = 0;
    const c = this.cur;
    if (c.idx < c.cut && this.step && this.step.kind === "work") this.flags = STEP_SHORT;
    // an offer still standing when its recovery ends was not taken
    if (this.form === FORM_OFFER) {
      this.form = 0;
      this.log.rec({ k: "F", tMs: t, what: "asPlanned", value: 0 });
    }
    this.fadeAt = -1;
    this.buzzed = false;
    this.countdown = 3;
    this.holdSince = -1;
    this.paceAlertAt = -1e9;
    if (this.drop) this.drop.reset();
    this.boundaryAt = Infinity;
    // the pattern that marks entering the step after this one
    const n = this.cur.nextLeaf;
    this.np = !n ? H_END : n.kind === "work" ? H_REP : n.kind === "recovery" || n.kind === "rest" ? H_RECOVERY : H_STEP;
  }

  /** ends the current step at session time tEnd (may be before now: interpolated) */
  finish(tEnd: number, why: Why): void {
    const s = this.step;
    // a skip's resume may already have ended the session (its advance can end an HR step)
    if (!s) return;
    if (!this.buzzed) this.request(this.np, this.t > tEnd ? this.t : tEnd, 0);
    const durMs = this.active(tEnd);
    const d = this.sDist;
    const q =
      (!this.gpsN ? Q_NO_GPS : this.gpsBad * 4 > this.gpsN ? Q_GPS_POOR : 0) |
      (!this.hrN ? Q_NO_HR : this.hrLow * 3 > this.hrN + this.hrLow ? Q_HR_LOW_CONF : 0);
    // rounded means, 0 of nothing
    const avgHr = this.hrN ? Math.round(this.hrSum / this.hrN) : 0;
    const work = s.kind === "work";
    // the points of this step are on flash before its summary
    this.log.flush();
    this.log.rec({ k: "S", idx: this.cur.idx, kind: s.kind, rep: work ? this.cur.rep : 0, startMs: this.sStart, durMs: durMs, distM: d,
      avgPaceSPerKm: d >= 10 ? durMs / d : 0, avgHr: avgHr, maxHr: this.hrMax, avgCad: this.cadN ? Math.round(this.cadSum / this.cadN) : 0,
      why: why, flags: this.flags, quality: q });
    if (work) this.last = { distM: d, durMs: durMs, bpm: avgHr };
    const ended = why === "end";
    if (ended || !this.cur.next()) {
      this.step = null;
      this.mode = DONE;
      this.log.rec({ k: "E", durMs: tEnd, distM: this.totDist, why: ended ? "ended" : "done" });
      return;
    }
    this.begin(tEnd);
  }

  /** time-driven rules: at every tick and command, at GPS fixes where distance ends the step, at HR samples where HR can end it */
  advance(t: number): void {
    this.t = t;
    if (this.mode !== RUN) return;
    const s = this.step!;
    const e = s.end;
    const act = this.active(t);
    // ms until a predictable end of this step (time, cap), or Infinity
    let left = Infinity;
    let capWhy: Why = "cap";
    if (e.time !== undefined) {
      left = (e.time + this.extraS) * 1000 - act;
      capWhy = "time";
    } else if (e.maxS !== undefined) left = (e.maxS + this.extraS) * 1000 - act;
    if (left <= 0) return this.finish(t + left, capWhy);
    // the form guard: a faded rep's offer opens at the first event of the next recovery (when a rep
    // of the same set follows it and the set is not shortened yet) and stands for OFFER_MS of it
    const fm = this.form;
    if (fm && s.kind !== "work") {
      const c = this.cur, n = c.nextLeaf;
      if (fm === FORM_OFFER) {
        if (act >= OFFER_MS) {
          this.form = 0;
          this.log.rec({ k: "F", tMs: t, what: "asPlanned", value: 0 });
        }
      } else if ((s.kind === "recovery" || s.kind === "rest") && n && n.kind === "work" && c.idx + 1 < c.end && c.cut < c.end) {
        this.form = FORM_OFFER;
        this.request(H_OFFER, t, 0);
        this.log.rec({ k: "F", tMs: t, what: "formOffer", value: c.end });
      } else this.form = 0;
    }
    // the HR rules, on fresh HR only
    if (t - this.hrT <= HR_STALE_MS) {
      if (e.hrBelow !== undefined) {
        if (this.bpm < e.hrBelow) {
          if (this.holdSince < 0) this.holdSince = t;
          if (act >= ((e.minS || 0) + this.extraS) * 1000 && t - this.holdSince >= (e.holdS || 0) * 1000) return this.finish(t, "hr");
        } else this.holdSince = -1;
      }
      if (e.hrAbove !== undefined && this.bpm > e.hrAbove) return this.finish(t, "hr");
    }
    const byDist = e.dist !== undefined;
    if (byDist) {
      // at the last speed from where the distance was counted to (a fix's position is older than
      // the fix); the receiver's own speed, not the smoothed one, which lags a change of pace
      const g = this.gps, v = g.v > 0.5 ? g.v : g.mps;
      if (v > 0.5) left = ((e.dist! - this.sDist) * 1000) / v + g.dT - t;
    }
    this.boundaryAt = t + left;
    // countdown ticks into a rep, then the boundary buzz itself, scheduled to land on time
    const nextRep = this.cur.nextLeaf;
    if (!byDist && nextRep && nextRep.kind === "work") {
      while (this.countdown > 0 && left - this.countdown * 1000 <= 1000) {
        const d = left - this.countdown * 1000;
        if (d >= 0) this.request(H_COUNT, t, d);
        this.countdown--;
      }
    }
    const horizon = byDist ? this.gps.gapMs * 1.1 : 1100;
    if (!this.buzzed && left <= horizon) {
      this.buzzed = this.request(this.np, t, left > 0 ? left : 0);
    }
    // pace against the step's band
    const band = s.pace as [number, number] | undefined;
    const p = this.gps.pace;
    if (!band || !p) {
      this.paceOut = 0;
      return;
    }
    const out = p < band[0] ? STEP_PACE_FAST : p > band[1] ? STEP_PACE_SLOW : 0;
    // the grace period holds back alerts, not the truth: the pace box shows where the pace is
    // (green only in band), and the hold before an alert starts counting when the grace ends
    if (act < GRACE_MS) {
      this.paceOut = out;
      this.paceOutSince = -1;
      return;
    }
    // the form guard: the detector's cadence drop and pace FADE_S_PER_KM past the band's slow edge,
    // together for FADE_HOLD_MS of a rep (once a rep)
    const dr = this.drop;
    if (s.kind === "work" && p > band[1] + FADE_S_PER_KM && dr && dr.flagged) {
      if (this.fadeAt < 0) this.fadeAt = t;
      if (t - this.fadeAt >= FADE_HOLD_MS && !(this.flags & STEP_FORM_FADE)) {
        this.flags |= STEP_FORM_FADE;
        this.form = FORM_FADED;
      }
    } else this.fadeAt = -1;
    // paceOutSince is only read while out of band, and set on every change of paceOut
    if (out !== this.paceOut || this.paceOutSince < 0) {
      this.paceOut = out;
      this.paceOutSince = t;
    }
    if (out && t - this.paceOutSince >= PACE_HOLD_MS && t - this.paceAlertAt >= PACE_REPEAT_MS) {
      const fast = out === STEP_PACE_FAST;
      if (this.request(fast ? H_FAST : H_SLOW, t, 0)) {
        this.paceAlertAt = t;
        this.flags |= out;
        this.log.rec({ k: "F", tMs: t, what: fast ? "paceFast" : "paceSlow", value: Math.round(p) });
      }
    }
  }

  /**
   * Asks for buzz pattern id at session time tMs, to start delayMs from now; returns whether it
   * was issued (haptics.ts: a boundary waits at most for a pattern already playing; a countdown
   * tick or an alert never overlaps one; an alert also keeps ALERT_GAP_MS from the last and never
   * starts when a boundary is due within its length).
   */
  request(id: number, tMs: number, delayMs: number): boolean {
    // 3 boundary (and the form guard's offer, which follows one), 2 countdown, 1 alert
    const prio = id === H_COUNT ? 2 : id >= H_CAD && id < H_OFFER ? 1 : 3;
    const startAt = tMs + delayMs;
    const p = pattern(id);
    let len = GAP_MS;
    for (let i = 0; i < p.length; i++) len += p[i];
    if (prio < 3 && startAt < this.busyUntil) return false;
    if (prio === 1) {
      if (tMs - this.lastAlert < ALERT_GAP_MS || startAt + len > this.boundaryAt) return false;
      this.lastAlert = tMs;
    }
    const at = startAt < this.busyUntil ? this.busyUntil : startAt;
    this.busyUntil = at + len;
    this.out.buzz(id, at - tMs);
    return true;
  }
}
