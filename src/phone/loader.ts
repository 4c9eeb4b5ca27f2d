// The App Loader's connection, when this app runs as apps/speedseq/interface.html. The loader
// opens the page in a frame with its interface.js, which gives `Puck.write(data, cb)` (sends on
// the loader's own Bluetooth or serial link; cb gets what the watch printed just after) and, in
// current loaders, `Puck.on("data", cb)` (every byte the watch prints while the page is open).
// With `Puck.on` the stream comes from there and the write callbacks are ignored (they repeat
// it); an older loader without it gives only the write callbacks, so what the watch prints
// between them is lost and the sync protocol resumes past the gap. The loader keeps the link:
// close() leaves it open and no disconnect is ever reported.
import type { Connect, Transport } from "../sync/transport";

export interface LoaderPuck {
  write(data: string, cb?: (d: unknown) => void): void;
  on?(ev: "data", cb: (d: unknown) => void): void;
}

/** the loader's Puck object, if this page runs inside the App Loader */
export function loaderPuck(): LoaderPuck | undefined {
  const p = (globalThis as unknown as { Puck?: LoaderPuck }).Puck;
  return p && typeof p.write === "function" ? p : undefined;
}

let listening: LoaderPuck | undefined;
let current: LoaderLink | undefined;

class LoaderLink implements Transport {
  data: ((s: string) => void)[] = [];
  open = true;
  constructor(private puck: LoaderPuck, private streamed: boolean) {}

  received(d: unknown): void {
    if (this.open && typeof d === "string" && d) for (const cb of this.data.slice()) cb(d);
  }

  write(s: string): Promise<void> {
    if (!this.open) return Promise.reject(new Error("closed"));
    // the loader queues writes in order; its callback comes once the watch has gone quiet, which
    // during a stream can be long after: the write counts as sent when it is handed over
    this.puck.write(s, this.streamed ? undefined : (d) => this.received(d));
    return Promise.resolve();
  }

  onData(cb: (s: string) => void): () => void {
    this.data.push(cb);
    return () => {
      this.data = this.data.filter((x) => x !== cb);
    };
  }

  onClose(): void {
    // the loader owns the link and never says when it drops
  }

  close(): Promise<void> {
    this.open = false;
    if (current === this) current = undefined;
    return Promise.resolve();
  }
}

/** a Connect over the loader's link */
export function loaderConnect(puck: LoaderPuck): Connect {
  const streamed = typeof puck.on === "function";
  // Puck.on handlers cannot be removed: one for the page, handing data to the link now open
  if (streamed && listening !== puck) {
    listening = puck;
    (puck.on as NonNullable<LoaderPuck["on"]>)("data", (d) => {
      if (current) current.received(d);
    });
  }
  return () => {
    if (current) current.open = false;
    current = new LoaderLink(puck, streamed);
    return Promise.resolve(current);
  };
}
