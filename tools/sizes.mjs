// Bytes each source module contributes to each built watch file (after minifying and shortening
// names), biggest first: where to look when a file grows. `node tools/sizes.mjs [file]`, e.g.
// `node tools/sizes.mjs speedseq.app.js` for the resident app alone.
import { buildWatchFiles } from "./app-options.mjs";

const only = process.argv[2];
for (const f of buildWatchFiles()) {
  if (only && !f.name.includes(only)) continue;
  console.log(`${f.name} (apps/speedseq/${f.url}): ${f.js.length} bytes`);
  const rows = Object.entries(f.bytesIn).sort((a, b) => b[1] - a[1]);
  for (const [file, bytes] of rows) if (bytes) console.log(String(bytes).padStart(6), file);
}
