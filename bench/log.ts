// Session log codec: flash bytes for a real recording's session-hour (tests/log/hour.ts), the
// encoder's minified size as it would ship in app.js, and encode/decode throughput in Node.
import { build } from "esbuild";
import { encode, LogWriter } from "../src/engine/log/encode";
import { decodeLog } from "../src/engine/log/decode";
import { crc32 } from "../src/sim/crc";
import { writeHour } from "../tests/log/hour";
import { recorderRows, RECORDER_HEADER } from "../src/engine/log/recorder";

for (const per of [4, 8, 12, 20]) {
  const h = writeHour(per);
  const note = per === 12 ? " (default)" : "";
  console.log(
    `${String(per).padStart(2)} points/line${note}: ${(h.trackBytes / h.trackPoints).toFixed(2)} B/track point, ` +
      `${h.text.length} B/session-hour (track ${h.trackBytes}, ${h.steps} steps ${h.stepBytes}, other ${h.otherBytes})`,
  );
}
const hour = writeHour();
console.log(`step summary: ${(hour.stepBytes / hour.steps).toFixed(1)} B/line; budget 30720 B/session-hour`);
// the copy for Gadgetbridge the watch writes after a session (speedseq.gb.js): a CSV row per point
const st = { offS: 0, lastS: -1 };
const csv = RECORDER_HEADER + hour.text.split("\n").map((l) => recorderRows(l + "\n", crc32, st)).join("");
console.log(`Gadgetbridge copy (Recorder CSV) of that hour: ${csv.length} B (${((csv.length - RECORDER_HEADER.length) / hour.trackPoints).toFixed(1)} B/point), on top of the log`);

function encoderSize(): Promise<number> {
  return build({
    stdin: { contents: 'import {LogWriter} from "./src/engine/log/encode"; globalThis.w = LogWriter;', resolveDir: ".", loader: "ts" },
    bundle: true, write: false, minify: true, format: "iife", target: "es2015", legalComments: "none",
  }).then((r) => r.outputFiles[0].text.length);
}

function rate(label: string, n: number, unit: string, f: () => void) {
  f();
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < 500) (f(), runs++);
  const s = (performance.now() - t0) / 1000;
  console.log(`Node ${label}: ${Math.round((runs * n) / s).toLocaleString("en")} ${unit}/s`);
}
const step = hour.recs.find((r) => r.k === "S")!;
rate("encode step summary", 1000, "lines", () => {
  for (let i = 0; i < 1000; i++) encode(step, i + 1, crc32);
});
rate("LogWriter.add", 720, "points", () => {
  const w = new LogWriter(crc32, 0);
  for (let i = 0; i < 720; i++) w.add(i * 5, 59.6 + i * 1e-4, 16.5 - i * 2e-4);
});
rate("decodeLog session-hour", hour.text.length, "bytes", () => decodeLog(hour.text, crc32));
encoderSize().then((n) => console.log(`log writing as the watch bundles it (LogWriter + fields(), minified alone, names not shortened): ${n} B`));
