// The virtual watch's console through the server that serves the app (`npm start`): a development
// transport, and the one the tests use. A browser page cannot open a TCP socket, so the server
// (scripts/phone.mjs) bridges: GET bridge/rx?port=N opens a connection to 127.0.0.1:N (the
// console of `npm run watch`, emulator/firmware/tcp.ts) and streams what it prints as
// Server-Sent Events (base64, so every byte survives); POST bridge/tx?id=… types bytes into it.
// A static host has no bridge: bridgeAvailable() says whether this server has one.
import type { Connect, Transport } from "../sync/transport";
import { Link } from "./link";

/** the port `npm run watch` serves its console on */
export const WATCH_PORT = 37026;

/** whether the server the page came from offers the bridge */
export async function bridgeAvailable(base = "bridge/"): Promise<boolean> {
  try {
    const r = await fetch(base + "status", { cache: "no-store" });
    if (!r.ok) return false;
    const j = (await r.json()) as { bridge?: boolean };
    return j.bridge === true;
  } catch {
    return false;
  }
}

class BridgeLink extends Link {
  constructor(private es: EventSource, private base: string, private id: string) {
    super();
    es.onmessage = (e) => {
      if (this.open) this.received(atob(e.data as string));
    };
    es.addEventListener("close", () => this.drop());
    es.onerror = () => this.drop();
  }

  protected drop(): void {
    this.es.close();
    super.drop();
  }

  protected async send(s: string): Promise<void> {
    if (!this.open) throw new Error("disconnected");
    const r = await fetch(this.base + "tx?id=" + encodeURIComponent(this.id), { method: "POST", body: btoa(s), cache: "no-store" });
    if (!r.ok) throw new Error("bridge: " + r.status);
  }

  async close(): Promise<void> {
    // let the last writes through before the stream (and with it the connection) goes
    await this.queue;
    this.drop();
  }
}

/** a Connect to the virtual watch's console on 127.0.0.1:port, through the page's server */
export function bridgeConnect(port: number, base = "bridge/"): Connect {
  return () =>
    new Promise<Transport>((resolve, reject) => {
      const es = new EventSource(base + "rx?port=" + port);
      let settled = false;
      es.addEventListener("open-link", (e) => {
        if (settled) return;
        settled = true;
        resolve(new BridgeLink(es, base, (e as MessageEvent).data as string));
      });
      es.onerror = () => {
        es.close();
        if (!settled) {
          settled = true;
          reject(new Error("no virtual watch on port " + port + " (npm run watch serves one)"));
        }
      };
    });
}
