// What README.md says against what the code does, where a drift has happened before: the Classic
// 5K example is the built-in, uploaded workouts are named as the page names them, `.ci/run` does
// what the README says, the emulator page's Play is documented, figures the benches print are
// referred to rather than copied; and the App Loader metadata names a real author.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { TEMPLATES } from "../src/engine/workout/templates";
import { SETTINGS } from "../src/watch/store";
import { workoutFileName } from "../src/authoring/names";

const readme = readFileSync("README.md", "utf8");
/** paragraphs outside code blocks, whitespace folded */
const paragraphs = readme.replace(/```[\s\S]*?```/g, "").split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim());

describe("README.md", () => {
  it("its Classic 5K example is the built-in Classic 5K", () => {
    const at = readme.indexOf("This is the built-in Classic 5K");
    expect(at).toBeGreaterThan(0);
    const block = readme.slice(at).match(/```json\n([\s\S]*?)```/)![1];
    expect(JSON.parse(block)).toEqual(TEMPLATES.find((t) => t.name === "Classic 5K"));
  });

  it("lists every built-in in the Workouts section's table, in TEMPLATES' order, and nothing else", () => {
    const section = readme.slice(readme.indexOf("\n## Workouts"), readme.indexOf("\n## Authoring workouts"));
    const at = section.indexOf("**Built-in workouts**");
    expect(at).toBeGreaterThan(0);
    const rows = section.slice(at).split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| name "));
    expect(rows.map((l) => l.split("|")[1].trim())).toEqual(TEMPLATES.map((t) => t.name));
    // no second table of built-ins elsewhere
    expect(readme).not.toMatch(/More built-ins/);
  });

  it("names uploaded workouts as the page writes them, and the settings file as the app reads it", () => {
    expect(workoutFileName("any name")).toMatch(/^speedseq\.w[0-9a-z]{7}\.json$/);
    expect(readme).toContain("`speedseq.w<id>.json`");
    // speedseq.json is the settings file: never an upload
    for (const p of paragraphs.filter((x) => x.includes(`\`${SETTINGS}\``))) expect(p, p).toMatch(/settings/);
  });

  it("says what .ci/run does, and it does that", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toMatch(/^export SPEEDSEQ_REQUIRE_FIRMWARE=1$/m);
    expect(ci).toMatch(/^npm test$/m);
    const p = paragraphs.find((x) => x.includes("`.ci/run` is what CI runs"))!;
    expect(p).toContain("`SPEEDSEQ_REQUIRE_FIRMWARE=1`");
    expect(p).toContain("runs `npm test`");
  });

  it("says that Play starts the session and how the workout is picked", () => {
    const start = paragraphs.find((x) => x.startsWith("`npm start` serves the emulator page"))!;
    expect(start).toMatch(/press \*\*▶ Play\*\* and it starts a session, the workout picked beside Play/);
    expect(paragraphs.some((x) => /pick a workout in the list beside \*\*▶ Play\*\*/.test(x))).toBe(true);
  });

  it("refers to the benches' figures instead of copying them", () => {
    for (const bench of ["bench/log.ts", "bench/cadence.ts", "bench/board.ts"]) {
      const ps = paragraphs.filter((x) => x.includes(bench));
      expect(ps.length, bench).toBeGreaterThan(0);
      for (const p of ps) expect(p, p).toMatch(/printed by `npm run bench/);
    }
    for (const p of paragraphs.filter((x) => x.includes("npm run bench"))) expect(p, p).not.toMatch(/\bprinted: |\bmeasured about\b|\bIt measured\b/);
  });
});

describe("apps/speedseq/metadata.json", () => {
  it("has a real author, not the app's id", () => {
    const meta = JSON.parse(readFileSync("apps/speedseq/metadata.json", "utf8"));
    expect(meta.author).toBe("SpeedSeq contributors");
    expect(meta.author).not.toBe(meta.id);
  });
});
