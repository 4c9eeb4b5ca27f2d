// The ONE fake Bangle.js 2: the watch API as apps use it (Bangle, g, E, Storage, timers, BTN1,
// touch), running an app in a separate realm on a virtual clock, plus the test API every test and
// the emulator page share. Realm-agnostic: the caller supplies the realm (index.ts gives Node's).
import CRC32 from "crc-32";
import { nativeE } from "../../src/sim/native";
import { EventLoop, type LoopItem } from "./loop";
import { preludeSource, MISSING_BUILTINS, type Realm, type Intrinsics } from "./realm";
import { Graphics, SCREEN_W, SCREEN_H, type DrawEntry, type Box } from "./graphics";
import { Storage, StorageError, StorageFile, STORAGE_BYTES, toBinary } from "./storage";
import { heatshrinkDecompress, locale } from "./modules";
import { createEUi, type EUi } from "./ui";

export interface BoardOptions {
  /** the realm to run the app in (index.ts defaults to a node:vm context) */
  realm: Realm;
  /** wall-clock ms at virtual time 0 (default 2026-01-01T08:00:00Z) */
  startTime?: number;
  /** Storage capacity in bytes (default 8 MB) */
  storageBytes?: number;
  /** share a Storage between boards (a reload keeps the flash) */
  storage?: Storage;
  /** battery percentage E.getBattery() reports */
  battery?: number;
  /** the oldest half of the draw log is dropped beyond this many entries (default 20000) */
  drawLogLimit?: number;
  /** accelerometer: false = no samples; a function gives {x,y,z} in g for a virtual time */
  accel?: false | ((tMs: number) => { x: number; y: number; z: number });
  /** how long compaction stalls the watch, from the live bytes it moves (default 2 s + 1 ms/KB) */
  compactStallMs?: (liveBytes: number) => number;
}

export interface BuzzEntry { tMs: number; ms: number; strength: number; requestedAtMs: number; kind: "buzz" | "beep" }
export interface BoardError { tMs: number; message: string; stack?: string }
export interface Compaction { tMs: number; stallMs: number; liveBytes: number }

type Listener = (...args: any[]) => unknown;
type Sensor = "GPS" | "HRM" | "Compass" | "Barometer";
interface Timer { id: number; item: LoopItem; fn: unknown; args: unknown[]; interval?: number; ms: number }
interface Watch { id: number; fn: Listener; repeat: boolean; edge: number; lastTime: number }
interface UiState {
  mode?: string;
  listeners: [string, Listener][];
  btnWatch?: number;
  backWatch?: number;
  remove?: Listener;
  back?: Listener;
}

export const DEFAULT_OPTIONS: Readonly<Record<string, unknown>> = {
  wakeOnBTN1: true, wakeOnTouch: false, wakeOnTwist: true, wakeOnFaceUp: false,
  lockTimeout: 10000, lcdPowerTimeout: 10000, backlightTimeout: 10000, btnLoadTimeout: 1500,
  powerSave: true, hrmPollInterval: 40, hrmSportMode: 0, hrmWearDetect: true, hrmPushEnv: false,
  twistThreshold: 800, twistMaxY: -800, twistTimeout: 1000, seaLevelPressure: 1013.25,
};

const ACCEL_FAST_MS = 80;
const ACCEL_SLOW_MS = 800;
const STILL_MS = 60000;
const MOVE_G = 0.2;
const WIDGET_H = 24;
/** properties of the realm's global object the board itself may add while an app runs */
const FIRMWARE_GLOBALS = ["WIDGETS"];

const GPS_DEFAULTS = { lat: NaN, lon: NaN, alt: NaN, speed: NaN, course: NaN, time: undefined, satellites: 0, fix: 0, hdop: NaN };
const HRM_DEFAULTS = { bpm: 0, confidence: 0 };

export type Board = ReturnType<typeof createBoardCore>;

export function createBoardCore(opts: BoardOptions) {
  const realm = opts.realm;
  const loop = new EventLoop();
  const R: Intrinsics = (realm.evaluate(preludeSource(), "prelude.js") as (m: readonly string[]) => (n: () => number) => Intrinsics)(MISSING_BUILTINS)(() => wallNow());
  let wallOffset = opts.startTime ?? Date.UTC(2026, 0, 1, 8, 0, 0);
  const wallNow = () => loop.now + wallOffset;

  // ---- records the tests read ----
  const drawLog: DrawEntry[] = [];
  const drawLogLimit = opts.drawLogLimit ?? 20000;
  const buzzes: BuzzEntry[] = [];
  const errors: BoardError[] = [];
  const compactions: Compaction[] = [];
  const consoleLines: string[] = [];
  let serialOut = "";
  const serialSubs: ((s: string) => void)[] = [];
  const state = { exited: false, loaded: undefined as string | undefined, appId: "app", pendingLoad: undefined as string | undefined | null };

  const realmError = (msg: string): Error => new R.Error(msg);
  const realmize = (v: unknown): any => toRealm(R, v);

  // ---- running app code ----
  /** a screen the watch would draw garbled: reported once, like an app error */
  function layoutError(msg: string): void {
    if (!errors.some((e) => e.message === msg)) errors.push({ tMs: loop.now, message: msg });
  }
  function recordError(e: unknown): void {
    const msg = e && typeof e === "object" && "message" in e ? String((e as Error).message) : String(e);
    errors.push({ tMs: loop.now, message: msg, stack: (e as Error)?.stack });
    serialWrite(`Uncaught Error: ${msg}\r\n`);
  }
  /** calls app code the way the watch's idle loop does: errors are reported, not thrown */
  function invoke(fn: unknown, thisArg: unknown, args: unknown[]): unknown {
    if (state.exited) return undefined;
    let r: unknown;
    try {
      if (typeof fn === "string") r = realm.evaluate(fn, "timer");
      else if (typeof fn === "function") r = fn.apply(thisArg, args);
    } catch (e) {
      recordError(e);
    }
    afterCode();
    return r;
  }
  let pendingDrain: Promise<void> | undefined;
  function afterCode(): void {
    const d = realm.drainMicrotasks();
    if (d instanceof Promise) pendingDrain = pendingDrain ? pendingDrain.then(() => d) : d;
    if (state.pendingLoad !== undefined && state.pendingLoad !== null) performLoad(state.pendingLoad);
  }

  // ---- events ----
  const listeners = { Bangle: new Map<string, Listener[]>(), E: new Map<string, Listener[]>() };
  type Target = keyof typeof listeners;
  function on(t: Target, ev: string, fn: Listener): void {
    if (typeof fn !== "function") throw realmError(`Expecting a function for event ${ev}`);
    const l = listeners[t].get(ev) ?? [];
    l.push(fn);
    listeners[t].set(ev, l);
  }
  function removeListener(t: Target, ev: string, fn: Listener): void {
    const l = listeners[t].get(ev);
    if (!l) return;
    const i = l.indexOf(fn);
    if (i >= 0) l.splice(i, 1);
    if (!l.length) listeners[t].delete(ev);
  }
  function hasListeners(t: Target, ev: string): boolean {
    return (listeners[t].get(ev)?.length ?? 0) > 0;
  }
  /** runs the handlers now (from the loop); each handler is its own piece of app code */
  function dispatch(t: Target, ev: string, args: unknown[]): void {
    const l = listeners[t].get(ev);
    if (!l) return;
    for (const fn of l.slice()) invoke(fn, t === "Bangle" ? Bangle : E, args);
  }
  /** queues an event: handlers run after the current code, never inline */
  function emitQueued(t: Target, ev: string, args: unknown[]): void {
    loop.queue(() => dispatch(t, ev, args));
  }

  // ---- timers ----
  const timers = new Map<number, Timer>();
  let nextTimerId = 1;
  function addTimer(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof fn !== "function" && typeof fn !== "string") throw realmError("Function or String not supplied!");
    const delay = Math.max(0, +(ms as number) || 0);
    const id = nextTimerId++;
    const t: Timer = { id, fn, args, ms: delay, interval: repeat ? Math.max(1, delay) : undefined, item: undefined as unknown as LoopItem };
    const fire = () => {
      if (t.interval !== undefined) t.item = loop.schedule(t.item.t + t.interval, fire);
      else timers.delete(id);
      invoke(t.fn, undefined, t.args);
    };
    t.item = loop.schedule(loop.now + delay, fire);
    timers.set(id, t);
    return id;
  }
  function clearTimer(id: unknown): void {
    if (id === undefined) {
      // Espruino: clearTimeout()/clearInterval() with no argument clears every timer
      for (const t of timers.values()) loop.cancel(t.item);
      timers.clear();
      return;
    }
    const t = timers.get(+(id as number));
    if (!t) return;
    loop.cancel(t.item);
    timers.delete(t.id);
  }

  // ---- BTN1 and watches ----
  const watches = new Map<number, Watch>();
  let nextWatchId = 1;
  const BTN1 = Object.freeze({ read: () => btn.down, toString: () => "BTN1", pin: "D17" });
  function setWatch(fn: Listener, pin: unknown, o?: any): number {
    if (typeof fn !== "function") throw realmError("Function not supplied!");
    if (pin !== BTN1) throw realmError("setWatch: only BTN1 exists on this board");
    const options = typeof o === "object" && o ? o : {};
    const e = options.edge;
    const edge = e === "rising" || e === 1 ? 1 : e === "falling" || e === -1 ? -1 : 0;
    const id = nextWatchId++;
    watches.set(id, { id, fn, repeat: !!options.repeat, edge, lastTime: getTime() });
    return id;
  }
  function clearWatch(id?: unknown): void {
    if (id === undefined) watches.clear();
    else if (!watches.delete(+(id as number))) throw realmError("Unknown Watch");
  }
  function fireWatches(state: boolean): void {
    const time = getTime();
    for (const w of [...watches.values()]) {
      if (w.edge === (state ? -1 : 1)) continue;
      if (!w.repeat) watches.delete(w.id);
      const lastTime = w.lastTime;
      w.lastTime = time;
      loop.queue(() => invoke(w.fn, undefined, [realmize({ state, time, lastTime })]));
    }
  }
  const btn = { down: false, consumed: false, hold: undefined as LoopItem | undefined };
  function buttonDown(): void {
    if (btn.down || state.exited) return;
    btn.down = true;
    btn.consumed = false;
    activity();
    if (locked) {
      // the first press only unlocks; neither edge reaches the app
      btn.consumed = true;
      setLocked(false, "button");
    } else fireWatches(true);
    const hold = +(options.btnLoadTimeout as number);
    if (hold > 0) btn.hold = loop.schedule(loop.now + hold, () => {
      if (btn.down) { btn.consumed = true; requestLoad(undefined, true); }
    });
  }
  function buttonUp(): void {
    if (!btn.down) return;
    btn.down = false;
    loop.cancel(btn.hold);
    if (!btn.consumed && !state.exited) fireWatches(false);
  }

  // ---- lock ----
  let locked = false;
  let lockItem: LoopItem | undefined;
  function setLocked(on: boolean, reason: string): void {
    on = !!on;
    if (on !== locked) {
      locked = on;
      emitQueued("Bangle", "lock", [on, reason]);
    }
    scheduleLock();
  }
  function activity(): void {
    lastActivity = loop.now;
    scheduleLock();
  }
  let lastActivity = 0;
  function scheduleLock(): void {
    loop.cancel(lockItem);
    lockItem = undefined;
    const ms = +(options.lockTimeout as number);
    if (locked || !(ms > 0)) return;
    lockItem = loop.schedule(lastActivity + ms, () => {
      lockItem = undefined;
      if (!locked && !state.exited) setLocked(true, "timeout");
    });
  }

  // ---- options and power ----
  const options: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  const power: Record<Sensor, Set<string>> = { GPS: new Set(), HRM: new Set(), Compass: new Set(), Barometer: new Set() };
  function setPower(s: Sensor, on: unknown, id: unknown): boolean {
    const key = id === undefined ? "?" : String(id);
    if (on) power[s].add(key);
    else power[s].delete(key);
    return power[s].size > 0;
  }
  const isOn = (s: Sensor) => power[s].size > 0;

  // ---- accelerometer with the firmware's power saving ----
  let accelSource = opts.accel === false ? undefined : opts.accel ?? (() => ({ x: 0, y: 0, z: -1 }));
  let lastAccel = { x: 0, y: 0, z: -1, diff: 0, mag: 1 };
  let lastMoveMs = 0;
  let pollFixedMs: number | undefined;
  const accelIntervals: number[] = [];
  function accelInterval(): number {
    if (pollFixedMs !== undefined) return pollFixedMs;
    return options.powerSave !== false && loop.now - lastMoveMs >= STILL_MS ? ACCEL_SLOW_MS : ACCEL_FAST_MS;
  }
  function accelSample(a: { x: number; y: number; z: number }): void {
    const dx = a.x - lastAccel.x, dy = a.y - lastAccel.y, dz = a.z - lastAccel.z;
    const s = { x: a.x, y: a.y, z: a.z, diff: Math.sqrt(dx * dx + dy * dy + dz * dz), mag: Math.sqrt(a.x * a.x + a.y * a.y + a.z * a.z) };
    lastAccel = s;
    if (s.diff > MOVE_G) lastMoveMs = loop.now;
    if (hasListeners("Bangle", "accel")) dispatch("Bangle", "accel", [realmize(s)]);
  }
  let accelRunning = false;
  function startAccel(): void {
    if (accelRunning || !accelSource) return;
    accelRunning = true;
    const tick = (): void => {
      if (accelSource) accelSample(accelSource(loop.now));
      const iv = accelInterval();
      if (accelIntervals[accelIntervals.length - 1] !== iv) accelIntervals.push(iv);
      loop.schedule(loop.now + iv, tick);
    };
    loop.schedule(loop.now + ACCEL_FAST_MS, tick);
  }
  startAccel();

  // ---- buzz ----
  let buzzBusyUntil = 0;
  function buzz(ms: unknown, strength: unknown, kind: "buzz" | "beep"): Promise<void> {
    const len = ms === undefined ? 200 : Math.max(0, +(ms as number) || 0);
    const str = strength === undefined ? 1 : +(strength as number);
    const start = Math.max(loop.now, buzzBusyUntil);
    buzzBusyUntil = start + len;
    buzzes.push({ tMs: start, ms: len, strength: str, requestedAtMs: loop.now, kind });
    return new R.Promise<void>((resolve) => {
      loop.schedule(start + len, () => { resolve(); afterCode(); });
    });
  }

  // ---- graphics ----
  const g = new Graphics({
    now: () => loop.now,
    log: (e) => {
      drawLog.push(e);
      if (drawLog.length > drawLogLimit) drawLog.splice(0, drawLog.length >> 1);
      checkLayout(e);
    },
    error: realmError,
  });
  // The bitmap fonts are as wide as the firmware's, so bitmap text that runs past the screen's
  // edge, or over other bitmap text drawn since that spot was last cleared, is garbled on the
  // watch too. (Our Vector font's widths are not the firmware's: Vector text is not checked.)
  let textBoxes: { text: string; box: Box }[] = [];
  const meets = (a: Box, b: Box) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
  function checkLayout(e: DrawEntry): void {
    if (e.op === "clear") textBoxes = [];
    else if (e.op === "rect" && e.fill) textBoxes = textBoxes.filter((t) => !meets(t.box, e.box));
    if (e.op !== "text" || e.font === "Vector") return;
    if (e.box.x1 < 0 || e.box.x2 > SCREEN_W - 1)
      layoutError(`text ${JSON.stringify(e.text)} (${e.font}) spans x ${e.box.x1}..${e.box.x2}: on the watch it would run off the ${SCREEN_W} px screen`);
    for (const t of textBoxes)
      if (meets(t.box, e.box) && t.text !== e.text)
        layoutError(`text ${JSON.stringify(e.text)} is drawn over ${JSON.stringify(t.text)}: on the watch they would overlap`);
    textBoxes.push({ text: e.text, box: e.box });
  }
  let widgetsLoaded = false;
  const appRect = () => {
    const y = widgetsLoaded ? WIDGET_H : 0;
    return { x: 0, y, w: SCREEN_W, h: SCREEN_H - y, x2: SCREEN_W - 1, y2: SCREEN_H - 1 };
  };

  // ---- setUI ----
  let ui: UiState = { listeners: [] };
  function setUI(mode?: unknown, cb?: Listener): void {
    let o: any = {};
    if (mode && typeof mode === "object") {
      o = mode;
      mode = o.mode;
      if (!mode) throw realmError("Missing mode in setUI({...})");
    }
    const old = ui;
    ui = { listeners: [] };
    for (const [ev, fn] of old.listeners) removeListener("Bangle", ev, fn);
    if (old.btnWatch !== undefined) watches.delete(old.btnWatch);
    if (old.backWatch !== undefined) watches.delete(old.backWatch);
    if (old.remove) invoke(old.remove, undefined, []);
    g.reset();
    if (!mode) return;
    const add = (ev: string, fn: Listener) => { on("Bangle", ev, fn); ui.listeners.push([ev, fn]); };
    ui.mode = String(mode);
    let touch: Listener | undefined;
    let btnFn: Listener | undefined;
    if (mode === "custom") {
      touch = o.touch;
      if (o.drag) add("drag", o.drag);
      if (o.swipe) add("swipe", o.swipe);
      if (o.btn) btnFn = () => o.btn(1);
    } else if (mode === "updown" || mode === "leftright") {
      let acc = 0;
      const key = mode === "updown" ? "dy" : "dx";
      add("drag", (e: any) => {
        acc += e[key];
        if (!e.b) acc = 0;
        while (Math.abs(acc) > 32) {
          const dir = acc > 0 ? 1 : -1;
          acc -= 32 * dir;
          invoke(cb, undefined, [dir]);
        }
      });
      touch = () => cb && cb();
      btnFn = () => cb && cb();
    } else if (mode === "clock" || mode === "clockupdown") {
      btnFn = () => requestLoad("launcher");
    } else throw realmError("Unknown UI mode " + String(mode));
    if (btnFn) {
      const f = btnFn;
      // the firmware's setUI watches BTN1's rising edge: btn fires on the press, not the release
      ui.btnWatch = setWatch(() => f(), BTN1, { repeat: true, edge: "rising" });
    }
    if (typeof o.remove === "function") ui.remove = o.remove;
    if (typeof o.back === "function") {
      ui.back = o.back;
      // the back widget: a tap in the top-left corner, or BTN1 when the UI has no button of its own
      if (ui.btnWatch === undefined) {
        const back = o.back;
        ui.backWatch = setWatch(() => { ui.backWatch = undefined; back(); }, BTN1, { edge: "rising" });
      }
    }
    const back = ui.back;
    if (touch || back) {
      const t = touch;
      add("touch", (n: number, e: any) => {
        if (back && e && e.y < 36 && e.x < 48) return back();
        if (t) return t(n, e);
      });
    }
  }

  // ---- loading another app (load(), the long press, Bangle.showClock) ----
  function requestLoad(file: string | undefined, fromHardware = false): void {
    if (state.exited) return;
    if (fromHardware) performLoad(file ?? "");
    else state.pendingLoad = file ?? "";
  }
  function performLoad(file: string): void {
    state.pendingLoad = undefined;
    if (state.exited) return;
    dispatch("E", "kill", []);
    state.loaded = file || "clock";
    state.exited = true;
    for (const t of timers.values()) loop.cancel(t.item);
    timers.clear();
    watches.clear();
    listeners.Bangle.clear();
    listeners.E.clear();
    ui = { listeners: [] };
  }

  // ---- storage ----
  const storage = opts.storage ?? new Storage(opts.storageBytes ?? STORAGE_BYTES);
  (storage as unknown as { hooks: { onCompact(b: number): void; onLongName(n: string, max: number): void } }).hooks = {
    // the watch cuts a longer name silently (two names can become one file): the board reports it
    onLongName(name: string, max: number) {
      layoutError(`Storage name ${JSON.stringify(name)} is ${name.length} characters: the watch keeps only the first ${max}`);
    },
    onCompact(liveBytes: number) {
      const stallMs = Math.round(opts.compactStallMs ? opts.compactStallMs(liveBytes) : 2000 + liveBytes / 1024);
      compactions.push({ tMs: loop.now, stallMs, liveBytes });
      loop.stall(stallMs);
    },
  };
  const wrapStorageErrors = <T extends (...a: any[]) => any>(f: T): T =>
    ((...a: any[]) => {
      try {
        return f(...a);
      } catch (e) {
        if (e instanceof StorageError) throw realmError(e.message);
        throw e;
      }
    }) as T;
  function realmStorageFile(f: StorageFile) {
    return {
      write: wrapStorageErrors((d: unknown) => f.write(d)),
      read: (n: number) => f.read(n),
      readLine: () => f.readLine(),
      getLength: () => f.getLength(),
      erase: () => f.erase(),
    };
  }
  const StorageModule = {
    read: (n: string, o?: number, l?: number) => storage.read(n, o, l),
    readJSON: wrapStorageErrors((n: string, noExc?: boolean) => realmize(storage.readJSON(n, noExc))),
    readArrayBuffer: (n: string) => storage.readArrayBuffer(n),
    write: wrapStorageErrors((n: string, d: unknown, o?: number, s?: number) => storage.write(n, d, o, s)),
    writeJSON: wrapStorageErrors((n: string, d: unknown) => storage.writeJSON(n, d)),
    erase: (n: string) => storage.erase(n),
    list: (re?: any, f?: any) => realmize(storage.list(re, f)),
    getFree: () => storage.getFree(),
    getStats: () => realmize(storage.getStats()),
    compact: () => storage.compact(),
    open: wrapStorageErrors((n: string, m: string) => realmStorageFile(storage.open(n, m))),
    hash: (re?: any) => CRC32.str(storage.list(re).join(",")) >>> 0,
  };

  // ---- console and serial (the watch's REPL) ----
  function serialWrite(s: string): void {
    serialOut += s;
    for (const f of serialSubs) f(s);
  }
  function consoleLog(...args: unknown[]): void {
    const line = args.map((a) => (typeof a === "string" ? a : formatValue(a))).join(" ");
    consoleLines.push(line);
    serialWrite(line + "\r\n");
  }
  let serialIn = "";
  function serialInput(data: string): void {
    serialIn += data;
    for (;;) {
      // like the REPL, a statement ends at the first newline where its brackets balance
      const end = statementEnd(serialIn);
      if (end < 0) return;
      const statement = serialIn.slice(0, end).replace(/\r/g, "");
      serialIn = serialIn.slice(end + 1);
      if (!statement.trim()) continue;
      const quiet = statement.startsWith("\x10");
      const code = quiet ? statement.slice(1) : statement;
      if (!quiet) serialWrite(code + "\r\n");
      const before = serialOut.length;
      let result: unknown;
      let failed = false;
      try {
        result = realm.evaluate(code, "REPL");
      } catch (e) {
        failed = true;
        recordError(e);
      }
      afterCode();
      // a line starting with \x10 prints no "=value"; the prompt comes back only after output
      if (!quiet) serialWrite((failed ? "" : "=" + formatValue(result) + "\r\n") + ">");
      else if (serialOut.length > before) serialWrite(">");
    }
  }

  // ---- wall clock ----
  const getTime = () => wallNow() / 1000;

  // the event methods Bangle and E share, each on its own listener table
  const emitter = (o: "Bangle" | "E") => ({
    on: (ev: string, fn: Listener) => on(o, ev, fn),
    addListener: (ev: string, fn: Listener) => on(o, ev, fn),
    removeListener: (ev: string, fn: Listener) => removeListener(o, ev, fn),
    removeAllListeners: (ev?: string) => (ev === undefined ? listeners[o].clear() : listeners[o].delete(ev)),
    emit: (ev: string, ...args: unknown[]) => emitQueued(o, ev, args),
  });

  // ---- the API objects the app sees ----
  const Bangle: Record<string, unknown> = {
    ...emitter("Bangle"),
    buzz: (ms?: number, s?: number) => buzz(ms, s, "buzz"),
    beep: (ms?: number) => buzz(ms, 1, "beep"),
    setGPSPower: (on: unknown, id?: string) => setPower("GPS", on, id),
    setHRMPower: (on: unknown, id?: string) => setPower("HRM", on, id),
    setCompassPower: (on: unknown, id?: string) => setPower("Compass", on, id),
    setBarometerPower: (on: unknown, id?: string) => setPower("Barometer", on, id),
    isGPSOn: () => isOn("GPS"),
    isHRMOn: () => isOn("HRM"),
    isCompassOn: () => isOn("Compass"),
    isBarometerOn: () => isOn("Barometer"),
    getGPSFix: () => realmize(lastFix),
    getAccel: () => realmize(lastAccel),
    getCompass: () => realmize({ x: 0, y: 0, z: 0, dx: 0, dy: 0, dz: 0, heading: NaN }),
    getStepCount: () => steps,
    setStepCount: (n: number) => { steps = +n || 0; },
    getHealthStatus: () => realmize({ movement: 0, steps, bpm: lastBpm, bpmConfidence: 0 }),
    setPollInterval: (ms: number) => {
      // as the firmware: 10..4000 ms or it throws; a fixed poll interval also turns power saving off
      if (!(+ms >= 10 && +ms <= 4000)) throw realmError("Invalid interval");
      pollFixedMs = +ms;
      options.powerSave = false;
    },
    setOptions: (o: Record<string, unknown>) => {
      if (!o || typeof o !== "object") return;
      for (const k of Object.keys(o)) options[k] = o[k];
      if (o.powerSave) pollFixedMs = undefined;
      if ("lockTimeout" in o) scheduleLock();
    },
    getOptions: () => realmize(options),
    isLocked: () => locked,
    setLocked: (on: unknown) => setLocked(!!on, "js"),
    setLCDTimeout: (s: number) => {
      options.lockTimeout = options.backlightTimeout = options.lcdPowerTimeout = Math.max(0, +s * 1000 || 0);
      scheduleLock();
    },
    setLCDPower: () => undefined,
    setLCDBrightness: () => undefined,
    setBacklight: () => undefined,
    isLCDOn: () => true,
    isBacklightOn: () => !locked,
    isCharging: () => false,
    setUI: (mode?: unknown, cb?: Listener) => setUI(mode, cb),
    loadWidgets: () => {
      widgetsLoaded = true;
      if (!realm.global.WIDGETS) realm.global.WIDGETS = new R.Object();
    },
    // widgets draw in their own 24 px; the board has none to draw but logs the call
    drawWidgets: () => { drawLog.push({ op: "widgets", tMs: loop.now }); },
    load: (file?: string) => requestLoad(file),
    showClock: () => requestLoad(undefined),
    showLauncher: () => requestLoad("launcher"),
    softOff: () => requestLoad("off"),
  };
  Object.defineProperty(Bangle, "appRect", { get: () => realmize(appRect()), enumerable: true });
  let steps = 0;
  let lastBpm = NaN;
  let lastFix: Record<string, unknown> = { ...GPS_DEFAULTS };

  const eUi: EUi = createEUi({
    g, appRect, setUI, invoke, realmError,
    newPromise: (exec) => new R.Promise(exec),
    drawWidgets: () => (Bangle.drawWidgets as () => void)(),
    layoutError,
  });

  let timeZone = 0;
  const E: Record<string, unknown> = {
    ...emitter("E"),
    CRC32: (d: unknown) => CRC32.bstr(toBinary(d)) >>> 0,
    sum: nativeE.sum,
    variance: nativeE.variance,
    FFT: nativeE.FFT,
    convolve: nativeE.convolve,
    clip: (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x)),
    getBattery: () => opts.battery ?? 80,
    getTemperature: () => 25,
    setTimeZone: (h: number) => { timeZone = +h || 0; },
    getSizeOf: () => 1,
    kickWatchdog: () => undefined,
    toJS: (v: unknown) => formatValue(v),
    toString: (...a: unknown[]) => a.map(toBinary).join(""),
    toUint8Array: (...a: unknown[]) => {
      const s = a.map(toBinary).join("");
      const u = new (realm.global.Uint8Array as Uint8ArrayConstructor)(s.length);
      for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
      return u;
    },
    showMessage: (m: unknown, t?: unknown) => eUi.showMessage(m, t),
    showPrompt: (m: unknown, o?: unknown) => eUi.showPrompt(m, o),
    showAlert: (m: unknown, t?: unknown) => eUi.showPrompt(m, { title: t, buttons: { Ok: true } }),
    showMenu: (items?: unknown) => eUi.showMenu(items),
    reboot: () => requestLoad("reboot"),
  };

  const modules: Record<string, unknown> = {
    Storage: StorageModule,
    heatshrink: {
      decompress: (d: unknown) => {
        const u = heatshrinkDecompress(toBinary(d));
        const r = new (realm.global.Uint8Array as Uint8ArrayConstructor)(u.length);
        r.set(u);
        return r.buffer;
      },
    },
    locale,
  };

  const globals: Record<string, unknown> = {
    Bangle, E, g, BTN1, BTN: BTN1,
    setTimeout: (fn: unknown, ms?: number, ...a: unknown[]) => addTimer(fn, ms, a, false),
    setInterval: (fn: unknown, ms?: number, ...a: unknown[]) => addTimer(fn, ms, a, true),
    clearTimeout: (id?: unknown) => clearTimer(id),
    clearInterval: (id?: unknown) => clearTimer(id),
    changeInterval: (id: number, ms: number) => {
      const t = timers.get(+id);
      if (!t || t.interval === undefined) throw realmError("Unknown Interval");
      t.interval = Math.max(1, +ms || 0);
      loop.cancel(t.item);
      const fire = () => { t.item = loop.schedule(t.item.t + t.interval!, fire); invoke(t.fn, undefined, t.args); };
      t.item = loop.schedule(loop.now + t.interval, fire);
    },
    setWatch: (fn: Listener, pin: unknown, o?: unknown) => setWatch(fn, pin, o),
    clearWatch: (id?: unknown) => clearWatch(id),
    digitalRead: (p: unknown) => (p === BTN1 ? (btn.down ? 1 : 0) : 0),
    getTime,
    setTime: (s: number) => { wallOffset = +s * 1000 - loop.now; },
    load: (file?: string) => requestLoad(file),
    require: (name: string) => {
      if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
      throw realmError(`Module ${JSON.stringify(String(name))} not found`);
    },
    print: (...a: unknown[]) => consoleLog(...a),
    console: { log: consoleLog, info: consoleLog, warn: consoleLog, error: consoleLog, debug: consoleLog },
    Bluetooth: { println: (s: unknown) => serialWrite(String(s) + "\r\n"), print: (s: unknown) => serialWrite(String(s)), write: (s: unknown) => serialWrite(toBinary(s)) },
    process: { env: { VERSION: "2v29", BOARD: "BANGLEJS2" }, version: "2v29", memory: () => realmize({ free: 12000, usage: 0, total: 12000 }) },
  };
  for (const k of Object.keys(globals)) realm.global[k] = globals[k];
  // JSON.parse stays the realm's strict one: the watch's rejects the unquoted keys writeJSON writes
  // too ("Got ID:a expected STRING"); only Storage.readJSON reads them
  const baselineGlobals = new Set<string>();
  const snapshotGlobals = () => {
    baselineGlobals.clear();
    for (const k of Object.getOwnPropertyNames(realm.global)) baselineGlobals.add(k);
  };

  // ---- the test API ----
  let lastBtnPressMs = 0;
  function advance(ms: number): void {
    const target = loop.now + Math.max(0, ms);
    while (loop.step(target)) {
      if (pendingDrain) throw new Error("this realm runs Promise jobs asynchronously: use advanceAsync()");
    }
    if (loop.now < target) loop.now = target;
  }
  async function advanceAsync(ms: number): Promise<void> {
    const target = loop.now + Math.max(0, ms);
    // page realms: run one item, then let the host event loop run the realm's Promise jobs
    while (loop.step(target)) {
      const d = pendingDrain;
      pendingDrain = undefined;
      if (d) await d;
    }
    if (loop.now < target) loop.now = target;
  }

  function touchPoint(x: number, y: number, type = 0) {
    return realmize({ x: Math.round(x), y: Math.round(y), type });
  }

  const board = {
    realm,
    g,
    storage,
    drawLog,
    buzzes,
    errors,
    compactions,
    /** lines printed by console.log/print */
    console: consoleLines,
    /** accelerometer poll intervals in the order the board used them (ms) */
    accelIntervals,

    /** runs the app's source as the watch runs a file; `appId` names it in Storage ({appId}.app.js) */
    load(source: string, o: { appId?: string } = {}): void {
      state.appId = o.appId ?? "app";
      const file = `${state.appId}.app.js`;
      realm.global.__FILE__ = file;
      try {
        storage.write(file, source);
      } catch {
        /* a full Storage still runs the app */
      }
      snapshotGlobals();
      activity();
      try {
        realm.evaluate(source, file);
      } catch (e) {
        recordError(e);
      }
      afterCode();
      advance(0);
    },
    /** evaluates code in the app's realm (tests poke at app state this way) */
    eval(code: string): unknown {
      const r = realm.evaluate(code, "test");
      afterCode();
      return r;
    },
    /** runs timers and queued events in time order up to now + ms */
    advance,
    /** the same for realms whose Promise jobs need the host event loop (the page's iframe) */
    advanceAsync,
    /** virtual ms since the board started */
    now: () => loop.now,
    /** the watch's wall clock (ms): Date.now() inside the app */
    wallNow,
    /** jumps the wall clock (as the phone setting the time does); timers keep their spacing */
    setTime(wallMs: number): void {
      wallOffset = wallMs - loop.now;
    },

    // buttons and touch
    /** presses BTN1, holds it for ms of virtual time (running everything due), releases it */
    press(ms = 100): void {
      lastBtnPressMs = loop.now;
      buttonDown();
      advance(ms);
      buttonUp();
      advance(0);
    },
    buttonDown(): void { buttonDown(); advance(0); },
    buttonUp(): void { buttonUp(); advance(0); },
    /** a tap at (x, y): drag (pressed, released) then 'touch'; ignored while locked. Returns false if ignored. */
    tap(x: number, y: number): boolean {
      if (locked || state.exited) return false;
      activity();
      emitQueued("Bangle", "drag", [realmize({ x, y, dx: 0, dy: 0, b: 1 })]);
      emitQueued("Bangle", "drag", [realmize({ x, y, dx: 0, dy: 0, b: 0 })]);
      emitQueued("Bangle", "touch", [x < SCREEN_W / 2 ? 1 : 2, touchPoint(x, y)]);
      advance(0);
      return true;
    },
    /** a swipe: drag events along the way (over 100 ms), then 'swipe'(lr, ud); ignored while locked */
    swipe(lr: number, ud: number): boolean {
      if (locked || state.exited) return false;
      activity();
      const pts: { x: number; y: number }[] = [];
      for (let i = 0; i <= 5; i++) pts.push({ x: 88 - lr * 30 + lr * 12 * i, y: 88 - ud * 30 + ud * 12 * i });
      dragPath(pts, 20);
      emitQueued("Bangle", "swipe", [lr, ud]);
      advance(0);
      return true;
    },
    /** a drag through points, msPerPoint apart, finger lifted at the end; ignored while locked */
    drag(points: { x: number; y: number }[], msPerPoint = 20): boolean {
      if (locked || state.exited) return false;
      activity();
      dragPath(points, msPerPoint);
      advance(0);
      return true;
    },
    /** taps the centre of the most recent drawn text equal to `text` (menus, prompt buttons) */
    tapText(text: string): boolean {
      for (let i = drawLog.length - 1; i >= 0; i--) {
        const e = drawLog[i];
        if (e.op === "text" && e.text === text) return board.tap((e.box.x1 + e.box.x2) / 2, (e.box.y1 + e.box.y2) / 2);
      }
      throw new Error(`no text ${JSON.stringify(text)} on screen`);
    },

    /**
     * Feeds a sensor or any Bangle event. GPS/HRM arrive only while powered (returns false when
     * dropped) and get the firmware's missing fields filled; 'accel' is one sample through the
     * power-save logic; 'step' also counts. Delivered after the current code (queued).
     */
    emit(event: string, data?: any, ...more: unknown[]): boolean {
      if (event === "GPS") {
        if (!isOn("GPS")) return false;
        lastFix = { ...GPS_DEFAULTS, ...data };
        const fix = { ...lastFix };
        emitQueued("Bangle", "GPS", [realmize(fix)]);
      } else if (event === "HRM") {
        if (!isOn("HRM")) return false;
        const h = { ...HRM_DEFAULTS, ...data };
        lastBpm = h.bpm;
        emitQueued("Bangle", "HRM", [realmize(h)]);
      } else if (event === "accel") {
        const a = { x: 0, y: 0, z: -1, ...data };
        loop.queue(() => accelSample(a));
      } else if (event === "step") {
        steps += typeof data === "number" ? data : 1;
        emitQueued("Bangle", "step", [steps]);
      } else if (event === "kill") {
        emitQueued("E", "kill", []);
      } else emitQueued("Bangle", event, [data === undefined ? data : realmize(data), ...more.map(realmize)]);
      advance(0);
      return true;
    },
    /** the accelerometer source for the following samples ({x,y,z} in g at a virtual time) */
    setAccel(source: (tMs: number) => { x: number; y: number; z: number }): void {
      accelSource = source;
      startAccel();
    },

    lock(): void { setLocked(true, "test"); advance(0); },
    unlock(): void { setLocked(false, "test"); advance(0); },
    isLocked: () => locked,
    /** sensor power: which app ids hold each sensor */
    power(): Record<Sensor, string[]> {
      return { GPS: [...power.GPS], HRM: [...power.HRM], Compass: [...power.Compass], Barometer: [...power.Barometer] };
    },
    options: () => ({ ...options }),
    /** the current setUI: its mode and whether it has a back handler */
    ui: () => ({ mode: ui.mode, back: !!ui.back, remove: !!ui.remove }),
    get exited() { return state.exited; },
    /** what load() was called with ("clock" for load() / the long press) */
    get loaded() { return state.loaded; },
    clearDrawLog(): void { drawLog.length = 0; },
    /** text entries of the draw log, newest last */
    texts(): Extract<DrawEntry, { op: "text" }>[] {
      return drawLog.filter((e): e is Extract<DrawEntry, { op: "text" }> => e.op === "text");
    },
    /** text drawn outside the screen or its clip rectangle, with `margin` px to spare (overflow check) */
    overflowingText(margin = 1): Extract<DrawEntry, { op: "text" }>[] {
      return board.texts().filter((e) => !inside(e.box, e.clip, margin));
    },
    toRGBA: () => g.toRGBA(),
    /** throws if app code has thrown (errors are recorded as on the watch, where they print and go on) */
    assertNoErrors(): void {
      if (errors.length) throw new Error(`app errors: ${errors.map((e) => `@${e.tMs}ms ${e.message}`).join("; ")}`);
    },

    /**
     * The fast-load leak check: calls Bangle.setUI() (which runs the app's remove), runs what that
     * queued, then lists what the app left behind: listeners on Bangle and E, timers, watches,
     * sensor power requests, options not at their defaults, new globals. Empty = clean.
     */
    leakCheck(): string[] {
      if (!state.exited) {
        invoke(() => setUI(), undefined, []);
        advance(0);
      }
      const problems: string[] = [];
      for (const t of ["Bangle", "E"] as const)
        for (const [ev, l] of listeners[t]) problems.push(`${t}.on('${ev}') listener left (${l.length})`);
      for (const t of timers.values()) problems.push(`${t.interval !== undefined ? "setInterval" : "setTimeout"} of ${t.ms} ms left (id ${t.id})`);
      for (const w of watches.values()) problems.push(`setWatch on BTN1 left (id ${w.id})`);
      for (const s of Object.keys(power) as Sensor[])
        for (const id of power[s]) problems.push(`${s} power still requested by '${id}'`);
      for (const k of Object.keys(options))
        if (options[k] !== DEFAULT_OPTIONS[k]) problems.push(`option ${k} is ${JSON.stringify(options[k])}, default ${JSON.stringify(DEFAULT_OPTIONS[k])}`);
      if (pollFixedMs !== undefined) problems.push(`accelerometer poll interval fixed at ${pollFixedMs} ms`);
      for (const k of Object.getOwnPropertyNames(realm.global))
        if (!baselineGlobals.has(k) && !FIRMWARE_GLOBALS.includes(k)) problems.push(`new global '${k}'`);
      return problems;
    },

    /** the watch's console over Bluetooth: write() types into the REPL; output collects what it prints */
    serial: {
      write: (s: string) => serialInput(s),
      get output() { return serialOut; },
      clear: () => { serialOut = ""; },
      onData: (f: (s: string) => void) => { serialSubs.push(f); },
    },
    /** time zone set by E.setTimeZone (hours); the realm's Date still uses the host's zone */
    get timeZone() { return timeZone; },
    /** the time BTN1 was last pressed through the test API (virtual ms) */
    get lastPressMs() { return lastBtnPressMs; },
  };

  function dragPath(pts: { x: number; y: number }[], msPer: number): void {
    let t = loop.now;
    pts.forEach((p, i) => {
      const prev = pts[i - 1] ?? p;
      const e = { x: p.x, y: p.y, dx: p.x - prev.x, dy: p.y - prev.y, b: 1 };
      loop.schedule(t, () => dispatch("Bangle", "drag", [realmize(e)]));
      t += msPer;
    });
    const last = pts[pts.length - 1];
    loop.schedule(t, () => dispatch("Bangle", "drag", [realmize({ x: last.x, y: last.y, dx: 0, dy: 0, b: 0 })]));
    advance(t - loop.now);
  }

  return board;
}

function inside(b: Box, clip: Box, m: number): boolean {
  return b.x1 >= clip.x1 + m && b.y1 >= clip.y1 + m && b.x2 <= clip.x2 - m && b.y2 <= clip.y2 - m;
}

/** index of the first newline at which brackets balance (outside strings), or -1 */
function statementEnd(src: string): number {
  let depth = 0, q = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (q) {
      if (c === "\\") i++;
      else if (c === q) q = "";
    } else if (c === '"' || c === "'" || c === "`") q = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if ((c === "\n" || c === "\r") && depth <= 0) return i;
  }
  return -1;
}

/** the REPL's "=value" text (close to, not exactly, Espruino's formatting) */
export function formatValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "function () { ... }";
  if (typeof v === "string") return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** copies plain data into the realm so the app sees the realm's own (stripped) prototypes */
export function toRealm(R: Intrinsics, v: unknown): any {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Date) return new R.Date(v.getTime());
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
  if (Array.isArray(v)) {
    const a = new R.Array();
    for (const x of v) a.push(toRealm(R, x));
    return a;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const o = new R.Object() as Record<string, unknown>;
  for (const k of Object.keys(v)) o[k] = toRealm(R, (v as Record<string, unknown>)[k]);
  return o;
}
