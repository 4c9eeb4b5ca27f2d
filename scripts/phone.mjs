// The phone app (src/phone/): its builds and what the server adds for it.
//
// buildPhone() writes
//   - dist/phone/ (or `out`): the PWA, a self-contained static folder: index.html, app.js (+ its
//     chunks), app.css, manifest.webmanifest, icons (apps/speedseq/app.png, scaled), sw.js (the
//     service worker, with the list of these files and a hash of them);
//   - apps/speedseq/interface.html: the same app as one file for the App Loader (inline script and
//     style, the loader's interface.js beside it, never the FIT encoder); written only when changed.
// With `fit: true` the PWA gets Garmin's FIT SDK as a chunk of its own (fetched when FIT is asked
// for); without, FIT is left out (README "The phone app": the SDK's licence and public hosts).
//
// phoneRoute() serves /phone/ from dist/phone/ and the bridge the tests and `npm run watch` users
// need: a page cannot open TCP, so GET /phone/bridge/rx?port=N connects to 127.0.0.1:N (a watch
// console, emulator/firmware/tcp.ts) and streams its bytes as Server-Sent Events (base64);
// POST /phone/bridge/tx?id=… sends bytes to it; /phone/bridge/status says the bridge is there.
//
// Run alone: node scripts/phone.mjs [--out DIR] [--fit]  (default dist/phone-public/, no FIT):
// the folder to copy to a static HTTPS host.
import { build } from "esbuild";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { extname, join, relative, resolve, sep } from "node:path";
import { PNG } from "pngjs";

export const PHONE_DIR = "dist/phone";
export const INTERFACE = "apps/speedseq/interface.html";
const SRC = "src/phone";
const MARK = ".speedseq-phone";

/** an esbuild plugin that puts a stub in place of src/export/fit.ts (Garmin's SDK stays out) */
const noFit = {
  name: "no-fit",
  setup(b) {
    b.onResolve({ filter: /^\.\/fit$/ }, (a) => (a.importer.includes(`${sep}src${sep}export${sep}`) ? { path: "fit-stub", namespace: "no-fit" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "no-fit" }, () => ({
      contents: 'export function toFit(){throw new Error("FIT is not in this build (Garmin\'s FIT SDK licence): TCX carries the same laps");}',
      loader: "js",
    }));
  },
};

/** nearest-neighbour scaling of the 48 px pixel-art icon */
function scaledIcon(png, size) {
  const out = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const sx = Math.floor((x * png.width) / size), sy = Math.floor((y * png.height) / size);
      png.data.copy(out.data, (y * size + x) * 4, (sy * png.width + sx) * 4, (sy * png.width + sx) * 4 + 4);
    }
  return PNG.sync.write(out);
}

function files(dir) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) for (const g of files(p)) out.push(join(f, g));
    else out.push(f);
  }
  return out;
}

/** empties `out` (refusing a folder it did not make) */
function clean(out) {
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, MARK)))
    throw new Error(`${out} is not empty and was not made by scripts/phone.mjs: give an empty or new folder`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARK), "made by scripts/phone.mjs; emptied at each build\n");
}

const inlineSafe = (s, tag) => s.replace(new RegExp(`</${tag}`, "gi"), `<\\/${tag}`);

export async function buildPhone({ out = PHONE_DIR, fit = true, iface = INTERFACE } = {}) {
  const template = readFileSync(join(SRC, "index.html"), "utf8");
  const common = { bundle: true, platform: "browser", target: "es2020", minify: true, logLevel: "warning", legalComments: "none" };

  // the PWA
  clean(out);
  await build({
    ...common,
    entryPoints: { app: join(SRC, "main.ts") },
    format: "esm",
    splitting: true,
    outdir: out,
    chunkNames: "[name]-[hash]",
    define: { PHONE_FIT: String(fit) },
    plugins: fit ? [] : [noFit],
  });
  const icon = PNG.sync.read(readFileSync("apps/speedseq/app.png"));
  writeFileSync(join(out, "icon-48.png"), readFileSync("apps/speedseq/app.png"));
  writeFileSync(join(out, "icon-192.png"), scaledIcon(icon, 192));
  writeFileSync(join(out, "icon-512.png"), scaledIcon(icon, 512));
  const manifest = {
    name: "SpeedSeq sessions",
    short_name: "SpeedSeq",
    description: "Interval sessions from the SpeedSeq app on a Bangle.js 2: sync, splits, charts, exports",
    start_url: "./",
    scope: "./",
    display: "standalone",
    background_color: "#fafafa",
    theme_color: "#1565c0",
    icons: [
      { src: "icon-48.png", sizes: "48x48", type: "image/png" },
      { src: "icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    ],
  };
  writeFileSync(join(out, "manifest.webmanifest"), JSON.stringify(manifest, null, 2) + "\n");
  writeFileSync(
    join(out, "index.html"),
    template
      .replace("<!--HEAD-->", '<link rel="manifest" href="manifest.webmanifest">\n<link rel="icon" href="icon-48.png">\n<link rel="apple-touch-icon" href="icon-192.png">\n<link rel="stylesheet" href="app.css">')
      .replace("<!--BODY-->", '<script type="module" src="app.js"></script>'),
  );
  // the shell the service worker keeps: every file but itself, its marker and source maps
  const shell = files(out).filter((f) => f !== MARK && !f.endsWith(".map")).map((f) => f.split(sep).join("/")).sort();
  const h = createHash("sha256");
  for (const f of shell) h.update(f).update(readFileSync(join(out, f)));
  const hash = h.digest("hex").slice(0, 12);
  await build({
    ...common,
    entryPoints: [join(SRC, "sw.ts")],
    format: "iife",
    outfile: join(out, "sw.js"),
    define: { SHELL: JSON.stringify(shell), BUILD: JSON.stringify(hash) },
  });

  // the App Loader page: one file
  const r = await build({ ...common, entryPoints: [join(SRC, "interface.ts")], format: "iife", outfile: "interface.js", write: false, plugins: [noFit], define: { PHONE_FIT: "false" } });
  const js = r.outputFiles.find((f) => f.path.endsWith(".js")).text;
  const css = r.outputFiles.find((f) => f.path.endsWith(".css")).text;
  const html = template
    .replace("<title>SpeedSeq sessions</title>", "<title>SpeedSeq sessions (App Loader)</title>")
    .replace("<!--HEAD-->", () => '<link rel="icon" href="app.png">\n<style>' + inlineSafe(css, "style") + "</style>")
    .replace("<!--BODY-->", () => '<script src="../../core/lib/interface.js"></script>\n<script>' + inlineSafe(js, "script") + "</script>");
  const before = existsSync(iface) ? readFileSync(iface, "utf8") : "";
  if (before !== html) writeFileSync(iface, html);
  return { out, shell, hash, fit, iface };
}

// --- serving

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".png": "image/png",
  ".webmanifest": "application/manifest+json", ".json": "application/json", ".map": "application/json",
};

/** live bridge connections by id */
const links = new Map();

/** only the page's own origin may use the bridge */
function sameOrigin(req) {
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  return !origin || origin === `http://${req.headers.host}`;
}

function bridgeRx(req, res, url) {
  const port = Number(url.searchParams.get("port"));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return res.writeHead(400).end("bad port");
  const id = randomBytes(8).toString("hex");
  const sock = connect({ host: "127.0.0.1", port });
  let open = false;
  sock.on("connect", () => {
    open = true;
    links.set(id, sock);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(`event: open-link\ndata: ${id}\n\n`);
  });
  sock.on("data", (d) => res.write(`data: ${d.toString("base64")}\n\n`));
  sock.on("error", () => {
    if (!open) res.writeHead(502, { "content-type": "text/plain" }).end(`nothing listens on 127.0.0.1:${port}`);
  });
  sock.on("close", () => {
    links.delete(id);
    if (open) res.end("event: close\ndata: \n\n");
  });
  req.on("close", () => sock.destroy());
}

function bridgeTx(req, res, url) {
  const sock = links.get(url.searchParams.get("id") ?? "");
  if (!sock) return res.writeHead(410).end("no such link");
  let body = "";
  req.setEncoding("latin1");
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    sock.write(Buffer.from(body, "base64"), () => res.writeHead(204).end());
  });
}

/**
 * Handles /phone and everything under it (returns false for any other path): the PWA from
 * `dir` and the bridge. For scripts/serve.mjs.
 */
export async function phoneRoute(req, res, path, dir = PHONE_DIR) {
  if (path !== "/phone" && !path.startsWith("/phone/")) return false;
  const url = new URL(req.url ?? "/", "http://x");
  if (path === "/phone") {
    res.writeHead(301, { location: "/phone/" + url.search }).end();
    return true;
  }
  const rest = path.slice("/phone/".length);
  if (rest.startsWith("bridge/")) {
    if (!sameOrigin(req)) res.writeHead(403).end("cross-origin");
    else if (rest === "bridge/status") res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end('{"bridge":true}');
    else if (rest === "bridge/rx" && req.method === "GET") bridgeRx(req, res, url);
    else if (rest === "bridge/tx" && req.method === "POST") bridgeTx(req, res, url);
    else res.writeHead(404).end();
    return true;
  }
  const root = resolve(dir);
  const file = resolve(root, rest === "" ? "index.html" : rest);
  if (!file.startsWith(root + sep) || relative(root, file).startsWith(".") || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
    return true;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(await readFile(file));
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--out");
  const out = i >= 0 ? args[i + 1] : "dist/phone-public";
  const r = await buildPhone({ out, fit: args.includes("--fit") });
  console.log(`${r.out}/: the phone app (${r.shell.length} files, build ${r.hash}${r.fit ? ", with FIT" : ", without FIT"}); copy it to any static HTTPS host`);
  console.log(`${r.iface}: the App Loader's page`);
}
