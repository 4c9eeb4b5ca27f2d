// The dry-run upload stream, typed into the board's REPL, installs the app's files in Storage
// byte for byte (the real Bluetooth upload needs a watch and is not tested here).
import { describe, expect, it } from "vitest";
import { createBoard } from "../../emulator/board/index";
import { appFiles, commandStream, CHUNK } from "../../tools/appfiles.mjs";
import { WATCH_FILES } from "../../tools/watch-files.mjs";

describe("npm run upload -- --dry-run", () => {
  const files: [string, string][] = appFiles();

  it("writes every storage file, the evaluated icon and speedseq.info", () => {
    const names = files.map((f) => f[0]);
    expect(names).toEqual([...WATCH_FILES.map((f: { name: string }) => f.name), "speedseq.img", "speedseq.settings.js", "speedseq.plans.json", "speedseq.info"]);
    const img = files[names.indexOf("speedseq.img")][1];
    expect(img.charCodeAt(0)).toBe(48);
    const info = JSON.parse(files[names.length - 1][1]);
    expect(info).toMatchObject({ id: "speedseq", src: "speedseq.app.js", icon: "speedseq.img" });
    expect(info.files.split(",")).toContain("speedseq.info");
  });

  it("evaluated on the board's REPL, installs those files into Storage", () => {
    const b = createBoard({ accel: false });
    // the board has no atob() yet (Espruino does): give its realm one that returns a byte string
    b.realm.global.atob = (s: string) => Buffer.from(s, "base64").toString("latin1");
    const stream: string = commandStream(files);
    // in Bluetooth-sized pieces, as the CLI sends it
    for (let i = 0; i < stream.length; i += 20) b.serial.write(stream.slice(i, i + 20));
    b.advance(100);
    for (const [name, data] of files) expect(b.storage.read(name), name).toBe(data);
    // chunked: no single write carries more than CHUNK bytes
    const longest = Math.max(...stream.split("\n").map((l) => l.length));
    expect(longest).toBeLessThan(CHUNK * 1.4 + 100);
  });
});
