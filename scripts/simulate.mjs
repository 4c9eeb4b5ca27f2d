// npm run simulate [-- --engine board|firmware] [-- --workout NAME]: bundles emulator/simulate.ts
// (so it runs the TypeScript sources directly, like bench/run.mjs) and runs a session headless, on
// the real firmware when its files are there, else on the board.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
const out = "dist/simulate.mjs";
await build({ entryPoints: ["emulator/simulate.ts"], bundle: true, platform: "node", format: "esm", outfile: out, packages: "external", logLevel: "warning" });
const { main } = await import(`../${out}`);
process.exit(await main(process.argv.slice(2)));
