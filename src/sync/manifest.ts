// The manifest of a log, the phone's copy of what the watch computes (snippets.ts, man()), and the
// verification of a fetched copy against it.
import { verify, num, decodeLog, type LogError } from "../engine/log/decode";
import { hex8, type Crc } from "../engine/log/encode";

export interface Manifest {
  /** the log's Storage name as the watch opened it */
  name: string;
  /** bytes per chunk the manifest was computed with */
  chunk: number;
  chunks: number;
  size: number;
  /** newline count */
  lines: number;
  /** the seq of the last line (file order) whose own CRC verifies, 0 if none */
  lastSeq: number;
  /** a verified E (end) line is in the log */
  ended: boolean;
  /** chained CRC: c = CRC32(hex8(c) + hex8(CRC32(chunk))) over the chunks, from 0 */
  crc: number;
}

/** the manifest fields of a frame (name, chunk, chunks, size, lines, lastSeq, ended, crc hex), or null */
export function manifestFields(f: string[]): Manifest | null {
  if (f.length < 8 || !/^[0-9a-f]{8}$/.test(f[7])) return null;
  const n = (s: string) => (/^[0-9]+$/.test(s) ? parseInt(s, 10) : NaN);
  const m: Manifest = {
    name: f[0], chunk: n(f[1]), chunks: n(f[2]), size: n(f[3]), lines: n(f[4]),
    // NaN when the last verified line has no seq digits: kept as NaN on both sides
    lastSeq: f[5] === "NaN" ? NaN : n(f[5]),
    ended: f[6] === "1", crc: parseInt(f[7], 16),
  };
  if (isNaN(m.chunk) || isNaN(m.chunks) || isNaN(m.size) || isNaN(m.lines) || (f[6] !== "0" && f[6] !== "1")) return null;
  return m;
}

/** chained CRC step */
export function chain(c: number, chunk: string, crc: Crc): number {
  return crc(hex8(c) + hex8(crc(chunk))) >>> 0;
}

/** the manifest of text as the watch computes it for `name` in chunks of `chunk` bytes */
export function manifestOf(name: string, text: string, chunk: number, crc: Crc): Manifest {
  let c = 0;
  let k = 0;
  for (let i = 0; i < text.length; i += chunk, k++) c = chain(c, text.substring(i, i + chunk), crc);
  let lastSeq = 0;
  let ended = false;
  const lines = text.split("\n");
  const tail = lines.pop() as string;
  if (tail) lines.push(tail);
  for (const l of lines) {
    // (no line here holds "\n": verify accepts exactly what the watch's V does)
    const f = verify(l, crc);
    if (!f) continue;
    lastSeq = num(f[0].substring(1));
    if (l.charAt(0) === "E") ended = true;
  }
  return { name: name, chunk: chunk, chunks: k, size: text.length, lines: text.split("\n").length - 1, lastSeq: lastSeq, ended: ended, crc: c };
}

/** where two manifests differ ("" if they agree) */
export function manifestDiff(a: Manifest, b: Manifest): string {
  const keys: (keyof Manifest)[] = ["name", "chunk", "chunks", "size", "lines", "lastSeq", "ended", "crc"];
  const d: string[] = [];
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x !== y && !(typeof x === "number" && typeof y === "number" && isNaN(x) && isNaN(y))) d.push(k + " " + x + " != " + y);
  }
  return d.join(", ");
}

export interface Verified {
  /** the copy equals the file on the watch: its manifest is the watch's */
  ok: boolean;
  /** why not (ok false) */
  why: string;
  /** lines whose own CRC fails (or are out of order): on the watch as well when ok */
  damaged: LogError[];
  /** the last line is unfinished (a write cut short on the watch) */
  torn: boolean;
  /** verified records */
  records: number;
  lastSeq: number;
  ended: boolean;
}

/**
 * Checks a fetched copy: its manifest must equal the watch's (every byte, in order, as on flash),
 * then every line is checked on its own CRC by the log decoder. Damaged lines in a copy whose
 * manifest matches were damaged on the watch: they are reported, and nothing better exists to fetch.
 */
export function verifyCopy(text: string, watch: Manifest, crc: Crc): Verified {
  const mine = manifestOf(watch.name, text, watch.chunk, crc);
  const diff = manifestDiff(mine, watch);
  const d = decodeLog(text, crc);
  return {
    ok: diff === "",
    why: diff,
    damaged: d.errors,
    torn: d.torn,
    records: d.recs.length,
    lastSeq: d.lastSeq,
    ended: mine.ended,
  };
}
