// A Bluetooth-like link to the real firmware in virtual time: the sync client's Transport and
// Clock on one side, the firmware host's console on the other. Bytes each way queue on a pipe of
// `bytesPerS` with `latencyMs` on top; the watch's output leaves in packets of `packet` bytes (a
// BLE notification). The clock is the watch's: client timeouts, deliveries and the watch's own
// timers all run in one time order, so an hour of waiting costs nothing. Hooks let a test lose,
// flip, duplicate or insert bytes, drop the link mid-line or reset the watch.
import type { Watch } from "../../emulator/firmware/watch";
import type { Transport, Clock } from "../../src/sync/transport";

export interface LinkModel {
  bytesPerS: number;
  latencyMs: number;
  /** watch-to-phone packet size */
  packet: number;
}

/** the Bangle.js 2 budget of FACTS.md: ~2.5 KB/s, 20-byte notifications */
export const BLE: LinkModel = { bytesPerS: 2500, latencyMs: 30, packet: 20 };

export interface Hooks {
  /** a write from the phone: the pieces that reach the watch (none: lost; two: duplicated) */
  down?(s: string): string[];
  /** a packet from the watch: what reaches the phone */
  up?(s: string): string;
  /** extra ms before a connection's first packet reaches the phone */
  firstDelayMs?(): number;
}

interface Ev {
  t: number;
  n: number;
  fn: (() => void) | null;
}

class Conn implements Transport {
  /** takes writes */
  open = true;
  /** delivers (a close lets what was written arrive; a drop does not) */
  live = true;
  data: ((s: string) => void)[] = [];
  closed: (() => void)[] = [];
  firstUp = true;
  constructor(private wire: VirtualWire) {}
  write(s: string): Promise<void> {
    if (!this.open) return Promise.reject(new Error("link closed"));
    return this.wire.down(this, s);
  }
  onData(cb: (s: string) => void): () => void {
    this.data.push(cb);
    return () => { this.data = this.data.filter((x) => x !== cb); };
  }
  onClose(cb: () => void): void {
    this.closed.push(cb);
  }
  close(): Promise<void> {
    this.wire.hangUp(this, false, true);
    return Promise.resolve();
  }
}

export class VirtualWire {
  readonly clock: Clock;
  hooks: Hooks = {};
  /** bytes that crossed each way (after hooks) */
  bytesDown = 0;
  bytesUp = 0;
  private q: Ev[] = [];
  private seq = 0;
  private conn: Conn | null = null;
  private downFree = 0;
  private upFree = 0;
  private pending = "";
  private flushAt: Ev | null = null;

  constructor(readonly w: Watch, public link: LinkModel = BLE) {
    this.clock = {
      now: () => this.w.now(),
      after: (ms, fn) => this.at(this.w.now() + Math.max(0, ms), fn),
      cancel: (h) => { (h as Ev).fn = null; },
    };
    w.onData((c) => this.fromWatch(c));
  }

  now(): number {
    return this.w.now();
  }

  /** runs fn at virtual time t */
  at(t: number, fn: () => void): Ev {
    const e: Ev = { t: t, n: this.seq++, fn: fn };
    let lo = 0;
    let hi = this.q.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.q[mid];
      if (m.t < t || (m.t === t && m.n < e.n)) lo = mid + 1;
      else hi = mid;
    }
    this.q.splice(lo, 0, e);
    return e;
  }

  /** a new connection (the old one, if any, is dropped) */
  connect(): Promise<Transport> {
    if (this.conn) this.hangUp(this.conn, false);
    const c = new Conn(this);
    this.conn = c;
    this.pending = "";
    return Promise.resolve(c);
  }

  connected(): boolean {
    return !!this.conn && this.conn.open;
  }

  /**
   * Drops the link now. `cut`: a write still in flight reaches the watch cut short (a snippet
   * half typed at its console). The phone hears of it after the link latency.
   */
  drop(cut = true): void {
    if (this.conn) this.hangUp(this.conn, cut);
  }

  private inFlight: { c: Conn; s: string; ev: Ev } | null = null;

  hangUp(c: Conn, cut: boolean, graceful = false): void {
    if (!c.open) return;
    c.open = false;
    if (!graceful) c.live = false;
    if (this.conn === c) this.conn = null;
    if (cut && this.inFlight && this.inFlight.c === c && this.inFlight.ev.fn) {
      const s = this.inFlight.s;
      this.inFlight.ev.fn = null;
      this.w.send(s.substring(0, Math.floor(s.length / 2)));
    }
    this.pending = "";
    this.at(this.now() + this.link.latencyMs, () => { for (const cb of c.closed) cb(); });
  }

  /** phone to watch */
  down(c: Conn, s: string): Promise<void> {
    const pieces = this.hooks.down ? this.hooks.down(s) : [s];
    let done = this.now();
    for (const p of pieces) {
      const start = Math.max(this.now(), this.downFree);
      this.downFree = start + (p.length * 1000) / this.link.bytesPerS;
      const t = this.downFree + this.link.latencyMs;
      const ev = this.at(t, () => {
        if (!c.live) return;
        this.bytesDown += p.length;
        this.inFlight = null;
        this.w.send(p);
      });
      this.inFlight = { c: c, s: p, ev: ev };
      done = t;
    }
    // the write resolves when the watch has it (a Bluetooth write with response)
    return new Promise((resolve) => { this.at(done, resolve); });
  }

  /** watch output, one character at a time: gathered and sent as packets */
  private printed = 0;

  private fromWatch(ch: string): void {
    this.printed++;
    if (!this.conn || !this.conn.open) return;
    this.pending += ch;
    if (!this.flushAt || !this.flushAt.fn) this.flushAt = this.at(this.now(), () => this.flush());
  }

  private flush(): void {
    const c = this.conn;
    const s = this.pending;
    this.pending = "";
    if (!c || !c.open || !s) return;
    let extra = 0;
    if (c.firstUp) {
      c.firstUp = false;
      extra = this.hooks.firstDelayMs ? this.hooks.firstDelayMs() : 0;
    }
    for (let i = 0; i < s.length; i += this.link.packet) {
      const p = s.substring(i, i + this.link.packet);
      const start = Math.max(this.now() + extra, this.upFree);
      this.upFree = start + (p.length * 1000) / this.link.bytesPerS;
      this.at(this.upFree + this.link.latencyMs, () => {
        if (!c.open) return;
        const q = this.hooks.up ? this.hooks.up(p) : p;
        this.bytesUp += q.length;
        for (const cb of c.data) cb(q);
      });
    }
  }

  /** forgets every queued event (deliveries, timers): between independent runs */
  clear(): void {
    if (this.conn) this.hangUp(this.conn, false);
    this.conn = null;
    for (const e of this.q) e.fn = null;
    this.q = [];
    this.pending = "";
    this.inFlight = null;
  }

  /** runs every event due by now; true if any ran */
  private due(): boolean {
    let ran = false;
    while (this.q.length && this.q[0].t <= this.now()) {
      const e = this.q.shift()!;
      const fn = e.fn;
      e.fn = null;
      if (fn) {
        ran = true;
        fn();
      }
    }
    return ran;
  }

  /**
   * Runs virtual time until p settles: pending promise work, then every event due, then the
   * watch up to the next event. The watch runs its own timers in between: in steps of `stepMs`
   * while things happen, doubling (up to `maxStepMs`) while it prints nothing and nothing is due,
   * so a 5 s timeout costs a few steps. Output inside a step reaches the phone at most one step
   * late (only when the watch prints from a timer of its own while the link is quiet).
   */
  async run<T>(p: Promise<T>, limitMs = 6 * 3600_000, stepMs = 100, maxStepMs = 2000): Promise<T> {
    let settled = false;
    let value: T | undefined;
    let error: unknown;
    p.then((v) => { settled = true; value = v; }, (e) => { settled = true; error = e; });
    const deadline = this.now() + limitMs;
    let step = stepMs;
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      if (settled) break;
      if (this.due()) {
        step = stepMs;
        continue;
      }
      while (this.q.length && !this.q[0].fn) this.q.shift();
      const next = this.q.length ? this.q[0].t : Infinity;
      const target = Math.min(next, this.now() + step);
      if (target > deadline) throw new Error(`virtual time limit: nothing settled after ${limitMs} ms`);
      const out = this.printed;
      this.w.advance(Math.max(0, target - this.now()));
      step = this.printed === out ? Math.min(maxStepMs, step * 2) : stepMs;
    }
    if (error !== undefined) throw error;
    return value as T;
  }
}
