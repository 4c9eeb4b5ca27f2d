// The emulator page: the built app.js on one of two engines, driven by emulator/driver.ts from a
// recording, a track file or the synthetic runner, through the button path of the workout picked
// next to Play.
// - the real Bangle.js 2 firmware (the Espruino Web IDE's emscripten build) in a Web Worker
//   (fw-worker.ts, talked to through fw-client.ts), when the server has its files;
// - the board (emulator/board, the project's fake Bangle.js 2) in an iframe realm, always there.
// On both, BTN1 lasts in watch time as long as it is held (watch time runs at real speed while it
// is down), the page says when the watch is locked and when the app has left, and workouts
// uploaded here are kept in the browser and written to the watch after every boot.
import { BOARD_MENU, FIRMWARE_MENU, workoutPath, type SessionDriver, type Buzz, type PathStep } from "../driver";
import { parseWorkout } from "../../src/engine/workout/validate";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { Board } from "../board/board";
import { recordingSource, syntheticSource, type RunnerKnobs, type Source } from "../sources";
import { DEFAULT_RECORDING, DEFAULT_SEEDS, LEAD_S } from "../defaults";
import { buzzList, buzzPatterns, fileList, patternShape, sessionLog, startSession } from "../session";
import type { AppFiles } from "../install";
import { WATCH_FILES } from "../../tools/watch-files.mjs";
import { createIframeRealm } from "./realm-iframe";
import { Timeline } from "./timeline";
import { timelineMarks } from "./timeline-data";
import { parseRecording, type Row } from "../../src/sim/recording";
import { readTrackFile } from "../../src/sim/formats/index";
import { decodeLog } from "../../src/engine/log/decode";
import { fmtTime } from "../../src/engine/format";
import { crc32 } from "../../src/sim/crc";
import { FwClient, firmwareStatus, type FwStatus } from "./fw-client";
import type { DoneWhy, Press, SourceSpec } from "./fw-protocol";
import { addUpload, listRow, loadUploads, saveUploads, uploadFiles, type Upload } from "./workouts";
import { workoutFileName } from "../../src/authoring/names";
import { describeLog, isSessionLog } from "./logview";

type Engine = "firmware" | "board";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const inputVal = (id: string) => Number($<HTMLInputElement>(id).value);
const fmt = (ms: number) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };
const APP_FILE = "speedseq.app.js";

let engine: Engine = "board";
let fwStatus: FwStatus = { present: false };
let fw: FwClient | undefined;
let board: Board | undefined;
let wallStartMs = 0;
let driver: SessionDriver | undefined;
let playing = false;
/** the track file chosen or dropped */
let trackRows: Row[] | undefined;
let trackName = "";
let bundledRows: Row[];
/** the source the session runs on (for its end) */
let running: Source | undefined;
/** the source radio's value the session runs on */
let sourceShown = "bundled";
let lastFrame = 0;
let lastSlow = 0;
/** set once the session's end (or the source's) has been said */
let ended: DoneWhy | undefined;
/** the app has left (load(): the clock) and the page said so */
let leftSaid = false;
/** real ms at which the page's BTN1 went down (-1: up); while down, watch time runs at real speed */
let btnDownAt = -1;
/** BTN1 presses by the page's button on the board, in board time */
let presses: Press[] = [];
/** the workout Play starts: "b:<name>" for a built-in, "u:<name>" for an upload */
let picked = `b:${TEMPLATES[0].name}`;
let uploads: Upload[] = loadUploads();
const timeline = new Timeline($("timeline"), Math.max(600, innerWidth - 60));
const ctx = $<HTMLCanvasElement>("screen").getContext("2d")!;
const image = ctx.createImageData(176, 176);
/** [real ms, board ms] over the last second or so: the speed achieved */
const speedSamples: [number, number][] = [];
let achieved = 0;

function status(text: string, error = false): void {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

/** emulated ms per real ms asked for: the slider, or Infinity for "as fast as it goes" */
function wantedSpeed(): number {
  return $<HTMLInputElement>("max").checked ? Infinity : inputVal("speed");
}

function engineName(): string {
  return engine === "firmware" ? `real firmware ${fw?.version || "(starting)"}` : "board (the project's fake Bangle.js 2)";
}

function knobs(): RunnerKnobs {
  return { sPerKm: inputVal("k-pace"), bpm: inputVal("k-hr"), spm: inputVal("k-spm") };
}

function sourceKind(): string {
  return (document.querySelector('input[name="src"]:checked') as HTMLInputElement).value;
}

function checkSource(value: string): void {
  (document.querySelector(`input[name="src"][value="${value}"]`) as HTMLInputElement).checked = true;
}

function sourceSpec(): SourceSpec {
  const kind = sourceKind();
  if (kind === "synthetic") return { kind: "synthetic", knobs: knobs() };
  if (kind === "file" && trackRows) return { kind: "recording", name: trackName, rows: trackRows, leadS: LEAD_S };
  return { kind: "recording", name: DEFAULT_RECORDING.split("/").pop()!, rows: bundledRows, leadS: LEAD_S };
}

function sourceOf(spec: SourceSpec): Source {
  return spec.kind === "synthetic" ? syntheticSource(knobs) : recordingSource(spec.name, spec.rows, spec.leadS);
}

// ---- workouts: the picker, the uploads

/** the picked workout's name (the built-in's, or the upload's) */
function pickedName(): string {
  const up = picked.startsWith("u:") ? uploads.find((u) => u.name === picked.slice(2)) : undefined;
  if (up) return up.name;
  const name = picked.slice(2);
  return TEMPLATES.some((t) => t.name === name) ? name : TEMPLATES[0].name;
}

function renderPicker(): void {
  const sel = $<HTMLSelectElement>("workout");
  const opt = (value: string, text: string) => {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  };
  const built = document.createElement("optgroup");
  built.label = "built-in";
  built.append(...TEMPLATES.map((t) => opt(`b:${t.name}`, t.name)));
  const up = document.createElement("optgroup");
  up.label = "uploaded here";
  up.append(...uploads.map((u) => opt(`u:${u.name}`, `${u.name} (${workoutFileName(u.name)})`)));
  sel.replaceChildren(built, ...(uploads.length ? [up] : []));
  if (![...sel.options].some((o) => o.value === picked)) picked = `b:${TEMPLATES[0].name}`;
  sel.value = picked;
  $<HTMLButtonElement>("forget-workout").disabled = !picked.startsWith("u:");
}

/** the button path that starts the picked workout on this engine's menus, and where it is in the list */
function pickedPath(): { path: PathStep[]; row: number; rows: number } {
  const { row, rows } = listRow(TEMPLATES, uploads, pickedName());
  return { path: workoutPath(row, rows, engine === "firmware" ? FIRMWARE_MENU : BOARD_MENU), row, rows };
}

// ---- (re)starting

function setPlaying(on: boolean): void {
  playing = on;
  $("play").textContent = on ? "❚❚ Pause" : "▶ Play";
  speedSamples.length = 0;
  if (engine === "firmware") fw?.play(on);
}

async function restart(): Promise<void> {
  hooks.ready = false;
  setPlaying(false);
  ended = undefined;
  leftSaid = false;
  btnDownAt = -1;
  presses = [];
  const url = $<HTMLSelectElement>("app-choice").value;
  $("buzzes").replaceChildren();
  $("console").textContent = "";
  $("file-view").replaceChildren();
  renderState(false, false, "");
  const jump = $<HTMLButtonElement>("clockjump");
  jump.disabled = engine === "firmware";
  jump.title = jump.disabled ? "not on the real firmware: its emulator build ignores setTime(), and moving its clock fires every timer in between" : "";
  showEngine();
  const spec = sourceSpec();
  sourceShown = sourceKind();
  const { path, row, rows } = pickedPath();
  const files = uploadFiles(uploads);
  if (engine === "firmware") {
    board = undefined;
    driver = undefined;
    document.querySelectorAll("iframe").forEach((f) => f.remove());
    if (!fw) {
      fw = new FwClient(fwStatus.stamp ?? "");
      wireFw(fw);
    }
    status(`starting the real firmware…`);
    running = sourceOf(spec);
    await fw.start(url, spec, inputVal("noise"), path, files);
    fw.speed(wantedSpeed());
    // Play may have been pressed while it started
    fw.play(playing);
    showEngine();
  } else {
    fw?.terminate();
    fw = undefined;
    // the folder the app's files come from: as built now, or as committed
    const appFiles: AppFiles = {};
    for (const f of WATCH_FILES) {
      const res = await fetch(url + f.url);
      if (!res.ok) throw new Error(`${url + f.url}: ${res.status}`);
      appFiles[f.name] = await res.text();
    }
    document.querySelectorAll("iframe").forEach((f) => f.remove());
    running = sourceOf(spec);
    ({ board, driver } = await startSession(createIframeRealm(), appFiles, running, { path, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist, noiseM: inputVal("noise") }, files));
    wallStartMs = board.wallNow() - board.now();
    render(true);
  }
  const scroll = row > 0 ? `, row ${row + 1} of the list's ${rows}` : "";
  status(`${url} on ${running.name}: ▶ Play starts ${pickedName()} (the path taps it${scroll}, waits for the GPS fix, presses BTN1)`);
  hooks.ready = true;
}

function showEngine(): void {
  $("engine-name").textContent = engineName();
  $<HTMLSelectElement>("engine").value = engine;
}

// ---- what the page shows

/** board ms now, on either engine */
function nowMs(): number {
  return engine === "firmware" ? fw?.nowMs ?? 0 : board?.now() ?? 0;
}

function buzzes(): Buzz[] {
  return engine === "firmware" ? fw?.buzzes ?? [] : board ? buzzList(board) : [];
}

function buzzing(): boolean {
  const t = nowMs();
  return buzzes().some((b) => b.tMs <= t && t < b.tMs + b.ms);
}

let buzzesShown = -1;
/** the buzz list, one row per pattern (by name) */
function renderBuzzes(): void {
  const bz = buzzes();
  if (bz.length === buzzesShown) return;
  buzzesShown = bz.length;
  const list = $("buzzes");
  list.replaceChildren(...buzzPatterns(bz).map((p) => {
    const li = document.createElement("li");
    const ms = Math.round(p.tMs);
    li.textContent = `${fmt(ms)}.${String(ms % 1000).padStart(3, "0")}  ${p.name}  (${patternShape(p)} ms) @ ${p.pulses[0].strength}`;
    li.title = p.pulses.map((b) => `${fmt(b.tMs)}.${String(Math.round(b.tMs) % 1000).padStart(3, "0")} ${b.ms} ms`).join("\n");
    return li;
  }));
  list.scrollTop = list.scrollHeight;
}

function renderSpeed(): void {
  const real = performance.now(), t = nowMs();
  speedSamples.push([real, t]);
  while (speedSamples.length > 2 && real - speedSamples[0][0] > 1500) speedSamples.shift();
  const [r0, t0] = speedSamples[0];
  if (playing && real - r0 > 400) achieved = (t - t0) / (real - r0);
  $("achieved").textContent = playing && real - r0 > 400 ? `${achieved >= 10 ? achieved.toFixed(0) : achieved.toFixed(1)}× real time` : "";
}

/** a file's content in the view: a session log decoded line by line (the raw line under each), anything else as text */
function showFile(name: string, text: string): void {
  const view = $("file-view");
  const head = document.createElement("div");
  head.className = "file-name";
  head.textContent = name;
  if (!isSessionLog(text)) {
    const pre = document.createElement("pre");
    pre.textContent = text;
    view.replaceChildren(head, pre);
    return;
  }
  head.textContent = `${name}: session log, decoded (open a line for its raw text)`;
  const list = document.createElement("ol");
  list.className = "log-lines";
  list.append(...describeLog(text, crc32).map((l) => {
    const li = document.createElement("li");
    const d = document.createElement("details");
    const s = document.createElement("summary");
    s.textContent = l.text;
    if (!l.ok) s.classList.add("bad");
    const raw = document.createElement("code");
    raw.textContent = l.raw;
    d.append(s, raw);
    li.append(d);
    return li;
  }));
  view.replaceChildren(head, list);
}

function renderFiles(files: { name: string; bytes: number; sf: boolean }[], read: (name: string, sf: boolean) => Promise<string> | string): void {
  const body = $("storage").querySelector("tbody")!;
  body.replaceChildren(...files.map((f) => {
    const tr = document.createElement("tr");
    tr.innerHTML = `<td></td><td>${f.bytes}</td><td><button>view</button></td>`;
    tr.cells[0].textContent = f.name;
    tr.querySelector("button")!.onclick = async () => showFile(f.name, await read(f.name, f.sf));
    return tr;
  }));
}

/** the lock and the app's presence, under the watch; once the app has left, playing stops */
function renderState(locked: boolean, left: boolean, app: string): void {
  const el = $("watch-state");
  $("watch").classList.toggle("locked", locked && !left);
  $("watch").classList.toggle("left", left);
  if (left) {
    el.textContent = `The app has left: load() ran and the watch runs ${app || "the clock"}. Restart runs SpeedSeq again.`;
    if (!leftSaid) {
      leftSaid = true;
      setPlaying(false);
      status(`the app has left at ${fmt(nowMs())}: the watch shows the clock (${app || "load()"}); Restart runs it again`, true);
    }
  } else if (locked) el.textContent = "🔒 Locked: the first BTN1 press only unlocks the watch (the app does not see it); taps are ignored until then.";
  else el.textContent = "";
}

/** says how it ended, once: the session's own end time (its log), or where the source ran out */
function sayEnd(why: DoneWhy, log: { text: string } | undefined, wall0: number): void {
  if (ended) return;
  ended = why;
  setPlaying(false);
  const recs = log ? decodeLog(log.text, crc32).recs : [];
  const head = recs.find((r) => r.k === "H");
  const end = recs.find((r) => r.k === "E");
  const n = buzzPatterns(buzzes()).length;
  if (why === "session" && head && head.k === "H" && end && end.k === "E") {
    const atMs = head.startMs - wall0 + end.durMs;
    const how = end.why === "done" ? "workout done" : end.why === "ended" ? "ended by the runner" : "saved";
    status(`session finished at ${fmt(atMs)} watch time: ${fmtTime(Math.round(end.durMs / 1000))} of session, ${(end.distM / 1000).toFixed(2)} km, ${how}; ${n} buzz patterns`);
    return;
  }
  const steps = recs.filter((r) => r.k === "S").length;
  const endS = running && isFinite(running.endS) ? running.endS : nowMs() / 1000;
  status(`track ended at ${fmt(endS * 1000)}: ${running?.name ?? "the source"} has no more data; the workout had ${head ? `not finished (${steps} steps logged)` : "not started"}`);
}

function render(slow: boolean): void {
  if (!board || !driver) return;
  const b = board;
  image.data.set(b.toRGBA());
  ctx.putImageData(image, 0, 0);
  $("watch").classList.toggle("buzz", buzzing());
  $("now").textContent = fmt(b.now());
  renderSpeed();
  renderBuzzes();
  renderState(b.isLocked(), b.exited, b.loaded === "clock" ? "the clock" : b.loaded ?? "");
  if (!slow) return;
  const log = sessionLog(b);
  timeline.setRows(driver.rows());
  timeline.setMarks(timelineMarks(buzzes(), log ? decodeLog(log.text, crc32).recs : [], wallStartMs), b.now() / 1000);
  renderFiles(fileList(b), (name, sf) => (sf ? b.storage.readStorageFile(name) : b.storage.read(name)) ?? "");
  $("console").textContent = b.console.slice(-60).join("\n");
  if (log && /\nE[0-9a-z]+,/.test(log.text)) sayEnd("session", log, wallStartMs);
}

function wireFw(c: FwClient): void {
  c.onProgress = (t) => status(`real firmware: ${t}…`);
  c.onError = (msg) => {
    setPlaying(false);
    status(`firmware: ${msg}`, true);
    console.error(`firmware: ${msg}`);
  };
  c.onFrame = () => {
    if (c !== fw) return;
    if (c.rgba) {
      image.data.set(c.rgba);
      ctx.putImageData(image, 0, 0);
      c.rgba = undefined;
    }
    $("watch").classList.toggle("buzz", buzzing());
    $("now").textContent = fmt(c.nowMs);
    renderSpeed();
    if (c.stats.sliceMs > 0) $("achieved").title = `emulated seconds per real second, over the last second; the firmware's interpreter took ${Math.round((100 * c.stats.firmwareMs) / c.stats.sliceMs)}% of the Worker's emulation time`;
    renderBuzzes();
    const pre = $("console");
    if (pre.textContent !== c.console) {
      pre.textContent = c.console;
      pre.scrollTop = pre.scrollHeight;
    }
    for (const e of c.errors.splice(0)) {
      status(`app error on the firmware: ${e}`, true);
      console.error(`app error on the firmware: ${e}`);
    }
    if (c.done && c.doneWhy) sayEnd(c.doneWhy, c.log, c.wall0);
  };
  let shown = { rows: -1, files: "" };
  c.onSlow = () => {
    if (c !== fw) return;
    if (c.rows.length !== shown.rows) timeline.setRows(c.rows);
    timeline.setMarks(timelineMarks(c.buzzes, c.log ? decodeLog(c.log.text, crc32).recs : [], c.wall0), c.nowMs / 1000);
    const files = JSON.stringify(c.files);
    if (files !== shown.files) renderFiles(c.files, (name, sf) => c.read(name, sf));
    shown = { rows: c.rows.length, files };
    renderState(c.locked, c.app !== "" && c.app !== APP_FILE, c.app);
  };
}

// ---- running the board: everything that touches its driver goes through one queue

let queue: Promise<void> = Promise.resolve();
let queued = 0;
function serial(fn: () => Promise<void> | void): Promise<void> {
  queued++;
  queue = queue.then(fn).catch((e) => {
    setPlaying(false);
    status(String(e), true);
    console.error(e);
  }).finally(() => { queued--; });
  return queue;
}

async function frame(t: number): Promise<void> {
  requestAnimationFrame(frame);
  const dt = Math.min(100, t - (lastFrame || t));
  lastFrame = t;
  if (engine === "firmware") {
    fw?.requestFrame();
    return;
  }
  if (!playing || queued || !board || !driver) return;
  const b = board, d = driver;
  await serial(async () => {
    const speed = wantedSpeed();
    // a held BTN1 runs in watch time at real speed, whatever the speed setting (as on the firmware)
    if (btnDownAt >= 0) await d.advanceTo(b.now() + dt);
    else if (speed === Infinity) {
      // as fast as the board goes: whole seconds until this frame's budget is spent
      const t0 = performance.now();
      do await d.advanceTo(b.now() + 1000);
      while (performance.now() - t0 < 30 && !d.done());
    } else await d.advanceTo(b.now() + dt * speed);
    const slow = t - lastSlow > 250 || d.done();
    if (slow) lastSlow = t;
    render(slow);
    if (d.done() && !ended) sayEnd("track", sessionLog(b), wallStartMs);
  });
}

function speedChanged(): void {
  const max = $<HTMLInputElement>("max").checked;
  $("speed-val").textContent = `${inputVal("speed")}×`;
  $<HTMLInputElement>("speed").disabled = max;
  fw?.speed(wantedSpeed());
  speedSamples.length = 0;
}

/** the user took over the watch while the start path was still running: it is dropped */
function tookOver(pending: boolean): void {
  if (pending) status(`you took over the watch: the rest of the start path for ${pickedName()} was dropped (on the pre-start screen BTN1 starts)`);
}

/** a user action on the board in time order; when paused, at once. What is left of the start path is dropped */
function act(run: () => void): Promise<void> {
  return serial(async () => {
    if (!driver || !board) return;
    tookOver(driver.pathPending());
    driver.cancelPath();
    driver.now(run);
    if (!playing) {
      await driver.advanceTo(board.now());
      render(true);
    }
  });
}

/** BTN1 down or up, on either engine: a press lasts in watch time as long as it is held */
function btn(down: boolean): void {
  if (engine === "firmware") {
    if (down) tookOver(!!fw?.pathPending);
    fw?.button(down);
    return;
  }
  if (down) {
    if (btnDownAt >= 0) return;
    btnDownAt = performance.now();
    act(() => {
      presses.push({ downMs: board!.now() });
      board!.buttonDown();
    });
    return;
  }
  if (btnDownAt < 0) return;
  const held = performance.now() - btnDownAt;
  serial(async () => {
    // the hold lasts at least as long in watch time as it did in real time (up to 5 s): paused,
    // or when the page was too busy to run frames while it was down
    if (driver && board) {
      await driver.advanceTo(board.now());
      const p = presses[presses.length - 1];
      const short = p && p.upMs === undefined ? Math.min(5000, held) - (board.now() - p.downMs) : 0;
      if (short > 0) await driver.advanceTo(board.now() + short);
    }
    btnDownAt = -1;
  });
  act(() => {
    const p = presses[presses.length - 1];
    if (p && p.upMs === undefined) p.upMs = board!.now();
    board!.buttonUp();
  });
}

function wire(): void {
  $("play").onclick = () => setPlaying(!playing);
  $("step").onclick = () => {
    if (engine === "firmware") return fw?.step(1000);
    serial(async () => {
      if (!driver || !board) return;
      await driver.advanceTo(board.now() + 1000);
      render(true);
    });
  };
  const restartOrSay = () => { restart().catch((e) => status(String(e), true)); };
  $("restart").onclick = restartOrSay;
  $("app-choice").onchange = restartOrSay;
  $("engine").onchange = () => {
    engine = $<HTMLSelectElement>("engine").value as Engine;
    restartOrSay();
  };
  $("workout").onchange = () => {
    picked = $<HTMLSelectElement>("workout").value;
    renderPicker();
    restartOrSay();
  };
  $("forget-workout").onclick = () => {
    const name = picked.slice(2);
    const up = uploads.find((u) => u.name === name);
    if (!up) return;
    uploads = uploads.filter((u) => u !== up);
    saveUploads(uploads);
    picked = `b:${TEMPLATES[0].name}`;
    renderPicker();
    restart().then(() => status(`forgot ${up.name} (${workoutFileName(up.name)}): no longer written to the watch`)).catch((e) => status(String(e), true));
  };
  $("speed").oninput = speedChanged;
  $("max").onchange = speedChanged;
  speedChanged();
  const knobLabels = () => {
    $("k-pace-val").textContent = `${fmt(inputVal("k-pace") * 1000)} /km`;
    $("k-hr-val").textContent = `${inputVal("k-hr")} bpm`;
    $("k-spm-val").textContent = `${inputVal("k-spm")} spm`;
    fw?.knobs(knobs());
  };
  for (const k of ["k-pace", "k-hr", "k-spm"]) $(k).oninput = knobLabels;
  knobLabels();
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="src"]')) r.onchange = () => {
    if (r.value === "file" && !trackRows) {
      // nothing to play yet: say so and keep the source the session runs on
      checkSource(sourceShown);
      status("no track file yet: choose one (the file button beside “file”) or drop a GPX, TCX, FIT or CSV on the page", true);
      return;
    }
    restartOrSay();
  };
  $<HTMLInputElement>("track-file").onchange = async (e) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (f) await loadFile(f);
    input.value = "";
  };
  $("noise").oninput = () => {
    $("noise-val").textContent = `${inputVal("noise")} m`;
    if (engine === "firmware") fw?.noise(inputVal("noise"));
    else driver?.setNoise(inputVal("noise"));
  };
  $("dropout").onclick = () => (engine === "firmware" ? fw?.dropout(30) : driver?.dropout(30));
  $("jump").onclick = () => (engine === "firmware" ? fw?.jump(80) : driver?.gpsJump(80));
  $("clockjump").onclick = () => driver?.clockJump(3600_000);
  $("wrist-seed").textContent = String(DEFAULT_SEEDS.wrist);
  $("bundled-name").textContent = `(${DEFAULT_RECORDING.split("/").pop()})`;

  const screen = $<HTMLCanvasElement>("screen");
  screen.onclick = (e) => {
    const r = screen.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) * 176) / r.width), y = Math.floor(((e.clientY - r.top) * 176) / r.height);
    if (engine === "firmware") {
      tookOver(!!fw?.pathPending);
      fw?.tap(x, y);
    } else act(() => {
      if (!board!.tap(x, y)) status(board!.exited ? "tap ignored: the app has left" : "tap ignored: the watch is locked (BTN1 unlocks it)");
    });
  };
  // held in watch time as long as in real time, on both engines (1.5 s of it leaves the app on the board)
  const b1 = $<HTMLButtonElement>("btn1");
  b1.onpointerdown = (e) => {
    b1.setPointerCapture(e.pointerId);
    btn(true);
  };
  b1.onpointerup = () => btn(false);
  b1.onpointercancel = () => btn(false);
  b1.onlostpointercapture = () => btn(false);
  b1.onkeydown = (e) => {
    if (e.key !== " " && e.key !== "Enter") return;
    e.preventDefault();
    if (!e.repeat) btn(true);
  };
  b1.onkeyup = (e) => {
    if (e.key === " " || e.key === "Enter") btn(false);
  };

  $<HTMLInputElement>("upload").onchange = async (e) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = "";
    if (f) await upload(f.name, await f.text());
  };
  $("download-log").onclick = () => {
    const log = engine === "firmware" ? fw?.log : board && sessionLog(board);
    if (!log) return status("no session log on the watch yet", true);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([log.text], { type: "text/plain" }));
    a.download = log.name.replace(/[^\w.-]/g, "_") + ".txt";
    a.click();
  };

  addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("drop"); });
  addEventListener("dragleave", () => document.body.classList.remove("drop"));
  addEventListener("drop", async (e) => {
    e.preventDefault();
    document.body.classList.remove("drop");
    const f = e.dataTransfer?.files[0];
    if (f) await loadFile(f);
  });
}

/**
 * A workout file: validated in full here (the watch only checks a plan's shape), kept in this
 * browser, picked, and on the watch after a restart of the app (every boot writes the uploads).
 */
async function upload(fileName: string, text: string): Promise<void> {
  const r = parseWorkout(text);
  if (!r.ok) return status(`${fileName}: ${r.error}`, true);
  const a = addUpload(uploads, r.plan);
  if (!a.ok) return status(`${fileName}: ${a.error}`, true);
  uploads = a.uploads;
  saveUploads(uploads);
  picked = `u:${a.upload.name}`;
  renderPicker();
  try {
    await restart();
    status(`uploaded ${fileName}: ${a.upload.name} as ${workoutFileName(a.upload.name)}${a.replaced ? " (replacing the earlier one of that name)" : ""}; the app restarted and lists it, and ▶ Play starts it`);
  } catch (e) {
    status(String(e), true);
  }
}

async function loadFile(f: File): Promise<void> {
  try {
    trackRows = await readTrackFile(f.name, new Uint8Array(await f.arrayBuffer()));
    trackName = f.name;
    $("file-name").textContent = `${f.name} (${trackRows.length} points)`;
    checkSource("file");
    await restart();
  } catch (e) {
    status(`${f.name}: ${e instanceof Error ? e.message : e}`, true);
  }
}

/** the engines this server offers: the firmware when its files are there (the default then), the board always */
function setUpEngines(): void {
  const sel = $<HTMLSelectElement>("engine");
  const opt = sel.querySelector<HTMLOptionElement>('option[value="firmware"]')!;
  opt.disabled = !fwStatus.present;
  if (!fwStatus.present) opt.textContent = "real Bangle.js 2 firmware (files not found)";
  $("fw-howto").hidden = fwStatus.present;
  const asked = new URLSearchParams(location.search).get("engine");
  engine = asked === "board" || !fwStatus.present ? "board" : "firmware";
}

/** hooks for the browser tests (tests/browser/*.test.ts) */
const hooks = {
  ready: false,
  engine: () => engine,
  board: () => board,
  driver: () => driver,
  /** the firmware engine's state, as plain data */
  fw: () => fw && { imageCached: fw.imageCached, stats: fw.stats, version: fw.version, nowMs: fw.nowMs, buzzes: fw.buzzes, errors: fw.errors, console: fw.console, done: fw.done, log: fw.log?.text, files: fw.files },
  now: nowMs,
  achieved: () => achieved,
  finished: () => (engine === "firmware" ? !!fw?.done : !!ended),
  /** BTN1 presses by the page's button, in board time, on either engine */
  presses: () => (engine === "firmware" ? fw?.presses ?? [] : presses),
  /** the session log's text on either engine */
  log: () => (engine === "firmware" ? fw?.log?.text : board && sessionLog(board)?.text),
  status: () => $("status").textContent ?? "",
  /** the workout Play starts */
  picked: () => pickedName(),
  /** plays at `speed` (emulated s per real s; Infinity: as fast as the engine goes) */
  play(speed: number) {
    $<HTMLInputElement>("max").checked = speed === Infinity;
    if (speed !== Infinity) $<HTMLInputElement>("speed").value = String(speed);
    speedChanged();
    setPlaying(true);
  },
  pause: () => setPlaying(false),
  /** the screen as the page shows it (RGBA) */
  screen: () => [...image.data],
  async advanceTo(tMs: number) {
    if (engine === "firmware") await fw?.advanceTo(tMs);
    else await serial(async () => {
      await driver!.advanceTo(tMs);
      render(true);
    });
  },
  loadFile,
};
(window as unknown as { speedseq: typeof hooks }).speedseq = hooks;

async function init(): Promise<void> {
  wire();
  renderPicker();
  const [rec, st] = await Promise.all([fetch(DEFAULT_RECORDING).then((r) => r.text()), firmwareStatus()]);
  bundledRows = parseRecording(rec);
  fwStatus = st;
  setUpEngines();
  requestAnimationFrame(frame);
  try {
    await restart();
  } catch (e) {
    if (engine !== "firmware") throw e;
    // the firmware would not start here: say why, and run on the board
    engine = "board";
    await restart();
    status(`the real firmware did not start (${e instanceof Error ? e.message : e}): running on the board`, true);
  }
}
init().catch((e) => {
  status(String(e), true);
  console.error(e);
});
