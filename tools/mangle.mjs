// Which property names the watch build may shorten. Espruino runs app.js from source, so every
// `this.paceOutSince` costs its letters on flash and in parse time. A name is shortened only when
// our own watch code declares it (class fields, methods, interface members, object keys) and it
// is not a name anything outside the bundle sees: JS built-ins, the Bangle.js API (src/types),
// the JSON that lives in Storage (workouts, settings, history), and the option objects of
// E.showMenu / E.showPrompt / Bangle.setUI. esbuild renames every use of a listed name at once,
// so an external name left off the reserved list would break the app: the board tests run the
// built app through whole sessions and would show it.
import { readFileSync } from "node:fs";
import { tsFilesUnder } from "./checker/build-checks.mjs";

/** Files whose member names are JSON keys on flash or in uploads: never shortened. */
const FORMAT_FILES = ["src/engine/plan.ts", "src/watch/store.ts", "src/watch/settings.ts"];

/** Option keys of the firmware's menus, prompts and setUI, and Storage/StorageFile methods. */
const FIRMWARE_KEYS = (
  "title back remove value min max step format onchange selected wrap noList buttons mode btn touch swipe drag " +
  "read readJSON writeJSON list open erase getFree write readLine sf"
).split(" ");

/** Every own property name of the JS built-ins (prototypes and statics). */
function builtinNames() {
  const out = new Set();
  const objs = [Object, Array, String, Number, Boolean, Function, Math, JSON, Date, RegExp, Promise, Error,
    Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array, ArrayBuffer, DataView];
  // up the prototype chains: typed arrays get set/subarray/fill from %TypedArray%.prototype
  const addChain = (x) => { for (; x; x = Object.getPrototypeOf(x)) for (const n of Object.getOwnPropertyNames(x)) out.add(n); };
  for (const o of objs) {
    addChain(o);
    addChain(o.prototype);
  }
  return out;
}

const stripComments = (text) => text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
/** every identifier-like word of a file's code (comments left out) */
const words = (text) => stripComments(text).match(/[A-Za-z_$][\w$]*/g) || [];

/** Names declared as members in a TypeScript file: `name:`, `name?:`, `name(`, `this.name`. */
function declaredNames(text) {
  const code = stripComments(text).replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const out = new Set();
  for (const m of code.matchAll(/(?:^|[{,;\s])([A-Za-z_$][\w$]*)\??\s*[:(]/gm)) out.add(m[1]);
  for (const m of code.matchAll(/\bthis\.([A-Za-z_$][\w$]*)/g)) out.add(m[1]);
  return out;
}

/** The names the watch reads unshortened: built-ins, the Bangle.js API, JSON keys, firmware options. */
export function reservedNames() {
  const reserved = builtinNames();
  for (const f of ["src/types/bangle.d.ts", "src/types/espruino.d.ts", ...FORMAT_FILES]) for (const w of words(readFileSync(f, "utf8"))) reserved.add(w);
  for (const w of FIRMWARE_KEYS) reserved.add(w);
  return reserved;
}

/** The property names esbuild may shorten in the watch bundle, sorted. */
export function mangleNames() {
  const reserved = reservedNames();
  const mine = new Set();
  for (const f of [...tsFilesUnder("src/engine"), ...tsFilesUnder("src/watch")]) for (const n of declaredNames(readFileSync(f, "utf8"))) mine.add(n);
  return [...mine].filter((n) => !reserved.has(n) && n.length > 1).sort();
}

/** The esbuild `mangleProps` pattern for those names. */
export function manglePattern() {
  return new RegExp("^(" + mangleNames().join("|") + ")$");
}
