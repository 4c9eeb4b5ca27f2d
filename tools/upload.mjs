#!/usr/bin/env node
// Puts SpeedSeq on a watch without the App Loader.
//   npm run upload -- --dry-run [--out FILE]   the exact JS sent to the watch's REPL (stdout or FILE)
//   npm run upload -- --device NAME            sends it with the `espruino` CLI over Bluetooth
// The stream writes each file with require("Storage").write(name, atob(chunk), offset, size),
// including what the loader would otherwise make: speedseq.img (app-icon.js evaluated here) and
// speedseq.info. Run `node build.mjs` first. The real upload is not tested here (no watch).
import { writeFileSync, mkdtempSync } from "node:fs";
import { commandStream } from "./appfiles.mjs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

function main(argv) {
  const arg = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
  const stream = commandStream();
  if (argv.includes("--dry-run")) {
    const out = arg("--out");
    if (out) writeFileSync(out, stream, "latin1");
    else process.stdout.write(stream);
    return 0;
  }
  const device = arg("--device");
  if (!device) {
    console.error("usage: npm run upload -- --device NAME | --dry-run [--out FILE]");
    return 2;
  }
  const tmp = join(mkdtempSync(join(tmpdir(), "speedseq-")), "upload.js");
  writeFileSync(tmp, stream, "latin1");
  // the espruino CLI sends the file to the REPL as it is; --board keeps it offline
  const r = spawnSync("npx", ["--no-install", "espruino", "--board", "tools/BANGLEJS2.json", "-d", device, tmp], { stdio: "inherit" });
  if (r.status !== 0) console.error("upload failed (is the `espruino` package installed, the watch near and Gadgetbridge disconnected?)");
  return r.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
