// One instance of the real Bangle.js 2 firmware (the Espruino Web IDE's emscripten build), made
// from the text of its three files. No Node or DOM imports: the Node host (node.ts) and the page's
// Worker both use it. The files expect browser globals; they are evaluated as one source inside a
// function scope whose parameters stand in for those globals, and that scope's `Date` is a
// virtual clock, so whoever holds the instance owns time.

/** the texts of the firmware build (emulator_banglejs2.js), its board constants and the IDE glue */
export interface FirmwareFiles { emulator: string; board: string; common: string }

export const FIRMWARE_FILES = { emulator: "emulator_banglejs2.js", board: "emu_banglejs2.js", common: "common.js" } as const;

/** the emscripten exports the host calls */
export interface FwModule {
  _jsInit(): void;
  _jsIdle(): number;
  _jshPushIOCharEvent(device: number, ch: number): void;
  _jsSendPinWatchEvent(pin: number): void;
  _jsSendTouchEvent(x: number, y: number, points: number, gesture: number): void;
  _jsGfxGetPtr(y: number): number;
  _jsGfxChanged(): number;
  HEAPU8: Uint8Array;
}

export interface Instance {
  Module: FwModule;
  pins: Uint8Array;
  flash: Uint8Array;
  flushIO(): void;
  onChar(cb: (ch: number) => void): void;
  /** the board's USB console device number, BTN1's pin, the screen size */
  DEVICE: number;
  BTN1: number;
  W: number;
  H: number;
}

/** the virtual wall clock the firmware reads (its only source of time is Date.now()) */
export interface Clock { now: number }

// The build's EM_ASM argument reader checks its arguments with assertions that build a message
// on every call, and the firmware calls it for every byte it reads from flash (where app code
// lives). Same arguments and result, without the assertions.
const FAST_ARGS = `
readEmAsmArgs = function (sigPtr, buf) {
  var a = readEmAsmArgsArray; a.length = 0; var ch;
  while ((ch = HEAPU8[sigPtr++])) {
    var wide = ch != 105 && ch != 112;
    if (wide && buf % 8) buf += 4;
    a.push(ch == 112 ? HEAPU32[buf >> 2] : ch == 105 ? HEAP32[buf >> 2] : HEAPF64[buf >> 3]);
    buf += wide ? 8 : 4;
  }
  return a;
};`;

const EXPORTS = `
return { Module: Module, pins: hwPinValue, flash: flashMemory, flushIO: jsHandleIO,
  onChar: function (cb) { jsRXCallback = cb; },
  DEVICE: DEVICE, BTN1: BTN1, W: GFX_WIDTH, H: GFX_HEIGHT };`;

/** the one source the three files make, with the fast argument reader and the exports */
export function firmwareSource(f: FirmwareFiles): string {
  return [f.emulator, f.board, f.common, FAST_ARGS, EXPORTS].join("\n;\n");
}

/** a Date whose no-argument constructor and now() read the clock */
function virtualDate(clock: Clock): DateConstructor {
  class VDate extends Date {
    constructor(...a: unknown[]) {
      if (a.length === 0) super(clock.now);
      else super(...(a as [number]));
    }
    static now(): number {
      return clock.now;
    }
  }
  return VDate as unknown as DateConstructor;
}

/**
 * Evaluates the firmware and waits for its runtime. `node` gives Node's require and the folder
 * (the build then takes its Node path); without it the build takes its Worker path, which needs
 * a WorkerGlobalScope in sight (the real one inside a Worker).
 */
export async function instantiate(source: string, clock: Clock, node?: { require: unknown; dirname: string }): Promise<Instance> {
  const Module: Record<string, unknown> = {};
  const ready = new Promise<void>((r) => { Module.onRuntimeInitialized = r; });
  const names = ["Module", "Date", "window", "document", "localStorage", "onConsoleOutput", "require", "__dirname", "WorkerGlobalScope"];
  const fn = new Function(...names, source);
  const workerScope = node ? undefined : (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope ?? function WorkerGlobalScope() {};
  const inst = fn(Module, virtualDate(clock), undefined, undefined, undefined, () => {}, node?.require, node?.dirname, workerScope) as Instance;
  await ready;
  return inst;
}
