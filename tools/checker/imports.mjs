// The engine stays pure: no file under src/engine may import anything outside src/engine (the
// watch shell, the sim, tools, npm packages). `tsc -p tsconfig.engine.json` follows such an import
// and passes as long as the imported file happens to use no watch globals, so the build reads the
// import lines of every engine file itself.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** Every .ts file under `dir`, .d.ts included, as paths relative to the working directory. */
function allTsUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allTsUnder(p));
    else if (/\.(c|m)?tsx?$/.test(e.name)) out.push(relative(process.cwd(), resolve(p)));
  }
  return out.sort();
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = /(?:^|[^\w$])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

/**
 * The code with every comment blanked (newlines kept), and which characters sit inside a string,
 * template literal or regular expression (`literal[i]` is 1). Literals are skipped over whole, so a
 * `//` inside one is not a comment and a quote inside a comment or a regular expression does not
 * start a string.
 */
export function scanCode(text) {
  const literal = new Uint8Array(text.length);
  let out = "";
  let i = 0;
  let prev = ""; // the last code character before i that is not a space
  const templates = []; // brace depths of the `${` we are inside
  let depth = 0;
  const blank = (s) => s.replace(/[^\n]/g, " ");
  while (i < text.length) {
    const c = text[i];
    const d = text[i + 1];
    let j = i + 1;
    if (c === "/" && d === "/") {
      while (j < text.length && text[j] !== "\n") j++;
      out += blank(text.slice(i, j));
      i = j;
      continue;
    }
    if (c === "/" && d === "*") {
      const end = text.indexOf("*/", i + 2);
      j = end < 0 ? text.length : end + 2;
      out += blank(text.slice(i, j));
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      j++;
    } else if (c === "`" || (c === "}" && templates.length && templates[templates.length - 1] === depth)) {
      if (c === "}") templates.pop();
      while (j < text.length && text[j] !== "`" && !(text[j] === "$" && text[j + 1] === "{")) j += text[j] === "\\" ? 2 : 1;
      if (text[j] === "$") { templates.push(depth); j += 2; }
      else j++;
    } else if (c === "/" && (prev === "" || "(,=:[!&|?{};+-*%<>~^".includes(prev) || BEFORE_REGEX.test(out.slice(-16).trimEnd()))) {
      let cls = false;
      while (j < text.length && text[j] !== "\n" && (cls || text[j] !== "/")) {
        if (text[j] === "[") cls = true;
        else if (text[j] === "]") cls = false;
        j += text[j] === "\\" ? 2 : 1;
      }
      j++;
    } else if (c === "{") depth++;
    else if (c === "}") depth--;
    j = Math.min(j, text.length);
    if (j > i + 1) literal.fill(1, i, j);
    out += text.slice(i, j);
    if (!/\s/.test(c)) prev = text[j - 1];
    i = j;
  }
  return { code: out, literal };
}

/**
 * The module specifiers a TypeScript file imports: `import … from "x"`, `import type …`, `import "x"`,
 * `export … from "x"`, `import("x")`, `import x = require("x")` and `require("x")`.
 */
export function importsOf(text) {
  const { code, literal } = scanCode(text);
  const out = [];
  const patterns = [
    /(?<![\w$.])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?(["'])([^"'\n]+)\1/g,
    /(?<![\w$.])(?:import|require)\s*\(\s*(["'])([^"'\n]+)\1/g,
  ];
  for (const re of patterns)
    for (const m of code.matchAll(re)) if (!literal[m.index]) out.push({ spec: m[2], index: m.index + m[0].indexOf(m[1] + m[2]) });
  out.sort((a, b) => a.index - b.index);
  const lineOf = (at) => code.slice(0, at).split("\n").length;
  return out.map((x) => ({ spec: x.spec, line: lineOf(x.index) }));
}

/**
 * Imports in the files under `dir` (src/engine) of anything outside `dir`: a relative path that
 * leaves it, or a package / built-in module. `[{ file, line, spec, target }]`, target being the
 * resolved path (relative to the working directory) or the bare name.
 */
export function escapingImports(dir) {
  const root = resolve(dir);
  const out = [];
  for (const file of allTsUnder(dir)) {
    for (const { spec, line } of importsOf(readFileSync(file, "utf8"))) {
      const relativeSpec = spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..";
      if (relativeSpec || isAbsolute(spec)) {
        const abs = resolve(dirname(resolve(file)), spec);
        const inside = relative(root, abs);
        if (inside !== ".." && !inside.startsWith(".." + sep) && !isAbsolute(inside)) continue;
        out.push({ file, line, spec, target: relative(process.cwd(), abs) });
      } else {
        out.push({ file, line, spec, target: spec });
      }
    }
  }
  return out;
}

/** One failure line: `src/engine/x.ts:3: imports "../watch/app" (src/watch/app): …`. */
export function formatEscape(i) {
  return `${i.file}:${i.line}: imports "${i.spec}" (${i.target}): src/engine may import only from src/engine (pass what it needs in through a port or a parameter)`;
}
