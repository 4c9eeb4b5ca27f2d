// Run before `npm start` / `npm test`: installs what a fresh clone lacks.
// node_modules from the lock file; with --browser also Debian's Chromium for the page tests; with
// --gpsbabel Debian's gpsbabel, the independent reader the export tests check GPX/TCX/FIT with.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const sh = (cmd) => execSync(cmd, { stdio: "inherit" });

if (!existsSync("node_modules/.package-lock.json")) {
  console.log("[ensure] installing npm packages from package-lock.json");
  sh("npm ci --no-audit --no-fund");
}
if (process.argv.includes("--browser") && !existsSync("/usr/bin/chromium")) {
  console.log("[ensure] installing Debian's chromium for the browser tests");
  const sudo = process.getuid && process.getuid() === 0 ? "" : "sudo ";
  sh(`${sudo}apt-get update -q && ${sudo}apt-get install -y -q chromium`);
}
if (process.argv.includes("--gpsbabel") && !existsSync("/usr/bin/gpsbabel")) {
  console.log("[ensure] installing Debian's gpsbabel for the export tests");
  const sudo = process.getuid && process.getuid() === 0 ? "" : "sudo ";
  sh(`${sudo}apt-get update -q && ${sudo}apt-get install -y -q gpsbabel`);
}
