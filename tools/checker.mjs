#!/usr/bin/env node
// The watch checker: parses JavaScript that will run on the Bangle.js 2 (Espruino 2v29) and
// reports what the interpreter rejects or silently gets wrong, at the TypeScript source line
// when a source map is given. Usage: node tools/checker.mjs <file.js> [--map file.map]
import { parse } from "acorn";
import { TraceMap, originalPositionFor, eachMapping } from "@jridgewell/trace-mapping";
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, isAbsolute } from "node:path";
import { walk, patternNames, isFunction } from "./checker/walk.mjs";
import { nodeRules } from "./checker/rules.mjs";
import { hoistingRule, loopClosureRule, topLevelRule } from "./checker/scopes.mjs";

/**
 * @typedef {{ rule: string, message: string, line: number, column: number, source?: string,
 *   sourceFile?: string, sourceLine?: number, sourceColumn?: number }} Finding
 * line/column: 1-based position in the JavaScript; source: "file:line:col" in the original (1-based).
 */

/** Turns a map's `sources` entry into a path relative to the working directory when the map's own path is known. */
function sourcePath(src, mapFile) {
  if (!mapFile || /^[a-z]+:/i.test(src)) return src;
  const abs = isAbsolute(src) ? src : resolve(dirname(mapFile), src);
  return relative(process.cwd(), abs);
}

/**
 * Checks one JavaScript text. `map`: its source map (JSON text or object); `mapFile`: where the map
 * lives (to resolve its sources); `file`: the JS file's name for messages; `topLevel: false` skips
 * the top-level convention (it only applies to the app bundle anyway).
 * @returns {Finding[]} sorted by position; empty when the file is fine for the watch.
 */
export function checkJs(code, opts = {}) {
  const file = opts.file ?? "<js>";
  let ast;
  try {
    ast = parse(code, { ecmaVersion: "latest", sourceType: "script", locations: true, allowReturnOutsideFunction: true });
  } catch (scriptErr) {
    try {
      ast = parse(code, { ecmaVersion: "latest", sourceType: "module", locations: true });
    } catch {
      const loc = scriptErr.loc ?? { line: 1, column: 0 };
      return [{ rule: "syntax", message: `cannot parse: ${scriptErr.message.replace(/ \(\d+:\d+\)$/, "")}`, line: loc.line, column: loc.column + 1 }];
    }
  }
  const tm = opts.map ? new TraceMap(typeof opts.map === "string" ? opts.map : JSON.stringify(opts.map)) : null;
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const locOf = (pos) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= pos) lo = mid; else hi = mid - 1; }
    return { line: lo + 1, column: pos - lineStarts[lo] };
  };
  // Mapped segments in generated order, as offsets into `code`.
  const segs = [];
  if (tm) eachMapping(tm, (m) => { if (m.source != null) segs.push({ off: lineStarts[m.generatedLine - 1] + m.generatedColumn, m }); });
  const firstSegFrom = (pos) => {
    let lo = 0, hi = segs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (segs[mid].off < pos) lo = mid + 1; else hi = mid; }
    return segs[lo];
  };
  /** Original position of a node: its first mapped token, else the nearest mapping before it. */
  const original = (node) => {
    if (!tm) return null;
    const s = firstSegFrom(node.start);
    if (s && s.off < node.end) return { source: s.m.source, line: s.m.originalLine, column: s.m.originalColumn };
    const o = originalPositionFor(tm, locOf(node.start));
    return o.source == null ? null : o;
  };
  // With a map, code that maps to no source is esbuild's own runtime helpers: not ours to check.
  const unmapped = (pos) => tm !== null && originalPositionFor(tm, locOf(pos)).source == null;
  /** The source name of an identifier the minifier renamed (from the map's `names`). */
  const nameOf = (node) => {
    const s = tm && firstSegFrom(node.start);
    return s && s.off === node.start && s.m.name ? s.m.name : node.name;
  };

  const findings = [];
  const seen = new Set();
  const report = (rule, node, message) => {
    const id = `${rule}@${node.start}`;
    if (seen.has(id) || unmapped(node.start)) return;
    seen.add(id);
    const { line, column } = locOf(node.start);
    /** @type {Finding} */
    const f = { rule, message, line, column: column + 1 };
    const o = original(node);
    if (o) {
      f.sourceFile = sourcePath(o.source, opts.mapFile);
      f.sourceLine = o.line;
      f.sourceColumn = o.column + 1;
      f.source = `${f.sourceFile}:${f.sourceLine}:${f.sourceColumn}`;
    }
    findings.push({ f, pos: node.start });
  };
  report.nameOf = nameOf;

  const declared = new Set();
  walk(ast, (n) => {
    if (n.type === "VariableDeclarator" || n.type === "CatchClause") for (const x of patternNames(n.id ?? n.param)) declared.add(x);
    if ((n.type === "FunctionDeclaration" || n.type === "ClassDeclaration") && n.id) declared.add(n.id.name);
    if (isFunction(n)) for (const p of n.params) for (const x of patternNames(p)) declared.add(x);
    // Methods the file defines itself: `.name()` calls may be to them, not to a missing built-in.
    const key = (n.type === "MethodDefinition" || (n.type === "Property" && (n.method || isFunction(n.value)))) && !n.computed ? n.key
      : n.type === "AssignmentExpression" && n.left.type === "MemberExpression" && !n.left.computed && isFunction(n.right) ? n.left.property : null;
    if (key && (key.type === "Identifier" || key.type === "Literal")) declared.add("." + (key.name ?? key.value));
  });
  walk(ast, (node, ancestors, keys, key) => nodeRules(node, ancestors, keys, key, report, declared));
  hoistingRule(ast, report);
  loopClosureRule(ast, report);
  if (opts.topLevel !== false) topLevelRule(ast, report, unmapped);
  findings.sort((a, b) => a.pos - b.pos);
  return findings.map((x) => ({ ...x.f, file }));
}

/** One line per finding: `src/engine/gps.ts:42:7 destructuring is not supported … [rule] (app.js:1:2040)`. */
export function formatFinding(f) {
  const js = `${f.file ?? "<js>"}:${f.line}:${f.column}`;
  return f.source ? `${f.source} ${f.message} [${f.rule}] (${js})` : `${js} ${f.message} [${f.rule}]`;
}

/** Checks a built file on disk, with its source map when given (for the settings page, the icon, …). */
export function checkBuiltFile(jsPath, mapPath, opts = {}) {
  const code = readFileSync(jsPath, "utf8");
  const map = mapPath ? readFileSync(mapPath, "utf8") : undefined;
  return checkJs(code, { ...opts, map, mapFile: mapPath, file: relative(process.cwd(), jsPath) });
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const args = process.argv.slice(2);
  const mi = args.indexOf("--map");
  const mapPath = mi >= 0 ? args[mi + 1] : undefined;
  const files = args.filter((_, i) => mi < 0 || (i !== mi && i !== mi + 1));
  if (files.length !== 1) {
    console.error("usage: node tools/checker.mjs <file.js> [--map file.map]");
    process.exit(2);
  }
  const found = checkBuiltFile(files[0], mapPath);
  for (const f of found) console.log(formatFinding(f));
  console.log(found.length ? `${files[0]}: ${found.length} problem(s) for Espruino 2v29` : `${files[0]}: ok for Espruino 2v29`);
  process.exit(found.length ? 1 : 0);
}
