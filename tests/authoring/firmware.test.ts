// The authoring side's files on the real firmware. The customise page's files (the same ones the
// page test in Chromium hands over, tests/authoring/scenario.ts) installed with the app as the App
// Loader does: the list shows the kept built-ins and the runner's workouts and nothing else, the
// pre-start screen shows each one's note and the estimate the preview promised, and each starts
// into its first step. And `npm run workout -- TEXT --port tcp://…` onto the virtual watch.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { describeFw, fwWatch, findRow, tapRow, FIX, FW_TIMEOUT } from "../firmware/fw";
import { loadApp } from "../../emulator/firmware/node";
import { serveConsole } from "../../emulator/firmware/tcp";
import type { Watch } from "../../emulator/firmware/watch";
import { appFiles } from "../../tools/appfiles.mjs";
import { preview } from "../../src/authoring/preview";
import { workoutFileName } from "../../src/authoring/names";
import { fmtTime } from "../../src/engine/format";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { Plan, Step } from "../../src/engine/plan";
import { CLASSIC_COPY, HILLS, PICKED, expectedFiles, plan } from "./scenario";

/** the app's files with the page's in place of the same names and before .info, whose file list names them all, as the loader writes them */
function installCustomised(w: Watch): void {
  const custom = expectedFiles();
  const files: [string, string][] = appFiles();
  const info = files.pop()!;
  for (const c of custom) {
    const i = files.findIndex((f) => f[0] === c.name);
    if (i >= 0) files[i] = [c.name, c.content];
    else files.push([c.name, c.content]);
  }
  const meta = JSON.parse(info[1]);
  meta.files = [...files.map((f) => f[0]), info[0]].join(",");
  files.push([info[0], JSON.stringify(meta)]);
  for (const [name, data] of files) w.writeFile(name, data);
}

/** every row of the workout list, scrolled through to History at the bottom */
function listRows(w: Watch): string[] {
  const t0 = w.now();
  findRow(w, "History");
  return [...new Set(w.texts.filter((x) => x.tMs >= t0 && x.y >= 24).map((x) => x.text))].filter((t) => !t.includes("SpeedSeq"));
}

/** a fresh watch with the customised app, on its list */
async function customisedWatch(): Promise<Watch> {
  const w = await fwWatch({ trace: true });
  installCustomised(w);
  loadApp(w, "speedseq.app.js");
  return w;
}

function firstStep(p: Plan): Step {
  let n = p.steps[0];
  while ("repeat" in n) n = n.steps[0];
  return n;
}

describeFw("workouts from the authoring side on the firmware", () => {
  it("the customise page's files: the list holds the kept built-ins and the runner's workouts; each written one starts into its first step", async () => {
    const w = await customisedWatch();
    expect(w.list("/^speedseq\\.w/").sort()).toEqual([workoutFileName("Hills"), workoutFileName("Classic 5K 2")].sort());
    const rows = listRows(w);
    const want = [...PICKED, "Hills", "Classic 5K 2", "History"];
    expect(rows.sort()).toEqual(want.sort());
    for (const t of TEMPLATES) if (!PICKED.includes(t.name)) expect(rows).not.toContain(t.name);

    const mine = [plan(HILLS), CLASSIC_COPY];
    for (let i = 0; i < mine.length; i++) {
      const p = mine[i];
      // a started session stays on the watch (its log): the next one on a fresh watch
      const v = i === 0 ? w : await customisedWatch();
      tapRow(v, p.name);
      v.advance(1000);
      const pre = v.shown(v.now() - 1000);
      expect(pre).toContain(p.name);
      // the estimate the preview promised is the one the watch shows
      expect(pre.some((s) => s.endsWith("plan " + fmtTime(preview(p).totals.estS))), pre.join(" | ")).toBe(true);
      v.emit("GPS", { ...FIX, time: new Date(v.now()) });
      v.advance(1100);
      const pressed = v.now();
      v.press(100);
      v.advance(2000);
      const s = firstStep(p);
      // (the run screen draws its bar once, as the step begins)
      expect(v.shown(pressed), p.name).toContain(s.label || s.kind);
      expect(v.list().some((n) => n.startsWith("speedseq.log")), p.name).toBe(true);
      expect(v.errors).toEqual([]);
    }
  }, FW_TIMEOUT);

  it("npm run workout -- TEXT --port tcp://127.0.0.1:PORT writes speedseq.w<id>.json onto the virtual watch, and the app lists it", async () => {
    const w = await fwWatch({ trace: true });
    installCustomised(w);
    const srv = await serveConsole(w);
    let r: { status: number | null; out: string };
    try {
      r = await new Promise((resolve) => {
        const p = spawn("node", ["scripts/workout.mjs", "name: Tempo TCP\n- 10m warm-up\n- 15m 10k pace\n- press lap cool-down", "--port", `tcp://127.0.0.1:${srv.port}`], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (out += d));
        const timer = setTimeout(() => p.kill(), 60_000);
        p.on("close", (status) => {
          clearTimeout(timer);
          resolve({ status, out });
        });
      });
      for (let i = 0; i < 100 && srv.clients(); i++) await new Promise((d) => setTimeout(d, 10));
    } finally {
      await srv.close();
    }
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain(`sent to tcp://127.0.0.1:${srv.port} as ${workoutFileName("Tempo TCP")}`);
    expect(w.readFile(workoutFileName("Tempo TCP"))).toBe(JSON.stringify(plan("name: Tempo TCP\n- 10m warm-up\n- 15m 10k pace\n- press lap cool-down")));
    loadApp(w, "speedseq.app.js");
    expect(listRows(w)).toContain("Tempo TCP");
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);
});
