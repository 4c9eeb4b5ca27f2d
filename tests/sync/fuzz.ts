// The sync protocol against the real firmware under injected faults, over many seeded runs: a
// disconnect mid-line (with a snippet cut short at the watch's console), lost bytes, flipped
// bytes, console output interleaved (from the wire and from the watch itself), the watch
// resetting mid-sync, a slow first packet, duplicated writes, and requests that never answer.
// After every run: no record lost (each is in a verified copy or still on the watch), none
// duplicated, every corruption detected (a copy kept is byte for byte the log), nothing deleted
// that was not kept, and no firmware error unless the phone's own bytes were garbled.
//
// One watch is booted once; each run puts back one of a few prepared flash images (its logs) and
// starts from a clean interpreter state. Storage keeps a file cache in RAM, so a swapped flash is
// followed by require("Storage").compact(), which clears it (and is quick on an image without trash). SYNC_RUNS sets the count (default 1000), SYNC_SEED the
// first seed.
import { bootWatch } from "../../emulator/firmware/node";
import type { Watch } from "../../emulator/firmware/watch";
import { VirtualWire, type LinkModel } from "./wire";
import { makeLog, recordSeqs, writeLogFile, type LogSpec } from "./logs";
import { SyncClient, type Stats } from "../../src/sync/client";
import { syncWatch, RUNNING } from "../../src/sync/sync";
import { crc32 } from "../../src/sim/crc";
import { rng } from "../../src/sim/rng";

const IMAGES = 12;
/** SYNC_DEBUG=1: every run's story; SYNC_DEBUG=<seed>: that run's */
const DEBUG = (seed: number) => !!process.env.SYNC_DEBUG && (process.env.SYNC_DEBUG === "1" || Number(process.env.SYNC_DEBUG) === seed);

const NOISE = [
  "\r\n>",
  "=undefined\r\n",
  "Uncaught Error: Function \"x\" not found!\r\n at line 1 col 3\r\nx()\r\n  ^\r\n",
  "\r\x1b[J",
  "> ",
  "WIDGET 42\r\n",
  "#Q:1,C,0,QUJD*00000000\r\n",
  "#Q:",
  "\r\n ____                 _ \r\n|  __|___ ___ ___ _ _|_|___ ___ \r\n 2v29.74 (c) 2026 G.Williams\r\n>",
];

interface Image {
  flash: Uint8Array;
  logs: { name: string; text: string; spec: LogSpec }[];
  newest: string;
}

type Fault = "disconnect" | "lost" | "flip" | "noise" | "watchNoise" | "reset" | "slowFirst" | "duplicate" | "silent";
const FAULTS: Fault[] = ["disconnect", "lost", "flip", "noise", "watchNoise", "reset", "slowFirst", "duplicate", "silent"];

/** puts a flash image back under the running firmware */
function restore(w: Watch, flash: Uint8Array): void {
  w.fw.flash.set(flash);
  w.exec('require("Storage").compact()');
}

function images(w: Watch, base: Uint8Array): Image[] {
  const out: Image[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const r = rng(1000 + i);
    restore(w, base);
    const n = 1 + Math.floor(r() * 3);
    const logs: Image["logs"] = [];
    let num = Math.floor(r() * 20);
    for (let j = 0; j < n; j++) {
      const last = j === n - 1;
      const spec: LogSpec = {
        seed: 100 * i + j,
        steps: 1 + Math.floor(r() * 5),
        ended: !last || r() < 0.6,
        damaged: r() < 0.15,
      };
      if (!spec.ended) spec.torn = r() < 0.5;
      const text = makeLog(spec);
      const name = "speedseq.log" + num;
      writeLogFile(w, name, text);
      logs.push({ name: name, text: text, spec: spec });
      num += 1 + Math.floor(r() * 3);
    }
    out.push({ flash: new Uint8Array(w.fw.flash), logs: logs, newest: logs[logs.length - 1].name });
  }
  return out;
}

interface Totals {
  runs: number;
  faults: Record<Fault, number>;
  files: number;
  saved: number;
  deleted: number;
  keptOnWatch: number;
  gaveUp: number;
  /** why files were given up, by message */
  why: Record<string, number>;
  refused: number;
  records: number;
  lost: number;
  duplicated: number;
  undetected: number;
  corruptFrames: number;
  resets: number;
  disconnects: number;
  stats: Stats;
  fwErrors: number;
  /** JsVars the firmware kept after garbled snippets threw (an interpreter leak, see README) */
  leaked: number;
  virtualS: number;
}

export interface FaultResult { tot: Totals; problems: string[]; baseMem: number; endMem: number; wallS: number; summary: string }

/** runs `runs` seeded sync runs from `seed` on one booted watch; problems lists every broken promise */
export async function runFaults(runs: number, seed0: number): Promise<FaultResult> {
    const t0 = performance.now();
    const w = await bootWatch({});
    // a clean interpreter on the factory flash: no clock face redrawing (speed); Storage as is
    w.send("\x10E.reboot()\n");
    w.advance(1500);
    // the built-ins a sync creates on first use, created now (they stay: not a leak)
    w.exec('echo(0);require("Storage").compact();String.fromCharCode(1);Math.floor(1);Number(1);try{x.y}catch(e){}');
    const base = new Uint8Array(w.fw.flash);
    const imgs = images(w, base);
    const baseMem = (w.exec("echo(0)"), w.memory().usage);
    const wire = new VirtualWire(w);
    const tot: Totals = {
      runs: 0, faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>, files: 0, saved: 0, deleted: 0, keptOnWatch: 0,
      gaveUp: 0, why: {}, refused: 0, records: 0, lost: 0, duplicated: 0, undetected: 0, corruptFrames: 0, resets: 0, disconnects: 0,
      stats: { bytesOut: 0, bytesIn: 0, frames: 0, badFrames: 0, requests: 0, timeouts: 0, retries: 0, reconnects: 0, dupChunks: 0, gaps: 0, restarts: 0, nudges: 0 },
      fwErrors: 0, leaked: 0, virtualS: 0,
    };
    const problems: string[] = [];

    for (let run = 0; run < runs; run++) {
      const seed = seed0 + run;
      const r = rng(seed);
      const img = imgs[Math.floor(r() * imgs.length)];
      // a clean start: no state of the last run, this run's flash
      w.send("\x03");
      w.exec("clearTimeout();clearInterval();delete global.SSQ;delete global.SSQD;delete global.__FILE__");
      restore(w, img.flash);
      w.exec(r() < 0.5 ? "echo(0)" : "echo(1)");
      w.clearConsole();
      const errors0 = w.errors.length;
      const mem0 = w.memory().usage;
      const appOpen = r() < 0.08;
      if (appOpen) w.exec(`global.__FILE__="speedseq.app.js"`);

      const on = new Set<Fault>(FAULTS.filter(() => r() < 0.3));
      for (const f of on) tot.faults[f]++;
      const link: LinkModel = { bytesPerS: 2500, latencyMs: 10 + Math.floor(r() * 60), packet: [20, 20, 64, 128, 244][Math.floor(r() * 5)] };
      wire.link = link;
      wire.hooks = {};
      let downGarbled = false;
      // per byte: up to about one frame in three hit
      const pLost = on.has("lost") ? 2e-5 + r() * 4e-4 : 0;
      const pFlip = on.has("flip") ? 2e-5 + r() * 4e-4 : 0;
      const pNoise = on.has("noise") ? 0.05 + r() * 0.3 : 0;
      const pDup = on.has("duplicate") ? 0.1 + r() * 0.3 : 0;
      const pSilent = on.has("silent") ? 0.05 + r() * 0.15 : 0;
      // the phone's bytes are garbled too in some runs (then the watch may print errors)
      const downBad = (on.has("lost") || on.has("flip")) && r() < 0.5;
      let corrupt = 0;
      wire.hooks.up = (s) => {
        let o = "";
        for (let i = 0; i < s.length; i++) {
          if (pLost && r() < pLost) { corrupt++; continue; }
          let c = s.charCodeAt(i);
          if (pFlip && r() < pFlip) { corrupt++; c ^= 1 << Math.floor(r() * 8); }
          o += String.fromCharCode(c);
          // other output comes between lines (a print is whole), now and then inside one
          if (pNoise && r() < (c === 10 ? pNoise : pNoise / 2000)) o += NOISE[Math.floor(r() * NOISE.length)];
        }
        return o;
      };
      wire.hooks.down = (s) => {
        if (pSilent && r() < pSilent) { downGarbled = true; return []; }
        let o = s;
        if (downBad) {
          let g = "";
          for (let i = 0; i < s.length; i++) {
            if (r() < pLost) continue;
            let c = s.charCodeAt(i);
            if (r() < pFlip) c ^= 1 << Math.floor(r() * 7);
            g += String.fromCharCode(c);
          }
          if (g !== s) downGarbled = true;
          o = g;
        }
        return pDup && r() < pDup ? [o, o] : [o];
      };
      if (on.has("slowFirst")) wire.hooks.firstDelayMs = () => 500 + r() * 12000;
      const t = wire.now();
      if (on.has("disconnect")) {
        for (let k = 0, n = 1 + Math.floor(r() * 2); k < n; k++) wire.at(t + 200 + r() * 6000, () => { tot.disconnects++; downGarbled = true; wire.drop(true); });
      }
      if (on.has("reset")) {
        wire.at(t + 200 + r() * 6000, () => {
          tot.resets++;
          w.send("\x03");
          w.exec("E.reboot()");
          if (appOpen) w.exec(`global.__FILE__="speedseq.app.js"`);
        });
      }
      let watchNoise = false;
      if (on.has("watchNoise")) {
        watchNoise = true;
        w.exec(`setInterval(function(){print("tick "+Date.now())},${50 + Math.floor(r() * 400)})`);
      }

      const client = new SyncClient(() => wire.connect(), {
        crc: crc32, clock: wire.clock, chunk: [64, 128, 256, 512, 768][Math.floor(r() * 5)], window: 1 + Math.floor(r() * 4),
        firstId: 1 + Math.floor(r() * 1e6),
        log: DEBUG(seed) ? (l) => console.log(`seed ${seed} t=${wire.now() - t}: ${l}`) : undefined,
      });
      if (DEBUG(seed)) console.log(`seed ${seed}: faults ${[...on].join(",")} link ${JSON.stringify(link)} chunk ${client.chunk} window ${client.window}`);
      const del = r() < 0.9;
      const saved: Record<string, string> = {};
      let report;
      try {
        report = await wire.run(syncWatch(client, { crc: crc32, delete: del, save: async (info, text) => { saved[info.name] = text; } }), 3600_000);
      } catch (e) {
        report = undefined;
        tot.gaveUp++;
        problems.push(`seed ${seed}: sync threw ${(e as Error).message}`);
      }
      try {
        await wire.run(client.close(), 60_000);
      } catch {
        // a dead link: nothing to close
      }
      wire.hooks = {};
      if (watchNoise) w.exec("clearInterval()");
      if (process.env.SYNC_CONSOLE) console.log(JSON.stringify(w.console.slice(-Number(process.env.SYNC_CONSOLE))));
      // nothing of this run may reach the next one: drop what is still queued on the wire
      wire.clear();
      w.advance(100);
      // a garbled snippet may have left the input line open: clear it before looking
      w.send("\x03");
      tot.virtualS += (wire.now() - t) / 1000;

      const newestOpen = !img.logs[img.logs.length - 1].spec.ended;
      if (report?.refused) {
        tot.refused++;
        if (report.refused !== RUNNING) problems.push(`seed ${seed}: refused with ${report.refused}`);
        if (!(appOpen && newestOpen)) problems.push(`seed ${seed}: refused with no session running`);
      } else if (report && appOpen && newestOpen && !on.has("reset")) problems.push(`seed ${seed}: not refused with a session running`);

      const onWatch = w.list("/^speedseq\\.log/").map((n) => n.replace(/\x01$/, ""));
      for (const l of img.logs) {
        tot.files++;
        const want = recordSeqs(l.text);
        tot.records += want.length;
        const copy = saved[l.name];
        if (copy !== undefined) {
          tot.saved++;
          if (copy !== l.text) {
            tot.undetected++;
            problems.push(`seed ${seed}: ${l.name} kept a copy that differs from the log` + (DEBUG(seed) ? JSON.stringify([l.text, copy]) : ""));
          }
          const seqs = recordSeqs(copy);
          tot.duplicated += seqs.length - new Set(seqs).size;
        }
        const still = onWatch.includes(l.name);
        if (still) {
          tot.keptOnWatch++;
          const now = w.readStorageFile(l.name);
          if (now !== l.text) problems.push(`seed ${seed}: ${l.name} changed on the watch` + (DEBUG(seed) ? JSON.stringify([l.text, now]) : ""));
        } else {
          tot.deleted++;
          if (!del) problems.push(`seed ${seed}: ${l.name} deleted without --delete`);
          if (l.name === img.newest || !l.spec.ended) problems.push(`seed ${seed}: ${l.name} deleted (newest or unfinished)`);
        }
        const have = new Set<number>([...(copy === l.text ? recordSeqs(copy) : []), ...(still ? want : [])]);
        const lost = want.filter((s) => !have.has(s)).length;
        tot.lost += lost;
        if (lost) problems.push(`seed ${seed}: ${l.name} lost ${lost} records`);
      }
      if (report && !report.refused) for (const f of report.files) if (f.status === "failed") {
        tot.gaveUp++;
        const why = (f.error || "?").replace(/speedseq\.log[0-9]+/g, "LOG").replace(/[0-9]+/g, "N");
        tot.why[why] = (tot.why[why] || 0) + 1;
        if (DEBUG(seed)) console.log(`seed ${seed}: gave up ${f.name}: ${f.error}`);
      }
      tot.corruptFrames += client.stats.badFrames;
      for (const k of Object.keys(tot.stats) as (keyof Stats)[]) tot.stats[k] += client.stats[k];
      const errs = w.errors.length - errors0;
      tot.fwErrors += errs;
      if (errs && !downGarbled && !on.has("reset")) problems.push(`seed ${seed}: firmware errors with clean input: ${w.errors.slice(errors0).map((e) => e.message + (DEBUG(seed) ? " " + e.where : "")).join("; ")}` + (DEBUG(seed) ? w.console : ""));
      tot.runs++;
      // the watch's RAM is back where the run found it (a garbled snippet may leak: see leaked)
      w.send("\x03");
      w.exec("clearTimeout();clearInterval();delete global.SSQ;delete global.SSQD");
      const mem1 = w.memory().usage;
      if (mem1 > mem0 + 16) {
        if (downGarbled) tot.leaked += mem1 - mem0;
        else problems.push(`seed ${seed}: ${mem1 - mem0} JsVars left on the watch after a clean run`);
      }
      if (problems.length > 20) break;
    }

    // nothing of the sync stays in the watch's RAM
    w.send("\x03");
    w.exec("echo(0);clearTimeout();clearInterval();delete global.SSQ;delete global.SSQD");
    w.advance(100);
    const endMem = w.memory().usage;
    const wallS = (performance.now() - t0) / 1000;
    const summary =
      `sync faults: ${tot.runs} runs (seeds ${seed0}..${seed0 + tot.runs - 1}) in ${wallS.toFixed(0)} s wall, ${(tot.virtualS / 3600).toFixed(1)} h virtual\n` +
      `  faults (runs with each): ${FAULTS.map((f) => `${f} ${tot.faults[f]}`).join(", ")}; resets ${tot.resets}, disconnects ${tot.disconnects}\n` +
      `  files ${tot.files}: saved ${tot.saved}, deleted ${tot.deleted}, still on the watch ${tot.keptOnWatch}; gave up ${tot.gaveUp}; refused (session running) ${tot.refused}\n` +
      `  records ${tot.records}: lost ${tot.lost}, duplicated ${tot.duplicated}; corrupt frames rejected ${tot.corruptFrames}, corrupt copies kept ${tot.undetected}\n` +
      `  requests ${tot.stats.requests}, timeouts ${tot.stats.timeouts}, retries ${tot.stats.retries}, reconnects ${tot.stats.reconnects}, ` +
      `gaps ${tot.stats.gaps}, acks resent ${tot.stats.nudges}, duplicate chunks dropped ${tot.stats.dupChunks}, restarts ${tot.stats.restarts}; firmware errors (garbled snippets) ${tot.fwErrors}\n` +
      `  watch RAM ${baseMem} JsVars before, ${endMem} after; of which kept by the firmware after garbled snippets threw: ${tot.leaked}`;
    return { tot: tot, problems: problems, baseMem: baseMem, endMem: endMem, wallS: wallS, summary: summary };
}
