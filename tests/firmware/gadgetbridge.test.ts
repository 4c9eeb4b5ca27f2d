// A session's copy for Gadgetbridge on the real firmware (speedseq.gb.js): after a session ends,
// a Recorder-format CSV of its track is on flash, found and read the way Gadgetbridge's fetch of
// Bangle.js activity tracks does it. What that fetch does, as facts (its Bangle.js support and
// the Android Integration app that answers it on the watch): it asks the watch for the ids of the
// StorageFiles named like /^recorder\.log.*\.csv$/, the 9 characters after "recorder.log" (the
// UTC date and a letter; shorter ones are ignored), those sorting after the last id it fetched
// ("19700101a" the first time); then for each, the file read line by line and sent a few lines
// at a time; it reads the CSV by its header's column names: Time (Unix s), Latitude, Longitude,
// Altitude (empty: unknown), Heartrate (0 or empty: none), Steps (since the row before), every
// row as many fields as the header.
import { expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { describeFw, fwApp, startWorkout, logText, FW_TIMEOUT } from "./fw";
import type { Watch } from "../../emulator/firmware/watch";
import { sessionTimeline } from "../../emulator/firmware/timeline";
import { parseRecording } from "../../src/sim/recording";
import { decodeLog } from "../../src/engine/log/decode";
import { recorderRows, RECORDER_HEADER } from "../../src/engine/log/recorder";
import { crc32 } from "../../src/sim/crc";
import type { EndRec, HeaderRec } from "../../src/engine/log/records";

const RECORDING = "tests/fixtures/pyfitparse_activity-small-fenix2-run.csv";

/** Classic 5K started, durS of the recording as the watch's sensors, then ended through the paused actions */
function session(w: Watch, durS: number): void {
  startWorkout(w, "Classic 5K");
  const events = sessionTimeline(parseRecording(readFileSync(RECORDING, "utf8")), { fromS: 60, durS, seed: 2 });
  const t0 = w.now();
  for (const e of events) {
    w.advance(t0 + e.tMs - w.now());
    w.emit(e.type, e.data);
  }
  w.press(100);
  w.advance(2000);
  w.tap(88, 120);
  w.advance(1000);
  w.tapText("End session");
  w.advance(1000);
  w.tapText("End");
  w.advance(3000);
}

/** from the summary: rate the session, which leaves for the list */
function rate(w: Watch): void {
  w.exec("Bangle.setLocked(false)");
  w.tapText("Rate effort");
  w.advance(1000);
  w.tapText("Save");
  w.advance(2000);
}

/** the Recorder files Gadgetbridge would be offered after lastId, as it takes their ids */
function offered(w: Watch, lastId: string): string[] {
  const names = w.eval<string[]>('require("Storage").list(/^recorder\\.log.*\\.csv$/,{sf:true})');
  return names.map((n) => n.substring(12, 21)).filter((id) => id.length > 7 && id > lastId);
}

/** the file read as the fetch reads it: line by line on the watch, four lines a packet */
function fetched(w: Watch, id: string): string {
  return w.eval<string[]>(
    `(function(){var f=require("Storage").open("recorder.log"+${JSON.stringify(id)}+".csv","r"),p=[],s,l;` +
      `do{s="";for(var i=0;i<4;i++){l=f.readLine();if(l!==undefined)s+=l;}if(s)p.push(s);}while(s);return p;})()`,
  ).join("");
}

const haversineM = (a: number, b: number, c: number, d: number) => {
  const r = Math.PI / 180;
  const x = Math.sin(((c - a) * r) / 2) ** 2 + Math.cos(a * r) * Math.cos(c * r) * Math.sin(((d - b) * r) / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.sqrt(x));
};

describeFw("the copy for Gadgetbridge", () => {
  it("after a session: a Recorder CSV of its track that Gadgetbridge's fetch finds and reads; none when off or when flash is low", async () => {
    const w = await fwApp();
    w.advance(2000);
    session(w, 300);
    const text = logText(w);
    const log = decodeLog(text, crc32);
    expect(log.errors).toEqual([]);
    const head = log.recs.find((r): r is HeaderRec => r.k === "H")!;
    const end = log.recs.find((r): r is EndRec => r.k === "E")!;
    expect(end.why).toBe("ended");
    expect(log.track.length).toBeGreaterThan(40);
    // said on the screen, then the summary
    expect(w.shown()).toContain("Copy for\nGadgetbridge");
    expect(w.shown()).toContain("Rate effort");
    expect(w.eval("require(\"Storage\").readJSON(\"speedseq.gb.json\")")).toEqual({ n: 0 });

    // listed for a first fetch, under the session's UTC day and the day's first letter
    const day = new Date(head.startMs).toISOString().slice(0, 10).replace(/-/g, "");
    expect(offered(w, "19700101a")).toEqual([day + "a"]);
    expect(offered(w, day + "a")).toEqual([]);

    // fetched: the header, then a row per track point of the log
    const csv = fetched(w, day + "a");
    expect(csv).toBe(w.readStorageFile(`recorder.log${day}a.csv`));
    const st = { offS: 0, lastS: -1 };
    expect(csv).toBe(RECORDER_HEADER + text.split("\n").map((l) => recorderRows(l + "\n", crc32, st)).join(""));
    const lines = csv.trim().split("\n");
    const cols = lines[0].split(",");
    expect(cols).toEqual(["Time", "Latitude", "Longitude", "Altitude", "Heartrate", "Steps"]);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(log.track.length);
    const c = (n: string) => cols.indexOf(n);
    rows.forEach((r, i) => {
      const p = log.track[i];
      expect(r).toHaveLength(cols.length);
      expect(Number(r[c("Time")])).toBe(Math.floor(head.startMs / 1000) + p.tMs / 1000);
      expect(Number(r[c("Latitude")])).toBeCloseTo(p.lat, 9);
      expect(Number(r[c("Longitude")])).toBeCloseTo(p.lon, 9);
      expect(r[c("Altitude")]).toBe("");
      expect(r[c("Heartrate")]).toBe(p.bpm ? String(p.bpm) : "");
      expect(Number.isInteger(Number(r[c("Steps")]))).toBe(true);
    });
    // what Gadgetbridge makes of it: distance from the positions, HR from the rows, cadence from the steps
    let distM = 0;
    for (let i = 1; i < rows.length; i++) distM += haversineM(+rows[i - 1][1], +rows[i - 1][2], +rows[i][1], +rows[i][2]);
    expect(Math.abs(distM - end.distM) / end.distM).toBeLessThan(0.05);
    const hr = rows.map((r) => Number(r[c("Heartrate")])).filter((x) => x > 0);
    expect(hr.length).toBe(log.track.length);
    const stepsTotal = rows.reduce((a, r) => a + Number(r[c("Steps")]), 0);
    const cadence = log.recs.filter((r) => r.k === "S").map((r) => (r.k === "S" ? r.avgCad : 0))[0];
    const timeS = Number(rows[rows.length - 1][0]) - Number(rows[0][0]);
    expect(Math.abs((stepsTotal * 60) / timeS - cadence) / cadence).toBeLessThan(0.1);

    // a second session with flash low: a message, no copy, the summary after OK
    rate(w);
    // a file that leaves 2 KB above what the app keeps free (100,000 B): the session runs with its track on
    const free = w.eval<number>('require("Storage").getFree()');
    w.exec(`require("Storage").write("filler","x",0,${free - 102000})`);
    let t = w.now();
    session(w, 40);
    const first = [`recorder.log${day}a.csv\x01`];
    expect(w.list().filter((n) => n.startsWith("recorder.log"))).toEqual(first);
    expect(w.shown(t).join(" ").replace(/\s+/g, " ")).toContain("Flash low: no copy of this session for Gadgetbridge");
    w.tapText("OK");
    w.advance(1000);
    expect(w.shown(t)).toContain("Rate effort");
    expect(w.eval("require(\"Storage\").readJSON(\"speedseq.gb.json\")")).toEqual({ n: 1 });

    // a third with the setting off: straight to the summary, no copy, nothing marked
    rate(w);
    w.exec('require("Storage").erase("filler")');
    w.exec('require("Storage").writeJSON("speedseq.json",{gb:0})');
    w.exec('load("speedseq.app.js")');
    w.advance(3000);
    t = w.now();
    session(w, 40);
    expect(w.shown(t)).toContain("Rate effort");
    expect(w.shown(t)).not.toContain("Copy for\nGadgetbridge");
    expect(w.list().filter((n) => n.startsWith("recorder.log"))).toEqual(first);
    expect(w.eval("require(\"Storage\").readJSON(\"speedseq.gb.json\")")).toEqual({ n: 1 });
  }, FW_TIMEOUT);
});
