// npm start: builds the watch app (build.mjs) and the emulator page (esbuild: esm, code splitting so
// Garmin's FIT SDK is its own chunk, fetched only when a FIT file is dropped), then serves the page
// on http://127.0.0.1:PORT (default 8080; PORT=0 picks a free one) with node:http.
// Served: the page (emulator/index.html, style.css, dist/), the app's App Loader files
// (apps/speedseq/), the watch files as committed (git show HEAD:apps/speedseq/…), the recordings in
// tests/fixtures/ and, when they are there, the three files of the real Bangle.js 2 firmware
// (/firmware/<name>, from SPEEDSEQ_FIRMWARE_DIR, else ../shared/espruino-fw beside the clone) with
// /firmware/status saying whether they are; the phone app at /phone/ (scripts/phone.mjs). Nothing else.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { extname, join, normalize, resolve } from "node:path";
import { build } from "esbuild";
import { buildApp } from "../build.mjs";
import { buildPhone, phoneRoute } from "./phone.mjs";
import { WATCH_FILES } from "../tools/watch-files.mjs";

/** the watch files' names in apps/speedseq/ */
const URLS = WATCH_FILES.map((f) => f.url);

const TYPES = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv", ".map": "application/json", ".gpx": "application/gpx+xml", ".tcx": "application/xml", ".fit": "application/octet-stream" };

/** the firmware build's files (emulator/firmware/instance.ts FIRMWARE_FILES) */
export const FIRMWARE_FILES = ["emulator_banglejs2.js", "emu_banglejs2.js", "common.js"];

/** where the firmware files are looked for (as emulator/firmware/node.ts does) */
export function firmwareDirSetting() {
  return process.env.SPEEDSEQ_FIRMWARE_DIR ?? resolve("../shared/espruino-fw");
}

/** {present, stamp} for the page: stamp changes with the firmware build (it keys the page's factory image cache) */
function firmwareStatus(dir) {
  const missing = FIRMWARE_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) return { present: false, missing };
  const st = statSync(join(dir, FIRMWARE_FILES[0]));
  return { present: true, stamp: `${st.size}-${Math.round(st.mtimeMs)}` };
}

export async function buildPage() {
  await build({
    // the page, and the Web Worker that hosts the real firmware (a module Worker: it shares chunks with the page)
    entryPoints: ["emulator/page/main.ts", "emulator/page/fw-worker.ts"],
    bundle: true,
    format: "esm",
    splitting: true,
    outdir: "emulator/dist",
    platform: "browser",
    target: "es2022",
    sourcemap: true,
    minify: true,
    loader: { ".css": "css" },
    logLevel: "warning",
  });
}

/** a watch file as last committed, or undefined outside a git checkout (or before it was committed) */
function committedApp(url) {
  try {
    return execFileSync("git", ["show", `HEAD:apps/speedseq/${url}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

/** maps a URL path to a repo file, or undefined when it is not one the page needs */
function fileFor(path) {
  if (path === "/" || path === "/index.html") return "emulator/index.html";
  if (path === "/style.css") return "emulator/style.css";
  const p = normalize(path).replace(/^\/+/, "");
  if (/^apps\/speedseq\/[\w-]+(\.[\w-]+)*$/.test(p)) return p;
  if (p.startsWith("dist/") && !p.includes("..")) return join("emulator", p);
  if (/^tests\/fixtures\/[\w.-]+\.(csv|gpx|tcx|fit)$/.test(p)) return p;
  return undefined;
}

/** `firmwareDir`: where the firmware files are (default: SPEEDSEQ_FIRMWARE_DIR or ../shared/espruino-fw) */
export function serve(port = 8080, host = "127.0.0.1", o = {}) {
  const fwDir = o.firmwareDir ?? firmwareDirSetting();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    try {
      // the phone app (/phone/) and its bridge to a virtual watch: scripts/phone.mjs
      if (await phoneRoute(req, res, path)) return;
      let body;
      let type;
      const c = /^\/app\/committed\/([\w.-]+)$/.exec(path);
      if (path === "/firmware/status") {
        body = JSON.stringify(firmwareStatus(fwDir));
        type = ".json";
      } else if (path.startsWith("/firmware/")) {
        const name = path.slice("/firmware/".length);
        if (FIRMWARE_FILES.includes(name)) body = await readFile(join(fwDir, name));
        type = ".js";
      } else if (c && URLS.includes(c[1])) {
        body = committedApp(c[1]);
        type = ".js";
      } else {
        const f = fileFor(path);
        if (f) body = await readFile(f);
        type = extname(f ?? "");
      }
      if (body === undefined) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
        return;
      }
      res.writeHead(200, { "content-type": TYPES[type] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildApp();
  await buildPage();
  await buildPhone();
  const server = await serve(Number(process.env.PORT ?? 8080));
  const dir = firmwareDirSetting();
  console.log(firmwareStatus(dir).present
    ? `engine: the real Bangle.js 2 firmware, from ${dir} (the board is the other choice on the page)`
    : "engine: the board (no firmware files: the page and README 'The emulator' say how to get them)");
  console.log(`SpeedSeq emulator: http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
  console.log(`SpeedSeq phone app: http://127.0.0.1:${server.address().port}/phone/`);
}
