// Compiles a TypeScript snippet the way build.mjs compiles the app (esbuild, iife, es2015) and
// runs the watch checker on the output with its source map.
import { build } from "esbuild";
import { checkJs } from "../../tools/checker.mjs";

export const SOURCE = "src/engine/sample.ts";

export async function compile(ts: string, minify: boolean): Promise<{ js: string; map: string }> {
  const r = await build({
    stdin: { contents: ts, loader: "ts", sourcefile: SOURCE, resolveDir: process.cwd() },
    bundle: true,
    format: "iife",
    target: "es2015",
    minify,
    write: false,
    sourcemap: "external",
    outfile: "out/sample.js",
    logLevel: "silent",
    external: ["Storage"],
  });
  const map = r.outputFiles.find((f) => f.path.endsWith(".map"))!.text;
  const js = r.outputFiles.find((f) => !f.path.endsWith(".map"))!.text;
  return { js, map };
}

export async function checkTs(ts: string, minify: boolean, topLevel = false) {
  const { js, map } = await compile(ts, minify);
  return { js, findings: checkJs(js, { map, mapFile: "out/sample.js.map", file: "out/sample.js", topLevel }) };
}

/** 1-based line of the source line marked with `// HERE`. */
export function markedLine(ts: string): number {
  const i = ts.split("\n").findIndex((l) => l.includes("// HERE"));
  if (i < 0) throw new Error("no // HERE marker");
  return i + 1;
}
