// The emulator page: the built app.js on the fake Bangle.js 2 (emulator/board) in an iframe realm,
// driven by emulator/driver.ts from a recording, a dropped file or the synthetic runner.
import type { SessionDriver } from "../driver";
import { parseWorkout } from "../../src/engine/workout/validate";
import type { Board } from "../board/board";
import { recordingSource, syntheticSource, type Source } from "../sources";
import { DEFAULT_PATH, DEFAULT_RECORDING, DEFAULT_SEEDS, LEAD_S } from "../defaults";
import { buzzList, fileList, sessionLog, startSession } from "../session";
import type { AppFiles } from "../install";
import { WATCH_FILES } from "../../tools/watch-files.mjs";
import { createIframeRealm } from "./realm-iframe";
import { Timeline, type Mark } from "./timeline";
import { parseRecording, type Row } from "../../src/sim/recording";
import { readTrackFile } from "../../src/sim/formats/index";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const inputVal = (id: string) => Number($<HTMLInputElement>(id).value);
const fmt = (ms: number) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };

let board: Board;
let wallStartMs = 0;
let driver: SessionDriver;
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

function status(text: string, error = false): void {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

function source(): Source {
  const kind = (document.querySelector('input[name="src"]:checked') as HTMLInputElement).value;
  if (kind === "file" && droppedRows) return recordingSource(droppedName, droppedRows, LEAD_S);
  if (kind === "synthetic") return syntheticSource(() => ({ sPerKm: inputVal("k-pace"), bpm: inputVal("k-hr"), spm: inputVal("k-spm") }));
  return recordingSource(DEFAULT_RECORDING.split("/").pop()!, bundledRows, LEAD_S);
}

async function restart(): Promise<void> {
  playing = false;
  finished = false;
  $("play").textContent = "▶ Play";
  // the folder the app's files come from: as built now, or as committed
  const url = $<HTMLSelectElement>("app-choice").value;
  const files: AppFiles = {};
  for (const f of WATCH_FILES) {
    const res = await fetch(url + f.url);
    if (!res.ok) throw new Error(`${url + f.url}: ${res.status}`);
    files[f.name] = await res.text();
  }
  document.querySelectorAll("iframe").forEach((f) => f.remove());
  ({ board, driver } = await startSession(createIframeRealm(), files, source(), { path: DEFAULT_PATH, seed: DEFAULT_SEEDS.gps, wristSeed: DEFAULT_SEEDS.wrist, noiseM: inputVal("noise") }));
  wallStartMs = board.wallNow() - board.now();
  $("buzzes").replaceChildren();
  render(true);
  status(`${url} on ${driver.source.name}`);
}

function readFile(name: string, sf: boolean): string {
  return (sf ? board.storage.readStorageFile(name) : board.storage.read(name)) ?? "";
}

function buzzing(): boolean {
  const t = board.now();
  return board.buzzes.some((b) => b.tMs <= t && t < b.tMs + b.ms);
}

function marks(): Mark[] {
  const m: Mark[] = board.buzzes.map((b) => ({ tS: b.tMs / 1000, kind: "buzz", label: `${b.ms} ms` }));
  const log = sessionLog(board);
  if (!log) return m;
  const recs = decodeLog(log.text, crc32).recs;
  const head = recs.find((r) => r.k === "H");
  // session ms -> board ms: the header's wall-clock start against the board's wall clock at 0
  const off = head && head.k === "H" ? head.startMs - wallStartMs : 0;
  for (const r of recs) {
    if (r.k === "S") m.push({ tS: (off + r.startMs) / 1000, kind: "step", label: r.rep ? `${r.kind} ${r.rep}` : r.kind });
    if (r.k === "F") m.push({ tS: (off + r.tMs) / 1000, kind: "flag", label: r.what });
    if (r.k === "E") finished = true;
  }
  return m;
}

function render(slow: boolean): void {
  image.data.set(board.toRGBA());
  ctx.putImageData(image, 0, 0);
  $("watch").classList.toggle("buzz", buzzing());
  $("now").textContent = fmt(board.now());
  const buzzes = buzzList(board);
  const list = $("buzzes");
  while (list.children.length > buzzes.length) list.lastChild!.remove();
  for (let i = list.children.length; i < buzzes.length; i++) {
    const li = document.createElement("li");
    const ms = Math.round(buzzes[i].tMs);
    li.textContent = `${fmt(ms)}.${String(ms % 1000).padStart(3, "0")}  ${buzzes[i].ms} ms @ ${buzzes[i].strength}`;
    list.append(li);
  }
  if (!slow) return;
  timeline.setRows(driver.rows());
  timeline.setMarks(marks(), board.now() / 1000);
  const body = $("storage").querySelector("tbody")!;
  body.replaceChildren(...fileList(board).map((f) => {
    const tr = document.createElement("tr");
    tr.innerHTML = `<td></td><td>${f.bytes}</td><td><button>view</button></td>`;
    tr.cells[0].textContent = f.name;
    tr.querySelector("button")!.onclick = () => ($("file-view").textContent = readFile(f.name, f.sf));
    return tr;
  }));
}

let busy = false;
async function frame(t: number): Promise<void> {
  requestAnimationFrame(frame);
  const dt = Math.min(100, t - (lastFrame || t));
  lastFrame = t;
  if (!playing || busy || !board) return;
  busy = true;
  try {
    await driver.advanceTo(board.now() + dt * inputVal("speed"));
    const slow = t - lastSlow > 250;
    if (slow) lastSlow = t;
    render(slow);
    if (driver.done() || finished) {
      playing = false;
      $("play").textContent = "▶ Play";
      render(true);
      status(`session finished at ${fmt(board.now())}: ${board.buzzes.length} buzzes`);
    }
  } catch (e) {
    playing = false;
    status(String(e), true);
    console.error(e);
  } finally {
    busy = false;
  }
}

function wire(): void {
  $("play").onclick = () => {
    playing = !playing;
    $("play").textContent = playing ? "❚❚ Pause" : "▶ Play";
  };
  $("step").onclick = async () => {
    await driver.advanceTo(board.now() + 1000);
    render(true);
  };
  $("restart").onclick = () => restart().catch((e) => status(String(e), true));
  $("app-choice").onchange = $("restart").onclick as () => void;
  const speed = () => ($("speed-val").textContent = `${inputVal("speed")}×`);
  $("speed").oninput = speed;
  speed();
  const knobs = () => {
    $("k-pace-val").textContent = `${fmt(inputVal("k-pace") * 1000)} /km`;
    $("k-hr-val").textContent = `${inputVal("k-hr")} bpm`;
    $("k-spm-val").textContent = `${inputVal("k-spm")} spm`;
  };
  for (const k of ["k-pace", "k-hr", "k-spm"]) $(k).oninput = knobs;
  knobs();
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="src"]')) r.onchange = $("restart").onclick as () => void;
  $("noise").oninput = () => {
    $("noise-val").textContent = `${inputVal("noise")} m`;
    driver.setNoise(inputVal("noise"));
  };
  $("dropout").onclick = () => driver.dropout(30);
  $("jump").onclick = () => driver.gpsJump(80);
  $("clockjump").onclick = () => driver.clockJump(3600_000);
  $("wrist-seed").textContent = String(DEFAULT_SEEDS.wrist);
  $("bundled-name").textContent = `(${DEFAULT_RECORDING.split("/").pop()})`;

  const screen = $<HTMLCanvasElement>("screen");
  // user input goes through the driver so it runs in time order on the board; when paused, at once
  const act = (run: () => void) => {
    driver.now(run);
    if (!playing) driver.advanceTo(board.now()).then(() => render(true));
  };
  screen.onclick = (e) => {
    const r = screen.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) * 176) / r.width), y = Math.floor(((e.clientY - r.top) * 176) / r.height);
    act(() => board.tap(x, y));
  };
  // held in real time: holding for 1.5 s of board time leaves the app, as on the watch
  $("btn1").onmousedown = () => act(() => board.buttonDown());
  $("btn1").onmouseup = () => act(() => board.buttonUp());

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
    board.storage.write(name, JSON.stringify(r.plan));
    status(`uploaded ${f.name} (${r.plan.name}) as ${name}`);
    render(true);
  };
  $("download-log").onclick = () => {
    const log = sessionLog(board);
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

/** hooks for the browser tests (tests/browser/page.test.ts) */
const hooks = {
  ready: false,
  board: () => board,
  driver: () => driver,
  finished: () => driver.done() || finished,
  play(speed: number) {
    $<HTMLInputElement>("speed").value = String(speed);
    $("speed-val").textContent = `${speed}×`;
    playing = true;
    $("play").textContent = "❚❚ Pause";
  },
  async advanceTo(tMs: number) {
    await driver.advanceTo(tMs);
    render(true);
  },
  loadFile,
};
(window as unknown as { speedseq: typeof hooks }).speedseq = hooks;

async function init(): Promise<void> {
  wire();
  bundledRows = parseRecording(await (await fetch(DEFAULT_RECORDING)).text());
  await restart();
  hooks.ready = true;
  requestAnimationFrame(frame);
}
init().catch((e) => {
  status(String(e), true);
  console.error(e);
});
