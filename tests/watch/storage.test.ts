// Flash running low or full during a session, on the board with a small Storage: the run screen
// says so at every redraw, the splits (or at least the session) go on, no other file is touched,
// and saving the effort on a full flash says what was not kept instead of failing.
import { describe, expect, it } from "vitest";
import { boot, FIX, play, recordingEvents, shown, logText, appSource } from "./boot";
import { installedBytes } from "../../emulator/install";
import { Storage } from "../../emulator/board/index";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";
import { pattern, H_REP } from "../../src/engine/haptics";

const REC = "pyfitparse_activity-small-fenix2-run.csv";
const OTHER = "x".repeat(20_000);

/** a board whose flash holds `free` bytes once the app is installed beside another app's 20 KB file, with Classic 5K started */
function startedWithFree(free: number) {
  const st = new Storage(free + OTHER.length + 32 + installedBytes(appSource()));
  st.write("other.app.js", OTHER);
  const b = boot({ storage: st });
  b.tapText("Classic 5K");
  b.emit("GPS", FIX);
  b.advance(1100);
  const flash = b.texts().filter((t) => t.text.startsWith("Flash ")).pop()!;
  b.press(100);
  b.advance(1000);
  return { b, flash };
}

describe("flash low or full during a session", () => {
  it("low: the track stops, the splits go on, and the screen says so", () => {
    const { b } = startedWithFree(98_000);
    play(b, recordingEvents(REC, 60), 900_000);
    expect(shown(b)).toContain("STORAGE LOW: track off");
    const log = decodeLog(logText(b, 0), crc32);
    expect(log.errors).toEqual([]);
    expect(log.recs.some((r) => r.k === "S" && r.kind === "warmup")).toBe(true);
    expect(log.recs.filter((r) => r.k === "T")).toEqual([]);
    // when the track stopped, in the log (once), and no seq is missing (errors above)
    expect(log.recs.filter((r) => r.k === "F" && r.what === "storageLow").length).toBe(1);
    expect(b.storage.read("other.app.js")).toBe(OTHER);
  });

  it("full: pre-start shows it in red, the session runs on without a log, saving the effort says it was not kept", () => {
    const { b, flash } = startedWithFree(30_000);
    expect(flash.color).toBe("#f00");
    b.clearDrawLog();
    play(b, recordingEvents(REC, 60), 2_770_000, () => b.ui().mode !== "custom");
    expect(shown(b)).toContain("STORAGE FULL: log off");
    // the reps were still buzzed
    expect(b.buzzes.filter((z) => z.ms === pattern(H_REP)[0]).length).toBe(6);
    expect(b.storage.read("other.app.js")).toBe(OTHER);
    b.advance(5000);
    b.press(); // the watch locked meanwhile: unlock
    // no flash for the copy for Gadgetbridge either: said before the summary
    expect(shown(b).join(" ").replace(/\s+/g, " ")).toContain("Flash low: no copy of this session for Gadgetbridge");
    b.tapText("OK");
    b.tapText("Rate effort");
    b.tapText("Save");
    expect(shown(b).join(" ").replace(/\s+/g, " ")).toContain("Storage full: this was not saved");
    b.tapText("OK");
    expect(shown(b)).toContain("Classic 5K"); // back on the list
    expect(b.storage.read("other.app.js")).toBe(OTHER);
  });
});
