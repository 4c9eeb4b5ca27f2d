// Sending a workout to the watch: one fixed snippet that writes one uploaded-workout file, and
// the phone's side of that request (its own small request loop over a Transport: the sync
// client's is private to it, and a write is one request with one answer).
//
// The snippet's variable parts, each checked here before it is built:
// - the file name: speedseq.w<7 of a-z0-9>.json, exactly the watch's naming for uploads (the
//   authoring module's workoutFileName: 22 characters, under Storage's 28);
// - the workout's JSON, as base64 inside atob("…") (only A-Z a-z 0-9 + / =): printable ASCII, a
//   valid workout (parseWorkout: the watch keeps no validator) of at most 4096 characters;
// - its length, and the CRC-32 of the name and the text together, so a snippet that arrived
//   garbled writes nothing, under no name.
// Nothing in it is evaluated on the watch but the snippet itself; the JSON is data, read later by
// the app's readJSON.
//
// On the watch (ES5, as snippets.ts writes them): refused ("running") while SpeedSeq is the app
// loaded and its newest log is unfinished (the list snippet's rule: not in the history file and no
// verified E line); else the file is written unless it already holds exactly these bytes; the
// answer is one W frame: file, what happened (new, replaced, same, running, garbled, full), the
// length and CRC-32 of the file as it is now, and 1 when SpeedSeq restarts to list it. SpeedSeq,
// when it is the app open (and nothing runs), is restarted half a second after the answer:
// its start shows the list (or the summary still waiting for its RPE, or nothing else: a session
// is refused above), and the list reads the workout files anew.
import { hex8, type Crc } from "../engine/log/encode";
import { parseWorkout } from "../engine/workout/validate";
import { MAX_JSON_CHARS } from "../engine/workout/limits";
import { Framer, type Frame } from "./frame";
import { type Connect, type Clock, type Transport, realClock, sleep } from "./transport";
import { int, MAX_ID, LOG_PREFIX, HISTORY, APP_FILE } from "./snippets";
import { FIRST_MS, ATTEMPTS, RECONNECTS } from "./limits";

/** the watch's name for an uploaded workout file (src/authoring/names.ts workoutFileName) */
export const WORKOUT_FILE_RE = /^speedseq\.w[0-9a-z]{7}\.json$/;

/** the workout file name, or throws: the one place a name becomes part of a snippet */
export function workoutFile(name: string): string {
  if (typeof name !== "string" || !WORKOUT_FILE_RE.test(name)) throw new Error("not an uploaded workout's file name: " + JSON.stringify(name));
  return name;
}

/**
 * The JSON text of a workout as it is sent, or throws: printable ASCII only (escape anything
 * else as \uXXXX first: asciiJson), at most MAX_JSON_CHARS, and a workout parseWorkout accepts.
 */
export function workoutJson(json: string): string {
  if (typeof json !== "string" || !/^[\x20-\x7e]+$/.test(json)) throw new Error("a workout is sent as printable ASCII JSON");
  if (json.length > MAX_JSON_CHARS) throw new Error("the workout's JSON has " + json.length + " characters, the watch takes " + MAX_JSON_CHARS);
  const v = parseWorkout(json);
  if (!v.ok) throw new Error("not a valid workout: " + v.error);
  return json;
}

/** JSON.stringify with every character outside printable ASCII written as \uXXXX (the same value, read back) */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4));
}

/** base64 of an ASCII string, checked to be nothing but the base64 alphabet */
function base64(s: string): string {
  const b = btoa(s);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b)) throw new Error("base64 failed");
  return b;
}

/**
 * Writes `json` (checked by workoutJson) to `file` (checked by workoutFile) for request i; crc is
 * the zlib CRC-32 (E.CRC32's twin): the watch checks the name and the decoded text against it.
 */
export function writeWorkoutSnippet(i: number, file: string, json: string, crc: Crc): string {
  const f = workoutFile(file);
  const j = workoutJson(json);
  const b = base64(j);
  const id = int(i, 1, MAX_ID, "request id");
  const len = int(j.length, 1, MAX_JSON_CHARS, "length");
  // the name and the text under one CRC: a snippet garbled on the way writes nothing, anywhere
  const c = hex8(crc(f + j));
  if (!/^[0-9a-f]{8}$/.test(c)) throw new Error("bad crc");
  return "\x10(function(){" +
    'var S=require("Storage"),H=function(c){return("0000000"+(c>>>0).toString(16)).slice(-8);},F="' + f + '",' +
    'P=function(b){b="' + id + ',W,"+F+","+b;print("#Q:"+b+"*"+H(E.CRC32(b)));},' +
    'd=atob("' + b + '"),o=global.__FILE__=="' + APP_FILE + '"?1:0,r=0,x,s,g,l,k,u,N=-1,h,L;' +
    'if(d.length!=' + len + '||H(E.CRC32(F+d))!="' + c + '")return P("garbled,0,0,0");' +
    // running: SpeedSeq open, its newest log not in the history and without a verified E line
    'if(o){L=S.list(/^speedseq\\.log[0-9]+$/,{sf:1});L.forEach(function(x){x=parseInt(x.substr(12),10);if(x>N)N=x;});' +
    'h=S.readJSON("' + HISTORY + '",1)||[];u=0;for(k=0;k<h.length;k++)if(h[k][6]===N)u=1;' +
    'if(N>=0&&!u){r=1;g=S.open("' + LOG_PREFIX + '"+N,"r");while((l=g.readLine())!==undefined){if(l.charAt(l.length-1)=="\\n")l=l.substr(0,l.length-1);' +
    's=l.indexOf("*");if(l.charAt(0)=="E"&&s>0&&l.length==s+9&&H(E.CRC32(l.substr(0,s)))==l.substr(s+1))r=0;}}}' +
    'if(r)return P("running,0,0,0");' +
    'x=S.read(F);s=x===d?"same":x===undefined?"new":"replaced";' +
    'if(s!="same"){try{if(!S.write(F,d))s="full";}catch(e){s="full";}}' +
    'x=S.read(F)||"";u=o&&(s=="new"||s=="replaced")?1:0;' +
    'P(s+","+x.length+","+H(E.CRC32(x))+","+u);' +
    'if(u)setTimeout(function(){load("' + APP_FILE + '");},500);' +
    "})()\n";
}

export const WORKOUT_RUNNING =
  "A session is running on the watch (or waits in SpeedSeq to be resumed or saved): finish it, then send the workout again.";

export interface WriteOptions {
  crc: Crc;
  clock?: Clock;
  /** ms to wait for the answer once the snippet is written */
  firstMs?: number;
  attempts?: number;
  reconnects?: number;
  firstId?: number;
  log?: (line: string) => void;
}

export type WriteResult =
  | { ok: true; file: string; status: "new" | "replaced" | "same"; restarted: boolean; attempts: number }
  | { ok: false; file: string; refused: string };

/** a failure worth another attempt */
class Retry extends Error {}

/**
 * Writes one workout file on the watch: the snippet, its W answer checked (the file asked for,
 * the length and CRC-32 of the JSON sent), retried after a timeout, a garbled arrival or a dropped
 * link (Ctrl-C first, as the sync does: a snippet cut short may sit on the input line). Writing
 * the same bytes again changes nothing, so a retry after a lost answer is harmless. Refused while
 * a session runs; "full" (no room on the flash) fails at once. Closes the link it opened.
 */
export async function writeWorkout(connect: Connect, file: string, json: string, o: WriteOptions): Promise<WriteResult> {
  const clock = o.clock || realClock;
  const log = o.log || (() => {});
  const attempts = o.attempts || ATTEMPTS;
  const reconnects = o.reconnects ?? RECONNECTS;
  const firstMs = o.firstMs || FIRST_MS;
  workoutFile(file);
  workoutJson(json);
  const want = { len: String(json.length), crc: hex8(o.crc(json)) };
  const framer = new Framer(o.crc);
  let id = o.firstId || 1 + Math.floor(Math.random() * 1e6);
  let t: Transport | null = null;
  let off: (() => void) | null = null;
  let connects = 0;
  let sink: ((fr: Frame) => void) | null = null;
  let fail: ((e: Error) => void) | null = null;

  const drop = () => {
    if (off) off();
    off = null;
    t = null;
    framer.reset();
  };
  const link = async (): Promise<Transport> => {
    if (t) return t;
    let err: unknown;
    for (let i = 0; i <= reconnects; i++) {
      if (connects > 0 || i > 0) await sleep(clock, 300 * (i + 1));
      try {
        const c = await connect();
        framer.reset();
        off = c.onData((d) => {
          if (t !== c) return;
          for (const fr of framer.feed(d)) if (sink) sink(fr);
        });
        c.onClose(() => {
          if (t !== c) return;
          drop();
          if (fail) fail(new Retry("disconnected"));
        });
        t = c;
        if (connects++ > 0) await c.write("\x03");
        return c;
      } catch (e) {
        err = e;
        log("connect failed: " + e);
      }
    }
    throw new Error("cannot connect to the watch: " + err);
  };

  const once = (c: Transport, i: number): Promise<Frame> =>
    new Promise<Frame>((resolve, reject) => {
      let timer: unknown = null;
      let done = false;
      const end = (e: Error | null, fr?: Frame) => {
        if (done) return;
        done = true;
        if (timer !== null) clock.cancel(timer);
        sink = fail = null;
        if (e) reject(e);
        else resolve(fr as Frame);
      };
      sink = (fr) => {
        if (fr.id === i && fr.kind === "W") end(null, fr);
      };
      fail = (e) => end(e);
      // the snippet is up to ~5.5 KB: the time starts once the link has taken it
      c.write(writeWorkoutSnippet(i, file, json, o.crc)).then(
        () => {
          if (!done) timer = clock.after(firstMs, () => end(new Retry("no answer")));
        },
        (e) => {
          if (t === c) drop();
          end(new Retry("write failed: " + (e as Error).message));
        },
      );
    });

  try {
    for (let a = 1; ; a++) {
      const c = await link();
      const i = id;
      id = id >= MAX_ID ? 1 : id + 1;
      try {
        const fr = await once(c, i);
        const [name, status, len, crc] = fr.f;
        if (name !== file) throw new Retry("answer for " + name);
        if (status === "running") return { ok: false, file, refused: WORKOUT_RUNNING };
        if (status === "full") throw new Error("the watch has no room for " + file + " (its flash is full)");
        if (status === "garbled") throw new Retry("the workout arrived garbled");
        if (status !== "new" && status !== "replaced" && status !== "same") throw new Retry("unknown answer " + status);
        if (len !== want.len || crc !== want.crc) throw new Retry("the file on the watch is not the workout sent (" + len + " bytes, crc " + crc + ")");
        return { ok: true, file, status, restarted: fr.f[4] === "1", attempts: a };
      } catch (e) {
        if (!(e instanceof Retry) || a >= attempts) throw new Error("send " + file + ": " + (e as Error).message + " after " + a + " attempts");
        log("send " + file + ": " + e.message + ", retrying");
        try {
          if (t) await (t as Transport).write("\x03");
        } catch {
          // the next attempt reconnects
        }
      }
    }
  } finally {
    const c = t as Transport | null;
    drop();
    if (c) {
      try {
        await c.close();
      } catch {
        // gone already
      }
    }
  }
}
