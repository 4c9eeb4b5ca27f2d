import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

describe("board event loop on a virtual clock", () => {
  it("runs timers in time order and intervals at their real spacing", () => {
    const b = createBoard();
    b.load(`var log=[]; setTimeout(function(){log.push("t250@"+Date.now()%100000)}, 250);
      var i = setInterval(function(){log.push("i100")}, 100);
      setTimeout(function(){clearInterval(i)}, 350);`);
    b.advance(1000);
    expect(b.eval("log.join()")).toBe("i100,i100,t250@250,i100");
  });

  it("queues events: Bangle.emit handlers run after the current code, never inline", () => {
    const b = createBoard();
    b.load(`var log=[]; Bangle.on("x", function(v){ log.push("handler "+v); });
      Bangle.emit("x", 1); log.push("after emit");`);
    expect(b.eval("log.join('|')")).toBe("after emit|handler 1");
  });

  it("clearInterval() with no argument clears every timer, as Espruino does", () => {
    const b = createBoard();
    b.load(`var n=0; setInterval(function(){n++}, 100); setTimeout(function(){n+=100}, 500); clearInterval();`);
    b.advance(1000);
    expect(b.eval("n")).toBe(0);
  });

  it("chains buzzes in virtual time and queues a buzz behind the one playing", () => {
    const b = createBoard();
    b.load(`var done=[];
      Bangle.buzz(100).then(function(){ done.push(Date.now()%10000); return Bangle.buzz(200, 0.5); })
        .then(function(){ done.push(Date.now()%10000); });
      Bangle.buzz(50);`);
    b.advance(1000);
    expect(b.buzzes.map((z) => [z.tMs, z.ms, z.strength])).toEqual([[0, 100, 1], [100, 50, 1], [150, 200, 0.5]]);
    expect(b.eval("done.join()")).toBe("100,350");
  });
});
