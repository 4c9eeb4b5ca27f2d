// The emulator page: the built app.js on one of two engines, driven by emulator/driver.ts from a
// recording, a dropped file or the synthetic runner.
// - the real Bangle.js 2 firmware (the Espruino Web IDE's emscripten build) in a Web Worker
//   (fw-worker.ts, talked to through fw-client.ts), when the server has its files;
// - the board (emulator/board, the project's fake Bangle.js 2) in an iframe realm, always there.
import type { SessionDriver, Buzz } from "../driver";
import { parseWorkout } from "../../src/engine/workout/validate";
import type { Board } from "../board/board";
import { recordingSource, syntheticSource, type RunnerKnobs, type Source } from "../sources";
import { DEFAULT_PATH, DEFAULT_RECORDING, DEFAULT_SEEDS, LEAD_S } from "../defaults";
import { buzzList, fileList, sessionLog, startSession } from "../session";
import { createIframeRealm } from "./realm-iframe";
import { Timeline, type Mark } from "./timeline";
import { parseRecording, type Row } from "../../src/sim/recording";
import { readTrackFile } from "../../src/sim/formats/index";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { FwClient, firmwareStatus, type FwStatus } from "./fw-client";
import type { SourceSpec } from "./fw-protocol";

type Engine = "firmware" | "board";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const inputVal = (id: string) => Number($<HTMLInputElement>(id).value);
const fmt = (ms: number) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };

let engine: Engine = "board";
let fwStatus: FwStatus = { present: false };
let fw: FwClient | undefined;
let board: Board | undefined;
let wallStartMs = 0;
let driver: SessionDriver | undefined;
let playing = false;
let droppedRows: Row[] | undefined;
let droppedName = "";
let bundledRows: Row[];
let lastFrame = 0;
let lastSlow = 0;
let finished = false;
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

function source(): Source {
  const kind = sourceKind();
  if (kind === "file" && droppedRows) return recordingSource(droppedName, droppedRows, LEAD_S);
  if (kind === "synthetic") return syntheticSource(knobs);
  return recordingSource(DEFAULT_RECORDING.split("/").pop()!, bundledRows, LEAD_S);
}

function sourceSpec(): SourceSpec {
  const kind = sourceKind();
  if (kind === "synthetic") return { kind: "synthetic", knobs: knobs() };
  if (kind === "file" && droppedRows) return { kind: "recording", name: droppedName, rows: droppedRows, leadS: LEAD_S };
  return { kind: "recording", name: DEFAULT_RECORDING.split("/").pop()!, rows: bundledRows, leadS: LEAD_S };
}

function setPlaying(on: boolean): void {
  playing = on;
  $("play").textContent = on ? "❚❚ Pause" : "▶ Play";
  speedSamples.length = 0;
  if (engine === "firmware") fw?.play(on);
}

async function restart(): Promise<void> {
  hooks.ready = false;
  setPlaying(false);
  finished = false;
  const url = $<HTMLSelectElement>("app-choice").value;
  $("buzzes").replaceChildren();
  $("console").textContent = "";
  const jump = $<HTMLButtonElement>("clockjump");
  jump.disabled = engine === "firmware";
  jump.title = jump.disabled ? "not on the real firmware: its emulator build ignores setTime(), and moving its clock fires every timer in between" : "";
  showEngine();
  if (engine === "firmware") {
    board = undefined;
    driver = undefined;
    document.querySelectorAll("iframe").forEach((f) => f.remove());
    if (!fw) {
      fw = new FwClient(fwStatus.stamp ?? "");
      wireFw(fw);
    }
    status(`starting the real firmware…`);
    await fw.start(url, sourceSpec(), inputVal("noise"));
    fw.speed(wantedSpeed());
    // Play may have been pressed while it started
    fw.play(playing);
    showEngine();
    status(`${url} on ${sourceName()}`);
  } else {
    fw?.terminate();
    fw = undefined;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const appJs = await res.text();
    document.querySelectorAll("iframe").forEach((f) => f.remove());
    ({ board, driver } = await startSession(createIframeRealm(), appJs, source(), { path: DEFAULT_PATH, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist, noiseM: inputVal("noise") }));
    wallStartMs = board.wallNow() - board.now();
    render(true);
    status(`${url} on ${driver.source.name}`);
  }
  hooks.ready = true;
}

function sourceName(): string {
  const s = sourceSpec();
  return s.kind === "synthetic" ? "synthetic runner" : s.name;
}

function showEngine(): void {
  $("engine-name").textContent = engineName();
  $<HTMLSelectElement>("engine").value = engine;
}

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

/** buzzes, and the step boundaries and flags of the session log (its wall clock against the watch's at board time 0) */
function marks(log: { text: string } | undefined, wall0: number): Mark[] {
  const m: Mark[] = buzzes().map((b) => ({ tS: b.tMs / 1000, kind: "buzz", label: `${b.ms} ms` }));
  if (!log) return m;
  const recs = decodeLog(log.text, crc32).recs;
  const head = recs.find((r) => r.k === "H");
  const off = head && head.k === "H" ? head.startMs - wall0 : 0;
  for (const r of recs) {
    if (r.k === "S") m.push({ tS: (off + r.startMs) / 1000, kind: "step", label: r.rep ? `${r.kind} ${r.rep}` : r.kind });
    if (r.k === "F") m.push({ tS: (off + r.tMs) / 1000, kind: "flag", label: r.what });
    if (r.k === "E") finished = true;
  }
  return m;
}

function renderBuzzes(): void {
  const list = $("buzzes");
  const bz = buzzes();
  while (list.children.length > bz.length) list.lastChild!.remove();
  for (let i = list.children.length; i < bz.length; i++) {
    const li = document.createElement("li");
    const ms = Math.round(bz[i].tMs);
    li.textContent = `${fmt(ms)}.${String(ms % 1000).padStart(3, "0")}  ${bz[i].ms} ms @ ${bz[i].strength}`;
    list.append(li);
  }
}

function renderSpeed(): void {
  const real = performance.now(), t = nowMs();
  speedSamples.push([real, t]);
  while (speedSamples.length > 2 && real - speedSamples[0][0] > 1500) speedSamples.shift();
  const [r0, t0] = speedSamples[0];
  if (playing && real - r0 > 400) achieved = (t - t0) / (real - r0);
  $("achieved").textContent = playing && real - r0 > 400 ? `${achieved >= 10 ? achieved.toFixed(0) : achieved.toFixed(1)}× real time` : "";
}

function renderFiles(files: { name: string; bytes: number; sf: boolean }[], read: (name: string, sf: boolean) => Promise<string> | string): void {
  const body = $("storage").querySelector("tbody")!;
  body.replaceChildren(...files.map((f) => {
    const tr = document.createElement("tr");
    tr.innerHTML = `<td></td><td>${f.bytes}</td><td><button>view</button></td>`;
    tr.cells[0].textContent = f.name;
    tr.querySelector("button")!.onclick = async () => ($("file-view").textContent = await read(f.name, f.sf));
    return tr;
  }));
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
  if (!slow) return;
  timeline.setRows(driver.rows());
  timeline.setMarks(marks(sessionLog(b), wallStartMs), b.now() / 1000);
  renderFiles(fileList(b), (name, sf) => (sf ? b.storage.readStorageFile(name) : b.storage.read(name)) ?? "");
  $("console").textContent = b.console.slice(-60).join("\n");
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
    if (c.done && playing) {
      setPlaying(false);
      status(`session finished at ${fmt(c.nowMs)}: ${c.buzzes.length} buzzes`);
    }
  };
  let shown = { rows: -1, files: "" };
  c.onSlow = () => {
    if (c !== fw) return;
    if (c.rows.length !== shown.rows) timeline.setRows(c.rows);
    timeline.setMarks(marks(c.log, c.wall0), c.nowMs / 1000);
    const files = JSON.stringify(c.files);
    if (files !== shown.files) renderFiles(c.files, (name, sf) => c.read(name, sf));
    shown = { rows: c.rows.length, files };
  };
}

let busy = false;
async function frame(t: number): Promise<void> {
  requestAnimationFrame(frame);
  const dt = Math.min(100, t - (lastFrame || t));
  lastFrame = t;
  if (engine === "firmware") {
    fw?.requestFrame();
    return;
  }
  if (!playing || busy || !board || !driver) return;
  busy = true;
  const b = board, d = driver;
  try {
    const speed = wantedSpeed();
    if (speed === Infinity) {
      // as fast as the board goes: whole seconds until this frame's budget is spent
      const t0 = performance.now();
      do await d.advanceTo(b.now() + 1000);
      while (performance.now() - t0 < 30 && !d.done());
    } else await d.advanceTo(b.now() + dt * speed);
    const slow = t - lastSlow > 250;
    if (slow) lastSlow = t;
    render(slow);
    if (d.done() || finished) {
      setPlaying(false);
      render(true);
      status(`session finished at ${fmt(b.now())}: ${b.buzzes.length} buzzes`);
    }
  } catch (e) {
    setPlaying(false);
    status(String(e), true);
    console.error(e);
  } finally {
    busy = false;
  }
}

function speedChanged(): void {
  const max = $<HTMLInputElement>("max").checked;
  $("speed-val").textContent = `${inputVal("speed")}×`;
  $<HTMLInputElement>("speed").disabled = max;
  fw?.speed(wantedSpeed());
  speedSamples.length = 0;
}

/** a user action in time order on the board; when paused, at once */
function act(run: () => void): void {
  if (!driver || !board) return;
  driver.now(run);
  if (!playing) driver.advanceTo(board.now()).then(() => render(true));
}

function wire(): void {
  $("play").onclick = () => setPlaying(!playing);
  $("step").onclick = async () => {
    if (engine === "firmware") return fw?.step(1000);
    if (!driver || !board) return;
    await driver.advanceTo(board.now() + 1000);
    render(true);
  };
  const restartOrSay = () => { restart().catch((e) => status(String(e), true)); };
  $("restart").onclick = restartOrSay;
  $("app-choice").onchange = restartOrSay;
  $("engine").onchange = () => {
    engine = $<HTMLSelectElement>("engine").value as Engine;
    restartOrSay();
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
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="src"]')) r.onchange = restartOrSay;
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
    if (engine === "firmware") fw?.tap(x, y);
    else act(() => board!.tap(x, y));
  };
  // held in real time: on the board, 1.5 s of board time leaves the app as on the watch; on the
  // firmware, watch time runs at real speed while BTN1 is down
  const btn = (down: boolean) => {
    if (engine === "firmware") fw?.button(down);
    else act(() => (down ? board!.buttonDown() : board!.buttonUp()));
  };
  $("btn1").onmousedown = () => btn(true);
  $("btn1").onmouseup = () => btn(false);

  $<HTMLInputElement>("upload").onchange = async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    const text = await f.text();
    // the full validation happens here (the watch only checks a plan's shape); uploaded plans live in
    // speedseq.w<id>.json (Storage names ≤ 28 chars)
    const r = parseWorkout(text);
    if (!r.ok) {
      status(`${f.name}: ${r.error}`, true);
      return;
    }
    const name = `speedseq.w${Date.now().toString(36).slice(-6)}.json`;
    if (engine === "firmware") fw?.write(name, JSON.stringify(r.plan));
    else board?.storage.write(name, JSON.stringify(r.plan));
    status(`uploaded ${f.name} (${r.plan.name}) as ${name}`);
    if (engine === "board") render(true);
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

async function loadFile(f: File): Promise<void> {
  try {
    droppedRows = await readTrackFile(f.name, new Uint8Array(await f.arrayBuffer()));
    droppedName = f.name;
    $("file-name").textContent = `${f.name} (${droppedRows.length} points)`;
    (document.querySelector('input[name="src"][value="file"]') as HTMLInputElement).checked = true;
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

/** hooks for the browser tests (tests/browser/page.test.ts, firmware-page.test.ts) */
const hooks = {
  ready: false,
  engine: () => engine,
  board: () => board,
  driver: () => driver,
  /** the firmware engine's state, as plain data */
  fw: () => fw && { imageCached: fw.imageCached, stats: fw.stats, version: fw.version, nowMs: fw.nowMs, buzzes: fw.buzzes, errors: fw.errors, console: fw.console, done: fw.done, log: fw.log?.text, files: fw.files },
  now: nowMs,
  achieved: () => achieved,
  finished: () => (engine === "firmware" ? !!fw?.done : !!driver && (driver.done() || finished)),
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
    else {
      await driver!.advanceTo(tMs);
      render(true);
    }
  },
  loadFile,
};
(window as unknown as { speedseq: typeof hooks }).speedseq = hooks;

async function init(): Promise<void> {
  wire();
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
