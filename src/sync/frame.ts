// Reply frames: how the phone picks the watch's answers out of its console stream. The console
// also carries prompts (">"), "=undefined", "Uncaught …" errors with their source lines, echoes,
// the boot banner after a reset and whatever widgets print; a frame is one printed line
//
//   "#Q:" id "," kind *("," field) "*" crc8 "\r\n"
//
// where crc8 is the CRC-32 of everything between the prefix and the "*" in 8 lower-case hex
// digits, computed on the watch with E.CRC32. Fields never contain "," or "*" (numbers, log
// names, base64). Anything else on the stream, and any frame whose CRC fails, is ignored: a lost,
// flipped or interleaved byte costs that frame, never a wrong one.
import { hex8, type Crc } from "../engine/log/encode";

export const PREFIX = "#Q:";
/** a line this long without a newline is junk: it is dropped (a frame is at most ~6 KB) */
const MAX_LINE = 65536;

export interface Frame {
  /** the request id the frame answers */
  id: number;
  /** C chunk, E end of a stream, L log, Z end of a list, M manifest, D delete armed, X deleted */
  kind: string;
  /** the fields after the kind */
  f: string[];
}

/** the frame in a candidate text (what follows a prefix, trailing "\r" and blanks allowed), or null */
export function parseFrame(text: string, crc: Crc): Frame | null {
  let end = text.length;
  while (end > 0 && " \r\t>".indexOf(text.charAt(end - 1)) >= 0) end--;
  const star = text.lastIndexOf("*", end);
  if (star < 0 || end - star != 9) return null;
  const body = text.substring(0, star);
  if (hex8(crc(body)) !== text.substring(star + 1, end)) return null;
  const f = body.split(",");
  const id = Number(f[0]);
  if (f.length < 2 || !/^[0-9]+$/.test(f[0]) || !(id > 0)) return null;
  return { id: id, kind: f[1], f: f.slice(2) };
}

/** splits the console stream into lines and returns the frames in them */
export class Framer {
  /** lines that held a prefix but no valid frame (corrupt, torn, or an echo of a snippet) */
  bad = 0;
  frames = 0;
  private buf = "";

  constructor(private crc: Crc) {}

  feed(data: string): Frame[] {
    const out: Frame[] = [];
    this.buf += data;
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      this.line(this.buf.substring(0, nl), out);
      this.buf = this.buf.substring(nl + 1);
    }
    if (this.buf.length > MAX_LINE) {
      this.bad++;
      this.buf = "";
    }
    return out;
  }

  /** forget a partial line (the link dropped mid-line) */
  reset(): void {
    if (this.buf.indexOf(PREFIX) >= 0) this.bad++;
    this.buf = "";
  }

  private line(l: string, out: Frame[]): void {
    // a lost "\n" glues two frames into one line: each prefix starts a candidate
    const parts = l.split(PREFIX);
    for (let i = 1; i < parts.length; i++) {
      const fr = parseFrame(parts[i], this.crc);
      if (fr) {
        this.frames++;
        out.push(fr);
      } else this.bad++;
    }
  }
}
