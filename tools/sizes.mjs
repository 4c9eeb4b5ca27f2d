// Bytes each source module contributes to the built app.js (after minifying and shortening
// names), biggest first: where to look when app.js grows. `node tools/sizes.mjs`
import { buildApp } from "../build.mjs";

const out = await buildApp();
const rows = Object.entries(out.bytesIn).sort((a, b) => b[1] - a[1]);
for (const [file, bytes] of rows) console.log(String(bytes).padStart(6), file);
console.log(String(out.js.length).padStart(6), "apps/speedseq/app.js");
