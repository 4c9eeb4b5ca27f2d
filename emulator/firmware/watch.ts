// A virtual Bangle.js 2 on the real firmware: virtual time that jumps to the next timer, the
// console (lines in, lines out, uncaught errors with their location), BTN1 and touch, sensor
// events in the watch's units, Storage in and out, the screen, process.memory(), and what the
// host's boot files report (buzzes, sensor power requests, drawn text). No Node or DOM imports.
import type { Clock, Instance } from "./instance";
import { HOST_MARK } from "./hostboot";

/** _jsIdle's "no timer pending" */
const NO_TIMER = -2147483648;
/** the console FIFO holds 1024 bytes: run a pass every this many */
const FEED_BYTES = 128;

export interface Buzz { tMs: number; ms: number; strength: number }
export interface DrawnText { x: number; y: number; w: number; h: number; text: string; tMs: number }
export interface FwError { message: string; where: string; tMs: number }
export type Gesture = "down" | "up" | "left" | "right";

const GESTURE: Record<Gesture, number> = { down: 1, up: 2, left: 3, right: 4 };

/** a JS literal for a sensor event: JSON plus NaN/Infinity and Dates, as the watch's own objects */
export function jsLiteral(v: unknown): string {
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : "-Infinity";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(jsLiteral).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.entries(v as Record<string, unknown>).filter((e) => e[1] !== undefined).map(([k, x]) => `${JSON.stringify(k)}:${jsLiteral(x)}`).join(",")}}`;
  return JSON.stringify(v);
}

export class Watch {
  /** everything the console printed that was not a host report, since the last clearConsole() */
  console = "";
  buzzes: Buzz[] = [];
  texts: DrawnText[] = [];
  errors: FwError[] = [];
  /** ms of host time spent inside the firmware (_jsIdle and event delivery): the interpreter's time */
  busyMs = 0;
  /** the host clock busyMs is read from (ms): wall time here; the Node host counts the process's CPU time */
  static clock: () => number = () => performance.now();
  /** GPS/HRM power requests per app id, as the app made them */
  private power: Record<string, Record<string, boolean>> = { GPS: {}, HRM: {} };
  private line = "";
  private results: Record<string, string> = {};
  private seq = 0;
  private rxListeners: ((s: string) => void)[] = [];

  constructor(readonly fw: Instance, readonly clock: Clock) {
    fw.onChar((ch) => this.onChar(ch));
  }

  /** virtual wall ms (Date.now() on the watch) */
  now(): number {
    return this.clock.now;
  }

  /** listens to the raw console stream, host reports included (the TCP console uses it) */
  onData(cb: (s: string) => void): () => void {
    this.rxListeners.push(cb);
    return () => { this.rxListeners = this.rxListeners.filter((l) => l !== cb); };
  }

  private onChar(ch: number): void {
    const c = String.fromCharCode(ch);
    for (const l of this.rxListeners) l(c);
    if (c !== "\n") {
      this.line += c;
      return;
    }
    const line = this.line.replace(/\r$/, "");
    this.line = "";
    const at = line.indexOf(HOST_MARK);
    if (at >= 0) this.report(line.slice(at + HOST_MARK.length));
    else this.console += line + "\n";
  }

  private report(r: string): void {
    const p = r.split(" ");
    if (p[0] === "B") this.buzzes.push({ tMs: +p[1], ms: +p[2], strength: +p[3] });
    else if (p[0] === "P") this.power[p[1]][p[3]] = p[2] === "1";
    else if (p[0] === "T") this.texts.push({ x: +p[1], y: +p[2], w: +p[3], h: +p[4], text: JSON.parse(p.slice(5).join(" ")), tMs: this.clock.now });
    else if (p[0] === "R") this.results[p[1]] = p.slice(2).join(" ");
  }

  /** one pass of the firmware's main loop, timed */
  private pass(): number {
    const t = Watch.clock();
    const r = this.fw.Module._jsIdle();
    this.fw.flushIO();
    this.busyMs += Watch.clock() - t;
    return r;
  }

  /** runs every timer and event due up to `ms` from now, jumping the clock from one to the next */
  advance(ms: number): void {
    const end = this.clock.now + Math.max(0, ms);
    let zeros = 0;
    for (let guard = 0; guard < 1e7; guard++) {
      const r = this.pass();
      if (r === -1) continue;
      // a timer due now: run it again, and if it stays due, let a millisecond pass
      if (r === 0 && ++zeros < 3) continue;
      zeros = 0;
      if (r === NO_TIMER || this.clock.now + Math.max(r, 1) > end) break;
      this.clock.now += Math.max(r, 1);
    }
    this.clock.now = end;
    this.scanErrors();
  }

  /** types text at the console (bytes as char codes), running the loop as the FIFO fills */
  send(text: string): void {
    const M = this.fw.Module;
    for (let i = 0; i < text.length; i++) {
      M._jshPushIOCharEvent(this.fw.DEVICE, text.charCodeAt(i) & 255);
      if (i % FEED_BYTES === FEED_BYTES - 1) this.pass();
    }
    this.advance(0);
  }

  /** runs a line of JS on the watch without echo */
  exec(js: string): void {
    this.send(`\x10${js}\n`);
  }

  /** the JSON value of an expression evaluated on the watch */
  eval<T = unknown>(expr: string): T {
    const id = String(++this.seq);
    this.exec(`print(${JSON.stringify(HOST_MARK + "R " + id + " ")}+JSON.stringify(${expr}))`);
    const r = this.results[id];
    delete this.results[id];
    if (r === undefined) throw new Error(`no answer from the watch for ${expr}: ${this.console.slice(-300)}`);
    return (r === "undefined" ? undefined : JSON.parse(r)) as T;
  }

  /** `Uncaught …` reports in the console, with the location line that follows them */
  private scanErrors(): void {
    const lines = this.console.split("\n");
    for (let i = this.errScan; i < lines.length - 1; i++) {
      if (!/Uncaught|New interpreter error|Execution Interrupted/.test(lines[i])) continue;
      const where = lines.slice(i + 1, i + 4).find((l) => /^ *at /.test(l)) ?? "";
      this.errors.push({ message: lines[i].replace(/^>+/, "").trim(), where: where.trim(), tMs: this.clock.now });
    }
    this.errScan = Math.max(this.errScan, lines.length - 1);
  }
  private errScan = 0;

  /** throws with every error the firmware printed */
  assertNoErrors(): void {
    if (this.errors.length) throw new Error(`firmware errors:\n${this.errors.map((e) => `${e.message} ${e.where}`).join("\n")}\n--- console:\n${this.console.slice(-1500)}`);
  }

  clearConsole(): void {
    this.console = "";
    this.errScan = 0;
  }

  // ---- input

  button(down: boolean): void {
    const t = Watch.clock();
    this.fw.pins[this.fw.BTN1] = down ? 0 : 1; // active low
    this.fw.Module._jsSendPinWatchEvent(this.fw.BTN1);
    this.busyMs += Watch.clock() - t;
    this.advance(0);
  }

  /** holds BTN1 for ms of watch time */
  press(ms = 100): void {
    this.button(true);
    this.advance(ms);
    this.button(false);
  }

  private touch(x: number, y: number, points: number, gesture: number): void {
    const t = Watch.clock();
    this.fw.Module._jsSendTouchEvent(x, y, points, gesture);
    this.busyMs += Watch.clock() - t;
    this.advance(0);
  }

  /** a finger down, 50 ms, up, then the click gesture, as the touch controller reports a tap */
  tap(x: number, y: number): void {
    this.touch(x, y, 1, 0);
    this.advance(50);
    this.touch(x, y, 0, 0);
    this.touch(x, y, 0, 5);
    this.advance(20);
  }

  /** a finger drag from the centre towards `dir`, then its gesture */
  swipe(dir: Gesture): void {
    const [dx, dy] = { down: [0, 1], up: [0, -1], left: [-1, 0], right: [1, 0] }[dir];
    for (let i = 0; i <= 4; i++) {
      this.touch(88 + dx * i * 15, 88 + dy * i * 15, 1, 0);
      this.advance(40);
    }
    this.touch(88 + dx * 60, 88 + dy * 60, 0, 0);
    this.touch(88 + dx * 60, 88 + dy * 60, 0, GESTURE[dir]);
    this.advance(20);
  }

  /** taps the centre of the most recently drawn text equal to `text` (needs the text tracer) */
  tapText(text: string): void {
    const t = this.lastText(text);
    if (!t) throw new Error(`no text "${text}" drawn; drawn lately: ${this.texts.slice(-20).map((x) => JSON.stringify(x.text)).join(", ")}`);
    this.tap(Math.min(175, Math.max(0, t.x + t.w / 2)), Math.min(175, Math.max(0, t.y + t.h / 2)));
  }

  lastText(text: string): DrawnText | undefined {
    for (let i = this.texts.length - 1; i >= 0; i--) if (this.texts[i].text === text) return this.texts[i];
    return undefined;
  }

  /** the texts drawn since `fromMs` (watch time), in order */
  shown(fromMs = -Infinity): string[] {
    return this.texts.filter((t) => t.tMs >= fromMs).map((t) => t.text);
  }

  // ---- sensors

  /** `Bangle.emit(type, data)` at the console, data as the watch's own object literal */
  emit(type: string, data: unknown): void {
    this.exec(`Bangle.emit(${JSON.stringify(type)},${jsLiteral(data)})`);
  }

  /** app ids holding each sensor's power on */
  powered(): { GPS: string[]; HRM: string[] } {
    const ids = (s: string) => Object.keys(this.power[s]).filter((k) => this.power[s][k]).sort();
    return { GPS: ids("GPS"), HRM: ids("HRM") };
  }

  /**
   * the listeners an object holds, by event (events with none left out): 2v29 keeps them in
   * hidden "#on<event>" properties, a function or an array (an empty array once the last is
   * removed; removing from an event that never had one leaves the key with no value); `obj` is a
   * watch expression
   */
  listeners(obj = "Bangle"): Record<string, number> {
    return this.eval(`(function(o){var r={};for(var k in o)if(k.substr(0,3)=="#on"){var v=o[k],n=typeof v=="function"?1:Array.isArray(v)?v.length:0;if(n)r[k.substr(3)]=n;}return r;})(${obj})`);
  }

  /**
   * the JS timers pending, from the interpreter's own table (global["\xFF"].timers on 2v29): for
   * each, whether it repeats (setInterval) and the start of its callback's source (a string for
   * code given as text), so a test can tell an app's timers from the widgets'
   */
  timers(): { repeat: boolean; cb: string }[] {
    return this.eval(`(function(){var t=global["\\xFF"].timers,r=[];for(var k in t)r.push({repeat:!!t[k].intr,cb:(""+t[k].cb).substr(0,80)});return r;})()`);
  }

  // ---- storage

  /** writes a Storage file in chunks of base64 at the console, as an upload does */
  writeFile(name: string, data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? Uint8Array.from(data, (c) => c.charCodeAt(0) & 255) : data;
    const CH = 2048;
    for (let off = 0; off < bytes.length || off === 0; off += CH) {
      const b64 = btoa(String.fromCharCode(...bytes.subarray(off, off + CH)));
      this.exec(`require("Storage").write(${JSON.stringify(name)},atob("${b64}")${off === 0 ? `,0,${bytes.length}` : `,${off}`})`);
    }
  }

  /** a normal Storage file as a byte string, or undefined */
  readFile(name: string): string | undefined {
    const n = this.eval<number>(`(require("Storage").read(${JSON.stringify(name)})||"").length`);
    if (!n && !this.eval<boolean>(`require("Storage").list().indexOf(${JSON.stringify(name)})>=0`)) return undefined;
    let s = "";
    for (let off = 0; off < n; off += 1536) s += atob(this.eval<string>(`btoa(require("Storage").read(${JSON.stringify(name)},${off},${Math.min(1536, n - off)}))`));
    return s;
  }

  /** a StorageFile's whole text (read from the start: StorageFiles have no seek) */
  readStorageFile(name: string): string {
    this.exec(`var __f=require("Storage").open(${JSON.stringify(name)},"r")`);
    let s = "";
    for (;;) {
      const part = this.eval<string | undefined>(`(function(){var d=__f.read(1024);return d===undefined?undefined:btoa(d);})()`);
      if (part === undefined || part === null) break;
      s += atob(part);
    }
    this.exec("delete __f");
    return s;
  }

  list(pattern?: string): string[] {
    return this.eval<string[]>(pattern ? `require("Storage").list(${pattern})` : `require("Storage").list()`);
  }

  // ---- screen and memory

  /** the 176×176 screen as RGBA */
  screen(): Uint8Array {
    const { Module: M, W, H } = this.fw;
    const rgba = new Uint8Array(W * H * 4);
    let i = 0;
    for (let y = 0; y < H; y++) {
      const p = M._jsGfxGetPtr(y);
      for (let x = 0; x < W; x++) {
        const bit = x * 3;
        const byte = bit >> 3;
        const c = p ? (M.HEAPU8[p + byte] | (M.HEAPU8[p + byte + 1] << 8)) >> (bit & 7) : 0;
        rgba[i++] = c & 1 ? 255 : 0;
        rgba[i++] = c & 2 ? 255 : 0;
        rgba[i++] = c & 4 ? 255 : 0;
        rgba[i++] = 255;
      }
    }
    return rgba;
  }

  /** process.memory() (it runs a garbage collection first): usage and total in JsVars */
  memory(): { usage: number; total: number; free: number } {
    return this.eval(`process.memory()`);
  }
}
