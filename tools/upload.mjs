#!/usr/bin/env node
// Puts SpeedSeq on a watch without the App Loader.
//   npm run upload -- --dry-run [--out FILE]   the exact JS sent to the watch's REPL (stdout or FILE)
//   npm run upload -- --device NAME            sends it with the `espruino` CLI over Bluetooth
//   npm run upload -- --port ADDR              the same to a port the CLI knows (`-p ADDR`): a
//                                              Bluetooth address, a serial device, or
//                                              tcp://127.0.0.1:PORT (the virtual watch, `npm run watch`)
// The stream writes each file with require("Storage").write(name, atob(chunk), offset, size),
// including what the loader would otherwise make: speedseq.img (app-icon.js evaluated here) and
// speedseq.info. Run `node build.mjs` first. tests/firmware/tcp.test.ts runs the CLI path into
// the real firmware over TCP; the Bluetooth leg needs a watch and is not tested here.
import { writeFileSync, mkdtempSync } from "node:fs";
import { commandStream } from "./appfiles.mjs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The stream as the CLI must get it. The CLI puts its own 0x10 (no echo) before every statement
 * and turns any other control character in a file into "?", which the REPL rejects
 * ("Got '?' expected EOF"): the dry-run stream's 0x10 prefixes come out here.
 */
export function cliStream(stream = commandStream()) {
  return stream.replace(/^\x10/gm, "");
}

/** runs the CLI, its output passed through and kept; resolves with the exit status and the output */
function runCli(args) {
  return new Promise((resolve) => {
    const p = spawn("npx", ["--no-install", "espruino", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => { out += d; process.stdout.write(d); });
    p.stderr.on("data", (d) => { out += d; process.stderr.write(d); });
    p.on("error", (e) => { out += String(e); resolve({ status: 1, out }); });
    p.on("close", (status) => resolve({ status: status ?? 1, out }));
  });
}

/**
 * Sends a stream to a watch with the CLI: to a Bluetooth device by name, or to a port (an address,
 * a serial device, tcp://HOST:PORT), through a temporary file called `file`. Resolves with 0, or
 * with the exit status after saying on stderr why the upload failed. Shared with
 * scripts/workout.mjs (`npm run workout -- --port`).
 */
export async function sendStream(stream, { device, port }, file) {
  const tmp = join(mkdtempSync(join(tmpdir(), "speedseq-")), file);
  writeFileSync(tmp, cliStream(stream), "latin1");
  // --board keeps it offline; a TCP port needs no Bluetooth (and without a system bus its
  // Bluetooth stack would throw before connecting)
  const target = device ? ["-d", device] : ["-p", port, ...(port.startsWith("tcp://") ? ["--no-ble"] : [])];
  const r = await runCli(["--board", "tools/BANGLEJS2.json", ...target, tmp]);
  // the CLI exits 0 whatever the watch answered: an error at the REPL fails the upload here
  const fault = /Uncaught|Prompt not detected|Unable to connect|RECEIVE ERROR/.exec(r.out);
  if (r.status !== 0 || fault) {
    console.error(`upload failed${fault ? ` (${fault[0]})` : ""}: is the \`espruino\` package installed, ` +
      (device ? "the watch near and Gadgetbridge disconnected?" : `and ${port} reachable?`));
    return r.status || 1;
  }
  return 0;
}

async function main(argv) {
  const arg = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
  const stream = commandStream();
  if (argv.includes("--dry-run")) {
    const out = arg("--out");
    if (out) writeFileSync(out, stream, "latin1");
    else process.stdout.write(stream);
    return 0;
  }
  const device = arg("--device");
  const port = arg("--port");
  if (!device === !port) {
    console.error("usage: npm run upload -- --device NAME | --port ADDR | --dry-run [--out FILE]");
    return 2;
  }
  return sendStream(stream, { device, port }, "upload.js");
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main(process.argv.slice(2)));
