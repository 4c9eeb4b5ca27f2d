// Uploaded workouts on the watch: listed after the built-ins, started like them; a file the
// watch cannot run is listed by its file name and says why, and stays on flash untouched
// (tests/firmware/hostile.test.ts fuzzes such files on the real firmware).
import { describe, expect, it } from "vitest";
import { boot, FIX, shown } from "./boot";
import { Storage } from "../../emulator/board/index";

const TEMPO = { v: 1, name: "Tempo 3k", note: "3 km at 10K pace", steps: [{ kind: "work", end: { dist: 3000 }, pace: { race: 10000 } }] };
const TIMED = { v: 1, name: "Fartlek", steps: [{ repeat: 8, steps: [{ kind: "work", end: { time: 60 } }, { kind: "recovery", end: { time: 60 } }] }] };

/** drags the list up until text is on screen (the list shows five rows) */
function scrollTo(b: ReturnType<typeof boot>, text: string) {
  for (let i = 0; i < 5 && !shown(b).includes(text); i++) {
    b.clearDrawLog(); // only the newest frame, so a tap hits the row where it is now
    b.drag([{ x: 88, y: 160 }, { x: 88, y: 110 }, { x: 88, y: 60 }]);
  }
  expect(shown(b)).toContain(text);
}

/** everything drawn, as one line (prompts wrap their text) */
const screenText = (b: ReturnType<typeof boot>) => shown(b).join(" ").replace(/\s+/g, " ");

function withFiles(files: Record<string, string>) {
  const st = new Storage();
  for (const [name, text] of Object.entries(files)) st.write(name, text);
  return boot({ storage: st });
}

describe("uploaded workouts", () => {
  it("are listed after the built-ins and start from the pre-start screen", () => {
    const b = withFiles({ "speedseq.wabc.json": JSON.stringify(TEMPO) });
    expect(shown(b)).not.toContain("Tempo 3k"); // below the five built-ins
    scrollTo(b, "Tempo 3k");
    b.tapText("Tempo 3k");
    expect(shown(b)).toContain("Tempo 3k");
    expect(shown(b)).toContain("Wait for GPS"); // a distance workout needs the fix
    b.emit("GPS", FIX);
    b.advance(1100);
    expect(shown(b)).toContain("BTN: start");
    b.assertNoErrors();
  });

  it("a time-only upload may start without GPS, with a note", () => {
    const b = withFiles({ "speedseq.wf.json": JSON.stringify(TIMED) });
    scrollTo(b, "Fartlek");
    b.tapText("Fartlek");
    b.advance(1100);
    expect(shown(b)).toContain("BTN: start");
    expect(shown(b)).toContain("No GPS needed: time only");
    b.assertNoErrors();
  });

  it("a damaged file is named and explained, never run, never changed", () => {
    const bad = '{"v":1,"name":"Hills","steps":[{"kind":"work"';
    const b = withFiles({ "speedseq.wbad.json": bad });
    scrollTo(b, "! wbad.json");
    b.tapText("! wbad.json");
    expect(screenText(b)).toContain("can't be run on the watch");
    b.tapText("OK");
    expect(shown(b)[0]).toBe("SpeedSeq"); // back in the list
    expect(b.storage.read("speedseq.wbad.json")).toBe(bad);
    b.assertNoErrors();
  });

  it("a plan from a newer format is not run", () => {
    const b = withFiles({ "speedseq.wnew.json": JSON.stringify({ v: 2, name: "Future", steps: [{ kind: "work", end: { time: 60 } }] }) });
    scrollTo(b, "! wnew.json");
    expect(shown(b)).not.toContain("Future");
  });

  it("a plan-shaped file with a broken step is refused in the list, with the step and what is wrong", () => {
    const broken = JSON.stringify({ v: 1, name: "Broken", steps: [{ kind: "work" }] });
    const b = withFiles({ "speedseq.wx.json": broken });
    scrollTo(b, "! wx.json");
    expect(shown(b)).not.toContain("Broken");
    b.tapText("! wx.json");
    expect(screenText(b)).toContain("wx.json can't be run on the watch: step 1: its end is wrong");
    expect(b.storage.read("speedseq.wx.json")).toBe(broken);
    b.assertNoErrors();
  });
});
