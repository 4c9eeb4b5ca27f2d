// A parent-aware walk over an acorn (ESTree) tree, plus the helpers the rules share.

/** Child nodes of an ESTree node, with the key they hang under. */
export function* children(node) {
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "start" || key === "end") continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === "string") yield [c, key];
    } else if (v && typeof v === "object" && typeof v.type === "string") {
      yield [v, key];
    }
  }
}

/** Calls visit(node, ancestors, keys) for every node; ancestors[0] is the root. */
export function walk(root, visit) {
  const ancestors = [];
  const keys = [];
  (function go(node, key) {
    visit(node, ancestors, keys, key);
    ancestors.push(node);
    keys.push(key);
    for (const [c, k] of children(node)) go(c, k);
    ancestors.pop();
    keys.pop();
  })(root, null);
}

export const isFunction = (n) =>
  n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression";

/** True when an Identifier under `parent` (at `key`) reads or writes a variable, not a property name or label. */
export function isReference(parent, key) {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
      return key !== "property" || parent.computed;
    case "Property":
    case "MethodDefinition":
    case "PropertyDefinition":
      return key !== "key" || parent.computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
    case "MetaProperty":
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
    case "ExportSpecifier":
      return false;
    default:
      return true;
  }
}

/** Names bound by a pattern (identifiers inside destructuring, defaults and rests included). */
export function patternNames(p, out = []) {
  if (!p) return out;
  switch (p.type) {
    case "Identifier": out.push(p.name); break;
    case "ObjectPattern": for (const q of p.properties) patternNames(q.type === "RestElement" ? q : q.value, out); break;
    case "ArrayPattern": for (const q of p.elements) patternNames(q, out); break;
    case "RestElement": patternNames(p.argument, out); break;
    case "AssignmentPattern": patternNames(p.left, out); break;
  }
  return out;
}

/** Every name declared anywhere inside a function (params, var/let/const, functions, classes, catch params). */
export function declaredInside(fn) {
  const names = new Set();
  for (const p of fn.params) for (const n of patternNames(p)) names.add(n);
  if (fn.type === "FunctionExpression" && fn.id) names.add(fn.id.name);
  walk(fn.body, (n) => {
    if (n.type === "VariableDeclarator") for (const x of patternNames(n.id)) names.add(x);
    else if ((n.type === "FunctionDeclaration" || n.type === "ClassDeclaration") && n.id) names.add(n.id.name);
    else if (n.type === "CatchClause" && n.param) for (const x of patternNames(n.param)) names.add(x);
    else if (isFunction(n)) for (const p of n.params) for (const x of patternNames(p)) names.add(x);
  });
  return names;
}
