// npm run watch [-- --port N] [--app] [--trace]: a virtual Bangle.js 2 on the real firmware, its
// console served on 127.0.0.1:N (default 37026; 0 picks a free port) until Ctrl-C. Upload to it
// with `npm run upload -- --port tcp://127.0.0.1:N`, or type at it with any raw TCP terminal.
// Its clock follows real time while a client is connected and stands still otherwise.
//   --app     build, install SpeedSeq from apps/speedseq and start it first
//   --trace   the host's text tracer on (every drawn string is reported on the console)
// Bundles the TypeScript host with esbuild, like bench/run.mjs.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const argv = process.argv.slice(2);
const arg = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
const port = Number(arg("--port") ?? 37026);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error("usage: npm run watch -- [--port N] [--app] [--trace]");
  process.exit(2);
}

mkdirSync("dist", { recursive: true });
const out = "dist/watch-host.mjs";
await build({
  stdin: {
    contents: `export { bootWatch, installFiles, loadApp, firmwareDir, MISSING } from "./emulator/firmware/node";
export { serveConsole } from "./emulator/firmware/tcp";`,
    resolveDir: process.cwd(), loader: "ts", sourcefile: "watch-host.ts",
  },
  bundle: true, platform: "node", format: "esm", outfile: out, packages: "external", logLevel: "warning",
});
const host = await import(pathToFileURL(resolve(out)).href);

if (!host.firmwareDir()) {
  console.error(host.MISSING);
  process.exit(1);
}
if (argv.includes("--app") && spawnSync("node", ["build.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);

const w = await host.bootWatch({ trace: argv.includes("--trace") });
if (argv.includes("--app")) {
  const names = host.installFiles(w);
  host.loadApp(w, "speedseq.app.js");
  console.log(`installed and started SpeedSeq (${names.join(", ")})`);
}
const srv = await host.serveConsole(w, port);
console.log(`virtual Bangle.js 2 console on tcp://127.0.0.1:${srv.port}`);
console.log(`  upload: npm run upload -- --port tcp://127.0.0.1:${srv.port}`);
console.log("  Ctrl-C stops it");

// the host keeps the console text for its error scan: keep it short on a long-running watch
const trim = setInterval(() => { if (w.console.length > 1 << 16) w.clearConsole(); }, 5000);
let reported = 0;
const errors = setInterval(() => {
  for (const e of w.errors.slice(reported)) console.error(`watch: ${e.message} ${e.where}`);
  reported = w.errors.length;
}, 1000);

process.on("SIGINT", async () => {
  clearInterval(trim);
  clearInterval(errors);
  await srv.close();
  console.log("\nstopped");
  process.exit(0);
});
