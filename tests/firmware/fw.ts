// The firmware tier's entry: a `describe` that runs on the real firmware where its files are, and
// skips with one line where they are not, unless SPEEDSEQ_REQUIRE_FIRMWARE=1 (CI) makes that a
// failure. Every watch booted here must end its test without a firmware error.
import { afterEach, describe, it } from "vitest";
import { firmwareDir, firmwareRequired, MISSING, bootApp, bootWatch, type BootOptions } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";

const present = !!firmwareDir();
if (!present && !firmwareRequired()) console.log(MISSING);

const booted: Watch[] = [];
afterEach(() => {
  for (const w of booted.splice(0)) w.assertNoErrors();
});

/** describe() on the firmware; skipped (one line) without it; failing without it in CI */
export function describeFw(name: string, fn: () => void): void {
  if (present) describe(name, fn);
  else if (firmwareRequired()) describe(name, () => it("needs the firmware", () => { throw new Error(MISSING); }));
  else describe.skip(name, fn);
}

/** SpeedSeq installed from apps/speedseq and started, text traced; checked for errors after the test */
export async function fwApp(o: BootOptions = { trace: true }): Promise<Watch> {
  const w = await bootApp(o);
  booted.push(w);
  return w;
}

export async function fwWatch(o: BootOptions = { trace: true }): Promise<Watch> {
  const w = await bootWatch(o);
  booted.push(w);
  return w;
}

/** a fix the pre-start screen accepts */
export const FIX = { lat: 51.5, lon: -0.12, alt: 20, speed: 0, course: 0, satellites: 9, fix: 1, hdop: 0.9 };

/** the README's start path: tap the workout, a GPS fix, BTN1 */
export function startWorkout(w: Watch, name: string): void {
  w.tapText(name);
  w.advance(500);
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1000);
}
