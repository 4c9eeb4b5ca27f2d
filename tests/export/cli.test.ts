// npm run export on the fixture log: each format to its file(s), the damaged lines listed on
// stderr while the rest exports, and usage errors.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { FIXTURE_LOG } from "./session";

const dir = mkdtempSync(join(tmpdir(), "speedseq-cli-"));
const run = (...args: string[]) => spawnSync("node", ["scripts/export.mjs", ...args], { encoding: "utf8" });

describe("npm run export", () => {
  it("writes FIT, TCX, GPX and the two CSVs", () => {
    const fit = join(dir, "run.fit");
    let r = run(FIXTURE_LOG, "--format", "fit", "--out", fit);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Classic 5K: 21 laps, 534 points, 8.66 km");
    expect(new Decoder(Stream.fromByteArray(readFileSync(fit))).checkIntegrity()).toBe(true);
    for (const f of ["tcx", "gpx"]) {
      r = run(FIXTURE_LOG, "--format", f, "--out", join(dir, `run.${f}`));
      expect(r.status).toBe(0);
      expect(readFileSync(join(dir, `run.${f}`), "utf8")).toMatch(/^<\?xml/);
    }
    r = run(FIXTURE_LOG, "--format", "csv", "--out", join(dir, "run.csv"));
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, "run.steps.csv"), "utf8").split("\n")).toHaveLength(23);
    expect(readFileSync(join(dir, "run.points.csv"), "utf8").split("\n")).toHaveLength(536);
    expect(existsSync(join(dir, "run.csv"))).toBe(false);
  });

  it("exports what verifies from a damaged log and says what it skipped", () => {
    const lines = readFileSync(FIXTURE_LOG, "utf8").split("\n");
    lines[20] = lines[20].replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    const bad = join(dir, "bad.log");
    writeFileSync(bad, lines.join("\n"));
    const r = run(bad, "--format", "gpx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${bad}: line 21: checksum mismatch: skipped`);
    expect(existsSync(join(dir, "bad.gpx"))).toBe(true);
  });

  it("refuses a missing format, a missing file, and a log with no start time unless one is given", () => {
    expect(run(FIXTURE_LOG).status).toBe(1);
    expect(run(FIXTURE_LOG, "--format", "kml").stderr).toContain("--format must be fit, tcx, gpx or csv");
    expect(run(join(dir, "none.log"), "--format", "fit").stderr).toContain("cannot read");
    const lines = readFileSync(FIXTURE_LOG, "utf8").split("\n");
    const headless = join(dir, "headless.log");
    writeFileSync(headless, lines.slice(1).join("\n"));
    const r = run(headless, "--format", "tcx");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the header line (start time) is not in the log");
    const r2 = run(headless, "--format", "tcx", "--start", "2023-11-14T22:13:28.195Z");
    expect(r2.status).toBe(0);
    expect(readFileSync(join(dir, "headless.tcx"), "utf8")).toContain("<Id>2023-11-14T22:13:28.195Z</Id>");
  });
});
