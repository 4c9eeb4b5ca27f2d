// Hostile and broken input on the real firmware (issue 13). Workout files anyone can write with
// the App Loader or the REPL: a seeded fuzzer makes them (deep nesting, oversized, __proto__ and
// constructor keys, wrong types, long names, text that is not JSON, cut short, binary, empty),
// installs them as an upload does, opens the list and taps every row. A refused file must be
// listed as refused and say why when tapped; an accepted one must start. After each: no uncaught
// error, no interpreter error flag, the watch still answering with time moving on, every file as
// it was written, and a built-in still starting. The seed (HOSTILE_SEED, default 13) and every
// case are printed, so a failure can be replayed. Then memory pressure: RAM held elsewhere (a
// global array) when a workout is tapped: the watch must say how much is free and needed, and
// start nothing (the check runs before the pre-start screen loads: with ~9,000 JsVars held even
// that screen does not fit).
import { expect, it } from "vitest";
import { describeFw, fwApp, tapRow, FIX, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";
import { parseWorkout } from "../../src/engine/workout/validate";
import { MAX_JSON_CHARS } from "../../src/engine/workout/limits";
import { memCheck } from "../../src/engine/decide";
import { rng } from "../../src/sim/rng";

const SEED = Number(process.env.HOSTILE_SEED ?? 13);


/** a fuzz case: a file, and either the reason the watch must give (a pattern) or null when it must start */
interface Case { what: string; file: string; data: string; refused: RegExp | null; name?: string }

const STEP = { kind: "work", end: { time: 60 }, label: "Rep" };

function valid(name: string): object {
  return { v: 1, name, steps: [{ kind: "warmup", end: { time: 120 } }, { repeat: 3, steps: [STEP], between: { kind: "recovery", end: { time: 30 } } }] };
}

/** a value of the wrong type for any field of a plan */
const WRONG: unknown[] = ["60", [], {}, null, true, -1, 1e12, [1, 2, 3], { time: 60 }, "work"];

/** every path to a field of a plan, for the wrong-type cases */
function paths(o: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (o === null || typeof o !== "object") return [at];
  const out: (string | number)[][] = at.length ? [at] : [];
  for (const [k, v] of Object.entries(o as object)) out.push(...paths(v, [...at, Array.isArray(o) ? Number(k) : k]));
  return out;
}

function setAt(o: any, p: (string | number)[], v: unknown): void {
  for (let i = 0; i < p.length - 1; i++) o = o[p[i]];
  o[p[p.length - 1]] = v;
}

/** the fuzz cases of one seed: a few of each kind, on short file names (one list row each) */
function cases(seed: number): Case[] {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T,>(xs: T[]) => xs[int(0, xs.length - 1)];
  let n = 0;
  const file = () => `speedseq.w${(n++).toString(36).padStart(2, "0")}.json`;
  const out: Case[] = [];
  const add = (what: string, data: string, refused: RegExp | null, name?: string) => out.push({ what, file: file(), data, refused, name });

  for (let i = 0; i < 2; i++) {
    // deep nesting: within 4 KB it is too deep; past it, too big first
    const depth = i ? int(100, 500) : int(4, 40);
    let s = JSON.stringify(STEP);
    for (let k = 0; k < depth; k++) s = `{"repeat":2,"steps":[${s}]}`;
    const t = `{"v":1,"name":"Deep","steps":[${s}]}`;
    add(`nested ${depth} deep (${t.length} bytes)`, t, t.length > MAX_JSON_CHARS ? /bytes, at most 4096/ : /nested too deep/);
  }
  {
    const steps = Array.from({ length: int(150, 500) }, (_, k) => ({ ...STEP, label: `x${k}` }));
    const t = JSON.stringify({ v: 1, name: "Huge", steps });
    add(`${t.length} bytes`, t, /^\d+ bytes, at most 4096$/);
  }
  for (const key of ["__proto__", "constructor"]) {
    const p: any = valid(key === "constructor" ? "Ctor" : "Proto");
    const where = pick([p, p.steps[0], p.steps[1], p.steps[1].steps[0].end]);
    const t = JSON.stringify(p).replace(JSON.stringify(where).slice(0, -1), JSON.stringify(where).slice(0, -1) + `,"${key}":{"steps":[],"length":0,"kind":"work"}`);
    // a constructor key shadows nothing the watch reads: such a plan runs
    add(`a ${key} key`, t, key === "__proto__" ? /__proto__ key/ : null, key === "__proto__" ? undefined : "Ctor");
  }
  for (let i = 0; i < 4; i++) {
    const p: any = valid("Typed");
    const ps = paths(p).filter((x) => x.length > 0 && !(x.length === 1 && x[0] === "name"));
    let at: (string | number)[];
    let t: string;
    // a wrong type or range the validator refuses (some swaps, e.g. a label for a label, are fine)
    do {
      at = pick(ps);
      const q = JSON.parse(JSON.stringify(p));
      setAt(q, at, pick(WRONG));
      t = JSON.stringify(q);
    } while (parseWorkout(t).ok);
    add(`wrong type at ${at.join(".")}`, t, /wrong|needs a list|not a workout|newer app|times|its note|steps/);
  }
  {
    const long = "N".repeat(int(15, 200));
    add(`a ${long.length}-character name`, JSON.stringify({ ...valid("x"), name: long }), /name must be 1 to 14/);
    const huge = "M".repeat(4096);
    add("a 4 KB name", JSON.stringify({ ...valid("x"), name: huge }), /bytes, at most 4096/);
  }
  for (const t of ["{'v':1,'name':'Quote','steps':[]}", '{"v":1,/* c */"name":"C","steps":[]}', "hello, world", "{v:1,name:`T`,steps:[]}"])
    add(`not JSON: ${t.slice(0, 20)}`, t, /not JSON/);
  {
    const t = JSON.stringify(valid("Cut"));
    const at = int(1, t.length - 2);
    add(`cut short at ${at} of ${t.length}`, t.slice(0, at), /not JSON|not a workout|needs a list|wrong|name must/);
  }
  {
    let b = "";
    const len = int(1, 600);
    for (let k = 0; k < len; k++) b += String.fromCharCode(int(0, 255));
    add(`${len} random bytes`, b, /./);
    // Storage makes no empty file: a blank one, and one reserved but never written (erased flash reads 0xFF)
    add("blank", " \n\t ", /not JSON/);
    add("reserved, never written", "\xff".repeat(int(1, 300)), /not JSON/);
  }
  add("a valid upload", JSON.stringify(valid("Fuzz ok")), null, "Fuzz ok");
  return out;
}

/** the row a case is listed as: a refused file by its name without "speedseq." (list.ts) */
const row = (c: Case) => (c.refused ? ("! " + c.file.substr(9)).substr(0, 14) : c.name!);

/**
 * Garbage collected, as before each action on a watch that has been idle. The firmware collects
 * at idle only once free RAM is low, so the garbage of screens shown earlier (their menus' functions
 * and scopes are cycles) piles up until an allocation finds no free block: it then collects and
 * sets LOW_MEMORY though it lost nothing. Collected first, a LOW_MEMORY after an action is the
 * action's own.
 */
function collected(w: Watch): void {
  w.memory();
  w.eval("E.getErrorFlags()");
}

/** the watch is alive: no uncaught error, no interpreter error flag, and it answers with its clock moving on */
function healthy(w: Watch, what: string): void {
  const t = w.now();
  w.advance(1000);
  expect(w.eval<number>("Math.round(getTime()*1000)"), what).toBeGreaterThanOrEqual(t + 1000 - 5);
  expect(w.errors, what).toEqual([]);
  expect(w.eval<string[]>("E.getErrorFlags()"), what).toEqual([]);
}

/** everything drawn since t, as one line (prompts wrap their text) */
const drawn = (w: Watch, t: number) => w.shown(t).join(" ").replace(/\s+/g, " ");

/** a started session: its log on flash and the run screen drawn since t */
function started(w: Watch, t: number): boolean {
  return w.list().some((n) => n.startsWith("speedseq.log")) && w.shown(t).includes("to go");
}

/** back to a fresh list (load() also clears every global): out to the clock, session logs erased, the app launched again */
function relaunch(w: Watch): void {
  w.exec("load()");
  w.advance(1500);
  w.exec(`require("Storage").list(/^speedseq\\.log/,{sf:true}).forEach(function(f){require("Storage").open(f,"r").erase();});require("Storage").erase("speedseq.hist.json");load("speedseq.app.js")`);
  w.advance(2500);
  w.exec("echo(0)");
}

/** from the pre-start screen: a fix, then BTN1 */
function fixAndPress(w: Watch): void {
  w.emit("GPS", { ...FIX, time: new Date(w.now()) });
  w.advance(1100);
  w.press(100);
  w.advance(1500);
}

describeFw("hostile workout files on the firmware", () => {
  it(`seed ${SEED}: every fuzzed file is refused with its reason or started, and nothing breaks`, async () => {
    const all = cases(SEED);
    console.log(`hostile seed ${SEED}: ${all.length} cases`);
    // a few files per watch, so that one case that stopped the interpreter would not hide the others
    for (let b = 0; b < all.length; b += 6) {
      const batch = all.slice(b, b + 6);
      const w = await fwApp();
      for (const c of batch) {
        console.log(`  ${c.file}: ${c.what} -> ${c.refused ? "refused" : "starts"}`);
        w.writeFile(c.file, c.data);
      }
      collected(w);
      relaunch(w);
      healthy(w, "the list with " + batch.map((c) => c.what).join(", "));
      for (const c of batch) {
        const t = w.now();
        collected(w);
        tapRow(w, row(c));
        w.advance(800);
        if (c.refused) {
          const said = drawn(w, t);
          expect(said, c.what).toContain(`${c.file.substr(9)} can't be run on the watch: `);
          const why = said.slice(said.indexOf("can't be run on the watch: ") + 27, said.indexOf(". Send it again"));
          expect(why, c.what).toMatch(c.refused);
          w.tapText("OK");
          w.advance(1000);
          healthy(w, c.what);
          continue;
        }
        fixAndPress(w);
        expect(started(w, t), `${c.what}: ${drawn(w, t)}`).toBe(true);
        healthy(w, c.what);
        relaunch(w);
      }
      // every file as it was written, and a built-in still starts
      for (const c of batch) expect(w.readFile(c.file), c.what).toBe(c.data);
      const t = w.now();
      collected(w);
      tapRow(w, "Classic 5K");
      w.advance(500);
      fixAndPress(w);
      expect(started(w, t), `Classic 5K after ${batch.map((c) => c.what).join(", ")}`).toBe(true);
      healthy(w, "Classic 5K after the batch");
    }
  }, FW_TIMEOUT * 2);
});

/** holds about n JsVars in a global array (numbers in an array take about one each) */
function hold(w: Watch, n: number): void {
  w.exec(`var HELD=[];for(var i=0;i<${n};i++)HELD.push(i);`);
  // (the console line leaves garbage of its own)
  collected(w);
}

describeFw("memory pressure on the firmware", () => {
  it("RAM held elsewhere: tapping a workout says how much is free and needed, starts nothing and leaves; given back, the start works", async () => {
    const w = await fwApp();
    const need = memCheck(0).needVars;
    for (const n of [8000, 9000]) {
      hold(w, n);
      const free = w.memory().free;
      expect(free).toBeLessThan(need);
      const t = w.now();
      tapRow(w, "Classic 5K");
      w.advance(1500);
      const said = drawn(w, t);
      const m = said.match(new RegExp(`A session needs ${need} free JsVars; (\\d+) are free\\. Nothing was started\\.`));
      expect(m, said).not.toBeNull();
      // the figure is what the watch measured at the tap: what was free on the list
      expect(Math.abs(Number(m![1]) - free), said).toBeLessThan(150);
      expect(w.powered(), "no sensor turned on").toEqual({ GPS: [], HRM: [] });
      w.tapText("OK");
      w.advance(1500);
      expect(w.eval<string>("global.__FILE__"), "left to the clock").not.toBe("speedseq.app.js");
      expect(w.list().filter((f) => f.startsWith("speedseq.log")), `${n} held`).toEqual([]);
      expect(w.errors).toEqual([]);
      expect(w.eval<string[]>("E.getErrorFlags()"), `${n} held`).toEqual([]);
      // RAM given back (load() cleared the globals), the app launched again
      relaunch(w);
    }
    // with nothing held the same path starts, and runs a minute with no error flag
    collected(w);
    const t = w.now();
    tapRow(w, "Classic 5K");
    w.advance(500);
    fixAndPress(w);
    expect(started(w, t)).toBe(true);
    w.advance(60_000);
    healthy(w, "a minute of Classic 5K");
  }, FW_TIMEOUT);

  it("a start with just over the need free runs clean for a minute", async () => {
    const w = await fwApp();
    const need = memCheck(0).needVars;
    const target = need + 100;
    // numbers held take a little more than one JsVar each: hold, measure, and hold again to the target
    let n = w.memory().free - target;
    hold(w, n);
    n += w.memory().free - target;
    relaunch(w);
    hold(w, n);
    const free = w.memory().free;
    console.log(`free on the list ${free}, need ${need}`);
    expect(free).toBeGreaterThanOrEqual(need);
    expect(free).toBeLessThan(need + 300);
    const t = w.now();
    tapRow(w, "Classic 5K");
    w.advance(500);
    fixAndPress(w);
    expect(started(w, t), drawn(w, t)).toBe(true);
    w.advance(60_000);
    healthy(w, "a minute of Classic 5K just above the need");
  }, FW_TIMEOUT);
});
