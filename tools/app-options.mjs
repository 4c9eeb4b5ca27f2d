// esbuild's options for the watch app, in a module of their own (no side effects) so that
// build.mjs, the board tests (tests/watch/boot.ts) and the benches bundle the app the same way.
import { manglePattern } from "./mangle.mjs";

/**
 * esbuild's options for the watch app; the board tests bundle with these too (tests/watch/boot.ts)
 * @returns {import("esbuild").BuildOptions & { write: false }}
 */
export function appBuildOptions() {
  return {
    entryPoints: ["src/watch/main.ts"],
    bundle: true,
    format: "iife",
    target: "es2015",
    minify: true,
    // our own long member names become one or two letters (tools/mangle.mjs says which)
    mangleProps: manglePattern(),
    legalComments: "none",
    write: false,
    logLevel: "warning",
  };
}

