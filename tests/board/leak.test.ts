import { describe, it, expect } from "vitest";
import { createBoard } from "../../emulator/board";

const CLEAN = `{
  let iv = setInterval(function(){ g.drawString("t", 10, 30); }, 1000);
  const onGPS = function(f){};
  const onKill = function(){};
  Bangle.setGPSPower(1, "speedseq");
  Bangle.setHRMPower(1, "speedseq");
  Bangle.on("GPS", onGPS);
  E.on("kill", onKill);
  Bangle.setOptions({lockTimeout: 0});
  Bangle.setUI({mode: "custom", btn: function(){}, remove: function(){
    clearInterval(iv);
    Bangle.removeListener("GPS", onGPS);
    E.removeListener("kill", onKill);
    Bangle.setGPSPower(0, "speedseq");
    Bangle.setHRMPower(0, "speedseq");
    Bangle.setOptions({lockTimeout: 10000});
  }});
}`;

const LEAKY = `
  var state = 1;
  function tick(){ }
  setInterval(tick, 1000);
  setWatch(function(){}, BTN1, {repeat: true});
  Bangle.setGPSPower(1, "speedseq");
  Bangle.on("HRM", function(){});
  E.on("kill", function(){});
  Bangle.setPollInterval(80);
  Bangle.setUI({mode: "custom", btn: function(){}, remove: function(){}});
`;

describe("board leak check (after Bangle.setUI(), as a fast load does)", () => {
  it("finds nothing left by an app whose remove undoes everything", () => {
    const b = createBoard();
    b.load(CLEAN, { appId: "speedseq" });
    b.advance(3000);
    expect(b.leakCheck()).toEqual([]);
    b.assertNoErrors();
  });

  it("lists every kind of leak", () => {
    const b = createBoard();
    b.load(LEAKY, { appId: "speedseq" });
    const problems = b.leakCheck();
    const expected = [
      /Bangle.on\('HRM'\)/, /E.on\('kill'\)/, /setInterval of 1000 ms/, /setWatch on BTN1/,
      /GPS power still requested by 'speedseq'/, /option powerSave/, /poll interval fixed/,
      /new global 'state'/, /new global 'tick'/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in ${problems.join("; ")}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });
});
