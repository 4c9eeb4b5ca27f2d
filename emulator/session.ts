// Starts the default (or any) session on a fresh board in the given realm: the page passes an
// iframe realm, the headless run (emulator/simulate.ts) Node's vm realm. Same driver, same seeds.
import { createBoardCore, type Board } from "./board/board";
import type { Realm } from "./board/realm";
import { SessionDriver, settle, type Buzz, type DriveOptions } from "./driver";
import type { Source } from "./sources";
import { installApp, type AppFiles } from "./install";

export interface Running { board: Board; driver: SessionDriver }

/** files: the watch's JS files by Storage name (installApp) */
export async function startSession(realm: Realm, files: AppFiles, source: Source, o: DriveOptions): Promise<Running> {
  let driver: SessionDriver | undefined;
  const board = createBoardCore({ realm, accel: (tMs) => (driver ? driver.accelAt(tMs) : { x: 0, y: 0, z: -1 }) });
  driver = new SessionDriver(board, source, o);
  installApp(board, files);
  await settle(board);
  return { board, driver };
}

/** the buzzes as the page lists them and the tests compare them */
export function buzzList(board: Board): Buzz[] {
  return board.buzzes.map((b) => ({ tMs: b.tMs, ms: b.ms, strength: b.strength }));
}

/** the session log the app wrote: the StorageFile (or file) whose text starts with a log header */
export function sessionLog(board: Board): { name: string; text: string } | undefined {
  const st = board.storage;
  for (const name of [...st.list(undefined, { sf: true }), ...st.list(undefined, { sf: false })]) {
    const text = st.list(undefined, { sf: true }).includes(name) ? st.readStorageFile(name) : st.read(name);
    if (text && /^H[0-9a-z]+,/.test(text)) return { name, text };
  }
  return undefined;
}

/** every file on the watch: normal files and StorageFiles (name, bytes) */
export function fileList(board: Board): { name: string; bytes: number; sf: boolean }[] {
  const st = board.storage;
  const out = st.list(undefined, { sf: false }).map((name) => ({ name, bytes: (st.read(name) ?? "").length, sf: false }));
  for (const name of st.list(undefined, { sf: true })) out.push({ name, bytes: (st.readStorageFile(name) ?? "").length, sf: true });
  return out;
}
