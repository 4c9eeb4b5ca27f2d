// Rules that need scopes: no hoisting on Espruino, shared let/const loop bindings, and the
// "declarations only, then one start() call" shape of the bundle's top level.
import { walk, children, isFunction, isReference, patternNames, declaredInside } from "./walk.mjs";

/** Names declared with let/const/class directly in a block-like node (they shadow outer names inside it). */
function blockNames(node) {
  const out = [];
  const stmts = node.type === "BlockStatement" || node.type === "Program" ? node.body
    : node.type === "SwitchStatement" ? node.cases.flatMap((c) => c.consequent) : [];
  for (const s of stmts) {
    if (s.type === "VariableDeclaration" && s.kind !== "var") for (const d of s.declarations) out.push(...patternNames(d.id));
    if (s.type === "ClassDeclaration" && s.id) out.push(s.id.name);
  }
  for (const k of ["init", "left"]) {
    const d = node[k];
    if ((node.type === "ForStatement" || node.type === "ForInStatement" || node.type === "ForOfStatement") && d && d.type === "VariableDeclaration" && d.kind !== "var")
      for (const x of d.declarations) out.push(...patternNames(x.id));
  }
  if (node.type === "CatchClause" && node.param) out.push(...patternNames(node.param));
  return out;
}

/** Function declarations and first `var` positions that belong to one scope (not to nested functions). */
function scopeDecls(root) {
  const funcs = new Map();
  const vars = new Map();
  const body = root.type === "Program" ? root : root.body;
  (function go(n) {
    for (const [c] of children(n)) {
      if (c.type === "FunctionDeclaration") {
        if (!funcs.has(c.id.name)) funcs.set(c.id.name, c.start);
        continue;
      }
      if (isFunction(c) || c.type === "ClassBody") continue;
      if (c.type === "VariableDeclaration" && c.kind === "var")
        for (const d of c.declarations) for (const name of patternNames(d.id)) if (!vars.has(name)) vars.set(name, d.id.start);
      go(c);
    }
  })(body);
  return { funcs, vars };
}

/**
 * No hoisting: code that runs at a scope's own level (not inside a function created there, but
 * including immediately-invoked ones) must not use a function or var declared later in that scope.
 */
export function hoistingRule(ast, report) {
  const roots = [ast];
  walk(ast, (n) => { if (isFunction(n)) roots.push(n); });
  for (const root of roots) {
    const { funcs, vars } = scopeDecls(root);
    if (!funcs.size && !vars.size) continue;
    const body = root.type === "Program" ? root : root.body;
    (function go(n, parent, key, shadow) {
      if (n !== body && isFunction(n)) {
        const iife = parent && parent.type === "CallExpression" && key === "callee" && n.type !== "FunctionDeclaration";
        if (!iife) return;
        shadow = new Set([...shadow, ...declaredInside(n)]);
      }
      if (n.type === "ClassBody" || n.type === "PropertyDefinition") return;
      const local = blockNames(n);
      if (local.length) shadow = new Set([...shadow, ...local]);
      if (n.type === "Identifier" && isReference(parent, key) && !shadow.has(n.name)) {
        const called = parent && (parent.type === "CallExpression" || parent.type === "NewExpression") && key === "callee";
        if (funcs.has(n.name) && n.start < funcs.get(n.name))
          report("hoisting", n, `${called ? "call to" : "use of"} function ${report.nameOf(n)}() before its declaration runs: Espruino 2v29 does not hoist (declare it above this line)`);
        else if (!funcs.has(n.name) && vars.has(n.name) && n.start < vars.get(n.name))
          report("hoisting", n, `var ${report.nameOf(n)} is used before its declaration: Espruino 2v29 does not hoist vars (declare it above this line)`);
      }
      for (const [c, k] of children(n)) go(c, n, k, shadow);
    })(body, null, null, new Set());
  }
}

/** let/const in a loop head is one binding for all iterations on Espruino: closures see the last value. */
export function loopClosureRule(ast, report) {
  walk(ast, (n) => {
    let decl = null;
    let regions = [];
    if (n.type === "ForStatement") { decl = n.init; regions = [n.test, n.update, n.body]; }
    else if (n.type === "ForInStatement" || n.type === "ForOfStatement") { decl = n.left; regions = [n.body]; }
    if (!decl || decl.type !== "VariableDeclaration" || decl.kind === "var") return;
    const names = decl.declarations.flatMap((d) => patternNames(d.id));
    for (const region of regions) {
      if (!region) continue;
      walk(region, (f, anc) => {
        if (!isFunction(f) || anc.some(isFunction)) return; // outermost closures only
        const own = declaredInside(f);
        const seen = new Set();
        walk(f, (id, a2, k2, key) => {
          if (id.type !== "Identifier" || !names.includes(id.name) || own.has(id.name) || seen.has(id.name)) return;
          if (!isReference(a2[a2.length - 1], key)) return;
          seen.add(id.name);
          report("loop-closure", id, `loop variable ${report.nameOf(id)} (let/const in the loop head) is captured by a function created in the loop: Espruino 2v29 shares one binding across iterations, so it sees the last value (pass it as a parameter, or copy it into a function's own variable)`);
        });
      });
    }
  });
}

const PURE_CTORS = new Set(["Array", "Object", "Date", "RegExp", "Error", "ArrayBuffer", "DataView", "Int8Array", "Uint8Array",
  "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "WeakMap"]);

function containsCall(fn) {
  let found = false;
  (function go(n) {
    for (const [c] of children(n)) {
      if (isFunction(c)) continue;
      if (c.type === "CallExpression" || c.type === "NewExpression" || c.type === "TaggedTemplateExpression") found = true;
      else go(c);
    }
  })(fn.body);
  return found;
}

/** True when evaluating `e` at load time only builds values (no calls into app code). */
function pure(e, ctx) {
  if (!e) return true;
  const all = (xs) => xs.every((x) => pure(x, ctx));
  switch (e.type) {
    case "Literal": case "Identifier": case "ThisExpression": case "FunctionExpression": case "ArrowFunctionExpression":
      return true;
    case "ClassExpression": case "ClassDeclaration":
      return pure(e.superClass, ctx);
    case "TemplateLiteral": return all(e.expressions);
    case "ArrayExpression": return all(e.elements.filter(Boolean));
    case "ObjectExpression": return e.properties.every((p) => p.type === "SpreadElement" ? pure(p.argument, ctx) : (!p.computed || pure(p.key, ctx)) && pure(p.value, ctx));
    case "SpreadElement": return pure(e.argument, ctx);
    case "UnaryExpression": return e.operator !== "delete" && pure(e.argument, ctx);
    case "BinaryExpression": case "LogicalExpression": return pure(e.left, ctx) && pure(e.right, ctx);
    case "ConditionalExpression": return all([e.test, e.consequent, e.alternate]);
    case "MemberExpression": return pure(e.object, ctx) && (!e.computed || pure(e.property, ctx));
    case "SequenceExpression": return all(e.expressions);
    case "AssignmentExpression":
      return e.left.type === "Identifier" && ctx.topNames.has(e.left.name) && pure(e.right, ctx);
    case "NewExpression":
      return e.callee.type === "Identifier" && PURE_CTORS.has(e.callee.name) && all(e.arguments);
    case "CallExpression": {
      const c = e.callee;
      if (c.type === "Identifier" && ctx.helpers.has(c.name)) return all(e.arguments);
      const isRequire = (c.type === "Identifier" && c.name === "require") ||
        (c.type === "MemberExpression" && !c.computed && c.property.name === "require" && c.object.type === "Identifier" && c.object.name === "globalThis");
      if (isRequire) return e.arguments.length === 1 && e.arguments[0].type === "Literal";
      if (c.type === "MemberExpression" && !c.computed && c.object.type === "Identifier" &&
          (c.object.name === "Math" || (c.object.name === "String" && c.property.name === "fromCharCode"))) return all(e.arguments);
      // a string constant's words: "a b c".split(" ") (the log's code tables)
      if (c.type === "MemberExpression" && !c.computed && c.property.name === "split" && (c.object.type === "Literal" || c.object.type === "Identifier") &&
          e.arguments.length === 1 && e.arguments[0].type === "Literal") return true;
      if ((c.type === "ArrowFunctionExpression" || c.type === "FunctionExpression") && !containsCall(c)) return all(e.arguments);
      return false;
    }
    default:
      return false;
  }
}

/**
 * The statements of a bundle's top level: inside an app's `(()=>{ … })()` wrapper, or inside a
 * screen file's `(function(A,X){ … })` (a function expression the app evaluates and calls); null
 * when the file is neither.
 */
function bundleBody(ast) {
  const stmts = ast.body.filter((s) => !s.directive && s.type !== "EmptyStatement");
  if (stmts.length !== 1 || stmts[0].type !== "ExpressionStatement") return null;
  let e = stmts[0].expression;
  if (e.type === "FunctionExpression" && e.body.type === "BlockStatement") return e.body.body;
  if (e.type === "UnaryExpression") e = e.argument;
  if (e.type !== "CallExpression" || e.arguments.length) return null;
  const fn = e.callee;
  if ((fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") || fn.body.type !== "BlockStatement") return null;
  return fn.body.body;
}

/**
 * Modules only declare things; the bundle ends with exactly one call, its entry's (the app's
 * start() in src/watch/main.ts, a screen's own function). Checked on an app's iife and on a screen
 * file's function expression. `unmapped(pos)` tells esbuild's own helpers (no source) apart.
 */
export function topLevelRule(ast, report, unmapped) {
  const body = bundleBody(ast);
  if (!body) return;
  const stmts = body.filter((s) => !s.directive && s.type !== "EmptyStatement");
  const topNames = new Set();
  const helpers = new Set();
  for (const s of stmts) {
    if (s.type === "VariableDeclaration") for (const d of s.declarations) for (const n of patternNames(d.id)) {
      topNames.add(n);
      if (n.startsWith("__") || unmapped(d.start)) helpers.add(n);
    }
    if ((s.type === "FunctionDeclaration" || s.type === "ClassDeclaration") && s.id) topNames.add(s.id.name);
  }
  const ctx = { topNames, helpers };
  const last = stmts[stmts.length - 1];
  const startCall = last && last.type === "ExpressionStatement" && last.expression.type === "CallExpression" && !pure(last.expression, ctx) ? last : null;
  if (!startCall && last)
    report("top-level", last, "a watch bundle must end with exactly one call of its entry (src/watch/main.ts's start(), a screen's own function); this bundle ends with something else");
  for (const s of stmts) {
    if (s === startCall) continue;
    let ok;
    if (s.type === "FunctionDeclaration") ok = true;
    else if (s.type === "ClassDeclaration") ok = pure(s, ctx);
    else if (s.type === "VariableDeclaration") ok = s.declarations.every((d) => pure(d.init, ctx));
    else if (s.type === "ExpressionStatement") ok = pure(s.expression, ctx);
    else ok = false;
    if (!ok) report("top-level", s, "top-level code runs when the file loads: modules may only declare things, and only the entry runs code, with one final call (move this into a function)");
  }
}
