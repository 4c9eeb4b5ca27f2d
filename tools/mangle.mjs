// Which property names the watch build may shorten. Espruino runs app.js from source, so every
// `this.paceOutSince` costs its letters on flash and in parse time. A name is shortened only when
// our own watch code declares it (class fields, methods, interface members, object keys) and it
// is not a name anything outside the bundle sees. Those come from declarations, not from lists:
// every member (and global) declared in src/types (the Bangle.js API and the language Espruino
// adds), every member of TypeScript's lib files that tsconfig.watch.json uses (the JS built-ins
// the watch code can type-check against), and every word of the files that define the JSON that
// lives in Storage (workouts, settings, history) and the Storage API. A built-in reached only
// through `any` is not covered: declare it in src/types/espruino.d.ts. esbuild renames every use of
// a listed name at once, so an external name left off the reserved list would break the app: the
// board tests run the built app through whole sessions and would show it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { tsFilesUnder } from "./checker/build-checks.mjs";

/** Files whose member names are JSON keys on flash or in uploads (store.ts also declares the Storage API): never shortened. */
const FORMAT_FILES = ["src/engine/plan.ts", "src/watch/store.ts", "src/watch/settings.ts"];

/** The declarations of what the watch provides (tsconfig.watch.json includes them all). */
const TYPES_DIR = "src/types";

/**
 * Option keys of E.showMenu and E.showPrompt, which bangle.d.ts takes as a plain `object`; once it
 * declares their option types, this list can go.
 */
const UNDECLARED_KEYS = ["title", "value", "min", "max", "step", "format", "onchange", "selected", "wrap", "noList", "buttons"];

const stripComments = (text) => text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
/** every identifier-like word of a file's code (comments left out) */
const words = (text) => stripComments(text).match(/[A-Za-z_$][\w$]*/g) || [];

const MODIFIERS = new Set(["readonly", "get", "set", "static", "public", "private", "protected", "abstract", "declare", "export", "function", "var", "let", "const", "class", "interface", "namespace", "module", "enum", "type"]);

/**
 * The names a declaration file (.d.ts) declares: members of interfaces, classes, namespaces and
 * object types at any depth (`name:`, `name?:`, `name(`, `name<T>(`, `get name()`, `"name":`), its
 * global vars, functions, classes and namespaces, and every name-like string literal type: the
 * firmware uses those as keys too (`on(ev: "GPS", …)`: an object of listeners keyed by event name
 * must keep its keys). Parameter names, type parameters and index signatures' keys are not names
 * anything reads, so they are left out.
 */
export function declaredInDts(text) {
  const code = text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  const tokens = code.match(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|=>|[A-Za-z_$][\w$]*|\S/g) || [];
  const out = new Set();
  const open = []; // enclosing brackets: { ( [ <
  let prev = ";"; // the token before, ";" at the start of a statement or member
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === "{" || t === "(" || t === "[" || t === "<") open.push(t);
    else if (t === "}" || t === ")" || t === "]" || t === ">") open.pop();
    const inner = open.length ? open[open.length - 1] : "";
    const name = /^[A-Za-z_$]/.test(t) ? t : /^["']/.test(t) ? t.slice(1, -1) : null;
    if (/^["'][A-Za-z_$][\w$]*["']$/.test(t)) out.add(name);
    if (name !== null && (inner === "{" || inner === "")) {
      const memberStart = prev === "{" || prev === ";" || prev === "," || prev === "}" || MODIFIERS.has(prev);
      let j = i + 1;
      if (tokens[j] === "?" || tokens[j] === "!") j++;
      const next = tokens[j];
      const declares = next === ":" || next === "(" || next === "<" || next === ";" || next === "," || next === "}" || next === "=" || next === "{" || next === "extends";
      // `get`/`readonly`/… before another name are modifiers, not members
      const modifierHere = MODIFIERS.has(name) && /^[A-Za-z_$"']/.test(tokens[i + 1] || "");
      if (memberStart && declares && !modifierHere) out.add(name);
    }
    prev = t;
  }
  return out;
}

/** TypeScript's lib files (lib.<name>.d.ts) that tsconfig.watch.json's `lib` names, with the libs they reference. */
export function watchLibFiles() {
  const libs = JSON.parse(readFileSync("tsconfig.watch.json", "utf8")).compilerOptions.lib;
  const dir = typescriptLibDir();
  const files = [];
  const todo = libs.map((l) => l.toLowerCase());
  while (todo.length) {
    const f = join(dir, `lib.${todo.shift()}.d.ts`);
    if (files.includes(f)) continue;
    if (!existsSync(f)) throw new Error(`tools/mangle.mjs: TypeScript's ${f} is missing (npm install)`);
    files.push(f);
    for (const m of readFileSync(f, "utf8").matchAll(/^\/\/\/\s*<reference\s+lib="([^"]+)"/gm)) todo.push(m[1].toLowerCase());
  }
  return files;
}

/** Where the installed TypeScript keeps its lib .d.ts files (TypeScript 7 ships them in its platform package). */
function typescriptLibDir() {
  const req = createRequire(join(process.cwd(), "package.json"));
  const tsDir = dirname(req.resolve("typescript/package.json"));
  const candidates = [join(tsDir, "lib")];
  try {
    const fromTs = createRequire(join(tsDir, "package.json"));
    candidates.push(join(dirname(fromTs.resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`)), "lib"));
  } catch {
    // not TypeScript 7, or no platform package: the first candidate is the only one
  }
  const dir = candidates.find((d) => existsSync(join(d, "lib.es5.d.ts")));
  if (!dir) throw new Error(`tools/mangle.mjs: no lib.es5.d.ts in ${candidates.join(" or ")} (npm install)`);
  return dir;
}

/** Names declared as members in a TypeScript file: `name:`, `name?:`, `name(`, `this.name`. */
function declaredNames(text) {
  const code = stripComments(text).replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const out = new Set();
  for (const m of code.matchAll(/(?:^|[{,;\s])([A-Za-z_$][\w$]*)\??\s*[:(]/gm)) out.add(m[1]);
  for (const m of code.matchAll(/\bthis\.([A-Za-z_$][\w$]*)/g)) out.add(m[1]);
  return out;
}

/** The names TypeScript's libs declare (read once: they do not change while a process runs, and take ~0.1 s to read). */
let libNames = null;

/** Every name the build must keep: declared in src/types and the watch's TypeScript libs, the format files' words, the undeclared option keys. */
export function reservedNames() {
  if (!libNames) {
    libNames = new Set();
    for (const f of watchLibFiles()) for (const n of declaredInDts(readFileSync(f, "utf8"))) libNames.add(n);
  }
  const reserved = new Set([...libNames, ...UNDECLARED_KEYS]);
  const dts = readdirSync(TYPES_DIR).filter((f) => f.endsWith(".d.ts")).map((f) => join(TYPES_DIR, f));
  for (const f of dts) for (const n of declaredInDts(readFileSync(f, "utf8"))) reserved.add(n);
  for (const f of FORMAT_FILES) for (const w of words(readFileSync(f, "utf8"))) reserved.add(w);
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
