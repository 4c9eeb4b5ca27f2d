// The sync protocol on the real firmware, each snippet as the watch runs it: the list, the stream
// with its acks, the manifest, the two-step delete, the cancel; refused while SpeedSeq runs a
// session; an unfinished log fetched but kept; the newest log and the history file never deleted;
// a resume after a dropped link sends no chunk twice; a log that changed after its copy was
// verified is not deleted; a stream garbled on the way in does not block the next one; and the
// watch's RAM is given back.
import { expect, it } from "vitest";
import { bootWatch, loadApp } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { describeFw, fwApp, fwWatch, startWorkout, feeder, recordingEvents, logText, runBar, ticking, FW_TIMEOUT } from "../firmware/fw";
import { VirtualWire } from "./wire";
import { makeLog, writeLogFile } from "./logs";
import { SyncClient } from "../../src/sync/client";
import { syncWatch, RUNNING, type SyncReport } from "../../src/sync/sync";
import { manifestOf } from "../../src/sync/manifest";
import { streamSnippet } from "../../src/sync/snippets";
import { decodeLog } from "../../src/engine/log/decode";
import { crc32 } from "../../src/sim/crc";

const HIST = "speedseq.hist.json";

function link(w: Watch, chunk = 768) {
  const wire = new VirtualWire(w);
  const client = new SyncClient(() => wire.connect(), { crc: crc32, clock: wire.clock, chunk: chunk, firstId: 4000 });
  return { wire, client };
}

async function sync(w: Watch, o: { delete?: boolean; have?: Record<string, string>; chunk?: number } = {}) {
  const { wire, client } = link(w, o.chunk);
  const saved: Record<string, string> = {};
  const rep: SyncReport = await wire.run(syncWatch(client, {
    crc: crc32,
    delete: o.delete,
    have: async (info) => o.have?.[info.name],
    save: async (info, text) => { saved[info.name] = text; },
  }));
  await wire.run(client.close());
  return { rep, saved, client, wire };
}

const logNames = (w: Watch) => w.list("/^speedseq\\.log/").map((n) => n.replace(/[\x01-\x09]$/, "")).filter((n, i, a) => a.indexOf(n) === i).sort();

describeFw("sync on the firmware", () => {
  it("refuses while a session runs; fetches the unfinished log once SpeedSeq is left, keeps it; deletes only older ended logs; never the history", async () => {
    const w = await fwApp();
    const old = makeLog({ seed: 11, steps: 4, ended: true, plan: "Old run" });
    writeLogFile(w, "speedseq.log0", old);
    w.exec(`require("Storage").writeJSON(${JSON.stringify(HIST)},[[1700000000,1234,50,6,0,"Old run",0]])`);
    const hist = w.readFile(HIST);
    // the app picks the next number: log1
    loadApp(w, "speedseq.app.js");
    startWorkout(w, "Classic 5K");
    feeder(w, recordingEvents("pyfitparse_activity-small-fenix2-run.csv", { fromS: 60 }))(60_000);
    expect(runBar(w)).toBe("Warm-up");
    expect(ticking(w, w.now() - 1000)).toBe(true);

    const during = await sync(w, { delete: true });
    expect(during.rep.refused).toBe(RUNNING);
    expect(during.saved).toEqual({});
    expect(logNames(w)).toEqual(["speedseq.log0", "speedseq.log1"]);

    // the runner leaves the app (the log stays unfinished, to be resumed or saved)
    w.exec("load()");
    w.advance(1500);
    w.exec("echo(0)");
    const open = logText(w, 1);
    const after = await sync(w, { delete: true });
    expect(after.rep.refused).toBeUndefined();
    expect(after.saved["speedseq.log0"]).toBe(old);
    expect(after.saved["speedseq.log1"]).toBe(open);
    const f = Object.fromEntries(after.rep.files.map((x) => [x.name, x]));
    expect(f["speedseq.log0"]).toMatchObject({ status: "saved", deleted: "deleted", ended: true, plan: "Old run", durS: Math.round(decodeLog(old, crc32).recs.filter((r) => r.k === "E").map((r) => (r as { durMs: number }).durMs)[0] / 1000) });
    expect(f["speedseq.log1"]).toMatchObject({ status: "saved", deleted: "newest", ended: false, plan: "Classic 5K", damaged: 0 });
    expect(logNames(w)).toEqual(["speedseq.log1"]);
    expect(w.readFile(HIST)).toBe(hist);
    expect(logText(w, 1)).toBe(open);

    // opened again: Save closes the log; the summary is up (SpeedSeq open, nothing running)
    loadApp(w, "speedseq.app.js");
    w.advance(2000);
    w.tapText("Save");
    w.advance(1000);
    const closed = logText(w, 1);
    expect(closed.length).toBeGreaterThan(open.length);
    const again = await sync(w, { delete: true, have: after.saved });
    expect(again.rep.refused).toBeUndefined();
    expect(again.rep.files).toEqual([expect.objectContaining({ name: "speedseq.log1", status: "saved", ended: true, deleted: "newest" })]);
    expect(again.saved["speedseq.log1"]).toBe(closed);
    // the copy held is compared by manifest, not fetched again
    const same = await sync(w, { have: again.saved });
    expect(same.rep.files).toEqual([expect.objectContaining({ name: "speedseq.log1", status: "unchanged" })]);
    expect(same.client.stats.bytesIn).toBeLessThan(600);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("a dropped link resumes at the first missing chunk: nothing received is sent again", async () => {
    const w = await fwWatch({});
    const text = makeLog({ seed: 3, steps: 30, ended: true });
    expect(text.length).toBeGreaterThan(5000);
    writeLogFile(w, "speedseq.log2", text);
    const { wire, client } = link(w, 512);
    const froms: number[] = [];
    let chunkBytes = 0;
    wire.hooks.down = (s) => {
      const m = /,k=0,c=0.*?var F=([0-9]+),/.exec(s);
      if (m) froms.push(Number(m[1]));
      return [s];
    };
    wire.hooks.up = (s) => {
      chunkBytes += s.length;
      return s;
    };
    // drop the link in the middle of the stream
    wire.at(wire.now() + 2500, () => wire.drop(true));
    const got = await wire.run(client.fetch("speedseq.log2"));
    expect(got.text).toBe(text);
    expect(froms.length).toBe(2);
    expect(froms[0]).toBe(0);
    expect(froms[1]).toBeGreaterThan(2);
    expect(client.stats.dupChunks).toBe(0);
    expect(client.stats.reconnects).toBe(1);
    // base64 + frames: one copy, and at most the window's frames in flight when the link dropped
    expect(chunkBytes).toBeLessThan(text.length * (4 / 3) * 1.06 + client.window * 720);
    await wire.run(client.close());
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("deletes only the log the phone verified: a log that changed since is kept, the newest too", async () => {
    const w = await fwWatch({});
    const a = makeLog({ seed: 21, steps: 3, ended: true });
    writeLogFile(w, "speedseq.log4", a);
    writeLogFile(w, "speedseq.log5", makeLog({ seed: 22, steps: 2, ended: true }));
    const { wire, client } = link(w);
    const got = await wire.run(client.fetch("speedseq.log4"));
    expect(got.manifest).toEqual(manifestOf("speedseq.log4", a, 768, crc32));
    // a line appended on the watch after the copy was verified
    w.exec('require("Storage").open("speedseq.log4","a").write("R9,5,-1*00000000\\n")');
    expect(await wire.run(client.remove("speedseq.log4", got.manifest))).toBe("changed");
    const now = await wire.run(client.fetch("speedseq.log4"));
    expect(await wire.run(client.remove("speedseq.log4", now.manifest))).toBe("deleted");
    const newest = await wire.run(client.fetch("speedseq.log5"));
    expect(await wire.run(client.remove("speedseq.log5", newest.manifest))).toBe("newest");
    expect(logNames(w)).toEqual(["speedseq.log5"]);
    await wire.run(client.close());
    expect(w.eval("[typeof SSQ, typeof SSQD]")).toEqual(["undefined", "undefined"]);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);

  it("a stream garbled on the way in (its code throws) does not block the streams after it", async () => {
    const w = await bootWatch({});
    const text = makeLog({ seed: 8, steps: 3, ended: true });
    writeLogFile(w, "speedseq.log1", text);
    // what a lost byte can leave: a stream state whose functions do not parse
    w.send(streamSnippet(1, 1, 0, 256, 1).replace("o.i=0;if(global.SSQ===o)", "o.=0;if(global.SSQ===o)"));
    w.advance(100);
    expect(w.eval("typeof SSQ")).toBe("object");
    const { wire, client } = link(w, 256);
    expect((await wire.run(client.fetch("speedseq.log1"))).text).toBe(text);
    expect(client.stats.retries).toBe(0);
    await wire.run(client.close());
  }, FW_TIMEOUT);

  it("leaves the watch's RAM as it found it", async () => {
    const w = await bootWatch({});
    for (let i = 0; i < 3; i++) writeLogFile(w, "speedseq.log" + i, makeLog({ seed: 30 + i, steps: 6, ended: true }));
    // the built-ins a sync touches exist once created: touch them first
    w.exec("String.fromCharCode(1);Math.floor(1);Number(1)");
    const before = w.memory().usage;
    const { rep } = await sync(w, { delete: true });
    expect(rep.files.map((f) => f.deleted)).toEqual(["deleted", "deleted", "newest"]);
    w.advance(100);
    expect(w.memory().usage).toBeLessThanOrEqual(before + 10);
    expect(w.errors).toEqual([]);
  }, FW_TIMEOUT);
});
