// The page's side of the firmware Worker (fw-worker.ts): starts it, mirrors what it reports
// (board time, screen, buzzes, console, errors, session log, files, source rows) and forwards
// the page's controls. The page asks for a frame once per animation frame, one at a time.
import type { Buzz, PathStep } from "../driver";
import type { Row } from "../../src/sim/recording";
import type { RunnerKnobs } from "../sources";
import type { DoneWhy, FileEntry, FromWorker, Press, SourceSpec, ToWorker, WorkerStats } from "./fw-protocol";

export interface FwStatus { present: boolean; stamp?: string; missing?: string[] }

/** what the server says about the firmware files (scripts/serve.mjs); absent on any failure */
export async function firmwareStatus(): Promise<FwStatus> {
  try {
    const res = await fetch("/firmware/status");
    if (!res.ok) return { present: false };
    return (await res.json()) as FwStatus;
  } catch {
    return { present: false };
  }
}

export class FwClient {
  private worker: Worker;
  private gen = 0;
  private seq = 0;
  private waiting = new Map<number, (v: string) => void>();
  private frameAsked = false;
  version = "";
  wall0 = 0;
  imageCached = false;
  ready = false;
  nowMs = 0;
  /** the newest screen, RGBA, when one arrived since the page last took it */
  rgba: Uint8Array | undefined;
  buzzes: Buzz[] = [];
  errors: string[] = [];
  console = "";
  done = false;
  doneWhy: DoneWhy | undefined;
  stats: WorkerStats = { sliceMs: 0, firmwareMs: 0 };
  /** BTN1 presses by the page's button, in board time */
  presses: Press[] = [];
  /** steps of the start path are still to come */
  pathPending = false;
  /** the watch is locked (this firmware build never locks, but it is asked) */
  locked = false;
  /** the file the watch runs: speedseq.app.js, or the clock's once the app has left */
  app = "";
  rows: Row[] = [];
  log: { name: string; text: string } | undefined;
  files: FileEntry[] = [];
  onProgress: (text: string) => void = () => {};
  onFrame: () => void = () => {};
  onSlow: () => void = () => {};
  onError: (message: string) => void = () => {};
  private started: { ok: () => void; bad: (e: Error) => void } | undefined;

  constructor(readonly stamp: string) {
    this.worker = new Worker(new URL("./fw-worker.js", import.meta.url), { type: "module", name: "firmware" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => this.fail(e.message || "the firmware Worker failed");
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private fail(message: string): void {
    if (this.started) this.started.bad(new Error(message));
    else this.onError(message);
    this.started = undefined;
  }

  private receive(m: FromWorker): void {
    if ("gen" in m && m.gen !== this.gen) return;
    switch (m.t) {
      case "progress":
        this.onProgress(m.text);
        break;
      case "ready":
        this.version = m.version;
        this.wall0 = m.wall0;
        this.imageCached = m.imageCached;
        this.ready = true;
        this.started?.ok();
        this.started = undefined;
        break;
      case "error":
        this.fail(m.message);
        break;
      case "frame":
        this.frameAsked = false;
        this.nowMs = m.nowMs;
        if (m.rgba) this.rgba = m.rgba;
        this.buzzes.push(...m.buzzes);
        this.errors.push(...m.errors);
        if (m.console) this.console = (this.console + m.console).slice(-6000);
        this.done = m.done;
        this.doneWhy = m.doneWhy;
        this.stats = m.stats;
        this.presses = m.presses;
        this.pathPending = m.pathPending;
        this.onFrame();
        break;
      case "slow":
        this.rows.push(...m.rows);
        this.log = m.log;
        this.files = m.files;
        this.locked = m.locked;
        this.app = m.app;
        this.onSlow();
        break;
      case "file":
        this.waiting.get(m.id)?.(m.text);
        this.waiting.delete(m.id);
        break;
      case "done":
        this.waiting.get(m.id)?.("");
        this.waiting.delete(m.id);
        break;
    }
  }

  /** a fresh watch with `files` and the app installed and the session's driver on it; resolves when it is ready */
  start(appUrl: string, source: SourceSpec, noiseM: number, path: PathStep[], files: [string, string][]): Promise<void> {
    this.gen++;
    this.ready = false;
    this.done = false;
    this.doneWhy = undefined;
    this.presses = [];
    this.pathPending = path.length > 0;
    this.locked = false;
    this.app = "";
    this.nowMs = 0;
    this.rgba = undefined;
    this.buzzes = [];
    this.errors = [];
    this.console = "";
    this.rows = [];
    this.log = undefined;
    this.files = [];
    this.frameAsked = false;
    this.started?.bad(new Error("restarted"));
    const p = new Promise<void>((ok, bad) => { this.started = { ok, bad }; });
    this.send({ t: "start", gen: this.gen, stamp: this.stamp, appUrl, source, noiseM, path, files });
    return p;
  }

  /** asks for the next screen and what is new, unless a request is already out */
  requestFrame(): void {
    if (this.frameAsked || !this.ready) return;
    this.frameAsked = true;
    this.send({ t: "frame" });
  }

  play(playing: boolean): void { this.send({ t: "play", playing }); }
  speed(speed: number): void { this.send({ t: "speed", speed }); }
  step(ms: number): void { this.send({ t: "step", ms }); }
  tap(x: number, y: number): void { this.send({ t: "tap", x, y }); }
  button(down: boolean): void { this.send({ t: "btn", down }); }
  knobs(knobs: RunnerKnobs): void { this.send({ t: "knobs", knobs }); }
  noise(m: number): void { this.send({ t: "noise", m }); }
  dropout(s: number): void { this.send({ t: "dropout", s }); }
  jump(m: number): void { this.send({ t: "jump", m }); }
  write(name: string, text: string): void { this.send({ t: "write", name, text }); }

  read(name: string, sf: boolean): Promise<string> {
    const id = ++this.seq;
    return new Promise((ok) => {
      this.waiting.set(id, ok);
      this.send({ t: "read", id, name, sf });
    });
  }

  /** runs the watch to board time tMs, then delivers the frame and slow update that follow */
  async advanceTo(tMs: number): Promise<void> {
    const id = ++this.seq;
    await new Promise((ok) => {
      this.waiting.set(id, ok);
      this.send({ t: "advanceTo", id, tMs });
    });
  }

  terminate(): void {
    this.started?.bad(new Error("stopped"));
    this.started = undefined;
    this.worker.terminate();
  }
}
