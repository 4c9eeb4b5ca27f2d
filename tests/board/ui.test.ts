import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board setUI, touch and E's UI", () => {
  it("calls the previous remove when setUI is called again", () => {
    const b = createBoard();
    b.load(`var log=[]; Bangle.setUI({mode:"custom", btn:function(){log.push("btn")}, remove:function(){log.push("removed")}});`);
    b.press(50);
    b.eval(`Bangle.setUI({mode:"custom", touch:function(n,e){log.push("touch "+n+" "+e.x)}})`);
    b.press(50);
    b.tap(20, 100);
    b.tap(150, 100);
    expect(b.eval("log.join('|')")).toBe("btn|removed|touch 1 20|touch 2 150");
  });

  it("custom btn fires on the press (rising edge), as the firmware's setUI watches it", () => {
    const b = createBoard();
    b.load(`var n=0; Bangle.setUI({mode:"custom", btn:function(){n++}});`);
    b.buttonDown();
    expect(b.eval("n")).toBe(1);
    b.buttonUp();
    expect(b.eval("n")).toBe(1);
  });

  it("back: BTN1 calls it when the UI has no btn, and so does a tap on the back widget", () => {
    const b = createBoard();
    b.load(`var backs=0, touches=0; Bangle.setUI({mode:"custom", back:function(){backs++}, touch:function(){touches++}});`);
    b.tap(10, 10);
    b.tap(100, 100);
    b.press(50);
    expect(b.eval("[backs, touches].join()")).toBe("2,1");
  });

  it("swipe and drag reach the app", () => {
    const b = createBoard();
    b.load(`var sw=[], dy=0; Bangle.setUI({mode:"custom", swipe:function(lr,ud){sw.push(lr+","+ud)}, drag:function(e){dy+=e.dy}});`);
    b.swipe(-1, 0);
    b.drag([{ x: 50, y: 50 }, { x: 50, y: 80 }, { x: 50, y: 120 }]);
    expect(b.eval("sw.join('|')")).toBe("-1,0");
    expect(b.eval("dy")).toBe(70);
  });

  it("E.showPrompt resolves with the tapped button's value", () => {
    const b = createBoard();
    b.load(`var answer; E.showPrompt("Discard run?", {title:"Stop", buttons:{Keep:1, Discard:2}}).then(function(v){ answer = v; });`);
    expect(b.texts().map((t) => t.text)).toEqual(expect.arrayContaining(["Stop", "Keep", "Discard"]));
    b.tapText("Discard");
    expect(b.eval("answer")).toBe(2);
    expect(b.ui().mode).toBeUndefined();
  });

  it("E.showMenu: tapping a row runs it, toggles booleans, BTN1 goes back", () => {
    const b = createBoard();
    b.load(`var log=[]; var m = {"": {title:"Settings", back:function(){log.push("back")}},
      "Start": function(){ log.push("start"); },
      "Buzz": {value:true, onchange:function(v){ log.push("buzz "+v); }}};
      for (var i=0;i<10;i++) m["Item "+i] = function(){};
      E.showMenu(m);`);
    b.tapText("Start");
    b.tapText("Buzz");
    expect(b.texts().filter((t) => t.text === "No").length).toBe(1);
    expect(b.texts().some((t) => t.text === "Item 9")).toBe(false);
    b.drag([{ x: 100, y: 160 }, { x: 100, y: 120 }, { x: 100, y: 40 }, { x: 100, y: 10 }]);
    expect(b.texts().some((t) => t.text === "Item 9")).toBe(true);
    b.press(50);
    expect(b.eval("log.join('|')")).toBe("start|buzz false|back");
  });

  it("E.showMessage draws its text inside the app area", () => {
    const b = createBoard();
    b.load(`Bangle.loadWidgets(); E.showMessage("Waiting for GPS", "SpeedSeq");`);
    const texts = b.texts();
    expect(texts.map((t) => t.text.replace(/\n/g, " "))).toEqual(["SpeedSeq", "Waiting for GPS"]);
    expect(texts.every((t) => t.box.y1 >= 24)).toBe(true);
    expect(b.overflowingText(1)).toEqual([]);
  });

  it("widgets: loadWidgets shrinks appRect to below the 24 px bar", () => {
    const b = createBoard();
    b.load(`var r0 = Bangle.appRect.y; Bangle.loadWidgets(); Bangle.drawWidgets(); var r = Bangle.appRect;`);
    expect(b.eval("[r0, r.y, r.h, r.y2].join()")).toBe("0,24,152,175");
    expect(b.drawLog.some((e) => e.op === "widgets")).toBe(true);
  });
});

describe("screens the watch would draw garbled are errors", () => {
  it("a menu row whose label would overlap its value, or run off the screen", () => {
    const b = createBoard();
    b.load(`E.showMenu({"": {title: "Fits"}, "1 1:50 @4:36": function(){}, "Pace": {value: "4:36", onchange: function(){}}});`);
    expect(b.errors).toEqual([]);
    b.eval(`E.showMenu({"": {title: "Splits"}, "1: 400m 1:50": {value: "4:36", onchange: function(){}}, "a row of seventeen": function(){}})`);
    const msgs = b.errors.map((e) => e.message);
    expect(msgs).toContain('menu row "1: 400m 1:50" with value "4:36" needs 204 px of the 168: on the watch it would overlap its value');
    expect(msgs).toContain('menu row "a row of seventeen" needs 216 px of the 168: on the watch it would run off the screen');
    expect(() => b.assertNoErrors()).toThrow(/overlap its value/);
  });

  it("bitmap-font text drawn over other text that was not cleared first", () => {
    const b = createBoard();
    b.load(`g.setFont("6x8", 2).setFontAlign(-1, -1).drawString("Jog", 0, 30).drawString("Rep", 0, 60);
      g.clearRect(0, 60, 175, 80).drawString("Run", 0, 60);`);
    expect(b.errors).toEqual([]); // cleared first: a redraw, not an overlap
    b.eval(`g.setFontAlign(1, -1).drawString("set 1/3, 2/3", 175, 30)`);
    expect(b.errors.map((e) => e.message)).toEqual(['text "set 1/3, 2/3" is drawn over "Jog": on the watch they would overlap']);
  });

  it("bitmap-font text past the screen's edge", () => {
    const b = createBoard();
    b.load(`g.setFont("6x8", 2).setFontAlign(-1, -1).drawString("fits", 0, 0).drawString("twelve chars", 100, 20);`);
    expect(b.errors.map((e) => e.message)).toEqual(['text "twelve chars" (6x8) spans x 100..243: on the watch it would run off the 176 px screen']);
  });
});
