// The board against the real firmware: each behaviour the board's own tests rely on runs as the
// same small script with the same inputs on both, and what matters (values, console output, the
// order and time of events, Storage contents) must agree. Then one whole-app run: SpeedSeq on both,
// started the README's way and fed the same 3 minutes of a recorded run; the run screen's texts
// and the session log's step records and buzz patterns must agree. Where the board knowingly
// differs (README, "The board"), a test pins that the difference is still there, so the list
// cannot go stale.
import { afterEach, expect, it } from "vitest";
import { createBoard, Storage, type Board } from "../../emulator/board/index";
import type { Watch } from "../../emulator/firmware/watch";
import { START_MS, bootWatch, loadApp } from "../../emulator/firmware/node";
import { MISSING_BUILTINS } from "../../emulator/board/realm";
import { appFiles } from "../../tools/appfiles.mjs";
import { TEMPLATES } from "../../src/engine/workout/templates";
import { PLANS } from "../../src/watch/store";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import type { SensorEvent } from "../../src/sim/replay";
import { appSource, boot, recordingEvents, FIX } from "../watch/boot";
import { describeFw, fwWatch } from "./fw";

type Dir = "left" | "right" | "up" | "down";

/** missing on the watch, but not configurable in V8: the board's realm keeps them */
const UNDELETABLE = ["Number.EPSILON", "Number.MAX_SAFE_INTEGER", "Number.MIN_SAFE_INTEGER"];

/** one watch, board or firmware, driven the same way */
interface Target {
  readonly kind: "board" | "firmware";
  /** runs a script (several lines) as app code, then what it queued */
  run(js: string): void;
  /** the JSON value of an expression */
  value<V = unknown>(expr: string): V;
  advance(ms: number): void;
  press(ms: number): void;
  button(down: boolean): void;
  tap(x: number, y: number): void;
  tapText(text: string): void;
  swipe(dir: Dir): void;
  emit(ev: string, data: unknown): void;
  /** a normal Storage file's bytes */
  file(name: string): string | undefined;
  /** what the console printed for a line typed at it (echo on, as a terminal sees it) */
  type(line: string): string;
}

class OnBoard implements Target {
  readonly kind = "board";
  private started = false;
  constructor(readonly b: Board) {}
  run(js: string): void {
    if (this.started) {
      this.b.eval(js);
      this.b.advance(0);
    } else {
      this.started = true;
      this.b.load(js);
    }
  }
  value<V>(expr: string): V {
    // JSON of undefined is "null" on the watch, undefined in V8
    const s = this.b.eval(`JSON.stringify(${expr})`) as string | undefined;
    return JSON.parse(s ?? "null") as V;
  }
  advance(ms: number): void { this.b.advance(ms); }
  press(ms: number): void { this.b.press(ms); }
  button(down: boolean): void { if (down) this.b.buttonDown(); else this.b.buttonUp(); }
  tap(x: number, y: number): void { this.b.tap(x, y); }
  tapText(text: string): void { this.b.tapText(text); }
  swipe(dir: Dir): void {
    const [lr, ud] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[dir];
    this.b.swipe(lr, ud);
  }
  emit(ev: string, data: unknown): void { this.b.emit(ev, data); }
  file(name: string): string | undefined { return this.b.storage.read(name); }
  type(line: string): string {
    this.b.serial.clear();
    this.b.serial.write(line + "\n");
    return this.b.serial.output;
  }
}

class OnFirmware implements Target {
  readonly kind = "firmware";
  /** where this scenario's records start in the watch's (shared) lists */
  readonly since: { ms: number; buzzes: number };
  constructor(readonly w: Watch) {
    this.since = { ms: w.now(), buzzes: w.buzzes.length };
  }
  run(js: string): void { this.w.exec(`eval(${JSON.stringify(js)})`); }
  value<V>(expr: string): V { return this.w.eval<V>(expr); }
  advance(ms: number): void { this.w.advance(ms); }
  press(ms: number): void { this.w.press(ms); }
  button(down: boolean): void { this.w.button(down); }
  tap(x: number, y: number): void { this.w.tap(x, y); }
  tapText(text: string): void { this.w.tapText(text); }
  swipe(dir: Dir): void { this.w.swipe(dir); }
  emit(ev: string, data: unknown): void { this.w.emit(ev, data); }
  file(name: string): string | undefined { return this.w.readFile(name); }
  type(line: string): string {
    let out = "";
    this.w.exec("echo(1)");
    const off = this.w.onData((s) => { out += s; });
    this.w.send(line + "\n");
    off();
    this.w.exec("echo(0)");
    return out;
  }
}

let shared: Watch | undefined;

/**
 * The firmware watch for a scenario: booted once, then back to the state a boot leaves (load():
 * the JS state reset, the clock face, widgets) for each scenario; Storage carries over, so each
 * scenario uses its own file names. Booting costs ~1.5 s, a load() ~0.5 s.
 */
async function fwFresh(): Promise<Watch> {
  if (!shared) shared = await bootWatch({ trace: true });
  else loadApp(shared);
  return shared;
}

/** runs a scenario on a fresh board and on the firmware; returns both results */
async function both<R>(scenario: (t: Target) => R): Promise<{ board: R; firmware: R }> {
  const b = createBoard({ startTime: START_MS, accel: false });
  const board = scenario(new OnBoard(b));
  expect(b.errors, "app errors on the board").toEqual([]);
  const firmware = scenario(new OnFirmware(await fwFresh()));
  return { board, firmware };
}

/** the scenario must give the same result on the board as on the firmware */
async function same<R>(scenario: (t: Target) => R): Promise<R> {
  const r = await both(scenario);
  expect(r.board, "the board disagrees with the firmware").toEqual(r.firmware);
  return r.firmware;
}

describeFw("the board against the firmware: the behaviours its tests rely on", () => {
  afterEach(() => {
    if (!shared) return;
    const errors = shared.errors.splice(0);
    expect(errors, "the firmware printed errors").toEqual([]);
  });

  // ---- events and timers

  it("timers run in time order, intervals at their spacing, clearInterval(id) stops one", async () => {
    const log = await same((t) => {
      t.run(`var log=[], T0=Date.now(); setTimeout(function(){ log.push("t250@"+(Date.now()-T0)); }, 250);
        var i = setInterval(function(){ log.push("i100@"+(Date.now()-T0)); }, 100);
        setTimeout(function(){ clearInterval(i); }, 350);`);
      t.advance(1000);
      return t.value("log");
    });
    expect(log).toEqual(["i100@100", "i100@200", "t250@250", "i100@300"]);
  });

  it("clearInterval() with no argument clears every timer", async () => {
    expect(await same((t) => {
      t.run(`var n=0; setInterval(function(){n++}, 100); setTimeout(function(){n+=100}, 500); clearInterval();`);
      t.advance(1000);
      return t.value("n");
    })).toBe(0);
  });

  it("events are queued: Bangle.emit, E.emit and events from outside run after the current code, in order", async () => {
    const log = await same((t) => {
      t.run(`var log=[]; Bangle.on("x", function(v){ log.push("x "+v); }); E.on("y", function(v){ log.push("y "+v); });
        setTimeout(function(){ Bangle.emit("x", 2); log.push("after timer emit"); }, 10);
        Bangle.emit("x", 1); E.emit("y", 1); log.push("after emit");`);
      t.emit("x", 3);
      t.advance(20);
      return t.value("log");
    });
    expect(log).toEqual(["after emit", "x 1", "y 1", "x 3", "after timer emit", "x 2"]);
  });

  it("GPS and HRM events reach the app with the values sent, in order", async () => {
    const got = await same((t) => {
      t.run(`var got=[]; Bangle.setGPSPower(1, "t"); Bangle.setHRMPower(1, "t");
        Bangle.on("GPS", function(f){ got.push(["GPS", f.fix, f.lat, f.lon, f.speed, f.satellites, f.hdop, f.time.getTime() - T0]); });
        Bangle.on("HRM", function(h){ got.push(["HRM", h.bpm, h.confidence]); }); var T0 = Date.now();`);
      const t0 = t.value<number>("T0");
      t.emit("GPS", { ...FIX, speed: 11.5, time: new Date(t0 + 500) });
      t.emit("HRM", { bpm: 141, confidence: 85 });
      t.advance(1000);
      t.emit("GPS", { ...FIX, lat: 51.50001, fix: 2, time: new Date(t0 + 1500) });
      t.emit("GPS", { ...FIX, lat: NaN, lon: NaN, fix: 0, satellites: 3, time: new Date(t0 + 2500) });
      t.run(`Bangle.setGPSPower(0, "t"); Bangle.setHRMPower(0, "t"); got.push(isNaN(got[3][2]) && isNaN(got[3][3]));`);
      return t.value("got");
    });
    expect(got).toEqual([
      ["GPS", 1, 51.5, -0.12, 11.5, 9, 0.9, 500], ["HRM", 141, 85], ["GPS", 2, 51.50001, -0.12, 0, 9, 0.9, 1500],
      ["GPS", 0, null, null, 0, 3, 0.9, 2500], true,
    ]);
  });

  it("Date.now(), new Date() and getTime() follow one wall clock through virtual time", async () => {
    expect(await same((t) => {
      t.run(`var T0 = Date.now();`);
      t.advance(12345);
      return t.value("[Date.now() - T0, new Date().getTime() - T0, Math.round(getTime()*1000) - T0]");
    })).toEqual([12345, 12345, 12345]);
  });

  it("load() from app code: the current code finishes, 'kill' handlers run, later timers do not", async () => {
    expect(await same((t) => {
      t.run(`var S = require("Storage"); E.on("kill", function(){ S.write("dk", "killed"); });
        setTimeout(function(){ load(); S.write("da", "after"); }, 100); setTimeout(function(){ S.write("db", "later"); }, 200);`);
      t.advance(3000);
      if (t.kind === "firmware") t.run("echo(0)");
      return [t.file("dk"), t.file("da"), t.file("db")];
    })).toEqual(["killed", "after", undefined]);
  });

  // ---- buzz, lock, power

  it("Bangle.buzz returns a Promise and reports each buzz's length and strength", async () => {
    const r = await both((t) => {
      t.run(`var p = Bangle.buzz(100); var q = Bangle.buzz(200, 0.5); var isP = [p instanceof Promise, q instanceof Promise];`);
      t.advance(1000);
      const b = t.kind === "board" ? (t as OnBoard).b.buzzes : (t as OnFirmware).w.buzzes.slice((t as OnFirmware).since.buzzes);
      return { isP: t.value("isP"), buzzes: b.map((z) => [z.ms, z.strength]) };
    });
    expect(r.board).toEqual(r.firmware);
    expect(r.firmware).toEqual({ isP: [true, true], buzzes: [[100, 1], [200, 0.5]] });
  });

  it("Bangle.setLocked sends 'lock' (no 'unlock' event) and isLocked follows", async () => {
    expect(await same((t) => {
      t.run(`var lk=[]; Bangle.on("lock", function(on, why){ lk.push(on + " " + why); }); Bangle.on("unlock", function(){ lk.push("unlock"); });
        Bangle.setLocked(true); lk.push(Bangle.isLocked());`);
      t.advance(10);
      t.run(`Bangle.setLocked(false); lk.push(Bangle.isLocked());`);
      t.advance(10);
      return t.value("lk");
    })).toEqual([true, "true js", false, "false js"]);
  });

  it("setPollInterval turns powerSave off, setOptions puts it back, 10..4000 ms or it throws", async () => {
    expect(await same((t) => {
      t.run(`var ps=[Bangle.getOptions().powerSave]; Bangle.setPollInterval(80); ps.push(Bangle.getOptions().powerSave);
        Bangle.setOptions({powerSave: true}); ps.push(Bangle.getOptions().powerSave);
        [5, 4001].forEach(function(ms){ try { Bangle.setPollInterval(ms); ps.push("ok"); } catch (e) { ps.push(e.message); } });`);
      return t.value("ps");
    })).toEqual([true, false, true, "Invalid interval", "Invalid interval"]);
  });

  it("options the app reads and restores: lockTimeout 10 s, btnLoadTimeout 1.5 s", async () => {
    expect(await same((t) => t.value("[Bangle.getOptions().lockTimeout, Bangle.getOptions().btnLoadTimeout]"))).toEqual([10000, 1500]);
  });

  // ---- setUI, touch, BTN1

  it("setUI: btn fires on the press; the old remove runs on the next setUI; touch gets the half and x", async () => {
    expect(await same((t) => {
      t.run(`var u=[]; Bangle.setUI({mode:"custom", btn:function(){ u.push("btn"); }, remove:function(){ u.push("removed"); }});`);
      t.button(true);
      t.advance(100);
      t.run(`u.push("held");`);
      t.button(false);
      t.advance(100);
      t.run(`Bangle.setUI({mode:"custom", touch:function(n,e){ u.push("touch "+n+" "+e.x+","+e.y); }});`);
      t.press(50);
      t.tap(20, 100);
      t.tap(150, 120);
      return t.value("u");
    })).toEqual(["btn", "held", "removed", "touch 1 20,100", "touch 2 150,120"]);
  });

  it("setUI back: BTN1 calls it once when there is no btn; a tap top-left calls it, under the widgets", async () => {
    expect(await same((t) => {
      t.run(`var bk=[]; Bangle.loadWidgets(); Bangle.setUI({mode:"custom", back:function(){ bk.push("back"); }, touch:function(n,e){ bk.push("touch "+e.x); }});`);
      t.tap(10, 10);
      t.tap(100, 100);
      t.press(50);
      t.advance(50);
      t.press(50);
      t.advance(50);
      return t.value("bk");
    })).toEqual(["back", "touch 100", "back"]);
  });

  it("setUI swipe reports its direction", async () => {
    expect(await same((t) => {
      t.run(`var sw=[]; Bangle.setUI({mode:"custom", swipe:function(lr,ud){ sw.push(lr+","+ud); }});`);
      for (const d of ["left", "right", "up", "down"] as Dir[]) t.swipe(d);
      return t.value("sw");
    })).toEqual(["-1,0", "1,0", "0,-1", "0,1"]);
  });

  it("setUI updown: a drag of more than 32 px steps, a tap and BTN1 select", async () => {
    expect(await same((t) => {
      t.run(`var got=[]; Bangle.setUI("updown", function(d){ got.push(d === undefined ? "sel" : d); });`);
      t.swipe("down");
      t.swipe("up");
      t.tap(88, 88);
      t.press(50);
      t.advance(50);
      return t.value("got");
    })).toEqual([1, -1, "sel", "sel"]);
  });

  it("widgets take the top 24 px: Bangle.appRect after loadWidgets", async () => {
    expect(await same((t) => {
      t.run(`Bangle.loadWidgets(); var r = Bangle.appRect;`);
      return t.value("[r.x, r.y, r.w, r.h, r.x2, r.y2]");
    })).toEqual([0, 24, 176, 152, 175, 175]);
  });

  // ---- E.showPrompt, E.showMenu (what the app does with them)

  it("E.showPrompt: the tapped button's value, its remove run; a single button also answers BTN1", async () => {
    expect(await same((t) => {
      t.run(`var q=[]; E.showPrompt("Discard run?", {title:"Stop", buttons:{Keep:1, Discard:2}, remove:function(){ q.push("removed"); }}).then(function(v){ q.push("answer "+v); });`);
      t.tapText("Discard");
      t.run(`E.showPrompt("Saved", {title:"T", buttons:{OK:1}}).then(function(v){ q.push("ok "+v); });`);
      t.press(50);
      t.advance(100);
      return t.value("q");
    })).toEqual(["removed", "answer 2", "ok 1"]);
  });

  it("E.showMenu: a row runs on a tap, a boolean toggles, BTN1 goes back, the next menu runs the old remove inside its call", async () => {
    expect(await same((t) => {
      t.run(`var m=[], inCall=false; E.showMenu({"": {title:"Menu", back:function(){ m.push("back"); }, remove:function(){ m.push("remove " + inCall); }},
        "Start": function(){ m.push("start"); }, "Buzz": {value:true, onchange:function(v){ m.push("buzz "+v); }}});`);
      t.tapText("Start");
      t.tapText("Buzz");
      t.press(50);
      t.advance(100);
      t.run(`inCall=true; E.showMenu({"": {title:"Next"}, "x": function(){}}); inCall=false;`);
      return t.value("m");
    })).toEqual(["start", "buzz false", "back", "remove true"]);
  });

  // ---- Storage

  it("writeJSON's text, readJSON's value, and JSON.parse rejecting it", async () => {
    expect(await same((t) => {
      t.run(`var S=require("Storage"); S.writeJSON("s.json", {a:1, "b c":[true,null,"x"], d:{e:2.5}, f:"q\\"r"}); var back=S.readJSON("s.json"), err="";
        try { JSON.parse(S.read("s.json")); } catch (e) { err="threw"; }`);
      return [t.file("s.json"), t.value("back"), t.value("err"), t.value(`require("Storage").readJSON("missing.json", true)`)];
    })).toEqual(['{a:1,"b c":[true,null,"x"],d:{e:2.5},f:"q\\"r"}', { a: 1, "b c": [true, null, "x"], d: { e: 2.5 }, f: 'q"r' }, "threw", null]);
  });

  it("names keep 28 characters (27 for a StorageFile): longer ones are cut, so two long names are one file", async () => {
    const r = await both((t) => {
      const a = "zq".repeat(14);
      t.run(`var S=require("Storage"); S.write("${a}1", "one"); S.write("${a}2", "two"); S.open("${"zr".repeat(14)}", "w").write("sf");`);
      const out = [t.file(a), t.value(`require("Storage").list(/^zq/)`), t.value(`require("Storage").list(/^zr/, {sf:true})`)];
      if (t.kind === "board") {
        const b = (t as OnBoard).b;
        out.push(b.errors.map((e) => e.message.replace(/".*"/, "NAME")));
        b.errors.length = 0;
      }
      return out;
    });
    expect(r.board.slice(0, 3)).toEqual(r.firmware);
    expect(r.firmware).toEqual(["two", ["zq".repeat(14)], ["zr".repeat(14).slice(0, 27)]]);
    // the board also reports each cut name as an app error
    expect(r.board[3]).toEqual([
      "Storage name NAME is 29 characters: the watch keeps only the first 28",
      "Storage name NAME is 29 characters: the watch keeps only the first 28",
      "Storage name NAME is 28 characters: the watch keeps only the first 27",
    ]);
  });

  it("a StorageFile: 40,960 bytes however small, listed as name\\x01, no seek, a 0xFF byte ends it", async () => {
    expect(await same((t) => {
      t.run(`var S=require("Storage"), f0=S.getFree(); var f=S.open("log.csv","a"); f.write("1,2\\n"); var used=f0-S.getFree();
        var names=[S.list(/^log\\.csv/), S.list(/^log\\.csv/, {sf:true})];
        var w=S.open("t.txt","w"); w.write("ab\\ncd\\n"); w.write("e\\xFFfg\\n");
        var r=S.open("t.txt","r"); var out=[r.readLine(), r.read(2), r.read(10), r.read(10), r.getLength(), typeof r.seek];`);
      return t.value("[used, names, out]");
    })).toEqual([40960, [["log.csv\x01"], ["log.csv"]], ["ab\n", "cd", "\ne", null, 7, "undefined"]]);
  });

  it("trash: a changed rewrite and an erase leave the old copy (32 bytes + data to 4), an identical rewrite does not", async () => {
    expect(await same((t) => {
      t.run(`var S=require("Storage"), a=S.getStats(); S.write("tr","x".repeat(99)); S.write("tr","y".repeat(99)); S.write("tr","y".repeat(99));
        var b=S.getStats(); S.erase("tr"); var c=S.getStats();
        var d=[b.trashCount-a.trashCount, b.trashBytes-a.trashBytes, c.trashCount-a.trashCount, c.trashBytes-a.trashBytes, a.totalBytes];`);
      return t.value("d");
    })).toEqual([1, 132, 2, 264, 8 * 1024 * 1024]);
  });

  it("write(name, data, 0, size) makes a file of 0xFF that offset writes fill in place", async () => {
    expect(await same((t) => {
      t.run(`require("Storage").write("wsz", "ab", 0, 6); require("Storage").write("wsz", "cd", 2);`);
      return t.file("wsz");
    })).toBe("abcd\xFF\xFF");
  });

  // ---- E, modules, language

  it("E.CRC32 (zlib, one-shot), E.sum, E.variance", async () => {
    expect(await same((t) => t.value(`[E.CRC32("hello"), E.CRC32("123456789"), E.CRC32("6789", 12345), E.CRC32(new Uint8Array([49,50,51])),
      E.sum(new Float32Array([1,2,3])), E.variance(new Int8Array([1,2,3]), 2)]`))).toEqual([0x3610a686, 0xcbf43926, 2646261639, 0x884863d2, 6, 2]);
  });

  it("heatshrink: what the firmware compresses, the board decompresses to the same bytes", async () => {
    const text = "SpeedSeq SpeedSeq 1 km 1 km 1 km rep rep rep \x00\x01\x02\xff\xfe";
    const w = await fwFresh();
    const packed = atob(w.eval<string>(`btoa(require("heatshrink").compress(atob(${JSON.stringify(btoa(text))})))`));
    expect(packed.length).toBeLessThan(text.length);
    const b = createBoard({ accel: false });
    const onBoard = b.eval(`E.toString(require("heatshrink").decompress(${JSON.stringify(packed)}))`);
    const onFw = atob(w.eval<string>(`btoa(E.toString(require("heatshrink").decompress(atob(${JSON.stringify(btoa(packed))}))))`));
    expect(onFw).toBe(text);
    expect(onBoard).toBe(text);
  });

  it("require() of a module the watch lacks throws Module \"x\" not found", async () => {
    expect(await same((t) => {
      t.run(`var err=""; try { require("nosuchmodule"); } catch (e) { err = e.message; }`);
      return t.value("err");
    })).toBe('Module "nosuchmodule" not found');
  });

  it("the built-ins the board deletes are missing on the firmware too, and what the app uses is there", async () => {
    const paths = MISSING_BUILTINS.filter((p) => !UNDELETABLE.includes(p)).map((p) => (p.startsWith("TypedArray.") ? p.replace("TypedArray", "Uint8Array") : p));
    const expr = (p: string) => {
      const [a, b, c] = p.split(".");
      if (b === "prototype") return `typeof (${a === "Array" ? "[]" : a === "String" ? '""' : "Promise.resolve()"}).${c}`;
      return b === undefined ? `typeof ${a}` : `(typeof ${a} === "undefined" ? "undefined" : typeof ${p})`;
    };
    const have = ["Promise", "Promise.all", "Object.assign", "Object.entries", "Object.fromEntries", "isFinite", "isNaN", "Math.sign", "Uint8Array", "DataView", "JSON.stringify", "E.CRC32"];
    expect(await same((t) => t.value(`[${[...paths.map(expr), ...have.map((p) => `typeof ${p}`)].join(",")}]`)))
      .toEqual([...paths.map(() => "undefined"), ...have.map(() => "function")]);
  });

  it("bitmap fonts: 6x8 and 4x6 widths and heights, and wrapString at spaces", async () => {
    expect(await same((t) => t.value(`[g.setFont("6x8").stringWidth("abc"), g.setFont("6x8:3").stringWidth("abc"), g.setFont("6x8").stringWidth("ab\\nabcd"),
      g.getFontHeight(), g.setFont("6x8:2").getFontHeight(), g.setFont("4x6").stringWidth("abc"), g.getFontHeight(),
      g.setFont("6x8:2").wrapString("No GPS needed: time only", 160), g.setFont("6x8").wrapString("Unfinished session Classic 5K", 170)]`)))
      .toEqual([18, 54, 24, 8, 16, 12, 6, ["No GPS", "needed: time", "only"], ["Unfinished session Classic", "5K"]]);
  });

  it("the console: a typed line is echoed, output printed, then =value and the prompt; a \\x10 line shows only its output", async () => {
    const r = await same((t) => {
      t.run("var n = 41;");
      return [t.type("console.log('hi'); n+1"), t.type("\x10print(5)"), t.type("\x10n+1")];
    });
    expect(r).toEqual(["console.log('hi'); n+1\r\nhi\r\n=42\r\n>", "5\r\n>", ""]);
  });

  it("process.memory() reports 12,000 JsVars in all", async () => {
    expect(await same((t) => t.value("process.memory().total"))).toBe(12000);
  });
});

describeFw("where the board knowingly differs from the firmware (README, 'The board')", () => {
  afterEach(() => {
    if (shared) shared.errors.length = 0;
  });
  it("E.showMenu numbers: the firmware lists the values of a short range and sets one on a tap; the board edits by dragging", async () => {
    const r = await both((t) => {
      t.run(`var v=[]; E.showMenu({"": {title:"Set"}, "Reps": {value: 4, min: 1, max: 5, onchange: function(x){ v.push(x); }}});`);
      t.tapText("Reps");
      if (t.kind === "firmware") t.tapText("2");
      else {
        (t as OnBoard).b.drag([{ x: 88, y: 100 }, { x: 88, y: 130 }, { x: 88, y: 160 }]);
        t.tap(88, 100);
      }
      return t.value("v");
    });
    expect(r.firmware).toEqual([2]);
    expect(r.board).toEqual([3, 2]);
  });

  it("E.showMenu rows: 40 px on the firmware (three under the widgets), 24 px on the board", async () => {
    const r = await both((t) => {
      t.run(`Bangle.loadWidgets(); E.showMenu({"": {title:"Rows"}, "One": function(){}, "Two": function(){}});`);
      if (t.kind === "board") return (t as OnBoard).b.texts().filter((x) => x.text === "Two").map((x) => (x.box.y1 + x.box.y2 + 1) / 2);
      const f = t as OnFirmware;
      return f.w.texts.filter((x) => x.text === "Two" && x.tMs >= f.since.ms).map((x) => x.y + x.h / 2);
    });
    expect(r.firmware).toEqual([110]);
    expect(r.board).toEqual([84]);
  });

  it("fonts: the firmware's 12x20 is proportional (3 to 12 px a character) and its Vector narrower; the board takes 12 px and 0.65 x size", async () => {
    const r = await both((t) => t.value(`[g.setFont("12x20").stringWidth("i:1:50W"), g.setFont("Vector", 30).stringWidth("5:30")]`));
    expect(r.firmware).toEqual([56, 64]);
    expect(r.board).toEqual([84, 80]);
  });

  it("BTN1 reaches a watch 25 ms after the press on the firmware (debounce), at once on the board", async () => {
    const r = await both((t) => {
      t.run(`var at=[]; var T0=0; setWatch(function(){ at.push(Date.now()-T0); }, BTN1, {repeat:true, edge:"rising"}); T0=Date.now();`);
      t.press(100);
      t.advance(100);
      return t.value("at");
    });
    expect(r.firmware).toEqual([25]);
    expect(r.board).toEqual([0]);
  });

  it("the locale module: the firmware's is 'system', the board's a short en_GB (the app uses neither)", async () => {
    const r = await both((t) => t.value(`[require("locale").distance(1234.5), require("locale").time(new Date(2026,0,1,7,5,9), 1)]`));
    expect(r.firmware).toEqual(["1.2km", " 7:05"]);
    expect(r.board).toEqual(["1.23km", "07:05"]);
  });

  it("an uncaught error: the firmware names its type, quotes the name and shows where; the board prints Uncaught Error and the message", async () => {
    const r = await both((t) => {
      const out = t.type("\x10nosuch()");
      if (t.kind === "board") (t as OnBoard).b.errors.length = 0;
      else (t as OnFirmware).w.errors.length = 0;
      return out.split("\r\n")[0];
    });
    expect(r.firmware).toBe('Uncaught ReferenceError: "nosuch" is not defined');
    expect(r.board).toBe("Uncaught Error: nosuch is not defined");
  });

  it("Number.EPSILON, MAX_SAFE_INTEGER and MIN_SAFE_INTEGER: missing on the firmware; V8 will not delete them from the board's realm (the checker catches them)", async () => {
    const r = await both((t) => t.value(`[${UNDELETABLE.map((p) => `typeof ${p}`).join(",")}]`));
    expect(r.firmware).toEqual(UNDELETABLE.map(() => "undefined"));
    expect(r.board).toEqual(UNDELETABLE.map(() => "number"));
  });

  it("buzz: this firmware build resolves every buzz at once (no motor); the board plays them in turn, as the watch does", async () => {
    const r = await both((t) => {
      t.run(`var done=[], T0=Date.now(); Bangle.buzz(100).then(function(){ done.push(Date.now()-T0); }); Bangle.buzz(200).then(function(){ done.push(Date.now()-T0); });`);
      t.advance(1000);
      return t.value("done");
    });
    expect(r.firmware).toEqual([0, 0]);
    expect(r.board).toEqual([100, 300]);
  });
});

// ---- the whole app

/** ms after the press at which the run screens are compared (the texts drawn in the second before) */
const MOMENTS = [5_000, 15_000, 30_000, 61_000, 120_000, 179_000];
/** the warm-up is 10 minutes: at this time the test pauses and takes "Next step", so strides and recoveries end within the 3 minutes */
const SKIP_AT = 20_000;
const RUN_MS = 180_000;
/** the app's settings on both: Run lock Off, so the same presses and taps reach the app on both */
const SETTINGS = { unlock: 1 };
/** session ms by which a step's start or length may differ (events reach the two at slightly different instants) */
const STEP_MS_TOLERANCE = 1000;
/** ms by which a buzz pattern's start may differ (the firmware's timers run on whole ms) */
const BUZZ_MS_TOLERANCE = 5;

interface AppRun {
  screens: string[][];
  steps: { idx: number; kind: string; startMs: number; durMs: number }[];
  header: unknown;
  ended: boolean;
  /** [ms after the press that Bangle.buzz was called, length, strength] */
  buzzes: number[][];
}

/** the app's watch, board or firmware: the Target calls plus its clock and the texts it drew */
interface AppTarget extends Target {
  now(): number;
  textsIn(fromMs: number, toMs: number): string[];
  log(n: number): string;
  /** Bangle.buzz calls: when the app made them (watch clock), length, strength */
  buzzCalls(): number[][];
}

/**
 * The board for the app run, with input reaching the app when it does on the firmware: BTN1 25 ms
 * after the press (its debounce), a tap's 'touch' 50 ms after the finger lands (the click gesture
 * comes with the lift). Without this, session time on the two drifts by tens of ms per input, a
 * GPS fix near a tick falls on the other side of it, and the smoothed pace differs by a second.
 */
function appOnBoard(b: Board): AppTarget {
  const t = new OnBoard(b) as OnBoard & AppTarget;
  (t as unknown as { started: boolean }).started = true;
  t.press = (ms) => {
    b.advance(25);
    b.press(ms - 25);
  };
  t.tap = (x, y) => {
    b.advance(50);
    b.tap(x, y);
    b.advance(20);
  };
  t.tapText = (text) => {
    b.advance(50);
    b.tapText(text);
    b.advance(20);
  };
  t.now = () => b.now();
  t.textsIn = (a, z) => b.texts().filter((x) => x.tMs > a && x.tMs <= z).map((x) => x.text);
  t.log = (n) => b.storage.readStorageFile(`speedseq.log${n}`) ?? "";
  t.buzzCalls = () => b.buzzes.map((z) => [z.requestedAtMs, z.ms, z.strength]);
  return t;
}

function appOnFirmware(w: Watch): AppTarget {
  const t = new OnFirmware(w) as OnFirmware & AppTarget;
  t.now = () => w.now();
  t.textsIn = (a, z) => w.texts.filter((x) => x.tMs > a && x.tMs <= z).map((x) => x.text);
  t.log = (n) => w.readStorageFile(`speedseq.log${n}`);
  t.buzzCalls = () => w.buzzes.map((z) => [z.tMs, z.ms, z.strength]);
  return t;
}

/** the README's start path, then the recording's events, the skip and the screen moments in time order */
function runApp(t: AppTarget, events: SensorEvent[]): AppRun {
  t.tapText("Classic 5K");
  t.advance(500);
  t.emit("GPS", { ...FIX, time: new Date(t.now()) });
  t.advance(1100);
  t.press(100);
  const t0 = t.now();
  const screens: string[][] = [];
  type Item = { at: number; act: () => void };
  const items: Item[] = [
    ...events.filter((e) => e.tMs >= 0 && e.tMs <= RUN_MS).map((e) => ({ at: e.tMs, act: () => t.emit(e.type, e.data) })),
    ...MOMENTS.map((m) => ({ at: m, act: () => { screens.push(t.textsIn(t0 + m - 1000, t0 + m)); } })),
    { at: SKIP_AT, act: () => {
      t.press(100); // pause
      t.advance(500);
      t.tap(88, 100); // the actions menu
      t.advance(300);
      t.tapText("Next step");
      t.advance(300);
    } },
  ].sort((a, b) => a.at - b.at);
  for (const it of items) {
    if (t.now() < t0 + it.at) t.advance(t0 + it.at - t.now());
    it.act();
  }
  t.advance(t0 + RUN_MS - t.now());
  const dec = decodeLog(t.log(0), crc32);
  const steps = dec.recs.filter((r) => r.k === "S").map((r) => {
    const x = r as unknown as { idx: number; kind: string; startMs: number; durMs: number };
    return { idx: x.idx, kind: x.kind, startMs: x.startMs, durMs: x.durMs };
  });
  const h = dec.recs.find((r) => r.k === "H") as unknown as { plan: string; version: string } | undefined;
  const buzzes = t.buzzCalls().filter((z) => z[0] >= t0).map((z) => [z[0] - t0, z[1], z[2]]);
  return { screens, steps, header: h && { plan: h.plan, version: h.version }, ended: dec.recs.some((r) => r.k === "E"), buzzes };
}

/** buzz calls grouped into patterns (a call more than 1 s after the one before starts a new one) */
function patterns(calls: number[][]): number[][][] {
  const out: number[][][] = [];
  for (const c of calls) {
    const last = out[out.length - 1];
    if (last && c[0] - last[last.length - 1][0] <= 1000) last.push(c);
    else out.push([c]);
  }
  return out;
}

describeFw("the whole app on the board and on the firmware", () => {
  it("Classic 5K from the list, a fix, BTN1, 3 minutes of a recorded run (the warm-up skipped): the same run screens and steps in the log", async () => {
    const events = recordingEvents("pyfitparse_activity-small-fenix2-run.csv");
    const app = appSource();

    // the firmware: the same bundle and built-in workouts as the board's, written as an upload writes them
    const w = await fwWatch();
    for (const [name, data] of appFiles() as [string, string][])
      w.writeFile(name, app[name] ?? (name === PLANS ? JSON.stringify(TEMPLATES) : data));
    // Run lock Off: this firmware build never locks, the board locks after 10 s as the watch does
    w.writeFile("speedseq.json", JSON.stringify(SETTINGS));
    loadApp(w, "speedseq.app.js");
    const fw = runApp(appOnFirmware(w), events);
    expect(w.errors, "the firmware printed errors").toEqual([]);

    // the board: tests/watch's boot (the same bundle), the same path, the same events
    const storage = new Storage();
    storage.write("speedseq.json", JSON.stringify(SETTINGS));
    const board = runApp(appOnBoard(boot({ startTime: START_MS, storage })), events);

    // the run screen said the same things at each moment
    MOMENTS.forEach((m, i) => {
      expect(fw.screens[i].length, `the firmware drew nothing in the second before ${m} ms`).toBeGreaterThan(0);
      expect(board.screens[i], `the screen at ${m} ms`).toEqual(fw.screens[i]);
    });
    // the log: the same header, the same steps in order, their boundaries within tolerance
    expect(board.header).toEqual(fw.header);
    expect(fw.steps.length).toBeGreaterThanOrEqual(3);
    expect(board.steps.map((s) => [s.idx, s.kind])).toEqual(fw.steps.map((s) => [s.idx, s.kind]));
    board.steps.forEach((s, i) => {
      expect(Math.abs(s.startMs - fw.steps[i].startMs), `step ${s.idx} start`).toBeLessThanOrEqual(STEP_MS_TOLERANCE);
      expect(Math.abs(s.durMs - fw.steps[i].durMs), `step ${s.idx} length`).toBeLessThanOrEqual(STEP_MS_TOLERANCE);
    });
    expect(board.ended).toBe(fw.ended);
    // buzzes: the same patterns, each starting at the same ms. Inside a pattern the app waits for
    // buzz's Promise before the pause and the next pulse: this firmware build resolves it at once
    // (no motor), so there the next pulse comes a pulse's length early; the board resolves it when
    // the pulse ends, as the watch does.
    const fwP = patterns(fw.buzzes), bP = patterns(board.buzzes);
    expect(fwP.length).toBeGreaterThanOrEqual(4);
    expect(bP.map((p) => p.map((z) => [z[1], z[2]]))).toEqual(fwP.map((p) => p.map((z) => [z[1], z[2]])));
    bP.forEach((p, i) => expect(Math.abs(p[0][0] - fwP[i][0][0]), `pattern ${i} start`).toBeLessThanOrEqual(BUZZ_MS_TOLERANCE));
    // the first is the step change (250 on, 150 off, 250 on)
    expect(fwP[0].map((z) => z[0] - fwP[0][0][0])).toEqual([0, 150]);
    expect(bP[0].map((z) => Math.round(z[0] - bP[0][0][0]))).toEqual([0, 400]);
  });
});
