// Issue 10: Storage keeps 28 characters of a file name and cuts a longer one without an error, so
// a workout whose file name grew with its name never reached the list. Every way a workout reaches
// the watch now names its file with authoring's workoutFileName. Here each delivery path makes its
// file for a workout whose name is as long as a name may be; the files go onto the real firmware,
// the app lists every one under its name, and each starts into its first step.
import { expect, it } from "vitest";
import { describeFw, fwApp, tapRow, findRow, FIX, FW_TIMEOUT } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { parseText } from "../../src/authoring/text";
import { preview } from "../../src/authoring/preview";
import { customFiles } from "../../src/authoring/custom";
import { STORAGE_NAME_MAX } from "../../src/authoring/names";
import { check } from "../../src/phone/send";
import { addUpload, uploadFiles } from "../../emulator/page/workouts";
import { MAX_NAME } from "../../src/engine/workout/limits";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { Plan } from "../../src/engine/plan";

const LABEL = "Easy first";
const text = (name: string) => `name: ${name}\n- 10m warm-up "${LABEL}"\n- 5m 4:30/km\n- press lap cool-down`;

function plan(name: string): Plan {
  const r = parseText(text(name));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/** [workout name, [file name, contents]] as each delivery path makes it, one longest name each */
function delivered(): [string, [string, string]][] {
  const out: [string, [string, string]][] = [];
  // the App Loader's customise page (custom.html): its files for the loader
  const loader = "Loader page 14";
  const c = customFiles(TEMPLATES, TEMPLATES.map((t) => t.name), [plan(loader)]);
  if (!c.ok) throw new Error(c.error);
  const own = c.storage.filter((s) => s.name.startsWith("speedseq.w"));
  expect(own.length).toBe(1);
  out.push([loader, [own[0].name, own[0].content]]);
  // the phone app's send page: what src/sync/workout.ts writes
  const phone = "Phone app 14ch";
  const p = check(text(phone), "");
  if (!p.ok) throw new Error(p.errors.join("; "));
  out.push([phone, [p.file, p.json]]);
  // npm run workout -- TEXT --port ADDR: scripts/workout.mjs writes preview(plan).file
  const cli = "Workout CLI 14";
  out.push([cli, [preview(plan(cli)).file, JSON.stringify(plan(cli))]]);
  // the emulator page's uploads, written after every boot
  const page = "Emulator pg 14";
  const a = addUpload([], plan(page));
  if (!a.ok) throw new Error(a.error);
  out.push([page, uploadFiles(a.uploads)[0]]);
  return out;
}

/** a watch with SpeedSeq, the delivered files written, the app restarted onto its list */
async function withFiles(files: [string, string][]): Promise<Watch> {
  const w = await fwApp();
  for (const [name, data] of files) w.writeFile(name, data);
  loadApp(w, "speedseq.app.js");
  return w;
}

describeFw("the longest workout name through every delivery path", () => {
  it("each path's file keeps its whole name in Storage, is listed under the workout's name, and starts", async () => {
    const d = delivered();
    for (const [name, [file]] of d) {
      expect(name.length, name).toBe(MAX_NAME);
      expect(file.length, file).toBeLessThanOrEqual(STORAGE_NAME_MAX);
    }
    // four names, four files: no two paths' names collide
    expect(new Set(d.map((x) => x[1][0])).size).toBe(d.length);

    const files = d.map((x) => x[1]);
    const w = await withFiles(files);
    expect(w.list("/^speedseq\\.w/").sort()).toEqual(files.map((f) => f[0]).sort());
    for (const [name] of d) expect(findRow(w, name).text).toBe(name);

    for (let i = 0; i < d.length; i++) {
      const name = d[i][0];
      // a started session stays on the watch (its log): each on a fresh watch
      const v = i === 0 ? w : await withFiles(files);
      tapRow(v, name);
      v.advance(1000);
      expect(v.shown(v.now() - 1000), name).toContain(name);
      v.emit("GPS", { ...FIX, time: new Date(v.now()) });
      v.advance(1100);
      const pressed = v.now();
      v.press(100);
      v.advance(2000);
      // (the run screen draws its bar once, as the step begins)
      expect(v.shown(pressed), name).toContain(LABEL);
      expect(v.list().some((n) => n.startsWith("speedseq.log")), name).toBe(true);
    }
  }, FW_TIMEOUT);
});
