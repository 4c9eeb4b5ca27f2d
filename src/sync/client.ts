// The phone's side of the protocol: requests (snippets.ts) over a Transport, answers picked out of
// the console (frame.ts), timeouts on an injected clock, retries, reconnects, and a log fetched as
// a stream of chunks with flow control that resumes where it stopped.
//
// Trust: the phone believes only frames whose CRC checks, and only when they describe what was
// asked (the log name the watch opened, the chunk index, the chunk size). A snippet garbled on
// the way in fails to parse, answers nothing, or answers something that does not match, so it
// costs a retry, never a wrong copy or a wrong delete.
import type { Crc } from "../engine/log/encode";
import { Framer, type Frame } from "./frame";
import { type Transport, type Connect, type Clock, realClock, sleep } from "./transport";
import { listSnippet, streamSnippet, ackSnippet, cancelSnippet, manifestSnippet, armDeleteSnippet, deleteSnippet, logNumber, MAX_ID, CHUNK_MIN } from "./snippets";
import { manifestFields, manifestOf, manifestDiff, type Manifest } from "./manifest";
import { CHUNK, WINDOW, FIRST_MS, GAP_MS, NUDGE_MS, ATTEMPTS, RECONNECTS } from "./limits";

export interface ClientOptions {
  /** CRC-32 of a byte string (crc32 of src/sim/crc.ts; E.CRC32's twin) */
  crc: Crc;
  clock?: Clock;
  /** bytes per chunk frame (64-4096) and frames in flight (1-16) */
  chunk?: number;
  window?: number;
  firstMs?: number;
  gapMs?: number;
  attempts?: number;
  reconnects?: number;
  /** the first request id (random by default, so frames of an earlier run never match) */
  firstId?: number;
  /** progress and trouble, one line each */
  log?: (line: string) => void;
}

export interface LogInfo {
  name: string;
  n: number;
  size: number;
  /** from the history file (absent when the log is not in it: unfinished, or older than its 30 entries) */
  histStartS?: number;
  histDurS?: number;
  /** the log's first line as stored (its H record, unverified here) */
  head: string;
}

export interface Listing {
  logs: LogInfo[];
  /** SpeedSeq is the app running on the watch */
  appOpen: boolean;
  /** the highest log number, -1 if none */
  newest: number;
  /** a session is running (or waits to be resumed or saved): sync refuses */
  running: boolean;
}

export interface Fetched {
  text: string;
  manifest: Manifest;
}

export type DeleteResult = "deleted" | "newest" | "open" | "changed" | "absent" | "failed";

export interface Stats {
  bytesOut: number;
  bytesIn: number;
  frames: number;
  /** lines with a prefix but no valid frame */
  badFrames: number;
  requests: number;
  timeouts: number;
  retries: number;
  reconnects: number;
  /** chunks that arrived twice (a duplicated request or a resend) and were dropped */
  dupChunks: number;
  /** chunk frames that arrived out of order (one before them lost): the stream resumed */
  gaps: number;
  /** fetches whose copy did not match the watch's manifest and started again from chunk 0 */
  restarts: number;
  /** acks sent again after NUDGE_MS without a frame */
  nudges: number;
}

/** a failure worth another attempt: timeout, disconnect, gap */
class Retry extends Error {}

export class SyncClient {
  stats: Stats = { bytesOut: 0, bytesIn: 0, frames: 0, badFrames: 0, requests: 0, timeouts: 0, retries: 0, reconnects: 0, dupChunks: 0, gaps: 0, restarts: 0, nudges: 0 };
  readonly chunk: number;
  readonly window: number;
  private crc: Crc;
  private clock: Clock;
  private o: Required<Pick<ClientOptions, "firstMs" | "gapMs" | "attempts" | "reconnects">>;
  private log: (l: string) => void;
  private t: Transport | null = null;
  private off: (() => void) | null = null;
  private framer: Framer;
  private nextId: number;
  private connects = 0;
  /** the frame handler and the failure handler of the request in flight */
  private sink: ((fr: Frame) => void) | null = null;
  private fail: ((e: Error) => void) | null = null;

  constructor(private connect: Connect, o: ClientOptions) {
    this.crc = o.crc;
    this.clock = o.clock || realClock;
    this.chunk = o.chunk || CHUNK;
    this.window = o.window || WINDOW;
    this.o = { firstMs: o.firstMs || FIRST_MS, gapMs: o.gapMs || GAP_MS, attempts: o.attempts || ATTEMPTS, reconnects: o.reconnects ?? RECONNECTS };
    this.log = o.log || (() => {});
    this.framer = new Framer(this.crc);
    this.nextId = o.firstId || 1 + Math.floor(Math.random() * 1e6);
  }

  /** the link, opened (again) if needed */
  private async link(): Promise<Transport> {
    if (this.t) return this.t;
    let err: unknown;
    for (let i = 0; i <= this.o.reconnects; i++) {
      if (this.connects > 0 || i > 0) {
        this.stats.reconnects++;
        await sleep(this.clock, 300 * (i + 1));
      }
      try {
        const t = await this.connect();
        this.framer.reset();
        this.off = t.onData((d) => {
          if (this.t !== t) return;
          this.stats.bytesIn += d.length;
          const frames = this.framer.feed(d);
          this.stats.badFrames = this.framer.bad;
          this.stats.frames = this.framer.frames;
          for (const fr of frames) if (this.sink) this.sink(fr);
        });
        t.onClose(() => {
          if (this.t !== t) return;
          this.drop();
          if (this.fail) this.fail(new Retry("disconnected"));
        });
        this.t = t;
        // a snippet cut short by the previous link may sit half-typed on the watch: Ctrl-C clears
        // the input line (the console interrupts only code that is stuck, never a short handler)
        if (this.connects++ > 0) await this.send("\x03");
        return t;
      } catch (e) {
        err = e;
        this.log("connect failed: " + e);
      }
    }
    throw new Error("cannot connect to the watch: " + err);
  }

  private drop(): void {
    if (this.off) this.off();
    this.off = null;
    this.t = null;
    this.framer.reset();
  }

  private async send(s: string): Promise<void> {
    const t = this.t;
    if (!t) throw new Retry("disconnected");
    this.stats.bytesOut += s.length;
    try {
      await t.write(s);
    } catch (e) {
      // a link that cannot write is gone, even before it says so: the next attempt reconnects
      if (this.t === t) this.drop();
      throw new Retry("write failed: " + (e as Error).message);
    }
  }

  private id(): number {
    const i = this.nextId;
    this.nextId = i >= MAX_ID ? 1 : i + 1;
    return i;
  }

  /**
   * One request: writes snippet(id), feeds the answer's frames to `on` until it returns a value;
   * a timeout (first frame, or between frames) or a disconnect rejects with Retry. `nudge` runs
   * each NUDGE_MS without a frame before the timeout (a stream resends its last ack: a lost ack
   * would otherwise stall the window until the timeout).
   */
  private once<T>(snippet: (id: number) => string, on: (fr: Frame, id: number) => T | undefined, nudge?: (id: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.id();
      let timer: unknown = null;
      let poke: unknown = null;
      let done = false;
      const stop = () => {
        if (timer !== null) this.clock.cancel(timer);
        if (poke !== null) this.clock.cancel(poke);
        timer = poke = null;
      };
      const end = (e: Error | null, v?: T) => {
        if (done) return;
        done = true;
        stop();
        this.sink = this.fail = null;
        if (e) reject(e);
        else resolve(v as T);
      };
      const arm = (ms: number) => {
        stop();
        timer = this.clock.after(ms, () => {
          this.stats.timeouts++;
          end(new Retry("no answer"));
        });
        if (nudge) {
          const again = () => {
            poke = this.clock.after(NUDGE_MS, () => {
              this.stats.nudges++;
              nudge(id);
              again();
            });
          };
          again();
        }
      };
      this.sink = (fr) => {
        if (fr.id !== id) return;
        arm(this.o.gapMs);
        try {
          const v = on(fr, id);
          if (v !== undefined) end(null, v);
        } catch (e) {
          end(e as Error);
        }
      };
      this.fail = (e) => end(e);
      arm(this.o.firstMs);
      this.stats.requests++;
      this.send(snippet(id)).catch((e) => end(e instanceof Retry ? e : new Retry(String(e))));
    });
  }

  /** once(), retried on Retry up to `attempts` times, clearing the watch's input line between */
  private async request<T>(what: string, snippet: (id: number) => string, on: (fr: Frame, id: number) => T | undefined): Promise<T> {
    for (let a = 1; ; a++) {
      await this.link();
      try {
        return await this.once(snippet, on);
      } catch (e) {
        if (!(e instanceof Retry) || a >= this.o.attempts) throw new Error(what + ": " + (e as Error).message + " after " + a + " attempts");
        this.stats.retries++;
        this.log(what + ": " + e.message + ", retrying");
        await this.recover();
      }
    }
  }

  /** after a failed attempt: Ctrl-C (a garbled snippet may have left the input line open) */
  private async recover(): Promise<void> {
    try {
      if (this.t) await this.send("\x03");
    } catch {
      // the next attempt reconnects
    }
  }

  /** every session log with what its first line and the history file say, and whether a session runs */
  list(): Promise<Listing> {
    const logs: Record<string, LogInfo> = {};
    return this.request("list", (id) => listSnippet(id), (fr) => {
      if (fr.kind === "L" && fr.f.length >= 5) {
        const name = fr.f[0];
        let n: number;
        try {
          n = logNumber(name);
        } catch {
          return undefined;
        }
        const num = (s: string) => (s === "" ? undefined : Number(s));
        let head = "";
        try {
          head = atob(fr.f[4]);
        } catch {
          head = "";
        }
        logs[name] = { name: name, n: n, size: Number(fr.f[1]), histStartS: num(fr.f[2]), histDurS: num(fr.f[3]), head: head };
        return undefined;
      }
      if (fr.kind === "Z" && fr.f.length >= 4) {
        const all = Object.keys(logs).map((k) => logs[k]).sort((a, b) => a.n - b.n);
        // a lost L frame (its CRC failed) would hide a log: ask again
        if (all.length !== Number(fr.f[0])) throw new Retry("list: " + all.length + " of " + fr.f[0] + " logs arrived");
        return { logs: all, appOpen: fr.f[1] === "1", newest: Number(fr.f[2]), running: fr.f[3] === "1" };
      }
      return undefined;
    });
  }

  /** the manifest the watch computes now for log `name` */
  manifest(name: string): Promise<Manifest> {
    return this.manifestIn(name, this.chunk);
  }

  private manifestIn(name: string, ch: number): Promise<Manifest> {
    const n = logNumber(name);
    return this.request("manifest " + name, (id) => manifestSnippet(id, n, ch), (fr) => {
      if (fr.kind !== "M") return undefined;
      const m = manifestFields(fr.f);
      if (!m || m.name !== name || m.chunk !== ch) throw new Retry("manifest of " + (m ? m.name + "/" + m.chunk : "?") + " for " + name);
      return m;
    });
  }

  /**
   * Fetches log `name` whole: one stream from the first chunk not yet received, acking each
   * chunk; after a timeout, a gap or a disconnect it resumes at the first missing chunk (the
   * watch reads up to there again, on flash; nothing already received is sent again). An attempt
   * that brought nothing halves the chunk size (down to CHUNK_MIN): on a link that garbles long
   * frames, shorter ones get through. The copy is returned only when its manifest equals the
   * watch's; otherwise it starts again from the first byte.
   *
   * `size`: what the list said the log holds. A stream whose snippet was garbled on the way in
   * can describe a shorter file consistently (f.read() without its argument reads nothing: an
   * empty copy with an empty manifest). So a copy of another size is kept only when a second,
   * separate snippet (the manifest) agrees with the stream; a log that grew since the list passes.
   */
  async fetch(name: string, o: { size?: number; progress?: (bytes: number) => void } = {}): Promise<Fetched> {
    const progress = o.progress;
    const n = logNumber(name);
    let ch = this.chunk;
    let text = "";
    let tries = 0;
    let restarts = 0;
    for (;;) {
      await this.link();
      // resume after the last whole chunk (a short last one comes again with the end frame)
      text = text.substring(0, text.length - (text.length % ch));
      const before = text.length;
      const from = text.length / ch;
      let acked = from;
      try {
        const m = await this.once((id) => streamSnippet(id, n, from, ch, this.window), (fr, id) => {
          if (fr.kind === "C" && fr.f.length === 2) {
            const k = Number(fr.f[0]);
            const have = text.length / ch;
            if (k < have) {
              this.stats.dupChunks++;
              return undefined;
            }
            if (k > have) {
              this.stats.gaps++;
              throw new Retry("chunk " + have + " missing (got " + k + ")");
            }
            let d: string;
            try {
              d = atob(fr.f[1]);
            } catch {
              throw new Retry("chunk " + k + " is not base64");
            }
            // only the last chunk may be short: after a short one, the next frame must be E
            if (d.length > ch || d.length === 0 || text.length % ch) throw new Retry("chunk " + k + " has " + d.length + " bytes");
            text += d;
            if (progress) progress(text.length);
            acked = k + 1;
            this.send(ackSnippet(id, acked)).catch(() => {});
            return undefined;
          }
          if (fr.kind === "E") {
            const m = manifestFields(fr.f.slice(1));
            if (!m || m.name !== name || m.chunk !== ch || Number(fr.f[0]) !== from) throw new Retry("stream end does not match the request");
            if (m.chunks * ch < text.length || m.size > text.length) {
              this.stats.gaps++;
              throw new Retry("bytes " + text.length + ".." + m.size + " missing at the end");
            }
            return m;
          }
          return undefined;
        }, (id) => { this.send(ackSnippet(id, acked)).catch(() => {}); });
        let diff = manifestDiff(manifestOf(name, text, ch, this.crc), m);
        if (diff === "" && o.size !== undefined && text.length !== o.size) {
          this.log(name + ": " + text.length + " bytes, the list said " + o.size + ": asking the watch again");
          diff = manifestDiff(await this.manifestIn(name, ch), m);
        }
        if (diff === "") return { text: text, manifest: m };
        // the log changed on the watch since the first chunks (or more than a CRC can catch)
        this.stats.restarts++;
        this.log(name + ": copy differs from the watch's manifest (" + diff + "), fetching again from the start");
        if (++restarts >= 3) throw new Error(name + ": the log keeps changing on the watch");
        text = "";
      } catch (e) {
        if (!(e instanceof Retry)) throw e;
        // progress resets the count: a long log on a bad link still gets through
        tries = text.length > before ? 1 : tries + 1;
        if (tries >= this.o.attempts) throw new Error(name + ": " + e.message + " after " + tries + " attempts without progress");
        if (text.length === before && ch / 2 >= CHUNK_MIN) ch /= 2;
        this.stats.retries++;
        this.log(name + ": " + e.message + ", resuming at byte " + text.length + " in chunks of " + ch);
        await this.recover();
      }
    }
  }

  /**
   * Deletes log `name` on the watch if it still is exactly `verified` (the manifest of a copy the
   * phone has checked and kept): the watch recomputes its manifest and arms the delete with a
   * token; the phone checks that answer against its copy and only then confirms with the token.
   */
  async remove(name: string, verified: Manifest): Promise<DeleteResult> {
    const n = logNumber(name);
    if (verified.name !== name) throw new Error("manifest of " + verified.name + " given for " + name);
    const ch = verified.chunk;
    const armed = await this.request("delete " + name, (id) => armDeleteSnippet(id, n, ch, verified.size, verified.crc), (fr) => {
      if (fr.kind !== "D" || fr.f.length < 10) return undefined;
      const m = manifestFields(fr.f);
      if (!m || m.name !== name || m.chunk !== ch) throw new Retry("delete answer for another log");
      return { m: m, token: Number(fr.f[8]), why: fr.f[9] };
    });
    if (armed.why === "absent") return "absent";
    if (armed.why === "newest" || armed.why === "open" || armed.why === "changed") return armed.why;
    const diff = manifestDiff(armed.m, verified);
    if (diff !== "" || !(armed.token > 0)) {
      this.log(name + ": not deleted, the watch's log is not the verified copy (" + (diff || "no token") + ")");
      return "changed";
    }
    try {
      const gone = await this.request("delete " + name, (id) => deleteSnippet(id, n, armed.token), (fr) => {
        if (fr.kind !== "X" || fr.f.length < 2) return undefined;
        if (fr.f[0] === "") throw new Retry("delete not armed");
        if (fr.f[0] !== name) throw new Error("delete answered for " + fr.f[0]);
        return fr.f[1] === "1";
      });
      if (gone) return "deleted";
    } catch (e) {
      this.log(name + ": " + (e as Error).message);
    }
    // an answer lost on the way, or the watch reset between the steps: look at what is there now
    const now = await this.manifest(name);
    return now.size === 0 ? "deleted" : "failed";
  }

  /** ends any stream on the watch and closes the link */
  async close(): Promise<void> {
    const t = this.t;
    if (!t) return;
    try {
      await this.send(cancelSnippet());
    } catch {
      // gone already
    }
    this.drop();
    await t.close();
  }
}


