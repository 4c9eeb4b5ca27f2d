// The virtual watch's console on a loopback TCP port, so anything that talks to a watch over a
// socket (the `espruino` CLI with `-p tcp://127.0.0.1:PORT`, a telnet-style terminal) talks to
// the real firmware. Bytes in are typed at the console; console output goes back to every client.
// While a client is connected, a pump keeps the watch's virtual time in step with real time, so
// timers fire and the REPL answers as a watch would; with no client, time stands still.
import { createServer, type Socket } from "node:net";
import type { Watch } from "./watch";

export interface ConsoleServer {
  /** the TCP port it listens on (127.0.0.1 only) */
  port: number;
  /** clients connected now */
  clients(): number;
  /** stops the pump, drops the clients and stops listening */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** real ms between pump ticks (default 10) */
  tickMs?: number;
}

/**
 * Serves `w`'s console on 127.0.0.1:`port` (0 or omitted: a free port). Console output is raw,
 * host reports included, as the watch's USB console would carry it. Echo is turned back on (the
 * host boots watches with echo(0)): a client finds the REPL as on a real watch, with its `>`
 * prompt, which the `espruino` CLI waits for before it sends (without it, it breaks in with
 * Ctrl-C twice and goes on a second later). The host's own exec/eval lines are never echoed.
 */
export function serveConsole(w: Watch, port = 0, o: ServeOptions = {}): Promise<ConsoleServer> {
  const tickMs = o.tickMs ?? 10;
  const sockets = new Set<Socket>();
  let out = "";
  let flushing = false;

  const flush = () => {
    flushing = false;
    if (!out) return;
    const buf = Buffer.from(out, "latin1");
    out = "";
    for (const s of sockets) if (!s.destroyed) s.write(buf);
  };
  const stopListening = w.onData((s) => {
    if (!sockets.size) return;
    out += s;
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  });

  // the pump: virtual time follows real time from the moment it starts
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = 0;
  let closed = false;
  const tick = () => {
    const now = performance.now();
    const dt = now - last;
    last = now;
    w.advance(dt);
  };
  const pump = () => {
    const run = !closed && sockets.size > 0;
    if (run && !timer) {
      last = performance.now();
      timer = setInterval(tick, tickMs);
    } else if (!run && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const server = createServer((s) => {
    sockets.add(s);
    s.setNoDelay(true);
    pump();
    s.on("data", (d: Buffer) => {
      // time has passed since the last tick: let the watch catch up before it reads the bytes
      if (timer) tick();
      w.send(d.toString("latin1"));
      flush();
    });
    const gone = () => {
      sockets.delete(s);
      pump();
    };
    s.on("close", gone);
    s.on("error", gone);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      w.exec("echo(1)");
      const addr = server.address();
      const bound = typeof addr === "object" && addr ? addr.port : port;
      resolve({
        port: bound,
        clients: () => sockets.size,
        close: () =>
          new Promise<void>((done) => {
            closed = true;
            pump();
            stopListening();
            flush();
            for (const s of sockets) s.destroy();
            sockets.clear();
            server.close(() => done());
          }),
      });
    });
  });
}
