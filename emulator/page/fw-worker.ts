// The page's Web Worker that hosts the real Bangle.js 2 firmware (the Espruino Web IDE's
// emscripten build, served by scripts/serve.mjs at /firmware/<file>): it boots a watch on the
// factory image (made once, kept in IndexedDB), installs the app as an upload does, and plays the
// session with emulator/driver.ts's SessionDriver (fw-session.ts) on the firmware's virtual clock,
// as fast as asked or as fast as the firmware goes. The page gets the screen (at most once per
// animation frame: it asks), buzzes, console output and, every second, the log and the files.
import { FIRMWARE_FILES, firmwareSource, instantiate, type FirmwareFiles } from "../firmware/instance";
import type { Watch } from "../firmware/watch";
import { recordingSource, syntheticSource, type RunnerKnobs, type Source } from "../sources";
import type { Row } from "../../src/sim/recording";
import { DEFAULT_SEEDS } from "../defaults";
import { WATCH_FILES } from "../../tools/watch-files.mjs";
import { appFilesFrom, fileListFw, FW_START_MS, newestLog, startFwSession, watchState, type FwSession } from "./fw-session";
import { bootOn, imageKey, makeFactoryImage } from "../firmware/boot";
import type { DoneWhy, FromWorker, Press, SourceSpec, ToWorker } from "./fw-protocol";

/** the Worker's global scope, as far as used here (the project type-checks with the DOM library) */
interface WorkerScope { postMessage(m: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null }
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** real ms a slice of emulation may take before the Worker looks at its messages again */
const SLICE_MS = 50;
/** real ms between the slow updates (log, files, rows) while playing */
const SLOW_MS = 1000;

let gen = 0;
let fw: { stamp: string; source: string } | undefined;
let s: FwSession | undefined;
let source: Source | undefined;
let knobs: RunnerKnobs = { sPerKm: 300, bpm: 150, spm: 172 };
let playing = false;
let speed = 10;
let btnDownAt = -1;
let done = false;
let doneWhy: DoneWhy | undefined;
/** BTN1 presses by the page's button, in board time */
let presses: Press[] = [];
/** emulated ms per driver call in a slice (see slice()) */
let stepMs = 1000;
let lastSliceAt = 0;
let lastSlowAt = 0;
let frameWanted = false;
let screenSent = false;
let sent = { buzzes: 0, errors: 0, rows: 0 };
const stats = { sliceMs: 0, firmwareMs: 0 };

/** a macrotask: start-up runs as small tasks so messages (a restart, say) get in between */
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

// ---- the factory image cache (IndexedDB; the first visit makes it, ~1 s)

function idb(): Promise<IDBDatabase> {
  return new Promise((ok, bad) => {
    const req = indexedDB.open("speedseq-firmware", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("images");
    req.onsuccess = () => ok(req.result);
    req.onerror = () => bad(req.error);
  });
}

async function cachedImage(key: string): Promise<Uint8Array | undefined> {
  try {
    const db = await idb();
    return await new Promise((ok) => {
      const req = db.transaction("images").objectStore("images").get(key);
      req.onsuccess = () => ok(req.result instanceof Uint8Array ? req.result : undefined);
      req.onerror = () => ok(undefined);
    });
  } catch {
    return undefined;
  }
}

async function cacheImage(key: string, img: Uint8Array): Promise<void> {
  try {
    const db = await idb();
    const tx = db.transaction("images", "readwrite");
    tx.objectStore("images").clear();
    tx.objectStore("images").put(img, key);
  } catch {
    // no cache: the next visit makes the image again
  }
}

// ---- start-up

async function firmware(stamp: string, progress: (t: string) => void): Promise<string> {
  if (fw && fw.stamp === stamp) return fw.source;
  progress("loading the firmware");
  const f = {} as FirmwareFiles;
  await Promise.all(Object.entries(FIRMWARE_FILES).map(async ([k, name]) => {
    const res = await fetch(`/firmware/${name}`);
    if (!res.ok) throw new Error(`/firmware/${name}: ${res.status}`);
    f[k as keyof FirmwareFiles] = await res.text();
  }));
  fw = { stamp, source: firmwareSource(f) };
  return fw.source;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

function makeSource(spec: SourceSpec): Source {
  if (spec.kind === "synthetic") {
    knobs = spec.knobs;
    return syntheticSource(() => knobs);
  }
  return recordingSource(spec.name, spec.rows, spec.leadS);
}

/**
 * The source as the driver sees it: rows up to the second asked for. A recording gives all its
 * rows whatever is asked, and the driver replays the rows it gets on every advance; the replay of
 * a prefix is the same events, so this only saves the firmware's time.
 */
function prefixView(src: Source): Source {
  let cut = -1;
  let view: Row[] = [];
  return {
    name: src.name,
    endS: src.endS,
    rowsUpTo(toS: number): Row[] {
      const rows = src.rowsUpTo(toS);
      let lo = 0, hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rows[mid].tS <= toS) lo = mid + 1;
        else hi = mid;
      }
      if (lo !== cut) {
        cut = lo;
        view = rows.slice(0, lo);
      }
      return view;
    },
  };
}

async function start(m: Extract<ToWorker, { t: "start" }>): Promise<void> {
  const g = (gen = m.gen);
  s = undefined;
  playing = false;
  done = false;
  doneWhy = undefined;
  presses = [];
  screenSent = false;
  sent = { buzzes: 0, errors: 0, rows: 0 };
  stats.sliceMs = stats.firmwareMs = 0;
  btnDownAt = -1;
  const progress = (text: string) => post({ t: "progress", gen: g, text });
  const stale = () => g !== gen;
  try {
    const src = await firmware(m.stamp, progress);
    if (stale()) return;
    const key = imageKey(m.stamp);
    let image = await cachedImage(key);
    const imageCached = !!image;
    if (!image) {
      progress("making the factory image (once)");
      const c0 = { now: FW_START_MS };
      const w0 = bootOn(await instantiate(src, c0), c0);
      await pause();
      image = await makeFactoryImage(w0, pause, (t) => progress(`factory image: ${t}`));
      if (stale()) return;
      await cacheImage(key, image);
    }
    progress("booting");
    const clock = { now: FW_START_MS };
    const w = bootOn(await instantiate(src, clock), clock, image);
    await pause();
    for (let i = 0; i < 8; i++) {
      w.advance(250);
      await pause();
    }
    if (stale()) return;
    const version = w.eval<string>("process.env.VERSION");
    progress("installing the app");
    // the watch's JS files from the chosen folder (built now, or as committed), the rest as built
    const chosen: Record<string, string> = {};
    for (const f of WATCH_FILES) chosen[f.name] = await text(m.appUrl + f.url);
    const files = await appFilesFrom(text, "/apps/speedseq/", chosen);
    if (stale()) return;
    source = makeSource(m.source);
    // the page's uploads first: files already on the watch when the app is installed and starts
    const session = await startFwSession(w, [...m.files, ...files], prefixView(source), { path: m.path, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist, noiseM: m.noiseM }, pause);
    if (stale()) return;
    s = session;
    // the files and the log first: the page is ready when "ready" arrives
    sendSlow();
    post({ t: "ready", gen: g, version, wall0: session.board.wall0, imageCached });
    sendFrame();
  } catch (e) {
    if (!stale()) post({ t: "error", gen: g, message: e instanceof Error ? e.message : String(e) });
  }
}

// ---- running

/** answers a pending frame request: board time, the screen if it changed, what is new */
function sendFrame(): void {
  if (!s || !frameWanted) return;
  frameWanted = false;
  const w = s.w;
  let rgba: Uint8Array | undefined;
  if (w.fw.Module._jsGfxChanged() || !screenSent) {
    rgba = w.screen();
    screenSent = true;
  }
  const wall0 = s.board.wall0;
  const buzzes = w.buzzes.slice(sent.buzzes).map((b) => ({ tMs: b.tMs - wall0, ms: b.ms, strength: b.strength }));
  sent.buzzes = w.buzzes.length;
  const errors = w.errors.slice(sent.errors).map((e) => `${e.message} ${e.where}`.trim());
  sent.errors = w.errors.length;
  const out = w.console;
  w.clearConsole();
  post({ t: "frame", gen, nowMs: s.board.now(), rgba, buzzes, console: out, errors, done, doneWhy, stats, presses, pathPending: s.driver.pathPending() }, rgba ? [rgba.buffer] : []);
}

/** the session log, the files, the source rows so far */
function sendSlow(): void {
  if (!s || !source) return;
  lastSlowAt = performance.now();
  const w = s.w;
  const rows = source.rowsUpTo(Math.ceil(s.board.now() / 1000));
  const fresh = rows.slice(sent.rows);
  sent.rows = rows.length;
  const name = newestLog(w);
  const log = name ? { name, text: w.readStorageFile(name) } : undefined;
  if (log && /\nE[0-9a-z]+,/.test(log.text)) finish("session");
  post({ t: "slow", gen, rows: fresh, log, files: fileListFw(w), ...watchState(w) });
}

function finish(why: DoneWhy): void {
  if (done) return;
  done = true;
  doneWhy = why;
}

function flush(slow: boolean): void {
  if (slow) sendSlow();
  sendFrame();
}

/**
 * One slice of emulation: watch time catches up with real time × speed (at full speed, as far as
 * it gets), in steps, until SLICE_MS of real time is spent. The step grows while a slice fits
 * many and shrinks when one step overruns, so the driver's per-call cost stays small.
 */
async function slice(): Promise<void> {
  if (!s || !playing || done) return;
  const t0 = performance.now();
  const realDt = Math.min(250, t0 - (lastSliceAt || t0));
  lastSliceAt = t0;
  // a held BTN1 runs in watch time at real speed, whatever the speed setting
  const want = btnDownAt >= 0 ? realDt : speed === Infinity ? Infinity : realDt * speed;
  const d = s.driver;
  const busy0 = s.w.busyMs;
  let covered = 0;
  let steps = 0;
  while (covered < want && performance.now() - t0 < SLICE_MS && !d.done()) {
    const step = Math.min(stepMs, want - covered);
    await d.advanceTo(s.board.now() + step);
    covered += step;
    steps++;
  }
  const spent = performance.now() - t0;
  stats.sliceMs += spent;
  stats.firmwareMs += s.w.busyMs - busy0;
  if (steps >= 4 && stepMs < 30_000) stepMs *= 2;
  else if (steps === 1 && covered === stepMs && spent > 2 * SLICE_MS && stepMs > 100) stepMs /= 2;
  if (d.done()) {
    // the log may have ended in this slice too: it says which came first
    sendSlow();
    finish("track");
  }
  if (done) playing = false;
}

let scheduled = false;
const wake = new MessageChannel();
wake.port1.onmessage = () => void loop();

function schedule(delayMs: number): void {
  if (scheduled) return;
  scheduled = true;
  if (delayMs <= 0) wake.port2.postMessage(0);
  else setTimeout(() => void loop(), delayMs);
}

async function loop(): Promise<void> {
  scheduled = false;
  if (!s || !playing) return;
  const t0 = performance.now();
  try {
    await slice();
  } catch (e) {
    playing = false;
    post({ t: "error", gen, message: e instanceof Error ? e.message : String(e) });
  }
  flush(performance.now() - lastSlowAt > SLOW_MS || done);
  if (!playing) return;
  // full speed: straight on; a set speed: the next slice ~30 times a second (each driver call
  // replays the source so far, so slices much finer than a frame would only cost time)
  schedule(speed === Infinity && btnDownAt < 0 ? 0 : Math.max(0, 33 - (performance.now() - t0)));
}

/** runs a user action now, in watch time; when paused, at once. The user has taken over: what is left of the start path is dropped */
async function act(run: () => void): Promise<void> {
  if (!s) return;
  s.driver.cancelPath();
  s.driver.now(run);
  if (!playing) {
    await s.driver.advanceTo(s.board.now());
    flush(true);
  }
}

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.t) {
      case "start":
        await start(m);
        break;
      case "play":
        playing = m.playing && !!s && !done;
        lastSliceAt = 0;
        if (playing) schedule(0);
        else flush(true);
        break;
      case "speed":
        speed = m.speed;
        break;
      case "frame":
        frameWanted = true;
        if (!playing) sendFrame();
        break;
      case "step":
        if (!s) break;
        await s.driver.advanceTo(s.board.now() + m.ms);
        flush(true);
        break;
      case "advanceTo":
        if (s) await s.driver.advanceTo(m.tMs);
        // the page gets the screen and the rest of this moment before the answer
        frameWanted = true;
        flush(true);
        post({ t: "done", id: m.id });
        break;
      case "tap": {
        const b = s?.board;
        await act(() => b?.tap(m.x, m.y));
        break;
      }
      case "btn": {
        if (!s) break;
        const b = s.board;
        if (m.down) {
          if (btnDownAt >= 0) break;
          btnDownAt = performance.now();
          await act(() => { presses.push({ downMs: b.now() }); b.buttonDown(); });
        } else {
          if (btnDownAt < 0) break;
          // the hold lasts at least as long in watch time as it did in real time (up to 5 s):
          // paused, or when the slices fell behind while it was down
          await s.driver.advanceTo(b.now());
          const p = presses[presses.length - 1];
          const short = p && p.upMs === undefined ? Math.min(5000, performance.now() - btnDownAt) - (b.now() - p.downMs) : 0;
          if (short > 0) await s.driver.advanceTo(b.now() + short);
          btnDownAt = -1;
          await act(() => {
            const p = presses[presses.length - 1];
            if (p && p.upMs === undefined) p.upMs = b.now();
            b.buttonUp();
          });
        }
        break;
      }
      case "knobs":
        knobs = m.knobs;
        break;
      case "noise":
        s?.driver.setNoise(m.m);
        break;
      case "dropout":
        s?.driver.dropout(m.s);
        break;
      case "jump":
        s?.driver.gpsJump(m.m);
        break;
      case "write":
        if (!s) break;
        s.w.writeFile(m.name, m.text);
        flush(true);
        break;
      case "read": {
        const w: Watch | undefined = s?.w;
        let t = "";
        if (w) t = (m.sf ? w.readStorageFile(m.name) : w.readFile(m.name)) ?? "";
        post({ t: "file", id: m.id, text: t });
        break;
      }
    }
  } catch (err) {
    post({ t: "error", gen, message: err instanceof Error ? err.message : String(err) });
  }
};
