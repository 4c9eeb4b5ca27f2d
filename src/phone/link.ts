// What the phone's two connections to the watch share (Web Bluetooth, ble.ts; the development
// server's bridge, bridge.ts): the listeners for what arrives and for the end of the link, and
// writes that go one after another. Each link says how it sends a write and how it closes.
import type { Transport } from "../sync/transport";

export abstract class Link implements Transport {
  private data: ((s: string) => void)[] = [];
  private closed: (() => void)[] = [];
  protected open = true;
  protected queue: Promise<void> = Promise.resolve();

  /** hands what the watch sent to every listener while the link is open */
  received(s: string): void {
    if (this.open) for (const cb of this.data.slice()) cb(s);
  }

  /** the link is gone: the close listeners hear it once */
  protected drop(): void {
    if (!this.open) return;
    this.open = false;
    for (const cb of this.closed) cb();
  }

  /** sends s once the writes before it are done; a failed write does not hold up the next */
  protected abstract send(s: string): Promise<void>;

  write(s: string): Promise<void> {
    const p = this.queue.then(() => this.send(s));
    this.queue = p.catch(() => {});
    return p;
  }

  onData(cb: (s: string) => void): () => void {
    this.data.push(cb);
    return () => {
      this.data = this.data.filter((x) => x !== cb);
    };
  }

  onClose(cb: () => void): void {
    this.closed.push(cb);
  }

  abstract close(): Promise<void>;
}
