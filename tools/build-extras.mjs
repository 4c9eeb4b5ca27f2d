// The App Loader files next to app.js: the settings page (speedseq.settings.js, a function
// expression the Settings app calls with `back`), the 48×48 icon (app.png, drawn here),
// app-icon.js (the same picture as an Espruino image string, 3 bits per pixel, in atob("…")) and
// the built-in workouts as data (speedseq.plans.json, from src/engine/workout/templates.ts).
// build.mjs calls buildExtras(); run alone: node tools/build-extras.mjs
import { build } from "esbuild";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { PNG } from "pngjs";

const DIR = "apps/speedseq";
export const ICON_SIZE = 48;

/** the 8 colours of the watch: index = r*4 + g*2 + b (the Bangle.js 2 3-bit layout) */
const RGB = (i) => [i & 4 ? 255 : 0, i & 2 ? 255 : 0, i & 1 ? 255 : 0];
const BLACK = 0, BLUE = 1, GREEN = 2, RED = 4, YELLOW = 6, WHITE = 7;

/**
 * The icon as colour indices, row-major: a black disc holding interval bars (green recoveries,
 * red reps rising like a ladder) over a white baseline. Drawn by rule, not copied.
 */
export function iconPixels() {
  const n = ICON_SIZE, c = (n - 1) / 2, px = new Uint8Array(n * n);
  const bars = [[8, GREEN], [18, RED], [8, GREEN], [24, RED], [8, GREEN], [30, RED]];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const inDisc = (x - c) ** 2 + (y - c) ** 2 <= (n / 2) ** 2;
      let v = inDisc ? BLACK : WHITE;
      if (inDisc) {
        const bi = Math.floor((x - 6) / 6);
        if (x >= 6 && bi < bars.length && (x - 6) % 6 < 5 && y < 38 && y >= 38 - bars[bi][0]) v = bars[bi][1];
        if (y >= 38 && y <= 39 && x >= 6 && x <= 41) v = WHITE;
        if (y >= 5 && y <= 6 && x >= 30 && x <= 40) v = YELLOW;
        if (y >= 3 && y <= 8 && x === 40 - (Math.abs(y - 5.5) < 1 ? 0 : 1)) v = YELLOW;
      }
      px[y * n + x] = v;
    }
  return px;
}

/** PNG bytes for the App Loader */
export function iconPng(px = iconPixels()) {
  const png = new PNG({ width: ICON_SIZE, height: ICON_SIZE });
  for (let i = 0; i < px.length; i++) {
    const [r, g, b] = RGB(px[i]);
    png.data.set([r, g, b, 255], i * 4);
  }
  return PNG.sync.write(png);
}

/** Espruino image string: width, height, bpp (3), then the pixels packed MSB first */
export function iconImage(px = iconPixels()) {
  const bytes = new Uint8Array(3 + Math.ceil((px.length * 3) / 8));
  bytes[0] = ICON_SIZE;
  bytes[1] = ICON_SIZE;
  bytes[2] = 3;
  for (let i = 0; i < px.length; i++)
    for (let b = 0; b < 3; b++) if (px[i] & (4 >> b)) {
      const bit = i * 3 + b;
      bytes[3 + (bit >> 3)] |= 0x80 >> (bit & 7);
    }
  return bytes;
}

export function iconJs(px = iconPixels()) {
  return `atob("${Buffer.from(iconImage(px)).toString("base64")}")`;
}

/** builds the settings page; returns its code */
export async function buildSettings() {
  const r = await build({
    entryPoints: ["src/watch/settings.ts"],
    bundle: true,
    format: "esm",
    target: "es2015",
    minify: true,
    legalComments: "none",
    banner: { js: "(function(back){" },
    footer: { js: "})" },
    write: false,
    sourcemap: "external",
    outfile: `${DIR}/speedseq.settings.js`,
    logLevel: "warning",
  });
  let code = "", map = "";
  for (const f of r.outputFiles) if (f.path.endsWith(".map")) map = f.text; else code = f.text;
  code = code.trimEnd();
  return { code, map };
}

/** the built-in workouts as the watch reads them: TEMPLATES as JSON, each one validated */
export async function buildPlans() {
  const r = await build({ stdin: { contents: 'export { TEMPLATES } from "./src/engine/workout/templates"; export { parseWorkout } from "./src/engine/workout/validate";', resolveDir: ".", loader: "ts" }, bundle: true, format: "cjs", write: false, logLevel: "warning" });
  const mod = { exports: {} };
  new Function("module", "exports", r.outputFiles[0].text)(mod, mod.exports);
  const failures = [];
  for (const t of mod.exports.TEMPLATES) {
    const v = mod.exports.parseWorkout(t);
    if (!v.ok) failures.push(`built-in workout ${t.name}: ${v.error}`);
  }
  return { json: JSON.stringify(mod.exports.TEMPLATES), failures };
}

/** writes the extra files and runs the watch checker on them; returns failure lines (empty = pass) */
export async function buildExtras() {
  mkdirSync(DIR, { recursive: true });
  const failures = [];
  const settings = await buildSettings();
  writeFileSync(`${DIR}/speedseq.settings.js`, settings.code);
  writeFileSync(`${DIR}/app.png`, iconPng());
  const icon = iconJs();
  writeFileSync(`${DIR}/app-icon.js`, icon);
  const plans = await buildPlans();
  writeFileSync(`${DIR}/speedseq.plans.json`, plans.json);
  failures.push(...plans.failures);
  if (existsSync("tools/checker.mjs")) {
    const { checkJs, formatFinding } = await import("../tools/checker.mjs");
    for (const [file, code, map] of [[`${DIR}/speedseq.settings.js`, settings.code, settings.map], [`${DIR}/app-icon.js`, icon, undefined]])
      for (const f of checkJs(code, { map, file, topLevel: false })) failures.push(formatFinding(f));
  }
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const failures = await buildExtras();
  for (const f of failures) console.error(f);
  if (failures.length) process.exit(1);
  console.log(`built ${DIR}/speedseq.settings.js, app.png, app-icon.js, speedseq.plans.json`);
}
