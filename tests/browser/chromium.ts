// Shared by the browser tests: Debian's Chromium through playwright-core (installed by
// `node scripts/ensure.mjs --browser`, which `npm test` runs first).
import { chromium, type Browser } from "playwright-core";
import { build } from "esbuild";

export const CHROMIUM = "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** bundles a TypeScript module into a script that puts its exports on window[globalName] */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const r = await build({ entryPoints: [entry], bundle: true, format: "iife", globalName, write: false, platform: "browser", logLevel: "warning" });
  return r.outputFiles[0].text;
}
