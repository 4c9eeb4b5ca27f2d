// npm start: builds the watch app (build.mjs) and the emulator page (esbuild: esm, code splitting so
// Garmin's FIT SDK is its own chunk, fetched only when a FIT file is dropped), then serves the page
// on http://127.0.0.1:PORT (default 8080; PORT=0 picks a free one) with node:http.
// Served: the page (emulator/index.html, style.css, dist/), the built app's watch files, the same
// files as committed (git show HEAD:apps/speedseq/…) and the recordings in tests/fixtures/.
// Nothing else.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { extname, join, normalize } from "node:path";
import { build } from "esbuild";
import { buildApp } from "../build.mjs";
import { WATCH_FILES } from "../tools/watch-files.mjs";

/** the watch files' names in apps/speedseq/ */
const URLS = WATCH_FILES.map((f) => f.url);

const TYPES = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv", ".map": "application/json", ".gpx": "application/gpx+xml", ".tcx": "application/xml", ".fit": "application/octet-stream" };

export async function buildPage() {
  await build({
    entryPoints: ["emulator/page/main.ts"],
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
  const m = /^\/apps\/speedseq\/([\w.-]+)$/.exec(path);
  if (m && URLS.includes(m[1])) return `apps/speedseq/${m[1]}`;
  const p = normalize(path).replace(/^\/+/, "");
  if (p.startsWith("dist/") && !p.includes("..")) return join("emulator", p);
  if (/^tests\/fixtures\/[\w.-]+\.(csv|gpx|tcx|fit)$/.test(p)) return p;
  return undefined;
}

export function serve(port = 8080, host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    try {
      let body;
      let type;
      const c = /^\/app\/committed\/([\w.-]+)$/.exec(path);
      if (c && URLS.includes(c[1])) {
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
  const server = await serve(Number(process.env.PORT ?? 8080));
  console.log(`SpeedSeq emulator: http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
}
