// The platform facts the app and its tools depend on, measured on the real Bangle.js 2 firmware
// (2v29.74, the emulator build). Each probe asserts what the firmware does, so a different build
// fails here first. Language probes also run in Node and must give something else there: that is
// what makes them gaps worth a checker rule (and proves the probe can tell).
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { bootWatch } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { MISSING_BUILTINS } from "../../emulator/board/realm";
import { describeFw } from "./fw";

type Outcome = { v?: unknown; threw?: string };

/** evaluates `src` on the watch (typed at the console): its JSON value, or the message it threw */
function fw(w: Watch, src: string): Outcome {
  w.exec(`var __p;try{__p={v:eval(${JSON.stringify(src)})};}catch(e){__p={threw:""+(e&&e.message!==undefined?e.message:e)};}`);
  const r = w.eval<Outcome>("__p");
  w.exec("delete __p");
  return r;
}

/** the same source run from a Storage file, as an app's code runs */
function fwFile(w: Watch, src: string): Outcome {
  w.writeFile("probe.js", `var __p;try{__p={v:(function(){${src}})()};}catch(e){__p={threw:""+e.message};}`);
  w.exec(`eval(require("Storage").read("probe.js"))`);
  const r = w.eval<Outcome>("__p");
  w.exec(`delete __p;require("Storage").erase("probe.js")`);
  return r;
}

/** the same source in a fresh Node realm, through JSON like the watch's answer */
function node(src: string): Outcome {
  try {
    const v = runInNewContext(src, {});
    return v === undefined ? { v: undefined } : { v: JSON.parse(JSON.stringify(v) ?? "null") };
  } catch (e) {
    return { threw: String((e as Error).message) };
  }
}

const threw = (re: RegExp) => ({ threw: expect.stringMatching(re) });

let w: Watch;

describeFw("platform facts on the firmware (2v29.74)", () => {
  beforeAll(async () => {
    w = await bootWatch({ trace: true });
  });
  afterEach(() => {
    w.assertNoErrors();
    w.clearConsole();
  });
  afterAll(() => {
    w.assertNoErrors();
  });

  it("runs the build the facts were measured on", () => {
    expect(w.eval("process.env.VERSION")).toBe("2v29.74");
    expect(w.eval("process.env.BOARD")).toBe("BANGLEJS2");
  });

  // ---- the language: every checker rule stands on one of these

  const GAPS: [string, string, unknown][] = [
    // no hoisting
    ["a function called before its declaration", "(function(){ return f(); function f(){ return 1; } })()", threw(/"f" is not defined/)],
    ["a var declared in a branch that did not run", "(function(){ if (false) { var z = 1; } return z === undefined; })()", threw(/"z" is not defined/)],
    // one binding per loop head
    ["let in a for head is shared by the closures", "(function(){ var fs=[]; for (let i=0;i<3;i++) fs.push(function(){return i}); return fs.map(function(f){return f()}); })()", { v: [3, 3, 3] }],
    ["const in a for..of head is shared by the closures", "(function(){ var fs=[]; for (const x of [1,2,3]) fs.push(function(){return x}); return fs.map(function(f){return f()}); })()", { v: [3, 3, 3] }],
    // syntax the parser rejects (or misreads)
    ["default parameters", "(function(a, b=2){ return b; })(1)", threw(/Got '=' expected ','/)],
    ["destructuring a declaration", "(function(){ var {a} = {a:3}; return a; })()", threw(/"a" is not defined/)],
    ["destructuring an array", "(function(){ var [a,b] = [1,2]; return [a,b]; })()", threw(/"a" is not defined/)],
    ["destructuring a parameter", "(function({x}){ return x; })({x:4})", threw(/Got '\{' expected ID/)],
    ["rest parameters", "(function(...a){ return a.length; })(1,2)", threw(/Got '\.' expected ID/)],
    ["spread in a call", "Math.max(...[1,5])", threw(/Got '\.'/)],
    ["spread in an array", "[...[1,2],3]", threw(/Got '\.'/)],
    ["spread in an object", "({...{a:1}, b:2})", threw(/Got '\.'/)],
    ["optional chaining", "(function(){ var o={a:{b:1}}; return o?.a?.b; })()", threw(/Got '\.'/)],
    ["the ** operator", "2**10", threw(/Got '\*'/)],
    ["??=", "(function(){ var a; a ??= 5; return a; })()", threw(/Got '='/)],
    ["||=", "(function(){ var a=0; a ||= 5; return a; })()", threw(/Got '='/)],
    ["&&=", "(function(){ var a=1; a &&= 5; return a; })()", threw(/Got '='/)],
    ["computed keys", "(function(){ var k='x'; var o={[k]:1}; return o.x; })()", threw(/Got '\['/)],
    ["a class field without a value", "(function(){ class A { x; } return Object.keys(new A()); })()", threw(/expected '='/)],
    ["static blocks", "(function(){ class A { static { A.q = 1; } } return A.q; })()", threw(/Got '\{'/)],
    ["async functions", "(function(){ var f = async function(){ return 1 }; return typeof f; })()", threw(/"async" is not defined/)],
    ["generators", "(function(){ function* g(){ yield 1 } return g().next().value; })()", threw(/Got '\*'/)],
    ["labelled continue", "(function(){ var n=0; outer: for (var i=0;i<3;i++) { for (var j=0;j<3;j++) { if (j==1) continue outer; n++; } } return n; })()", threw(/"outer" is not defined/)],
    ["tagged templates", "(function(){ function t(s){ return s[0]; } return t`a`; })()", { v: undefined }],
    ["#private members", "(function(){ class A { #p = 3; get p(){ return this.#p; } } return new A().p; })()", threw(/Got '#'/)],
    ["new.target", "(function(){ function F(){ return new.target === F; } return new F(); })()", threw(/Got '\.'/)],
    ["extends Error", "(function(){ class E2 extends Error { constructor(m){ super(m); } } var e = new E2('bad'); return [e instanceof E2, e.message]; })()", threw(/Calling 'super' outside of class/)],
    ["inherited static methods", "(function(){ class A { static s(){ return 'S'; } } class B extends A {} return B.s(); })()", threw(/Function "s" not found/)],
    ["BigInt literals", "typeof 10n", threw(/"n" is not defined/)],
    // silently different
    ["assigning an array's length", "(function(){ var a=[1,2,3]; a.length=1; return a; })()", threw(/Assignment to a constant/)],
    ["incrementing an array's length", "(function(){ var a=[1,2,3]; a.length++; return a.length; })()", threw(/Assignment to a constant/)],
    ["Array/String/Function.prototype members", "[typeof Array.prototype.slice, typeof String.prototype.indexOf, typeof Function.prototype.call, typeof Object.prototype.hasOwnProperty, typeof [].slice]", { v: ["undefined", "undefined", "undefined", "function", "function"] }],
    ["arguments inside an arrow", "(function(){ var f = function(){ var g = () => arguments[0]; return g(); }; return f(7); })()", { v: undefined }],
    ["bind on an arrow replaces its this", "(function(){ var o = { v: 5, f: function(){ var a = () => this.v; return a.bind({v: 9})(); } }; return o.f(); })()", { v: 9 }],
    ["a constructor returning a primitive", "(function(){ function F(){ return 5; } return typeof new F(); })()", { v: "number" }],
    ["runtime errors are not TypeError", "(function(){ try { null.x; } catch(e) { return [e instanceof Error, e instanceof TypeError]; } })()", { v: [true, false] }],
    ["a ReferenceError is not an Error", "(function(){ try { nosuch(); } catch(e) { return [e instanceof Error, e instanceof ReferenceError]; } })()", { v: [false, true] }],
    ["float and rounding quirks", "[0.1+0.2===0.3, Math.round(-2.5), (0.5).toFixed(0), String(1/3)]", { v: [true, -3, "0", "0.33333333333"] }],
    ["JSON.stringify(undefined)", "typeof JSON.stringify(undefined)", { v: "string" }],
    ["JSON replacers are ignored", "JSON.stringify({a:1,b:2}, function(k,v){ return k==='b'?undefined:v; })", { v: '{"a":1,"b":2}' }],
    ["JSON revivers are ignored", "JSON.parse('{\"a\":1}', function(k,v){ return k==='a'?2:v; }).a", { v: 1 }],
    // RegExp features that never match (no error) or throw
    ["RegExp {n,m}", "/a{2}/.test('aa')", { v: false }],
    ["RegExp (?:)", "'abab'.replace(/(?:ab)+/,'X')", { v: "abab" }],
    ["RegExp look-ahead", "[/a(?=b)/.test('ab'), /a(?!c)/.test('ab')]", { v: [false, false] }],
    ["RegExp look-behind", "/(?<=a)b/.test('ab')", { v: false }],
    ["RegExp named groups", "(function(){ var m = /(?<y>\\d+)/.exec('2026'); return m && m.groups ? m.groups.y : 'no groups'; })()", { v: "no groups" }],
    ["RegExp \\b", "/\\bx/.test('a x')", { v: false }],
    ["RegExp m flag", "/^b/m.test('a\\nb')", { v: false }],
    ["RegExp back-references", "/(a)\\1/.test('aa')", threw(/Backreferences not supported/)],
  ];

  it.each(GAPS)("gap: %s", (_name, src, expected) => {
    expect(fw(w, src)).toEqual(expected);
    expect(node(src), "Node does this, so the probe can tell").not.toEqual(fw(w, src));
  });

  it("what the watch has: the ES2015+ parts the app is written in", () => {
    const src = `(function(){ class A { constructor(x){ this.x = x; } get d(){ return this.x * 2; } static k(){ return 1; } }
      class B extends A { constructor(){ super(3); } }
      var out = [];
      for (const c of "ab") out.push(c);
      var s = 0; for (const n of new Uint8Array([1,2])) s += n;
      return [new B().d, A.k(), \`t\${1+1}\`, out.join(""), s, null ?? 4, 1_000, [1,2,3].includes(2), [1,2].find(function(x){ return x > 1; }),
        Object.entries({a:1}).length, Object.assign({}, {b:2}).b, "5".padStart(3, "0"), "a-b".replaceAll("-", "+"), typeof globalThis,
        typeof Promise.all, isFinite(1), isNaN(NaN), Math.sign(-3)];
    })()`;
    expect(fw(w, src)).toEqual({ v: [6, 1, "t2", "ab", 3, 4, 1000, true, 2, 1, 2, "005", "a+b", "object", "function", true, true, -1] });
  });

  it("no hoisting from a Storage file either (where the app's code runs)", () => {
    expect(fwFile(w, "var r = []; try { r.push(g1()); } catch (e) { r.push('threw ' + e.message); } function g1(){ return 2; } return r;"))
      .toEqual({ v: ['threw "g1" is not defined'] });
    expect(fwFile(w, "var fs = []; for (let i = 0; i < 2; i++) fs.push(function(){ return i; }); return [fs[0](), fs[1]()];")).toEqual({ v: [2, 2] });
  });

  it("missing built-ins: everything the board deletes is absent, except Math.sign, which the firmware has", () => {
    const paths = MISSING_BUILTINS.map((p) => (p.startsWith("TypedArray.") ? p.replace("TypedArray", "Uint8Array") : p));
    const expr = (p: string) => {
      const parts = p.split(".");
      if (parts[1] === "prototype") {
        const inst = parts[0] === "Array" ? "[]" : parts[0] === "String" ? '""' : parts[0] === "Promise" ? "Promise.resolve()" : null;
        if (inst) return `typeof (${inst}).${parts[2]}`;
      }
      return parts.length === 1 ? `typeof ${p}` : `(typeof ${parts[0]} === "undefined" ? "undefined" : typeof ${p})`;
    };
    const got = fw(w, `[${paths.map(expr).join(",")}]`).v as string[];
    const present = paths.filter((_, i) => got[i] !== "undefined");
    expect(present).toEqual([]);
    expect(fw(w, "[typeof Math.sign, Math.sign(-3), Math.sign(0), Math.sign(2)]")).toEqual({ v: ["function", -1, 0, 1] });
    expect(fw(w, "[1,2].at(-1)")).toEqual(threw(/Function "at" not found/));
  });

  it("an arrow given to Bangle.setUI as btn loses its this (setUI binds btn); a touch arrow keeps it", () => {
    w.exec(`var __ui=[]; var __o = { v: 7, go: function(){ Bangle.setUI({mode:"custom", btn: () => { __ui.push("btn " + this.v); }, touch: () => { __ui.push("touch " + this.v); } }); } }; __o.go();`);
    w.press(100);
    w.tap(100, 100);
    expect(w.eval("__ui")).toEqual(["btn undefined", "touch 7"]);
    w.exec("Bangle.setUI(); delete __ui; delete __o;");
  });

  // ---- Storage

  it("Storage names keep 28 characters and StorageFile names 27: longer ones are cut silently, no error", () => {
    const r = fw(w, `(function(){ var s=require("Storage"), out=[];
      for (var L=27; L<=30; L++) { var n="n"+"x".repeat(L-1); s.write(n,"v"+L); out.push(s.list(/^nx/).map(function(x){return x.length;})); s.list(/^nx/).forEach(function(x){ s.erase(x); }); }
      for (var L=26; L<=28; L++) { var m="m"+"y".repeat(L-1); var f=s.open(m,"w"); f.write("v"+L); out.push(s.list(/^my/,{sf:true}).map(function(x){return x.length;})); f.erase(); }
      s.write("q".repeat(28)+"A","first"); s.write("q".repeat(28)+"B","second");
      out.push(s.read("q".repeat(28)) + ""); s.erase("q".repeat(28));
      return out; })()`);
    expect(r).toEqual({ v: [[27], [28], [28], [28], [26], [27], [27], "second"] });
  });

  it("a StorageFile reserves 40,960 bytes, has no seek, and a 0xFF byte ends it", () => {
    const r = fw(w, `(function(){ var s=require("Storage"); var f0=s.getFree(); var f=s.open("log.csv","a"); f.write("1,2\\n");
      var used=f0-s.getFree(); var names=[s.list(/^log\\.csv/), s.list(/^log\\.csv/,{sf:true})]; f.erase();
      var t=s.open("t.txt","w"); t.write("ab\\ncd\\n"); t.write("e\\xFFfg\\n");
      var r=s.open("t.txt","r"); var out=[r.readLine(), r.read(2), r.read(10), r.read(10), r.getLength(), typeof r.seek]; t.erase();
      return [used, names, out]; })()`);
    expect(r).toEqual({ v: [40960, [["log.csv\x01"], ["log.csv"]], ["ab\n", "cd", "\ne", null, 7, "undefined"]] });
  });

  it("writeJSON writes unquoted keys: readJSON reads them, but neither the watch's JSON.parse nor Node's does", () => {
    const r = fw(w, `(function(){ var s=require("Storage"); s.writeJSON("s.json",{a:1,"b c":[true,null,"x"],d:{e:2.5}});
      var raw=s.read("s.json")+"", back=s.readJSON("s.json"), parsed; try { parsed=JSON.parse(raw); } catch(e) { parsed="threw " + e.message; }
      s.erase("s.json"); return [raw, back, parsed, s.readJSON("s.json", true)]; })()`);
    expect(r).toEqual({ v: ['{a:1,"b c":[true,null,"x"],d:{e:2.5}}', { a: 1, "b c": [true, null, "x"], d: { e: 2.5 } }, "threw Got ID:a expected STRING", null] });
    expect(() => JSON.parse((r.v as string[])[0])).toThrow();
  });

  it("E.CRC32 is zlib's CRC-32 over the whole input, one-shot (a second argument is ignored)", () => {
    expect(fw(w, `[E.CRC32("hello"), E.CRC32("123456789"), E.CRC32("6789"), E.CRC32("6789", E.CRC32("12345")), E.CRC32(new Uint8Array([49,50,51]))]`))
      .toEqual({ v: [0x3610a686, 0xcbf43926, 2646261639, 2646261639, 0x884863d2] });
  });

  it("rewriting a file leaves trash (header 32 bytes + data rounded to 4), an identical rewrite does not, erasing does", () => {
    expect(fw(w, `(function(){ var s=require("Storage"), a=s.getStats();
      s.write("tr","x".repeat(99)); s.write("tr","y".repeat(99)); s.write("tr","y".repeat(99)); var b=s.getStats(); s.erase("tr"); var c=s.getStats();
      return [b.trashCount-a.trashCount, b.trashBytes-a.trashBytes, c.trashCount-a.trashCount, a.totalBytes]; })()`))
      .toEqual({ v: [1, 132, 2, 8 * 1024 * 1024] });
  });

  it("write(name, data, 0, size) makes a size-byte file of 0xFF that later offset writes fill in place", () => {
    expect(fw(w, `(function(){ var s=require("Storage"); s.write("wsz","ab",0,6); s.write("wsz","cd",2); var r=s.read("wsz")+""; s.erase("wsz"); return r; })()`))
      .toEqual({ v: "abcd\xFF\xFF" });
  });

  it("what Storage.read returned points into flash: once the file is rewritten it no longer reads as before", () => {
    expect(fw(w, `(function(){ var s=require("Storage"); s.write("fv","hello"); var v=s.read("fv"); var before=v+""; s.write("fv","HELLO"); var after=v+""; s.erase("fv"); return [before, after]; })()`))
      .toEqual({ v: ["hello", "null"] });
  });

  it("require() of a module the watch lacks throws", () => {
    expect(fw(w, `require("nosuchmodule")`)).toEqual(threw(/^Module "nosuchmodule" not found$/));
  });

  // ---- events, time, buzz

  it("events are queued: Bangle.emit and E.emit run their handlers after the current code", () => {
    w.exec(`var __ev=[]; Bangle.on("__x", function(v){ __ev.push("handler "+v); }); E.on("__y", function(v){ __ev.push("E "+v); });
      Bangle.emit("__x", 1); E.emit("__y", 2); __ev.push("after emit");`.replace(/\n\s*/g, " "));
    w.emit("__x", 3);
    expect(w.eval("__ev")).toEqual(["after emit", "handler 1", "E 2", "handler 3"]);
    w.exec(`Bangle.removeAllListeners("__x"); E.removeAllListeners("__y"); delete __ev;`);
  });

  it("getTime() and Date.now() are the one wall clock; there is no monotonic clock; setTime does nothing in this build", () => {
    const now = w.now();
    expect(w.eval("[Date.now(), Math.round(getTime()*1000), new Date().getTime()]")).toEqual([now, now, now]);
    expect(w.eval("[typeof process.uptime, typeof performance, typeof process.hrtime]")).toEqual(["undefined", "undefined", "undefined"]);
    expect(w.eval("(function(){ var t0=Date.now(); setTime(Date.now()/1000 + 3600); return Date.now()-t0; })()")).toBe(0);
  });

  it("a jump of the host's clock is not a phone setting the time: a 1 s interval runs once for every second skipped", () => {
    w.exec("var __t=[]; var __t0=Date.now(); var __iv=setInterval(function(){ __t.push(Date.now()-__t0); }, 1000);");
    w.advance(2000);
    w.clock.now += 10000;
    w.advance(1000);
    const t = w.eval<number[]>("__t");
    expect(t.slice(0, 2)).toEqual([1000, 2000]);
    expect(t.length).toBe(13); // 2, then 10 at once at the jump, then 1
    expect(t.filter((x) => x === 12000)).toHaveLength(10);
    w.exec("clearInterval(__iv); delete __t; delete __t0; delete __iv;");
  });

  it("Bangle.buzz returns a Promise; in this build it resolves after the current code at the same ms, and a second buzz does not queue", () => {
    const n = w.buzzes.length;
    w.exec(`var __bz=[], __b0=Date.now(); var __p1=Bangle.buzz(200); __p1.then(function(){__bz.push("a"+(Date.now()-__b0));}); var __p2=Bangle.buzz(100,0.5); __p2.then(function(){__bz.push("b"+(Date.now()-__b0));}); __bz.push(__p1 instanceof Promise, __p1===__p2);`);
    expect(w.eval("__bz")).toEqual([true, false, "a0", "b0"]);
    const got = w.buzzes.slice(n);
    expect(got.map((b) => [b.ms, b.strength])).toEqual([[200, 1], [100, 0.5]]);
    expect(got[0].tMs).toBe(got[1].tMs);
    w.exec("delete __bz; delete __b0; delete __p1; delete __p2;");
  });

  // ---- setUI, menus, prompts

  it("setUI: the old remove runs on the next setUI; custom btn fires on the press (25 ms debounce), not the release", () => {
    w.exec(`var __u=[]; Bangle.setUI({mode:"custom", btn:function(){ __u.push("btn " + (Date.now() - __d)); }, remove:function(){ __u.push("removed"); }}); var __d=0;`);
    w.exec("__d=Date.now()");
    w.button(true);
    w.advance(300);
    expect(w.eval("__u")).toEqual(["btn 25"]);
    w.button(false);
    w.advance(100);
    w.exec(`Bangle.setUI({mode:"custom", touch:function(n,e){ __u.push("touch "+n+" "+e.x); }});`);
    w.tap(20, 100);
    w.tap(150, 100);
    expect(w.eval("__u")).toEqual(["btn 25", "removed", "touch 1 20", "touch 2 150"]);
    w.exec("Bangle.setUI(); delete __u; delete __d;");
  });

  it("setUI back: BTN1 calls it once when the UI has no btn; a tap top-left calls it while widgets show", () => {
    w.exec(`var __b=[]; Bangle.loadWidgets(); Bangle.setUI({mode:"custom", back:function(){ __b.push("back"); }, touch:function(n,e){ __b.push("touch "+e.x); }});`);
    w.tap(10, 10);
    w.tap(100, 100);
    w.press(50);
    w.advance(50);
    w.press(50);
    w.advance(50);
    expect(w.eval("__b")).toEqual(["back", "touch 100", "back"]);
    w.exec("Bangle.setUI(); delete __b;");
  });

  it("E.showMenu as the app uses it: a row runs on a tap, BTN1 goes back, the next screen runs the old remove inside its call", () => {
    w.exec(`var __m=[], __in=false; E.showMenu({"": {title:"Menu", back:function(){ __m.push("back"); }, remove:function(){ __m.push("remove in call " + __in); }}, "Start": function(){ __m.push("start"); }, "Buzz": {value:true, onchange:function(v){ __m.push("buzz "+v); }}});`);
    w.tapText("Start");
    w.tapText("Buzz");
    w.press(50);
    w.advance(100);
    w.exec(`__in=true; E.showMenu({"": {title:"Next"}, "x": function(){}}); __in=false;`);
    expect(w.eval("__m")).toEqual(["start", "buzz false", "back", "remove in call true"]);
    w.exec("E.showMenu(); delete __m; delete __in;");
  });

  it("E.showMenu rows are 40 px under a 24 px title: three rows show below the widgets", () => {
    const t0 = w.now();
    w.exec(`Bangle.loadWidgets(); E.showMenu({"": {title:"Rows"}, "One": function(){}, "Two": function(){}, "Three": function(){}, "Four": function(){}});`);
    const rows = w.texts.filter((t) => t.tMs >= t0 && /^(One|Two|Three|Four)$/.test(t.text));
    expect(rows.map((t) => [t.text, t.y + t.h / 2])).toEqual([["One", 70], ["Two", 110], ["Three", 150], ["Four", 190]]);
    w.exec("E.showMenu();");
  });

  it("E.showMenu numbers: under 20 steps a list of values (onchange once, on the tap), else a box (top +1, bottom -1, middle sets); both run the menu's remove", () => {
    w.exec(`var __n=[]; var __menu={"": {title:"Set", back:function(){}, remove:function(){ __n.push("remove"); }}, "Reps": {value: 4, min: 1, max: 5, onchange: function(v){ __n.push("reps "+v); }}, "Min": {value: 30, min: 3, max: 360, format: function(v){ return v+"m"; }, onchange: function(v){ __n.push("min "+v); }}}; E.showMenu(__menu);`);
    w.tapText("Reps");
    expect(w.shown(w.now() - 200)).toEqual(expect.arrayContaining(["1", "2", "3", "4"]));
    w.tapText("2");
    w.tapText("Min");
    w.tap(88, 60);
    w.tap(88, 60);
    w.tap(88, 150);
    expect(w.eval("__n")).toEqual(["remove", "reps 2", "remove", "remove"]);
    w.tap(88, 110);
    expect(w.eval("__n")).toEqual(["remove", "reps 2", "remove", "remove", "min 31", "remove"]);
    w.exec("E.showMenu(); delete __n; delete __menu;");
  });

  it("E.showPrompt resolves with the tapped button's value and runs its remove; a single button also answers BTN1", () => {
    w.exec(`var __q=[]; E.showPrompt("Discard run?", {title:"Stop", buttons:{Keep:1, Discard:2}, remove:function(){ __q.push("removed"); }}).then(function(v){ __q.push("answer "+v); });`);
    expect(w.shown(w.now() - 100)).toEqual(expect.arrayContaining(["Stop", "Discard run?", "Keep", "Discard"]));
    w.tapText("Discard");
    w.exec(`E.showPrompt("One", {title:"T", buttons:{OK:1}}).then(function(v){ __q.push("ok "+v); });`);
    w.press(50);
    w.advance(100);
    expect(w.eval("__q")).toEqual(["removed", "answer 2", "ok 1"]);
    w.exec("delete __q;");
  });

  // ---- power, options, memory

  it("setPollInterval turns powerSave off (an option to restore on exit); intervals under 10 ms throw", () => {
    expect(fw(w, `[Bangle.getOptions().powerSave, (Bangle.setPollInterval(80), Bangle.getOptions().powerSave), (Bangle.setOptions({powerSave:true}), Bangle.getOptions().powerSave)]`))
      .toEqual({ v: [true, false, true] });
    expect(fw(w, "Bangle.setPollInterval(5)")).toEqual(threw(/Invalid interval/));
    expect(fw(w, "[Bangle.getOptions().lockTimeout, Bangle.getOptions().btnLoadTimeout]")).toEqual({ v: [10000, 1500] });
  });

  it("this build has no heart-rate chip: setOptions({hrmSportMode}) throws (the app guards it)", () => {
    expect(fw(w, "Bangle.setOptions({hrmSportMode: 1})")).toEqual(threw(/Unknown option "hrmSportMode"/));
  });

  it("process.memory(): 12,000 JsVars of 14 bytes", () => {
    const m = w.memory() as { usage: number; total: number; free: number; blocksize?: number };
    expect(m.total).toBe(12000);
    expect(m.free).toBe(m.total - m.usage);
    expect(w.eval("process.memory().blocksize")).toBe(14);
  });

  it("a function object costs 3 JsVars + 1 per short parameter (+1 in a closure, +1 for a parameter name over 4 characters), plus the slot holding it", () => {
    const per = (body: string): number => {
      w.writeFile("fnmem.js", body);
      const a = w.memory().usage;
      w.exec(`eval(require("Storage").read("fnmem.js"))`);
      const b = w.memory().usage;
      w.exec(`delete F; require("Storage").erase("fnmem.js")`);
      return (b - a) / 100;
    };
    const top = (fn: string) => per(`var F=[];for(var i=0;i<100;i++)F.push(${fn});`);
    expect(Math.round(top("function(){return 1}"))).toBe(4);
    expect(Math.round(top("function(a){return a}"))).toBe(5);
    expect(Math.round(top("function(a,b){return a+b}"))).toBe(6);
    expect(Math.round(top("function(a,b,c){return a+b+c}"))).toBe(7);
    expect(Math.round(top("(a,b)=>a+b"))).toBe(6);
    expect(Math.round(top("function(alpha,beta){return alpha+beta}"))).toBe(8);
    expect(Math.round(per(`var F=[];(function(){var k=1;for(var i=0;i<100;i++)F.push(function(a,b){return a+b+k});})();`))).toBe(7);
    expect(Math.round(per(`var F={};for(var i=0;i<100;i++)F["m"+i]=function(a,b){return a+b};`))).toBe(6);
    // for scale: a number held in an object field costs 1
    expect(Math.round(per(`var F={};for(var i=0;i<100;i++)F["m"+i]=i;`))).toBe(1);
  });

  // ---- what this build cannot show (the board models the watch there; see README)

  it("this build has no sensors or motor: no accel events, GPS power is never on, emitted GPS events arrive as given, BTN1 works while locked", () => {
    w.exec(`var __s={accel:0, gps:[], lock:[], btn:0}; Bangle.on("accel", function(){ __s.accel++; }); Bangle.on("GPS", function(f){ __s.gps.push(Object.keys(f).join()); });
      Bangle.on("lock", function(on){ __s.lock.push(on); }); var __wt=setWatch(function(){ __s.btn++; }, BTN1, {repeat:true, edge:"rising"});`.replace(/\n\s*/g, " "));
    w.advance(5000);
    expect(w.eval(`[Bangle.setGPSPower(1, "probe"), Bangle.isGPSOn()]`)).toEqual([false, false]);
    w.emit("GPS", { fix: 1, lat: 51.5, lon: 0 });
    w.exec("Bangle.setGPSPower(0, 'probe'); Bangle.setLocked(true);");
    w.press(100);
    w.advance(100);
    w.press(2000);
    w.advance(500);
    expect(w.eval("[__s.accel, __s.gps, __s.lock, __s.btn, Bangle.isLocked()]")).toEqual([0, ["fix,lat,lon"], [true], 2, true]);
    w.exec(`clearWatch(__wt); Bangle.removeAllListeners("accel"); Bangle.removeAllListeners("GPS"); Bangle.removeAllListeners("lock"); Bangle.setLocked(false); delete __s; delete __wt;`);
  });
});
