// The settings page (apps/speedseq/speedseq.settings.js) inside the firmware's own Settings app,
// reached as the runner's guide says (Settings app -> Apps -> SpeedSeq): values changed there land
// in speedseq.json, show when the page is opened again, and the app runs with them.
import { expect, it } from "vitest";
import { describeFw, findRow, fwApp, logText, startWorkout, tapRow, FW_TIMEOUT } from "./fw";
import { loadApp } from "../../emulator/firmware/node";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";

describeFw("SpeedSeq's page in the Settings app", () => {
  it("Apps -> SpeedSeq: Race 10K and Pace per mile are saved to speedseq.json, shown again, and the next session runs with them", async () => {
    const w = await fwApp();
    const settings = () => w.eval<Record<string, number> | undefined>('require("Storage").readJSON("speedseq.json",1)');
    expect(w.list()).not.toContain("speedseq.json"); // nothing written on install
    loadApp(w, "setting.app.js");
    tapRow(w, "Apps");
    w.advance(1000);
    const t = w.now();
    tapRow(w, "SpeedSeq");
    w.advance(1000);
    const page = w.shown(t);
    expect(page.some((s) => s.endsWith(" SpeedSeq"))).toBe(true);
    expect(page).toEqual(expect.arrayContaining(["Race", "5K", "Min", "25:00"]));
    // Pace per: km -> mile (the firmware lists a short range as rows to pick from)
    tapRow(w, "Pace per");
    w.advance(1000);
    tapRow(w, "mile");
    w.advance(1000);
    expect(settings()).toMatchObject({ mi: 1, race: 5000 });
    // Race: 5K -> 10K
    tapRow(w, "Race");
    w.advance(1000);
    tapRow(w, "10K");
    w.advance(1000);
    expect(settings()).toEqual({ race: 10000, time: 1500, maxHr: 190, restHr: 60, mi: 1, buzz: 1, unlock: 0, gb: 1 });
    // back to the app list, and in again: each row shows what was saved (its value drawn just before its label)
    w.press(100);
    w.advance(1000);
    tapRow(w, "SpeedSeq");
    w.advance(1000);
    const value = (label: string) => {
      const s = findRow(w, label).screen.map((x) => x.text);
      return s[s.lastIndexOf(label) - 1];
    };
    expect(value("Race")).toBe("10K");
    expect(value("Pace per")).toBe("mile");
    expect(value("Run lock")).toBe("Auto");

    // the next session runs with them: its goal in the log's header
    loadApp(w, "speedseq.app.js");
    startWorkout(w, "Classic 5K");
    const head = decodeLog(logText(w), crc32).recs[0];
    expect(head).toMatchObject({ k: "H", goal: "10000m 25:00" });
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);
});
