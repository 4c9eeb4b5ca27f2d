// The firmware host in Node: finds the firmware files, keeps a factory Storage image (made once,
// cached under dist/), boots virtual watches from it and installs apps into them the way an
// upload does. Tests, benches, `npm run simulate` and the TCP console all start here.
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { FIRMWARE_FILES, firmwareSource, instantiate, type FirmwareFiles } from "./instance";
import { TEXT_BOOT } from "./hostboot";
import { bootOn, imageKey, makeFactoryImage } from "./boot";
import { Watch } from "./watch";
import { appFiles } from "../../tools/appfiles.mjs";

// Interpreter time as the CPU time of this process: on a shared machine the wall clock also counts
// the time other processes hold the CPU, and that lands on whichever watch runs at that moment.
Watch.clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** the clone (npm runs every script from there) */
const ROOT = process.cwd();
/** 2023-11-14 22:13:20 UTC: a fixed start, so runs repeat */
export const START_MS = 1_700_000_000_000;

/** the folder holding the firmware files: SPEEDSEQ_FIRMWARE_DIR, else ../shared/espruino-fw beside the clone */
export function firmwareDir(): string | undefined {
  const dir = process.env.SPEEDSEQ_FIRMWARE_DIR ?? resolve(ROOT, "../shared/espruino-fw");
  return Object.values(FIRMWARE_FILES).every((f) => existsSync(join(dir, f))) ? dir : undefined;
}

/** the one line a test prints when it skips for want of the firmware */
export const MISSING = "firmware files not found (set SPEEDSEQ_FIRMWARE_DIR; README: 'The real firmware'): firmware tests skipped";

/** true where firmware tests must run (CI sets SPEEDSEQ_REQUIRE_FIRMWARE=1: a missing firmware fails) */
export function firmwareRequired(): boolean {
  return process.env.SPEEDSEQ_REQUIRE_FIRMWARE === "1";
}

let files: { dir: string; source: string; stamp: string } | undefined;
/** watches booted so far: each gets its own copy of the firmware's code (see bootFresh) */
let instances = 0;

function firmware(): { dir: string; source: string; stamp: string } {
  if (files) return files;
  const dir = firmwareDir();
  if (!dir) throw new Error(MISSING);
  const f = {} as FirmwareFiles;
  for (const [k, name] of Object.entries(FIRMWARE_FILES)) f[k as keyof FirmwareFiles] = readFileSync(join(dir, name), "utf8");
  const st = statSync(join(dir, FIRMWARE_FILES.emulator));
  files = { dir, source: firmwareSource(f), stamp: `${st.size}-${Math.round(st.mtimeMs)}` };
  return files;
}

/**
 * A fresh watch on the given flash image (erased flash without one), booted, console quiet. Its
 * source differs from every other watch's by a comment, so that V8 compiles the firmware for it
 * alone: with one compiled copy shared by all, a watch booted after several others ran now and
 * then ~1.8x slower for its whole life (measured: the bench's second and third runs, always the
 * same app), which is the host's doing, not the firmware's.
 */
async function bootFresh(image: Uint8Array | undefined, startMs: number): Promise<Watch> {
  const fw = firmware();
  const clock = { now: startMs };
  return bootOn(await instantiate(fw.source + "\n//" + ++instances, clock, { require: createRequire(import.meta.url), dirname: fw.dir }), clock, image);
}

const images: Record<string, Uint8Array> = {};

/**
 * The factory Storage (launcher, clock, widgets, Settings) with the welcome app marked as seen and
 * the host's boot files (buzzes and power; with `trace`, drawn text too). Made once per firmware
 * build and boot-file text, cached in dist/firmware/.
 */
export async function factoryImage(trace: boolean): Promise<Uint8Array> {
  const fw = firmware();
  const key = imageKey(fw.stamp, trace ? TEXT_BOOT : "");
  if (images[key]) return images[key];
  const file = join(ROOT, "dist/firmware", `${key}.bin`);
  if (existsSync(file)) return (images[key] = new Uint8Array(readFileSync(file)));
  const img = await makeFactoryImage(await bootFresh(undefined, START_MS), undefined, undefined, trace ? TEXT_BOOT : "");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, img);
  return (images[key] = img);
}

export interface BootOptions {
  /** record drawn text (for tapText and shown()); costs time and a little RAM, so benches leave it off */
  trace?: boolean;
  startMs?: number;
}

/** a watch booted from the factory image, on its clock face */
export async function bootWatch(o: BootOptions = {}): Promise<Watch> {
  const w = await bootFresh(await factoryImage(!!o.trace), o.startMs ?? START_MS);
  w.advance(2000);
  return w;
}

/**
 * a new watch booted on a copy of `flash` (another watch's whole flash, `w.fw.flash`), as after a
 * power loss or a watchdog reset: nothing of the old watch ran on the way out (no 'kill' event).
 * Text tracing comes with the flash (its boot files); startMs is the new clock (default START_MS).
 */
export async function rebootFrom(flash: Uint8Array, startMs = START_MS): Promise<Watch> {
  const w = await bootFresh(new Uint8Array(flash), startMs);
  w.advance(2000);
  return w;
}

/** writes an App Loader folder's files to the watch as an upload would (with the .info the loader writes) */
export function installFiles(w: Watch, dir = join(ROOT, "apps/speedseq")): string[] {
  const names: string[] = [];
  for (const [name, data] of appFiles(dir) as [string, string][]) {
    w.writeFile(name, data);
    names.push(name);
  }
  return names;
}

/** load(file) on the watch (the clock with no file), then lets it start */
export function loadApp(w: Watch, file?: string, settleMs = 1500): void {
  w.exec(file ? `load(${JSON.stringify(file)})` : "load()");
  w.advance(settleMs);
  w.exec("echo(0)");
}

/** a booted watch with SpeedSeq installed from apps/speedseq and started */
export async function bootApp(o: BootOptions = {}): Promise<Watch> {
  const w = await bootWatch(o);
  installFiles(w);
  loadApp(w, "speedseq.app.js");
  return w;
}
