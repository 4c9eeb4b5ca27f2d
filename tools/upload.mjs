#!/usr/bin/env node
// Puts SpeedSeq on a watch without the App Loader.
//   npm run upload -- --dry-run [--out FILE]   the exact JS sent to the watch's REPL (stdout or FILE)
//   npm run upload -- --device NAME            sends it with the `espruino` CLI over Bluetooth
// The stream writes each file with require("Storage").write(name, atob(chunk), offset, size),
// including what the loader would otherwise make: speedseq.img (app-icon.js evaluated here) and
// speedseq.info. Run `node build.mjs` first. The real upload is not tested here (no watch).
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DIR = "apps/speedseq";
/** raw bytes per Storage.write call: ~1.4 KB of base64, a few seconds of Bluetooth each */
export const CHUNK = 1024;

/** the value the loader stores for an evaluate:true file (our icon is a plain atob("…") expression) */
export function evaluateFile(src) {
  return new Function("atob", `return (${src});`)((s) => Buffer.from(s, "base64").toString("latin1"));
}

/** [storage name, byte string] for every file the app needs on the watch, .info last */
export function appFiles(dir = DIR) {
  const meta = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8"));
  const files = meta.storage.map((s) => {
    const raw = readFileSync(join(dir, s.url), "latin1");
    return [s.name, s.evaluate ? evaluateFile(raw) : raw];
  });
  const info = {
    id: meta.id, name: meta.shortName || meta.name, type: meta.type, src: `${meta.id}.app.js`, icon: `${meta.id}.img`,
    version: meta.version, tags: meta.tags, files: [...files.map((f) => f[0]), `${meta.id}.info`].join(","),
    data: meta.data.map((d) => d.name || d.wildcard).join(","),
  };
  files.push([`${meta.id}.info`, JSON.stringify(info)]);
  return files;
}

/** the command stream: one line per Storage.write, "\x10" so the REPL does not echo it */
export function commandStream(files = appFiles()) {
  let out = "";
  for (const [name, data] of files) {
    for (let off = 0; off < data.length || off === 0; off += CHUNK) {
      const b64 = Buffer.from(data.slice(off, off + CHUNK), "latin1").toString("base64");
      const tail = off === 0 ? `,0,${data.length}` : `,${off}`;
      out += `\x10require("Storage").write(${JSON.stringify(name)},atob(${JSON.stringify(b64)})${tail});\n`;
    }
  }
  return out + "\x10load();\n";
}

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
