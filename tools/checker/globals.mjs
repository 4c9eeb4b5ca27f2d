// The shell stays thin: in src/watch only the wiring entry of each bundle (WIRING) may name the
// watch's globals Bangle, E, g and require; every other file gets them as ports (app.ts W, passed
// in by main.ts). A file breaks the rule when its code refers to one of those globals: a name no
// enclosing scope declares (a parameter or variable called `g` is a port, not the global), or
// `globalThis.<name>`. Each file is transpiled alone (esbuild, types erased) and its scopes read
// with acorn; findings are at the TypeScript line.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { transformSync } from "esbuild";
import { parse } from "acorn";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { walk, children, isFunction, isReference, patternNames } from "./walk.mjs";

/** the watch's globals that only a wiring entry may name */
export const WATCH_GLOBALS = ["Bangle", "E", "g", "require"];
/** the wiring entries: main.ts (speedseq.app.js; the screens get everything through it) and the Settings page */
export const WIRING = ["src/watch/main.ts", "src/watch/settings.ts"];

/** Names a scope node binds itself (not those of the scopes nested in it). */
function bound(node) {
  const out = new Set();
  const addDecl = (s) => {
    if (s.type === "VariableDeclaration") for (const d of s.declarations) for (const n of patternNames(d.id)) out.add(n);
    else if ((s.type === "FunctionDeclaration" || s.type === "ClassDeclaration") && s.id) out.add(s.id.name);
    else if (s.type === "ImportDeclaration") for (const sp of s.specifiers) out.add(sp.local.name);
    else if ((s.type === "ExportNamedDeclaration" || s.type === "ExportDefaultDeclaration") && s.declaration) addDecl(s.declaration);
  };
  // `var` (and function declarations in blocks) belong to the enclosing function or the module
  const hoisted = (body) => (function go(n) {
    for (const [c] of children(n)) {
      if (isFunction(c) || c.type === "ClassBody") continue;
      if (c.type === "VariableDeclaration" && c.kind === "var") addDecl(c);
      if (c.type === "FunctionDeclaration" && c.id) out.add(c.id.name);
      go(c);
    }
  })(body);
  if (node.type === "Program") {
    for (const s of node.body) addDecl(s);
    hoisted(node);
  } else if (isFunction(node)) {
    for (const p of node.params) for (const n of patternNames(p)) out.add(n);
    if (node.type === "FunctionExpression" && node.id) out.add(node.id.name);
    hoisted(node.body);
  } else if (node.type === "ClassExpression" && node.id) out.add(node.id.name);
  else if (node.type === "BlockStatement" || node.type === "StaticBlock") for (const s of node.body) addDecl(s);
  else if (node.type === "SwitchStatement") for (const c of node.cases) for (const s of c.consequent) addDecl(s);
  else if (node.type === "ForStatement" && node.init && node.init.type === "VariableDeclaration") addDecl(node.init);
  else if ((node.type === "ForInStatement" || node.type === "ForOfStatement") && node.left.type === "VariableDeclaration") addDecl(node.left);
  else if (node.type === "CatchClause" && node.param) for (const n of patternNames(node.param)) out.add(n);
  return out;
}

/** Where a TypeScript text refers to the watch globals: `[{ line, name }]` (1-based TypeScript lines). */
export function globalRefs(text, names = WATCH_GLOBALS) {
  const js = transformSync(text, { loader: "ts", format: "esm", sourcemap: "external", sourcefile: "x.ts" });
  const ast = parse(js.code, { ecmaVersion: "latest", sourceType: "module", locations: true });
  const tm = new TraceMap(js.map);
  const cache = new Map();
  const binds = (n) => {
    if (!cache.has(n)) cache.set(n, bound(n));
    return cache.get(n);
  };
  const out = [];
  const at = (node, name) => {
    const o = originalPositionFor(tm, { line: node.loc.start.line, column: node.loc.start.column });
    out.push({ line: o.line ?? node.loc.start.line, name });
  };
  walk(ast, (node, ancestors, keys, key) => {
    const parent = ancestors[ancestors.length - 1];
    if (node.type === "Identifier" && names.includes(node.name) && isReference(parent, key)) {
      if (!ancestors.some((a) => binds(a).has(node.name))) at(node, node.name);
    } else if (node.type === "MemberExpression" && !node.computed && node.object.type === "Identifier" &&
        (node.object.name === "globalThis" || node.object.name === "global") && names.includes(node.property.name) &&
        !ancestors.some((a) => binds(a).has(node.object.name))) {
      at(node, `${node.object.name}.${node.property.name}`);
    }
  });
  return out;
}

function tsFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(relative(process.cwd(), resolve(p)));
  }
  return out.sort();
}

/** Files under `dir` (src/watch), but the wiring entries, that name a watch global: `[{ file, line, name }]`. */
export function globalNames(dir, wiring = WIRING) {
  const allowed = new Set(wiring.map((f) => relative(process.cwd(), resolve(f))));
  const out = [];
  for (const file of tsFiles(dir)) {
    if (allowed.has(file)) continue;
    for (const r of globalRefs(readFileSync(file, "utf8"))) out.push({ file, ...r });
  }
  return out;
}

/** One failure line: `src/watch/run.ts:12: names the watch global Bangle: …`. */
export function formatGlobal(n) {
  return `${n.file}:${n.line}: names the watch global ${n.name}: only the wiring entries (${WIRING.join(", ")}) may; take it as a port (app.ts W) instead`;
}
