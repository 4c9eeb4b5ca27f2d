// The messages between the page (fw-client.ts) and its firmware Worker (fw-worker.ts).
import type { Row } from "../../src/sim/recording";
import type { RunnerKnobs } from "../sources";
import type { Buzz, PathStep } from "../driver";

export type SourceSpec =
  | { kind: "recording"; name: string; rows: Row[]; leadS: number }
  | { kind: "synthetic"; knobs: RunnerKnobs };

export type ToWorker =
  /**
   * boots a fresh watch, writes `files` (the page's uploaded workouts), installs the app (appUrl's
   * text as speedseq.app.js) and starts the driver with the button path `path`
   */
  | { t: "start"; gen: number; stamp: string; appUrl: string; source: SourceSpec; noiseM: number; path: PathStep[]; files: [string, string][] }
  | { t: "play"; playing: boolean }
  /** emulated ms per real ms; Infinity: as fast as the firmware goes */
  | { t: "speed"; speed: number }
  | { t: "step"; ms: number }
  | { t: "tap"; x: number; y: number }
  /** BTN1 down or up now, in watch time: while it is held, watch time runs at real speed */
  | { t: "btn"; down: boolean }
  | { t: "knobs"; knobs: RunnerKnobs }
  | { t: "noise"; m: number }
  | { t: "dropout"; s: number }
  | { t: "jump"; m: number }
  /** the page is ready for another screen (it asks once per animation frame, one at a time) */
  | { t: "frame" }
  | { t: "write"; name: string; text: string }
  | { t: "read"; id: number; name: string; sf: boolean }
  /** runs to board time tMs (tests, Step), answered with "done" */
  | { t: "advanceTo"; id: number; tMs: number };

/** where the Worker's time went while playing (cumulative real ms) */
export interface WorkerStats { sliceMs: number; firmwareMs: number }

export interface FileEntry { name: string; bytes: number; sf: boolean }

/** a BTN1 press in board time (upMs absent while it is held) */
export interface Press { downMs: number; upMs?: number }

/** why the Worker stopped playing: the app's session ended (its log's end record), or the source ran out first */
export type DoneWhy = "session" | "track";

export type FromWorker =
  | { t: "progress"; gen: number; text: string }
  /** the watch runs the app; imageCached: the factory image came from IndexedDB */
  | { t: "ready"; gen: number; version: string; wall0: number; imageCached: boolean }
  | { t: "error"; gen: number; message: string }
  /**
   * the answer to "frame": board time, the screen when it changed since the last one (RGBA,
   * transferred), and what happened since the last frame
   */
  | { t: "frame"; gen: number; nowMs: number; rgba?: Uint8Array; buzzes: Buzz[]; console: string; errors: string[]; done: boolean; doneWhy?: DoneWhy; stats: WorkerStats; presses: Press[]; pathPending: boolean }
  /**
   * every second or so of real time (and after each action while paused): new source rows, the
   * session log, the file list, whether the watch is locked and the file it runs (the app, or the
   * clock once the app has left)
   */
  | { t: "slow"; gen: number; rows: Row[]; log?: { name: string; text: string }; files: FileEntry[]; locked: boolean; app: string }
  | { t: "file"; id: number; text: string }
  | { t: "done"; id: number };
