// The default session (or any) on the real Bangle.js 2 firmware, for the page's Worker
// (fw-worker.ts): the factory image, the app installed as an upload does, and emulator/driver.ts's
// SessionDriver playing the source into it through a Board-shaped wrapper around the firmware's
// Watch. No DOM and no Node imports: the browser test also runs it in Node.
import type { Board } from "../board/board";
import { SessionDriver, type DriveOptions } from "../driver";
import type { Source } from "../sources";
import type { Watch } from "../firmware/watch";
import type { Pause } from "../firmware/boot";
import { appInfo } from "../../tools/appinfo.mjs";

/** the wall clock at boot: the board's default start (2026-01-01 08:00 UTC) */
export const FW_START_MS = Date.UTC(2026, 0, 1, 8, 0, 0);

/** the accelerometer's rate while the app runs (the app asks for 80 ms, as on the watch) */
const ACCEL_MS = 80;

const noPause: Pause = () => Promise.resolve();

interface AppMeta {
  id: string; name: string; shortName?: string; type: string; version: string; tags: string;
  storage: { name: string; url: string; evaluate?: boolean }[];
  data: { name?: string; wildcard?: string }[];
}

/**
 * [storage name, byte string] for every file of an App Loader folder, .info last (tools/appinfo.mjs):
 * the logic of tools/appfiles.mjs (which reads the disk) over a fetch. `override` replaces files
 * by storage name (the page's "exact committed app.js").
 */
export async function appFilesFrom(get: (url: string) => Promise<string>, base = "apps/speedseq/", override: Record<string, string> = {}): Promise<[string, string][]> {
  const meta = JSON.parse(await get(`${base}metadata.json`)) as AppMeta;
  const files: [string, string][] = [];
  for (const s of meta.storage) {
    const raw = override[s.name] ?? (await get(base + s.url));
    // the loader's evaluate:true: our icon is a plain atob("…") expression, evaluated to its bytes
    files.push([s.name, s.evaluate ? String(new Function("atob", `return (${raw});`)(atob)) : raw]);
  }
  files.push(appInfo(meta, files.map((f) => f[0])) as [string, string]);
  return files;
}

type Xyz = { x: number; y: number; z: number };
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * The firmware watch with the Board methods SessionDriver calls (now, wallNow, emit, buttons,
 * tap, swipe, advanceAsync, realm). It also plays the hardware the firmware build lacks: the
 * accelerometer at 12.5 Hz and the step counter, from the source's cadence, in time order
 * between the driver's GPS/HRM events; GPS and HRM reach the app only while it powers them.
 */
export class WatchBoard {
  readonly realm = { asyncDrain: false, drainMicrotasks: () => Promise.resolve() };
  /** the accelerometer at a board time (the driver's wrist model), set once the driver exists */
  accelAt: (tMs: number) => Xyz = () => ({ x: 0, y: 0, z: -1 });
  /** steps per minute at a board second (the source's cadence) */
  spmAt: (tS: number) => number = () => 0;
  private nextAccelMs: number;
  private prev: Xyz = { x: 0, y: 0, z: -1 };
  private steps = 0;
  private nextStepMs = Infinity;
  private powered = { GPS: false, HRM: false };

  /** wall0: the watch's wall clock at board time 0 */
  constructor(readonly w: Watch, readonly wall0: number) {
    this.nextAccelMs = Math.ceil(this.now() / ACCEL_MS) * ACCEL_MS;
  }

  now(): number {
    return this.w.now() - this.wall0;
  }

  wallNow(): number {
    return this.w.now();
  }

  /** the emulator build ignores setTime() and a jump of its clock fires every timer in between */
  setTime(): void {
    throw new Error("clock jumps are not available on the real firmware");
  }

  emit(type: string, data: unknown): boolean {
    if (type === "GPS" || type === "HRM") {
      const p = this.w.powered();
      this.powered = { GPS: p.GPS.length > 0, HRM: p.HRM.length > 0 };
      if (!this.powered[type]) return false;
    }
    this.w.emit(type, data);
    return true;
  }

  buttonDown(): void { this.w.button(true); }
  buttonUp(): void { this.w.button(false); }
  tap(x: number, y: number): boolean { this.w.tap(x, y); return true; }
  /** a finger on the touch screen through the points, msPerPoint apart, lifted at the last (as the board's drag) */
  drag(points: { x: number; y: number }[], msPerPoint = 20): boolean {
    const M = this.w.fw.Module;
    for (const p of points) {
      M._jsSendTouchEvent(p.x, p.y, 1, 0);
      this.w.advance(msPerPoint);
    }
    const last = points[points.length - 1];
    M._jsSendTouchEvent(last.x, last.y, 0, 0);
    this.w.advance(0);
    return true;
  }
  swipe(lr: number, ud: number): boolean {
    this.w.swipe(lr > 0 ? "right" : lr < 0 ? "left" : ud > 0 ? "down" : "up");
    return true;
  }

  async advanceAsync(ms: number): Promise<void> {
    this.advance(ms);
  }

  /** runs the watch to now + ms, feeding accelerometer samples and steps as they fall due */
  advance(ms: number): void {
    const end = this.now() + Math.max(0, ms);
    for (;;) {
      const t = Math.min(this.nextAccelMs, this.nextStepMs);
      if (t > end) break;
      if (t > this.now()) this.w.advance(t - this.now());
      if (t === this.nextAccelMs) this.accel(t);
      else this.step(t);
    }
    if (end > this.now()) this.w.advance(end - this.now());
  }

  private accel(tMs: number): void {
    const d = this.accelAt(tMs), p = this.prev;
    const mag = Math.sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
    const diff = Math.sqrt((d.x - p.x) ** 2 + (d.y - p.y) ** 2 + (d.z - p.z) ** 2);
    this.w.emit("accel", { x: r4(d.x), y: r4(d.y), z: r4(d.z), mag: r4(mag), diff: r4(diff) });
    this.prev = d;
    this.nextAccelMs = tMs + ACCEL_MS;
    // the step counter follows the cadence: (re)start it once a second when it has stopped
    if (this.nextStepMs === Infinity && tMs % 1000 < ACCEL_MS) this.scheduleStep(tMs);
  }

  private scheduleStep(tMs: number): void {
    const spm = this.spmAt(Math.floor(tMs / 1000));
    this.nextStepMs = spm > 0 ? tMs + 60000 / spm : Infinity;
  }

  private step(tMs: number): void {
    this.w.emit("step", ++this.steps);
    this.scheduleStep(tMs);
  }
}

export interface FwSession { w: Watch; board: WatchBoard; driver: SessionDriver }

/**
 * Installs the app's files on a booted watch, loads the app (board time 0 is the load), and puts
 * the driver on it: the same path, seeds and sensor events as the board's session.
 */
export async function startFwSession(w: Watch, files: [string, string][], source: Source, o: DriveOptions, pause: Pause = noPause): Promise<FwSession> {
  for (const [name, data] of files) {
    w.writeFile(name, data);
    await pause();
  }
  const app = files.find((f) => f[0].endsWith(".app.js"))![0];
  const board = new WatchBoard(w, w.now());
  const driver = new SessionDriver(board as unknown as Board, source, o);
  board.accelAt = (t) => driver.accelAt(t);
  board.spmAt = (tS) => {
    const rows = source.rowsUpTo(tS + 1);
    // the last row at or before tS (rows are in time order)
    let lo = 0, hi = rows.length - 1;
    if (hi < 0 || rows[0].tS > tS) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rows[mid].tS <= tS) lo = mid;
      else hi = mid - 1;
    }
    return isFinite(rows[lo].spm) ? rows[lo].spm : 0;
  };
  w.exec(`load(${JSON.stringify(app)})`);
  // load() prints the boot banner again and turns echo back on
  board.advance(500);
  w.exec("echo(0)");
  return { w, board, driver };
}

/** whether the watch is locked, and the file it runs (`__FILE__`: the app, or the clock after load()) */
export function watchState(w: Watch): { locked: boolean; app: string } {
  const [locked, app] = w.eval<[boolean, string | undefined]>(`[Bangle.isLocked(),global.__FILE__]`);
  return { locked: !!locked, app: app ?? "" };
}

/** the number of the newest session log on the watch (speedseq.log<n>), or undefined */
export function newestLog(w: Watch): string | undefined {
  const names = w.eval<string[]>(`require("Storage").list(/^speedseq\\.log/,{sf:true})`);
  let best: string | undefined;
  for (const n of names) if (!best || parseInt(n.slice(12), 10) > parseInt(best.slice(12), 10)) best = n;
  return best;
}

/** every file on the watch (normal files and StorageFiles) with its size, in one console call */
export function fileListFw(w: Watch): { name: string; bytes: number; sf: boolean }[] {
  const r = w.eval<[string, number, number][]>(`(function(){var S=require("Storage"),r=[];
S.list(undefined,{sf:false}).forEach(function(n){r.push([n,S.read(n).length,0]);});
S.list(undefined,{sf:true}).forEach(function(n){r.push([n,S.open(n,"r").getLength(),1]);});return r;})()`.replace(/\n/g, ""));
  return r.map(([name, bytes, sf]) => ({ name, bytes, sf: !!sf }));
}
