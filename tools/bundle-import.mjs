// Imports TypeScript from src/ into a Node script: `contents` (export lines, paths from the repo's
// root) bundled with esbuild into dist/NAME.mjs, packages left as imports. It is built under a name
// of its own and then renamed, so two scripts at once never import a half-written file.
import { build } from "esbuild";
import { mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export async function bundleImport(contents, name) {
  const out = `dist/${name}.mjs`;
  const tmp = `dist/${name}.${process.pid}.mjs`;
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: tmp,
    packages: "external",
    logLevel: "warning",
  });
  renameSync(tmp, out);
  return import(pathToFileURL(join(process.cwd(), out)).href + `?${process.pid}`);
}
