// What the on-demand screens share: menus, a one-button message, the log opened for a record
// after the session. Bundled into each screen file that uses it, never into the resident app.
import { LogWriter } from "../engine/log/encode";
import { logName } from "./store";
import { memCheck } from "../engine/decide";
import type { App } from "./app";

/** what a write that failed for want of flash did, and did not, lose */
export const FULL = "Storage full: this was not saved. Everything saved before is kept.";

/** a menu's header: title, optional back, and the app's remove so leaving by another app cleans up */
export function head(A: App, title: string, back?: () => void): any {
  return { "": { title: title, back: back, remove: A.remove } };
}

/** shows a menu in place of the current screen */
export function menu(A: App, m: any): void {
  A.swap(function () { A.w.E.showMenu(m); });
}

/** a message with one OK button, then `then` */
export function say(A: App, title: string, msg: string, then: () => void): void {
  A.swap(function () {
    A.w.E.showPrompt(msg, { title: title, buttons: { "OK": 1 } }).then(then);
  });
}

/** a workout file or plan the watch cannot run: say so and why, leave the file as it is, back to the list */
export function unreadable(A: App, name: string, why: string): void {
  say(A, "Workout", name + " can't be run on the watch: " + why + ". Send it again from the SpeedSeq page.", function () { A.show("list"); });
}

/**
 * Free RAM against what a session needs (decide.ts), measured as a workout is tapped, before the
 * pre-start screen is loaded (process.memory() collects garbage first): with too little, even
 * loading that screen and reading the plans can run the firmware out of RAM. Short: says how much
 * is free and needed, starts nothing, and leaves to the clock (with that little free, reading the
 * list again can run out too; leaving gives back the app's own RAM).
 */
export function lowRam(A: App): boolean {
  const free = (globalThis as any).process.memory().free as number;
  const m = memCheck(free);
  if (m.short) say(A, "Low RAM", "A session needs " + m.needVars + " free JsVars; " + free + " are free. Nothing was started.", function () { load(); });
  return m.short;
}

/** appends records to log n after lastSeq, the last seq it holds (each rec() is written) */
export function logOut(A: App, n: number, lastSeq: number): LogWriter {
  const f = A.w.S.open(logName(n), "a");
  // a torn last line must not swallow the first new record
  f.write("\n");
  return new LogWriter(A.w.E.CRC32, lastSeq, 0, f);
}
