// `npm run sync -- --port tcp://…` against the real firmware: the virtual watch's console served on
// a loopback port (emulator/firmware/tcp.ts, echo on and prompts as on a watch), the CLI connecting
// through the `espruino` package's own connection. The copies land in the folder, verbatim; with
// --delete the older ended log is gone from the watch and the newest stays; a second run finds the
// kept copy unchanged; while SpeedSeq runs a session the CLI refuses (exit 3).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeFw, fwWatch, FW_TIMEOUT } from "../firmware/fw";
import { serveConsole } from "../../emulator/firmware/tcp";
import type { Watch } from "../../emulator/firmware/watch";
import { makeLog, writeLogFile } from "./logs";

/** the CLI, without blocking the event loop (the console server's pump must keep the watch running) */
function cli(args: string[], ms = 120_000): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn("node", ["scripts/sync.mjs", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => { out += "\n(killed)"; p.kill(); }, ms);
    p.on("close", (status) => { clearTimeout(timer); resolve({ status, out }); });
  });
}

async function served<T>(w: Watch, fn: (port: string) => Promise<T>): Promise<T> {
  const srv = await serveConsole(w);
  try {
    return await fn(`tcp://127.0.0.1:${srv.port}`);
  } finally {
    await srv.close();
  }
}

describeFw("npm run sync over TCP into the firmware", () => {
  it("copies every log verbatim, deletes the older ended one, keeps the newest; a second run finds its copy unchanged", async () => {
    const w = await fwWatch({});
    const a = makeLog({ seed: 41, steps: 5, ended: true, plan: "Ladder" });
    const b = makeLog({ seed: 42, steps: 3, ended: true, plan: "3-zone" });
    writeLogFile(w, "speedseq.log6", a);
    writeLogFile(w, "speedseq.log7", b);
    const dir = mkdtempSync(join(tmpdir(), "speedseq-sync-"));
    const r = await served(w, (port) => cli(["--port", port, "--out", dir, "--delete"]));
    console.log(r.out);
    expect(r.status, r.out).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files.length, r.out).toBe(2);
    const texts = files.map((f) => readFileSync(join(dir, f), "latin1"));
    expect(texts.sort()).toEqual([a, b].sort());
    expect(files.every((f) => /^speedseq-\d{8}-\d{6}-log[67]\.txt$/.test(f))).toBe(true);
    expect(r.out).toMatch(/speedseq\.log6 .*Ladder.* deleted/);
    expect(r.out).toMatch(/speedseq\.log7 .*3-zone.* kept \(newest\)/);
    expect(w.list("/^speedseq\\.log/").map((n) => n.replace(/\x01$/, ""))).toEqual(["speedseq.log7"]);

    const again = await served(w, (port) => cli(["--port", port, "--out", dir]));
    expect(again.status, again.out).toBe(0);
    expect(again.out).toMatch(/speedseq\.log7 .* unchanged/);
    expect(readdirSync(dir).length).toBe(2);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("refuses while a session runs (exit 3), touching nothing", async () => {
    const w = await fwWatch({});
    writeLogFile(w, "speedseq.log0", makeLog({ seed: 43, steps: 2, ended: false }));
    // SpeedSeq is the app loaded (what load("speedseq.app.js") sets) and its newest log is open
    w.exec('global.__FILE__="speedseq.app.js"');
    const dir = mkdtempSync(join(tmpdir(), "speedseq-sync-"));
    const r = await served(w, (port) => cli(["--port", port, "--out", dir, "--delete"]));
    expect(r.status, r.out).toBe(3);
    expect(r.out).toContain("A session is running on the watch");
    expect(readdirSync(dir)).toEqual([]);
    expect(w.list("/^speedseq\\.log/").length).toBe(1);
  }, FW_TIMEOUT);

  it("says so when there is nothing to connect to", async () => {
    const r = await cli(["--port", "tcp://127.0.0.1:1", "--out", mkdtempSync(join(tmpdir(), "speedseq-sync-"))], 120_000);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/sync failed: cannot connect/);
  }, FW_TIMEOUT);
});
