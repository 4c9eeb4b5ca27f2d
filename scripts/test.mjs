// The whole test suite: type-check the three configs, build (the build runs the watch checker),
// then every vitest suite (unit, property, board and browser tests). Prints one closing line.
import { spawnSync } from "node:child_process";
import { readFileSync, existsSync, rmSync } from "node:fs";

function run(cmd, args) {
  console.log(`\n> ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`FAILED: ${cmd} ${args.join(" ")}`);
    process.exit(r.status || 1);
  }
}
const bin = (n) => `node_modules/.bin/${n}`;

for (const p of ["tsconfig.engine.json", "tsconfig.watch.json", "tsconfig.json"]) run(bin("tsc"), ["--noEmit", "-p", p]);
run("node", ["build.mjs"]);

const report = "dist/vitest.json";
rmSync(report, { force: true });
const r = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${report}`, ...process.argv.slice(2)], { stdio: "inherit" });
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, "utf8"));
  console.log(`\ntests: ${j.numPassedTests} passed, ${j.numFailedTests} failed`);
}
process.exit(r.status ?? 1);
