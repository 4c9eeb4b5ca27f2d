// npm run simulate: bundles emulator/simulate.ts (so it runs the TypeScript sources directly,
// like bench/run.mjs) and runs the default session headless on the board.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
const out = "dist/simulate.mjs";
await build({ entryPoints: ["emulator/simulate.ts"], bundle: true, platform: "node", format: "esm", outfile: out, packages: "external", logLevel: "warning" });
const { main } = await import(`../${out}`);
process.exit(await main());
