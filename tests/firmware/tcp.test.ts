// `npm run upload -- --port tcp://…` into the real firmware: the virtual watch's console served on
// a loopback port, the real `espruino` CLI driving it (Ctrl-C, reset(), 0x10 lines, the prompt
// checks) as it would a watch, then the files checked in Storage and the app started.
import { WATCH_FILES } from "../../tools/watch-files.mjs";
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { describeFw, fwWatch } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import { serveConsole } from "../../emulator/firmware/tcp";
import { appFiles } from "../../tools/appfiles.mjs";

/** the whole upload must finish within this (real ms) */
const UPLOAD_MS = 60_000;

/** runs a command without blocking the event loop (the host's pump must keep the watch running) */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ status: number | null; out: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs} ms)`;
      p.kill();
    }, timeoutMs);
    p.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, out, ms: performance.now() - t0 });
    });
  });
}

describeFw("the virtual watch's console on TCP", () => {
  it("npm run upload -- --port tcp://127.0.0.1:PORT installs SpeedSeq byte for byte, and it starts", async () => {
    const w = await fwWatch({ trace: true });
    expect(w.list("/^speedseq/")).toEqual([]);
    const srv = await serveConsole(w);
    let r;
    try {
      r = await run("node", ["tools/upload.mjs", "--port", `tcp://127.0.0.1:${srv.port}`], UPLOAD_MS);
      // the CLI hangs up as it exits: the pump stops with the last client
      for (let i = 0; i < 100 && srv.clients(); i++) await new Promise((d) => setTimeout(d, 10));
      expect(srv.clients()).toBe(0);
    } finally {
      await srv.close();
    }
    console.log(`upload over tcp: ${(r.ms / 1000).toFixed(1)} s real`);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("Upload Complete");
    expect(w.errors).toEqual([]);

    const files: [string, string][] = appFiles();
    expect(files.map((f) => f[0])).toEqual([...WATCH_FILES.map((f) => f.name), "speedseq.img", "speedseq.settings.js", "speedseq.plans.json", "speedseq.info"]);
    for (const [name, data] of files) {
      const got = w.readFile(name);
      expect(got?.length, name).toBe(data.length);
      expect(got === data, `${name} differs`).toBe(true);
    }

    const t = w.now();
    loadApp(w, "speedseq.app.js");
    expect(w.shown(t)).toContain("Classic 5K");
    expect(w.errors).toEqual([]);
  }, UPLOAD_MS + 30_000);
});
