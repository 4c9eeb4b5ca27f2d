// The only JavaScript the phone ever sends the watch: a fixed set of snippets whose sole
// variable parts are numbers the builders check (request id, log number, chunk index, sizes,
// CRC, token). Log names are taken as text only after the regex in logNumber() and turned into a
// number, so nothing the phone received is ever sent back to be evaluated. Each snippet is one
// console line starting with 0x10 (not echoed), wrapped in a function so it leaves no globals but
// its own state (SSQ: the stream; SSQD: an armed delete), and answers in frames (frame.ts).
//
// The watch side, shared pieces (written as the watch runs them: ES5, no hoisting, "\n" escaped):
//   S   require("Storage");  H(c) 8 hex digits;  P(body) prints a frame for this request id
//   the manifest pass over log m in chunks of C bytes, never the whole file in RAM:
//   k chunks, z bytes, n newlines, q the seq of the last line whose own CRC verifies, e 1 if a
//   verified E (end) line was seen, c the chained CRC: c = CRC32(H(c) + H(CRC32(chunk))) per
//   chunk from c = 0 (E.CRC32 is one-shot: no running CRC across chunks)
import { SYNC_IDLE_MS } from "./limits";

export const LOG_PREFIX = "speedseq.log";
export const HISTORY = "speedseq.hist.json";
export const APP_FILE = "speedseq.app.js";

/** the log number of a session log's name, or throws: the one place a name becomes an argument */
export function logNumber(name: string): number {
  const m = /^speedseq\.log([0-9]{1,9})$/.exec(name);
  if (!m) throw new Error("not a session log name: " + JSON.stringify(name));
  return parseInt(m[1], 10);
}

/** an integer in [lo, hi] written as digits, or throws */
export function int(x: number, lo: number, hi: number, what: string): string {
  if (typeof x !== "number" || !isFinite(x) || Math.floor(x) !== x || x < lo || x > hi) throw new Error("bad " + what + ": " + x);
  return String(x);
}

export const MAX_ID = 2147483647;
export const CHUNK_MIN = 64;
export const CHUNK_MAX = 4096;
export const WINDOW_MAX = 16;

const id = (x: number) => int(x, 1, MAX_ID, "request id");
const num = (x: number) => int(x, 0, 999999999, "log number");

/** Storage, hex, and the frame printer of request i */
function pre(i: number): string {
  return 'var S=require("Storage"),H=function(c){return("0000000"+(c>>>0).toString(16)).slice(-8);},' +
    'P=function(b){b="' + id(i) + ',"+b;print("#Q:"+b+"*"+H(E.CRC32(b)));};';
}

/**
 * the manifest pass's state and steps for log n in chunks of ch bytes: A(chunk) absorbs, M() reports.
 * Per chunk only native calls run over its bytes: the lines are split natively, and V (a line's
 * own CRC) runs on the chunk's last complete lines until one verifies, and on lines starting with
 * E when the chunk holds one; so q ends as the seq of the last verifying line in file order.
 */
function man(n: number, ch: number): string {
  return 'var m="' + LOG_PREFIX + '"+' + num(n) + ',f=S.open(m,"r"),C=' + int(ch, CHUNK_MIN, CHUNK_MAX, "chunk size") + ',k=0,c=0,z=0,n=0,q=0,e=0,t="",' +
    'V=function(l){var s=l.indexOf("*");if(s>0&&l.length==s+9&&H(E.CRC32(l.substr(0,s)))==l.substr(s+1)){q=parseInt(l.substr(1),36);if(l.charAt(0)=="E")e=1;return 1;}},' +
    'A=function(d){c=E.CRC32(H(c)+H(E.CRC32(d)));z+=d.length;k++;var s=t+d,p=s.split("\\n"),j;t=p.pop();n+=p.length;' +
    'if(("\\n"+s).indexOf("\\nE")>=0)p.forEach(function(l){if(l.charAt(0)=="E")V(l);});for(j=p.length-1;j>=0&&!V(p[j]);j--);},' +
    'M=function(){if(t)V(t);t="";return m+","+C+","+k+","+z+","+n+","+q+","+e+","+H(c);};';
}

/** L: every session log's number list and the newest number N (-1 if none) */
const NEWEST = 'var L=S.list(/^speedseq\\.log[0-9]+$/,{sf:1}),N=-1;L.forEach(function(x){x=parseInt(x.substr(12),10);if(x>N)N=x;});';

function wrap(body: string): string {
  return "\x10(function(){" + body + "})()\n";
}

/**
 * List: one L frame per log (name, bytes, start s and duration s from the history file or empty,
 * base64 of its first line: the H record), then Z (count, SpeedSeq open 0/1, newest number,
 * running 0/1). Running: SpeedSeq is the app loaded (__FILE__) and its newest log has no verified
 * E line (a session in progress, or the resume-or-save prompt after a crash). Only the newest log
 * is ever read past its first line, and only then.
 */
export function listSnippet(i: number): string {
  return wrap(pre(i) + NEWEST +
    'var h=S.readJSON("' + HISTORY + '",1)||[],o=global.__FILE__=="' + APP_FILE + '"?1:0,r=0,i,j,x,v,u,l,g;' +
    'for(i=0;i<L.length;i++){x=L[i];v=parseInt(x.substr(12),10);u=0;for(j=0;j<h.length;j++)if(h[j][6]===v)u=h[j];' +
    'P("L,"+x+","+S.open(x,"r").getLength()+","+(u?u[0]+","+u[1]:",")+","+btoa((S.open(x,"r").readLine()||"").substr(0,240)));' +
    'if(o&&v==N&&!u){r=1;g=S.open(x,"r");while((l=g.readLine())!==undefined){if(l.charAt(l.length-1)=="\\n")l=l.substr(0,l.length-1);' +
    'var s=l.indexOf("*");if(l.charAt(0)=="E"&&s>0&&l.length==s+9&&H(E.CRC32(l.substr(0,s)))==l.substr(s+1))r=0;}}}' +
    'P("Z,"+L.length+","+o+","+N+","+r);');
}

/**
 * Stream log n from chunk `from` on, ch bytes a chunk, at most `win` chunks ahead of the last
 * ack: C frames (index, base64), then E (from, then the manifest of the whole file). The chunks
 * before `from` are read and absorbed into the manifest but not sent (no seek: a resume costs a
 * read of the file up to there, on the watch, not on the wire). One chunk per timer tick, so acks
 * and other events run between them. A stream not acked for SYNC_IDLE_MS ends itself; a new stream
 * replaces the old one touching only its data (its timer), never its code: a stream garbled on the
 * way in may hold functions that throw, and calling them would block every stream after it.
 */
export function streamSnippet(i: number, n: number, from: number, ch: number, win: number): string {
  return wrap(pre(i) + man(n, ch) +
    'var F=' + int(from, 0, 999999999, "chunk index") + ',W=' + int(win, 1, WINDOW_MAX, "window") + ',o=global.SSQ;if(o&&o.i>0)clearTimeout(o.i);' +
    'o=global.SSQ={a:F,i:0,' +
    'x:function(){if(o.i)clearTimeout(o.i);o.i=0;if(global.SSQ===o)delete global.SSQ;},' +
    'k:function(j,a){if(j==' + id(i) + '&&a>o.a){o.a=a;if(o.i)o.g();}},' +
    'g:function(){if(o.i)clearTimeout(o.i);o.i=0;for(;;){if(k>=o.a+W){o.i=setTimeout(o.x,' + SYNC_IDLE_MS + ');return;}' +
    'var d=f.read(C),j=k;if(d===undefined){P("E,"+F+","+M());return o.x();}A(d);' +
    'if(j>=F){P("C,"+j+","+btoa(d));o.i=setTimeout(o.g,0);return;}}}};o.g();');
}

/** the phone has every chunk below `next` of stream i */
export function ackSnippet(i: number, next: number): string {
  return "\x10global.SSQ&&SSQ.k(" + id(i) + "," + int(next, 0, 999999999, "chunk index") + ")\n";
}

/** ends any stream and disarms any delete now (the end of a sync); data only, like a new stream */
export function cancelSnippet(): string {
  return "\x10(function(){var o=global.SSQ;if(o&&o.i>0)clearTimeout(o.i);o=global.SSQD;if(o&&o.i>0)clearTimeout(o.i);delete global.SSQ;delete global.SSQD;})()\n";
}

/** M: the manifest of log n (chunks of ch bytes), computed in one pass */
export function manifestSnippet(i: number, n: number, ch: number): string {
  return wrap(pre(i) + man(n, ch) + 'var d;while((d=f.read(C))!==undefined)A(d);P("M,"+M());');
}

/**
 * Delete, step 1 of 2: the watch computes log n's manifest now and arms a delete of it with a
 * random token only if the log is not the newest (the app may still append to it, and keeping it
 * keeps log numbers from being reused), has an E line, and its size and chained CRC equal what
 * the phone verified. D frame: the manifest, the token (0: not armed) and why not (newest,
 * absent, open, changed). Repeating it re-arms with the same token (a duplicated write is harmless).
 */
export function armDeleteSnippet(i: number, n: number, ch: number, size: number, crc: number): string {
  return wrap(pre(i) + man(n, ch) + NEWEST +
    'var d;while((d=f.read(C))!==undefined)A(d);M();' +
    'var r=!z?"absent":' + num(n) + '==N?"newest":!e?"open":z!=' + int(size, 0, 999999999, "size") + '||c!=' + int(crc, 0, 4294967295, "crc") + '?"changed":"",o=global.SSQD;' +
    'if(o&&o.i>0)clearTimeout(o.i);if(r||!o||o.m!=m||o.d)o={m:m,t:r?0:Math.floor(Math.random()*999999999)+1,d:0,i:0};' +
    'delete global.SSQD;if(o.t){global.SSQD=o;o.i=setTimeout(function(){o.i=0;if(global.SSQD===o)delete global.SSQD;},' + SYNC_IDLE_MS + ');}' +
    'P("D,"+M()+","+o.t+","+r);');
}

/**
 * Delete, step 2: erases log n if it is the log armed with this token (the phone sends it only
 * after checking the D frame against its verified copy). X frame: the log, 1 if it is gone.
 * Idempotent: a repeat answers again without erasing anything else.
 */
export function deleteSnippet(i: number, n: number, token: number): string {
  return wrap(pre(i) + 'var o=global.SSQD;if(!o||o.t!=' + int(token, 1, 999999999, "token") + '||o.m!="' + LOG_PREFIX + '"+' + num(n) + ')return P("X,,0");' +
    'if(!o.d){S.open(o.m,"r").erase();o.d=1;}P("X,"+o.m+","+(S.open(o.m,"r").read(1)===undefined?1:0));');
}

/** every snippet kind, built with sample arguments (for the checker test and the docs) */
export function allSnippets(): Record<string, string> {
  return {
    list: listSnippet(7),
    stream: streamSnippet(7, 3, 2, 768, 4),
    ack: ackSnippet(7, 5),
    cancel: cancelSnippet(),
    manifest: manifestSnippet(7, 3, 768),
    armDelete: armDeleteSnippet(7, 3, 768, 12345, 4000000000),
    delete: deleteSnippet(7, 3, 123456789),
  };
}
