// Booting the firmware and making its factory Storage image: shared by the Node host (node.ts,
// which caches the image under dist/) and the page's Worker (page/fw-worker.ts, which keeps it in
// the browser). No DOM and no Node imports.
import type { Clock, Instance } from "./instance";
import { Watch } from "./watch";
import { HOST_BOOT } from "./hostboot";

/** yields to the host's event loop: start-up runs as many small tasks, not one long one */
export type Pause = () => Promise<void>;
const noPause: Pause = () => Promise.resolve();

/** a fresh watch on `image` (erased flash without one), booted, console quiet */
export function bootOn(inst: Instance, clock: Clock, image?: Uint8Array): Watch {
  if (image) inst.flash.set(image);
  const w = new Watch(inst, clock);
  inst.pins[inst.BTN1] = 1; // BTN1 is active low: "pressed" at boot would skip the boot code
  inst.Module._jsInit();
  inst.flushIO();
  w.advance(1000);
  w.exec("echo(0)");
  return w;
}

/** runs `ms` of watch time in slices, pausing between them */
async function advanceIn(w: Watch, ms: number, pause: Pause, slice = 250): Promise<void> {
  for (let t = 0; t < ms; t += slice) {
    w.advance(Math.min(slice, ms - t));
    await pause();
  }
}

/**
 * The factory Storage image (launcher, clock, widgets, Settings) with the welcome app marked as
 * seen and the host's boot file (buzzes, GPS/HRM power), made on a watch booted on erased flash;
 * `textBoot`, when given, is installed too (node.ts's tracer of drawn text). The caller keeps it.
 */
export async function makeFactoryImage(w: Watch, pause: Pause = noPause, progress: (s: string) => void = () => {}, textBoot = ""): Promise<Uint8Array> {
  progress("factory reset");
  w.exec("Bangle.factoryReset()");
  await advanceIn(w, 5000, pause);
  w.exec("echo(0)");
  progress("boot files");
  w.exec(`require("Storage").writeJSON("welcome.json",{welcomed:true})`);
  w.writeFile("zhost.boot.js", HOST_BOOT);
  if (textBoot) w.writeFile("zhosttxt.boot.js", textBoot);
  await pause();
  // rebuild .boot0 from the boot files now, as the bootloader would at the next load
  w.exec(`eval(require("Storage").read("bootupdate.js"))`);
  await advanceIn(w, 3000, pause);
  return new Uint8Array(w.fw.flash);
}

/** a key for a cached factory image: the firmware build's stamp and the boot files' text */
export function imageKey(firmwareStamp: string, textBoot = ""): string {
  const boot = HOST_BOOT + textBoot;
  let h = 0;
  for (let i = 0; i < boot.length; i++) h = (h * 31 + boot.charCodeAt(i)) | 0;
  return `factory-${firmwareStamp}-${(h >>> 0).toString(16)}`;
}
