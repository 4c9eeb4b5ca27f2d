// The Bangle.js 2 APIs SpeedSeq uses, declared narrowly (@types/espruino has no Bangle.js).
// Only src/watch sees these; the engine is checked without them (tsconfig.engine.json).

interface GPSFix {
  lat: number; lon: number; alt: number;
  /** km/h */
  speed: number;
  course: number;
  time?: Date;
  satellites: number;
  /** NMEA GGA quality: 0 none, 1 GPS, 2 DGPS ... */
  fix: number;
  hdop: number;
}
interface HRMData { bpm: number; confidence: number }
interface AccelData { x: number; y: number; z: number; diff: number; mag: number }
interface LockOptions {
  lockTimeout?: number; btnLoadTimeout?: number; backlightTimeout?: number;
  hrmSportMode?: number; powerSave?: boolean; [k: string]: unknown;
}
interface SetUIOptions {
  mode: "custom";
  btn?: (n: number) => void;
  touch?: (n: number, xy?: { x: number; y: number }) => void;
  swipe?: (lr: number, ud: number) => void;
  drag?: (e: { x: number; y: number; dx: number; dy: number; b: number }) => void;
  back?: () => void;
  remove?: () => void;
}
interface AppRect { x: number; y: number; w: number; h: number; x2: number; y2: number }
interface BangleApi {
  on(ev: "GPS", cb: (f: GPSFix) => void): void;
  on(ev: "HRM", cb: (h: HRMData) => void): void;
  on(ev: "accel", cb: (a: AccelData) => void): void;
  on(ev: "step", cb: (count: number) => void): void;
  on(ev: "lock", cb: (on: boolean, reason?: string) => void): void;
  on(ev: string, cb: (...a: any[]) => void): void;
  removeListener(ev: string, cb: (...a: any[]) => void): void;
  setGPSPower(on: boolean | number, appId: string): boolean;
  setHRMPower(on: boolean | number, appId: string): boolean;
  setPollInterval(ms: number): void;
  setOptions(o: LockOptions): void;
  getOptions(): LockOptions;
  isLocked(): boolean;
  setLocked(on: boolean): void;
  buzz(ms?: number, strength?: number): Promise<void>;
  setUI(o?: SetUIOptions): void;
  loadWidgets(): void;
  drawWidgets(): void;
  getStepCount(): number;
  appRect: AppRect;
}
declare var Bangle: BangleApi;

interface Graphics {
  clear(reset?: boolean): Graphics;
  clearRect(x1: number, y1: number, x2: number, y2: number): Graphics;
  fillRect(x1: number, y1: number, x2: number, y2: number): Graphics;
  drawRect(x1: number, y1: number, x2: number, y2: number): Graphics;
  drawLine(x1: number, y1: number, x2: number, y2: number): Graphics;
  setColor(c: number | string): Graphics;
  setBgColor(c: number | string): Graphics;
  setFont(name: string, scale?: number): Graphics;
  setFontAlign(x: number, y?: number, rot?: number): Graphics;
  drawString(s: string, x: number, y: number, solid?: boolean): Graphics;
  stringWidth(s: string): number;
  /** the lines of s wrapped at spaces to maxWidth px in the current font */
  wrapString(s: string, maxWidth: number): string[];
  drawImage(img: string, x: number, y: number, o?: { scale?: number }): Graphics;
  reset(): Graphics;
  getWidth(): number;
  getHeight(): number;
  theme: { fg: number; bg: number; fg2: number; bg2: number; fgH: number; bgH: number; dark: boolean };
}
declare var g: Graphics;
interface EApi extends EspruinoE {
  on(ev: "kill", cb: () => void): void;
  removeListener(ev: string, cb: (...a: any[]) => void): void;
  showMenu(menu?: object): unknown;
  showMessage(msg: string, title?: string): void;
  showPrompt(msg: string, o?: object): Promise<unknown>;
  getBattery(): number;
}
declare var E: EApi;
/** Espruino's process: memory(false) reads the JsVar counts without collecting garbage first */
declare var process: { memory(gc?: boolean): { free: number; usage: number; total: number } };
declare function setWatch(cb: (e: { state: boolean; time: number; lastTime: number }) => void, pin: unknown, o?: object): number;
declare function clearWatch(id?: number): void;
declare function setInterval(cb: () => void, ms: number): number;
declare function clearInterval(id?: number): void;
declare function setTimeout(cb: () => void, ms: number): number;
declare function clearTimeout(id?: number): void;
declare function getTime(): number;
declare function load(file?: string): void;
declare var BTN1: unknown;
