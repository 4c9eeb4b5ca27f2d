// What the sync protocol needs from a connection to the watch, and from time. Pure TypeScript: no
// Node or DOM imports, so the CLI (the `espruino` package's connection), the phone app (Web
// Bluetooth, later) and the tests (the firmware host in virtual time) each supply their own.

/**
 * A byte stream to the watch's JS console (Bluetooth NUS, a serial port, tcp://). Strings carry
 * bytes as char codes 0-255 (latin1) in both directions.
 */
export interface Transport {
  /** sends bytes; resolves when the link has taken them (rejects if it cannot) */
  write(data: string): Promise<void>;
  /** every byte the watch sends, in order, in pieces of any size; returns an unsubscribe */
  onData(cb: (data: string) => void): () => void;
  /** called once when the link drops (or close() ran) */
  onClose(cb: () => void): void;
  close(): Promise<void>;
}

/** opens a new connection (the first one, and again after a disconnect) */
export type Connect = () => Promise<Transport>;

/** Time for timeouts: real timers in the CLI and the phone, virtual time in the tests. */
export interface Clock {
  now(): number;
  /** runs fn after ms; returns a handle for cancel */
  after(ms: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
}

/** the host's own timers (setTimeout exists in Node, browsers and workers alike) */
export const realClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => setTimeout(fn, ms),
  cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** resolves after ms on the clock */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => { clock.after(ms, resolve); });
}
