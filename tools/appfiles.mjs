// The files an App Loader folder puts on a watch, and the REPL command stream that writes them
// (what `npm run upload` sends; the firmware host installs apps the same way). No side effects.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appInfo } from "./appinfo.mjs";

export const DIR = "apps/speedseq";
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
  files.push(appInfo(meta, files.map((f) => f[0])));
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

