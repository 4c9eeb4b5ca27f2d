// Sync on the real Bangle.js 2 firmware (2v29.74, in emulation) over a modelled Bluetooth link:
// bytes on the wire to list, fetch, verify and delete one session-hour of log (tests/log/hour.ts,
// a real recording's hour), how long that takes at ~2.5 KB/s (FACTS.md's budget, 20-byte
// notifications, 30 ms latency, in virtual time: the watch's own time to run the snippets counts
// as it runs), the same for other chunk sizes, and the RAM the sync holds on the watch: JsVars
// above the same watch before it, sampled between frames, and for one chunk in flight.
import { firmwareDir, MISSING, bootWatch } from "../emulator/firmware/node";
import type { Watch } from "../emulator/firmware/watch";
import { VirtualWire, BLE } from "../tests/sync/wire";
import { writeLogFile, makeLog } from "../tests/sync/logs";
import { writeHour } from "../tests/log/hour";
import { SyncClient } from "../src/sync/client";
import { crc32 } from "../src/sim/crc";

const FW = "firmware 2v29.74 in emulation";

if (!firmwareDir()) {
  console.log(MISSING);
  process.exit(0);
}

const hour = writeHour().text;
const HOUR = "speedseq.log3";

/** a watch on its clock face holding the hour's log and a newer one (so the hour's may be deleted) */
async function watch(): Promise<Watch> {
  const w = await bootWatch({});
  writeLogFile(w, HOUR, hour);
  writeLogFile(w, "speedseq.log4", makeLog({ seed: 1, steps: 2, ended: true }));
  w.exec("String.fromCharCode(1);Math.floor(1);Number(1)");
  w.advance(1000);
  return w;
}

interface Phase { name: string; ms: number; up: number; down: number }

/** list, fetch the hour, delete it: virtual ms and bytes each way per phase */
async function syncHour(chunk: number, probe?: (w: Watch) => void) {
  const w = await watch();
  const wire = new VirtualWire(w, BLE);
  const client = new SyncClient(() => wire.connect(), { crc: crc32, clock: wire.clock, chunk: chunk });
  const phases: Phase[] = [];
  const phase = async <T>(name: string, p: () => Promise<T>): Promise<T> => {
    const t = wire.now();
    const up = wire.bytesUp;
    const down = wire.bytesDown;
    const v = await wire.run(p(), 3600_000, 5, 50);
    phases.push({ name: name, ms: wire.now() - t, up: wire.bytesUp - up, down: wire.bytesDown - down });
    return v;
  };
  if (probe) wire.hooks.up = (s) => { probe(w); return s; };
  const list = await phase("list", () => client.list());
  const info = list.logs.find((l) => l.name === HOUR)!;
  const got = await phase("fetch", () => client.fetch(HOUR, { size: info.size }));
  if (got.text !== hour) throw new Error("the copy differs");
  const del = await phase("delete", () => client.remove(HOUR, got.manifest));
  if (del !== "deleted") throw new Error("not deleted: " + del);
  await wire.run(client.close());
  return { w, phases, client };
}

const kb = (n: number) => (n / 1024).toFixed(1) + " KB";
console.log(`one session-hour of log: ${hour.length} B (${hour.split("\n").length - 1} lines)`);

const { phases, client } = await syncHour(768);
const tot = phases.reduce((a, p) => ({ ms: a.ms + p.ms, up: a.up + p.up, down: a.down + p.down }), { ms: 0, up: 0, down: 0 });
for (const p of phases) console.log(`  ${p.name.padEnd(6)} ${(p.ms / 1000).toFixed(1).padStart(5)} s, watch->phone ${String(p.up).padStart(6)} B, phone->watch ${String(p.down).padStart(5)} B`);
console.log(`bytes on the wire per session-hour: ${tot.up + tot.down} B (${kb(tot.up + tot.down)}; watch->phone ${tot.up}, phone->watch ${tot.down}); ` +
  `${((tot.up + tot.down) / hour.length).toFixed(2)} B per log byte`);
console.log(`sync time of a one-hour session at 2.5 KB/s (list + fetch + verify + delete): ${(tot.ms / 1000).toFixed(1)} s ` +
  `(budget 30 s; chunk 768 B, window ${client.window}; ${FW}, virtual time)`);

for (const ch of [256, 512, 1024, 2048]) {
  const r = await syncHour(ch);
  const ms = r.phases.reduce((a, p) => a + p.ms, 0);
  const b = r.phases.reduce((a, p) => a + p.up + p.down, 0);
  console.log(`  chunk ${String(ch).padStart(4)} B: ${(ms / 1000).toFixed(1)} s, ${b} B on the wire`);
}

// RAM: JsVars (process.memory(), after a GC) above the same watch before the sync, sampled as
// frames reach the phone (between the watch's steps), and after it
{
  const w0 = await watch();
  const before = w0.memory().usage;
  let peak = 0;
  let samples = 0;
  let last = -1e9;
  const r = await syncHour(768, (w) => {
    if (w.now() - last < 200) return;
    last = w.now();
    samples++;
    peak = Math.max(peak, w.memory().usage);
  });
  const after = r.w.memory().usage;
  // the base of this watch is its own: measure it the same way (it was booted the same way)
  console.log(`watch RAM during sync: peak +${peak - before} JsVars over ${samples} samples between frames, +${after - before} after (${before} before; ${FW})`);
  // one chunk in flight: a stream step holds the chunk while it splits it into lines (the
  // manifest), then while it prints it (base64, the frame's body, the printed line)
  const w = await watch();
  w.exec(`var __f=require("Storage").open(${JSON.stringify(HOUR)},"r"),__d=__f.read(768)`);
  const idle = w.memory().usage;
  w.exec(`var __s="T1,abc"+__d,__p=__s.split("\\n")`);
  const lines = w.memory().usage;
  w.exec(`delete __s;delete __p;var __b=btoa(__d),__c="1234,C,0,"+__b,__l="#Q:"+__c+"*00000000"`);
  const frame = w.memory().usage;
  console.log(`one 768-byte chunk in flight: up to +${Math.max(lines, frame) - idle} JsVars more than its own (~64) (lines +${lines - idle}, frame +${frame - idle}; ${FW})`);
}
