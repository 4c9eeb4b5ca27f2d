// npm run sync -- --port PORT [--out DIR] [--delete] [--chunk N] [--verbose]
//                 --device NAME instead of --port: the first Bluetooth device whose name has NAME
// Copies the watch's session logs (speedseq.log<N>) into DIR (default ./sessions), each checked
// line by line and against the watch's own manifest before it is written; with --delete, then
// deletes on the watch each log whose copy was kept (never the newest log, never an unfinished
// one, never the history file). Refused while a session runs. PORT is anything the `espruino`
// package opens: a Bluetooth address, a serial device, or tcp://HOST:PORT (the virtual watch of
// `npm run watch`). One central at a time: disconnect Gadgetbridge (or the App Loader) first.
// The protocol is src/sync (README "Sync"), bundled here with esbuild like bench/run.mjs.
// Exit status: 0 all copied, 1 a log failed or no connection, 2 usage, 3 refused (session running).
import { build } from "esbuild";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const argv = process.argv.slice(2);
const arg = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
const port = arg("--port");
const device = arg("--device");
const out = resolve(arg("--out") ?? "sessions");
const chunk = arg("--chunk") ? Number(arg("--chunk")) : undefined;
const verbose = argv.includes("--verbose");
if (!port === !device || (chunk !== undefined && !(chunk >= 64 && chunk <= 4096))) {
  console.error("usage: npm run sync -- --port PORT | --device NAME [--out DIR] [--delete] [--chunk 64..4096] [--verbose]");
  process.exit(2);
}

mkdirSync("dist", { recursive: true });
const bundle = "dist/sync-cli.mjs";
await build({
  stdin: {
    contents: `export { SyncClient, syncWatch, headOf } from "./src/sync/index"; export { crc32 } from "./src/sim/crc";`,
    resolveDir: process.cwd(), loader: "ts", sourcefile: "sync-cli.ts",
  },
  bundle: true, platform: "node", format: "esm", outfile: bundle, packages: "external", logLevel: "warning",
});
const { SyncClient, syncWatch, headOf, crc32 } = await import(pathToFileURL(resolve(bundle)).href);

// ---- the `espruino` package's connection as a Transport

/** runs fn with the package's chatter (it logs every file it loads, every connect) kept out of the output */
async function quiet(fn) {
  const log = console.log;
  if (!verbose) console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

const require = createRequire(import.meta.url);
const espruino = require("espruino");
await quiet(() => new Promise((done) => espruino.init(done)));
const E = globalThis.Espruino;
const tcp = (port ?? "").startsWith("tcp://");
// no Bluetooth stack for a TCP port (without a system bus it throws before connecting); no
// process.env query on connect (it would type at the console and wait for its answer)
E.Config.BLUETOOTH_LOW_ENERGY = !tcp;
E.Config.BLUETOOTH_LOW_ENERGY_DBUS = !tcp;
E.Config.ENV_ON_CONNECT = false;
E.Config.SET_TIME_ON_WRITE = false;
// the package lists a TCP port only when configured with it (as its own CLI does for -p tcp://)
if (tcp) E.Config.SERIAL_TCPIP = [port];
// a Bluetooth address or name given as the port: let the package pick it up when it scans
else if (port && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(port)) E.Core.Utils.addRecognisedDeviceAddress(port);
else if (port && !port.startsWith("/")) E.Core.Utils.addRecognisedDeviceName(port);
const Serial = E.Core.Serial;

/** the port path for --device NAME: the first port whose description or path holds NAME */
function findDevice(name) {
  return new Promise((resolvePath, reject) => {
    let tries = 20;
    const want = name.toLowerCase();
    Serial.getPorts(function again(ports, more) {
      const p = (ports || []).find((x) => (x.description || "").toLowerCase().includes(want) || (x.path || "").toLowerCase().includes(want));
      if (p) resolvePath(p.path);
      else if (more && tries-- > 0) setTimeout(() => Serial.getPorts(again), 500);
      else reject(new Error(`no device named ${JSON.stringify(name)} found`));
    });
  });
}

const path = port ?? (await quiet(() => findDevice(device)));
let listener = null;
Serial.startListening((buf) => { if (listener) listener(String.fromCharCode.apply(null, new Uint8Array(buf))); });

/** one connection: the package holds one port at a time */
function connect() {
  return quiet(() => new Promise((resolveT, reject) => {
    const data = [];
    const closed = [];
    let open = true;
    // the package reports some failures only on its console (a refused TCP connection): give up after a while
    const timer = setTimeout(() => reject(new Error(`cannot open ${path} (no answer)`)), tcp ? 5000 : 30000);
    Serial.open(path, (status) => {
      clearTimeout(timer);
      if (status === undefined) return reject(new Error(`cannot open ${path}`));
      // Bluetooth takes 20 bytes a write; a socket or a serial port takes what it is given
      Serial.connection.chunkSize = tcp ? 1024 : 20;
      listener = (s) => { for (const cb of data) cb(s); };
      resolveT({
        write: (s) => (open ? Serial.connection.write(s) : Promise.reject(new Error("link closed"))),
        onData: (cb) => { data.push(cb); return () => { const i = data.indexOf(cb); if (i >= 0) data.splice(i, 1); }; },
        onClose: (cb) => { closed.push(cb); },
        close: () => {
          if (open) {
            open = false;
            try { Serial.close(); } catch { /* gone already */ }
          }
          return Promise.resolve();
        },
      });
    }, () => {
      open = false;
      listener = null;
      for (const cb of closed) cb();
    });
  }));
}

// ---- the copies on disk

function fileName(info) {
  const h = headOf(info.head, crc32);
  const t = h ? new Date(h.startMs).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15) : "nostart";
  return `speedseq-${t}-log${info.n}.txt`;
}

function keep(name, text) {
  const file = join(out, name);
  const tmp = file + ".part";
  writeFileSync(tmp, text, "latin1");
  renameSync(tmp, file);
}

const fmtDur = (s) => (s === undefined ? "" : `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`);
const fmtStart = (ms) => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));

mkdirSync(out, { recursive: true });
const client = new SyncClient(connect, { crc: crc32, chunk, log: (l) => { if (verbose) console.log(l); } });
let status = 0;
try {
  const t0 = Date.now();
  const rep = await syncWatch(client, {
    crc: crc32,
    delete: argv.includes("--delete"),
    log: (l) => console.log(l),
    have: async (info) => {
      const f = join(out, fileName(info));
      return existsSync(f) ? readFileSync(f, "latin1") : undefined;
    },
    save: async (info, text) => keep(fileName(info), text),
  });
  if (rep.refused) {
    console.error(rep.refused);
    status = 3;
  } else {
    const rows = [["log", "start (UTC)", "duration", "workout", "bytes", "records", "result", "on the watch"]];
    const byName = new Map();
    for (const f of rep.files) {
      byName.set(f.name, f);
      rows.push([
        f.name, fmtStart(f.startMs), fmtDur(f.durS), f.plan ?? "", String(f.bytes), String(f.records),
        f.status + (f.damaged ? ` (${f.damaged} damaged lines)` : "") + (f.torn ? " (torn end)" : "") + (f.error ? `: ${f.error}` : ""),
        f.deleted === "deleted" ? "deleted" : f.deleted ? `kept (${f.deleted})` : "kept",
      ]);
      if (f.status === "failed") status = 1;
    }
    if (rep.files.length) {
      const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd());
    } else console.log("no session logs on the watch");
    const s = rep.stats;
    console.log(`${rep.files.filter((f) => f.status === "saved").length} saved, ${rep.files.filter((f) => f.status === "unchanged").length} unchanged in ${out}; ` +
      `${s.bytesIn} bytes in, ${s.bytesOut} out, ${((Date.now() - t0) / 1000).toFixed(1)} s` + (s.retries ? `, ${s.retries} retries` : ""));
  }
} catch (e) {
  console.error(`sync failed: ${e.message}` + (tcp ? "" : " (is the watch near, and Gadgetbridge disconnected?)"));
  status = 1;
} finally {
  await client.close().catch(() => {});
}
process.exit(status);
