// Sending a workout from the phone app (Debian's Chromium): the page reads the text syntax as it
// is typed (the preview, or each error at its line and column with the line marked), starts from
// a built-in, refuses a built-in's name for another workout, shows a workout's markup name as
// text. On the real firmware over the server's bridge: a workout typed in the text syntax is
// written on the watch as speedseq.w<id>.json (authoring's name for it), SpeedSeq restarts and
// lists it, and it starts (tap its row, a GPS fix, BTN1), its log naming the plan the phone sent;
// while that session runs, the next send is refused with the page saying why, and nothing is written.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { phoneEnv, openPhone } from "./harness";
import { describeFw, fwApp, tapRow, FIX, logText, runBar, FW_TIMEOUT } from "../firmware/fw";
import { serveConsole } from "../../emulator/firmware/tcp";
import { parseText, printWorkout, workoutFileName } from "../../src/authoring";
import { asciiJson, WORKOUT_RUNNING } from "../../src/sync/workout";
import { decodeLog } from "../../src/engine/log/decode";
import { planOf } from "../../src/analysis";
import { crc32 } from "../../src/sim/crc";
import { TEMPLATES } from "../../src/engine/workout/templates";
import type { HeaderRec } from "../../src/engine/log/records";
import type { Plan } from "../../src/engine/plan";
import type { Hooks } from "../../src/phone/app";

type W = { speedseqPhone: Hooks; __xss?: number };

const env = phoneEnv();

const TEXT = ["name: Hill 6x400", "note: typed on the phone", "- 5m warm-up", "6x", "  - 400mtr 5k pace-3s", "  between 90s jog", "- 5m cool-down", ""].join("\n");

function plan(text: string): Plan {
  const r = parseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

async function preview(page: Page): Promise<string> {
  return (await page.textContent("#send-preview")) ?? "";
}

describe("the send page", () => {
  it("reads the text as it is typed: the preview, or each error at its line and column; a built-in to start from; a built-in's name refused", async () => {
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    try {
      const page = await openPhone(ctx, env.srv.url + "phone/#send", errors);
      expect(await page.isVisible("#send-view")).toBe(true);
      expect(await page.isVisible("#connection")).toBe(true);
      expect(await page.isDisabled("#send")).toBe(true);
      await page.fill("#send-text", TEXT);
      const p = await preview(page);
      const file = workoutFileName("Hill 6x400");
      expect(file).toMatch(/^speedseq\.w[0-9a-z]{7}\.json$/);
      expect(p).toContain("list row   Hill 6x400  (10/14 characters)");
      expect(p).toContain("file       " + file);
      expect(p).toMatch(/steps {6}13 in the session, 6 reps/);
      expect(await page.isDisabled("#send")).toBe(false);
      // an error: its line and column, the line shown with the place marked; no preview, no send
      await page.fill("#send-text", TEXT.replace("pace-3s", "pace-3z"));
      const err = (await page.textContent("#send-errors")) ?? "";
      expect(err).toMatch(/^5:\d+: /);
      expect(await page.textContent("#send-errors pre.at")).toMatch(/^ {2}- 400mtr 5k pace-3z\n +\^+$/);
      expect(await preview(page)).toBe("");
      expect(await page.isDisabled("#send")).toBe(true);
      // a goal for the preview's paces: a bad one is an error too
      await page.fill("#send-text", TEXT);
      await page.fill("#send-goal", "5k twenty");
      expect(await page.textContent("#send-errors")).toContain("goal: ");
      await page.fill("#send-goal", "5k 20:00");
      expect(await page.textContent("#send-errors")).toBe("");
      // a built-in to start from: its canonical text
      await page.selectOption("#send-template", "b:Ladder");
      expect(await page.inputValue("#send-text")).toBe(printWorkout(TEMPLATES.find((t) => t.name === "Ladder")!));
      expect(await preview(page)).toContain("this is the built-in \"Ladder\" as it ships");
      // edited under the built-in's name: refused (the watch would list only the built-in)
      await page.fill("#send-text", (await page.inputValue("#send-text")).replace(/^- .*$/m, "- 12m warm-up"));
      expect(await page.textContent("#send-errors")).toContain('"Ladder" is the name of a built-in workout');
      expect(await page.isDisabled("#send")).toBe(true);
      // a name that is markup is text
      await page.fill("#send-text", TEXT.replace("Hill 6x400", "<img src=x>"));
      expect(await preview(page)).toContain("list row   <img src=x>");
      expect(await page.evaluate(() => ({ xss: (window as unknown as W).__xss, img: document.querySelectorAll("img").length }))).toEqual({ xss: undefined, img: 0 });
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

async function send(page: Page): Promise<NonNullable<Hooks["lastSend"]>> {
  await page.evaluate(() => { (window as unknown as W).speedseqPhone.lastSend = undefined; });
  await page.click("#send");
  await page.waitForFunction(() => { const h = (window as unknown as W).speedseqPhone; return !h.busy && !!h.lastSend; }, null, { timeout: 120_000 });
  return page.evaluate(() => (window as unknown as W).speedseqPhone.lastSend!);
}

describeFw("sending a workout to the real firmware", () => {
  it("typed in the text syntax, sent over the bridge: the watch lists it and it starts; while it runs the next send is refused", async () => {
    const w = await fwApp({ trace: true });
    const sent = plan(TEXT);
    const file = workoutFileName(sent.name);
    let con = await serveConsole(w, 0);
    const ctx = await env.browser.newContext();
    const errors: string[] = [];
    try {
      const page = await openPhone(ctx, `${env.srv.url}phone/?bridge=${con.port}#send`, errors);
      expect(await page.isChecked("#t-bridge")).toBe(true);
      await page.fill("#send-text", TEXT);
      const r = await send(page);
      expect(r).toEqual({ ok: true, file, status: "new", restarted: true, attempts: 1 });
      expect(await page.textContent("#send-status")).toContain("Hill 6x400 is on the watch as " + file + ". SpeedSeq restarted on the watch and lists it.");
      // the file is the workout's JSON, byte for byte
      expect(w.readFile(file)).toBe(asciiJson(sent));
      expect(await page.$$eval("#sent-list tr", (trs) => trs.map((tr) => tr.getAttribute("data-file")))).toEqual([file]);
      await con.close();

      // on the watch: SpeedSeq restarted; its list shows the workout; tap it, a GPS fix, BTN1
      w.advance(1500);
      w.exec("echo(0)");
      const listed = w.now();
      tapRow(w, "Hill 6x400");
      w.advance(500);
      // the pre-start screen: its note, waiting for GPS
      expect(w.shown(listed)).toContain("typed on the phone");
      expect(w.shown(listed)).toContain("Wait for GPS");
      w.emit("GPS", { ...FIX, time: new Date(w.now()) });
      w.advance(1100);
      const tPress = w.now();
      w.press(100);
      w.advance(2000);
      // running: the 5 min warm-up counting down (the bar and caption drawn at the start, the count-down each second)
      expect(w.shown(tPress)).toEqual(expect.arrayContaining(["warmup", "to go"]));
      expect(runBar(w)).toBe("warmup");
      expect(w.shown(w.now() - 1500)).toContain("4:58");
      const log = decodeLog(logText(w, 0), crc32);
      const head = log.recs.find((x) => x.k === "H") as HeaderRec;
      expect(head.plan).toBe("Hill 6x400");
      // the plan the watch walks is the one the phone sent: the training log finds it by its hash
      expect(planOf(head, crc32, [sent])).not.toBeNull();
      expect(planOf(head, crc32)).toBeNull();

      // while the session runs: refused, said on the page, nothing written
      con = await serveConsole(w, 0);
      await page.fill("#t-bridge-input", String(con.port));
      await page.fill("#send-text", TEXT.replace("typed on the phone", "edited on the phone"));
      const refused = await send(page);
      expect(refused).toEqual({ ok: false, file, refused: WORKOUT_RUNNING });
      expect(await page.textContent("#send-status")).toContain(WORKOUT_RUNNING);
      expect(w.readFile(file)).toBe(asciiJson(sent));
      await con.close();
      // the session ran on, untouched
      w.advance(1000);
      expect(runBar(w)).toBe("warmup");
      expect(w.shown(w.now() - 900).some((x) => /^\d+:\d\d$/.test(x))).toBe(true);
      expect(decodeLog(logText(w, 0), crc32).recs.some((x) => x.k === "E")).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await con.close();
    }
  }, FW_TIMEOUT);
});
