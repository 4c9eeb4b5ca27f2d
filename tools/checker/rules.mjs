// Node-by-node rules: syntax Espruino 2v29 rejects and built-ins it lacks (see FACTS.md).
import { children, isFunction, isReference } from "./walk.mjs";
import { regexpProblems } from "./regexp.mjs";

const NS = "is not supported by Espruino 2v29";
const NSP = "are not supported by Espruino 2v29";

const GLOBALS = {
  Map: "use a plain object keyed by string, or parallel arrays",
  Set: "use a plain object of flags, or an array with indexOf",
  WeakMap: "use a plain property; esbuild also emits WeakMap for #private fields",
  WeakSet: "use a plain property",
  Symbol: "use a string key",
  Proxy: "write explicit accessors",
  Reflect: "use Object.* and Function.apply",
};

const STATICS = {
  Array: { from: "copy with a for loop or [].slice.call(x)", of: "write an array literal" },
  Number: {
    isFinite: "use the global isFinite()", isInteger: "use x === Math.floor(x)", isNaN: "use the global isNaN() or x !== x",
    isSafeInteger: "compare against 9007199254740991", EPSILON: "write the literal 2.220446049250313e-16",
    MAX_SAFE_INTEGER: "write the literal 9007199254740991", MIN_SAFE_INTEGER: "write the literal -9007199254740991",
  },
  Math: {
    hypot: "use Math.sqrt(x*x + y*y)", trunc: "use x < 0 ? Math.ceil(x) : Math.floor(x)",
    log2: "use Math.log(x) / Math.LN2", log10: "use Math.log(x) / Math.LN10", cbrt: "use Math.pow(x, 1/3) with care for negatives",
  },
  Object: { freeze: "drop it (nothing on the watch mutates it by accident)", is: "use === (and x !== x for NaN)" },
  Promise: { race: "resolve from the first callback yourself", allSettled: "count results in then/catch", any: "count rejections yourself" },
  String: { raw: "escape the backslashes" },
};
for (const t of ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array"]) {
  STATICS[t] = { from: "use new " + t + "(n) and fill it in a loop", of: "use new " + t + "([…])" };
}

const METHODS = {
  flat: "Array flat() is missing (concat the parts in a loop)",
  flatMap: "Array flatMap() is missing (map, then concat in a loop)",
  at: "Array/String at() is missing (index with x[i], x[x.length - 1])",
  findLast: "Array findLast() is missing (loop backwards)",
  findLastIndex: "Array findLastIndex() is missing (loop backwards)",
  reduceRight: "Array reduceRight() is missing (loop backwards)",
  lastIndexOf: "Array lastIndexOf() is missing (loop backwards)",
  trimStart: "String trimStart() is missing (use replace(/^\\s+/, \"\"))",
  trimEnd: "String trimEnd() is missing (use replace(/\\s+$/, \"\"))",
  localeCompare: "String localeCompare() is missing (compare with < and >)",
  finally: "Promise finally() is missing (call the handler in both then and catch)",
};

/** `typeof X !== "undefined"` style test for name X: +1 when true means X exists, -1 when it means missing. */
function typeofTest(test, name) {
  if (test.type === "LogicalExpression" && test.operator === "&&") return typeofTest(test.left, name) || typeofTest(test.right, name);
  if (test.type !== "BinaryExpression") return 0;
  const sides = [test.left, test.right];
  const t = sides.find((s) => s.type === "UnaryExpression" && s.operator === "typeof" && s.argument.type === "Identifier" && s.argument.name === name);
  const lit = sides.find((s) => s.type === "Literal" && s.value === "undefined");
  if (!t || !lit) return 0;
  if (test.operator === "!==" || test.operator === "!=") return 1;
  if (test.operator === "===" || test.operator === "==") return -1;
  return 0;
}

/** True when a reference to global `name` only runs after a typeof check proved it exists. */
function guarded(name, ancestors, keys, key) {
  let childKey = key;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === "UnaryExpression" && a.operator === "typeof" && i === ancestors.length - 1) return true;
    if (a.type === "ConditionalExpression" || a.type === "IfStatement") {
      const s = typeofTest(a.test, name);
      if ((s === 1 && childKey === "consequent") || (s === -1 && childKey === "alternate")) return true;
    }
    if (a.type === "LogicalExpression" && a.operator === "&&" && childKey === "right" && typeofTest(a.left, name) === 1) return true;
    childKey = keys[i];
  }
  return false;
}

const isDestructuring = (n) => n && (n.type === "ObjectPattern" || n.type === "ArrayPattern");

/** True unless this pattern sits inside another destructuring pattern (report each pattern once). */
function outermostPattern(ancestors, keys, key) {
  let k = key;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (isDestructuring(a)) return false;
    const inPattern = a.type === "RestElement" || (a.type === "AssignmentPattern" && k === "left") || (a.type === "Property" && k === "value");
    if (!inPattern) return true;
    k = keys[i];
  }
  return true;
}

/**
 * Runs every node rule. `report(rule, node, message)`; `declared` holds every name the file declares
 * (a file that defines its own `Map` is not using the missing global; ".name" entries are methods the
 * file defines itself, so `.name()` calls may be to them).
 */
export function nodeRules(node, ancestors, keys, key, report, declared) {
  const parent = ancestors[ancestors.length - 1];
  switch (node.type) {
    case "ObjectPattern":
    case "ArrayPattern":
      if (outermostPattern(ancestors, keys, key))
        report("destructuring", node, `destructuring ${NS} (write plain property reads)`);
      break;
    case "AssignmentPattern":
      if (parent && isFunction(parent) && key === "params")
        report("default-param", node, `default parameter values ${NSP} (test for undefined in the body)`);
      break;
    case "RestElement":
      if (parent && isFunction(parent) && key === "params")
        report("rest-param", node, `rest parameters ${NSP} (read \`arguments\` instead)`);
      break;
    case "SpreadElement":
      report("spread", node, `spread (...) ${NS} (use fn.apply, concat or Object.assign)`);
      break;
    case "Property":
    case "MethodDefinition":
    case "PropertyDefinition":
      if (node.computed && !(node.type === "Property" && isDestructuring(parent)))
        report("computed-key", node.key, `computed keys ([expr]: …) ${NSP} (create the object, then assign obj[key] = …)`);
      if (node.type === "PropertyDefinition" && node.value === null)
        report("class-field", node, `class fields without an initial value ${NSP} (assign the field in the constructor)`);
      break;
    case "ChainExpression":
      report("optional-chaining", node, `optional chaining ?. ${NS} (test for null first)`);
      break;
    case "BinaryExpression":
      if (node.operator === "**") report("exponent", node, `the ** operator ${NS} (use Math.pow)`);
      break;
    case "AssignmentExpression":
      if (node.operator === "**=") report("exponent", node, `the **= operator ${NS} (use Math.pow)`);
      if (node.operator === "??=" || node.operator === "||=" || node.operator === "&&=")
        report("logical-assignment", node, `logical assignment ${node.operator} ${NS} (write an if)`);
      if (node.left.type === "MemberExpression" && !node.left.computed && node.left.property.name === "length")
        report("length-assign", node, "assigning .length throws on Espruino 2v29 (use splice to shorten an array)");
      break;
    case "UpdateExpression":
      if (node.argument.type === "MemberExpression" && !node.argument.computed && node.argument.property.name === "length")
        report("length-assign", node, "assigning .length throws on Espruino 2v29 (use splice / push)");
      break;
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      if (node.async) report("async", node, `async functions ${NSP} (use Promise then/catch)`);
      if (node.generator) report("generator", node, `generator functions ${NSP}${parent && parent.type === "CallExpression" ? " (esbuild turns async/await into generators: use Promise then/catch)" : ""}`);
      break;
    case "AwaitExpression":
      report("async", node, `await ${NS} (use Promise then/catch)`);
      break;
    case "ForOfStatement":
      if (node.await) report("async", node, `for await ${NS}`);
      break;
    case "YieldExpression":
      report("generator", node, `yield ${NS}`);
      break;
    case "LabeledStatement":
      report("label", node, `labelled statements (break/continue label) ${NSP} (use a flag or a function with return)`);
      break;
    case "TaggedTemplateExpression":
      report("tagged-template", node, `tagged templates ${NSP} (call the function with the string)`);
      break;
    case "PrivateIdentifier":
      report("private", node, `#private members ${NSP} (use a normal property; esbuild would need WeakMap)`);
      break;
    case "MetaProperty":
      if (node.meta.name === "new") report("new-target", node, `new.target ${NS}`);
      break;
    case "ClassDeclaration":
    case "ClassExpression":
      if (node.superClass && node.superClass.type === "Identifier" && /^(\w*Error)$/.test(node.superClass.name) && !declared.has(node.superClass.name))
        report("extends-error", node.superClass, `extends ${node.superClass.name} ${NS} (throw a plain Error with a code property)`);
      break;
    case "StaticBlock":
      report("static-block", node, `static blocks ${NSP} (assign statics after the class)`);
      break;
    case "MemberExpression": {
      const o = node.object;
      if (o.type === "MemberExpression" && !o.computed && o.property.name === "prototype" && o.object.type === "Identifier" && /^(Array|String|Function)$/.test(o.object.name))
        report("prototype-member", node, `${o.object.name}.prototype members read as undefined on Espruino 2v29 (use ${o.object.name === "Array" ? "[]" : o.object.name === "String" ? '""' : "a function"}.${node.computed ? "x" : node.property.name} instead)`);
      if (o.type === "Identifier" && !node.computed && STATICS[o.name] && Object.hasOwn(STATICS[o.name], node.property.name) && !declared.has(o.name))
        report("missing-builtin", node, `${o.name}.${node.property.name} is missing on Espruino 2v29 (${STATICS[o.name][node.property.name]})`);
      if (!node.computed && Object.hasOwn(METHODS, node.property.name) && !declared.has("." + node.property.name) && parent && parent.type === "CallExpression" && key === "callee")
        report("missing-method", node.property, `.${node.property.name}() may not exist on the watch: ${METHODS[node.property.name]} on Espruino 2v29`);
      break;
    }
    case "Identifier":
      if (Object.hasOwn(GLOBALS, node.name) && !declared.has(node.name) && isReference(parent, key) && !guarded(node.name, ancestors, keys, key))
        report("missing-builtin", node, `${node.name} is missing on Espruino 2v29 (${GLOBALS[node.name]})`);
      if (node.name === "arguments" && isReference(parent, key)) {
        const fn = ancestors.findLast(isFunction);
        if (fn && fn.type === "ArrowFunctionExpression")
          report("arrow-arguments", node, "`arguments` inside an arrow function is undefined on Espruino 2v29 (use a normal function or pass the values)");
      }
      break;
    case "Literal":
      if (node.bigint !== undefined) report("bigint", node, `BigInt literals ${NSP} (they become plain numbers)`);
      if (node.regex) regexRule(node, node.regex.pattern, node.regex.flags, report);
      break;
    case "NewExpression":
    case "CallExpression":
      if (node.type === "CallExpression") arrowThisRule(node, report);
      if (node.callee.type === "Identifier" && node.callee.name === "RegExp" && node.arguments[0] && node.arguments[0].type === "Literal" && typeof node.arguments[0].value === "string") {
        const f = node.arguments[1];
        regexRule(node, node.arguments[0].value, f && f.type === "Literal" && typeof f.value === "string" ? f.value : "", report);
      }
      break;
  }
}

/** The `this` an arrow function uses (its own, or a nested arrow's; not a nested plain function's or class's), or null. */
function arrowThis(arrow) {
  let found = null;
  (function go(n) {
    for (const [c] of children(n)) {
      if (found) return;
      if (c.type === "ThisExpression") found = c;
      else if (c.type === "FunctionExpression" || c.type === "FunctionDeclaration" || c.type === "ClassBody") continue;
      else go(c);
    }
  })(arrow);
  return found;
}

/** Options of `Bangle.setUI({…})` that the firmware calls through `fn.bind(…)`. */
const SETUI_BOUND = ["btn"];

const ARROW_THIS_FIX = "write a plain function that uses a variable holding the object: `const me = this;` then `function () { me.go(); }`";

/**
 * Espruino 2v29's Function.prototype.bind replaces an arrow function's lexical `this` (against the
 * spec), and the firmware's setUI binds its `btn` option: an arrow using `this` there throws when
 * the button is pressed. Checked on the built file, where esbuild (es2015) keeps arrows and `this`
 * as written, and the mangler renames only the members read from it.
 */
function arrowThisRule(call, report) {
  const c = call.callee;
  if (c.type !== "MemberExpression" || c.computed) return;
  if (c.property.name === "bind" && c.object.type === "ArrowFunctionExpression" && arrowThis(c.object))
    report("arrow-this", c.object, `an arrow function that uses \`this\` is passed to .bind(): Espruino 2v29's bind replaces the arrow's \`this\` with the bound value (${ARROW_THIS_FIX})`);
  if (c.property.name !== "setUI" || c.object.type !== "Identifier" || c.object.name !== "Bangle") return;
  for (const arg of call.arguments) {
    if (arg.type !== "ObjectExpression") continue;
    for (const p of arg.properties) {
      if (p.type !== "Property" || p.computed) continue;
      const name = p.key.type === "Identifier" ? p.key.name : p.key.value;
      if (!SETUI_BOUND.includes(name) || p.value.type !== "ArrowFunctionExpression" || !arrowThis(p.value)) continue;
      report("arrow-this", p.value, `Bangle.setUI's ${name} is an arrow function that uses \`this\`: the firmware binds ${name}, and Espruino 2v29's bind replaces an arrow's \`this\`, so it throws on the first button press (${ARROW_THIS_FIX})`);
    }
  }
}

function regexRule(node, pattern, flags, report) {
  const p = regexpProblems(pattern, flags);
  if (p.length) report("regexp", node, `RegExp with ${p.join(", ")}: not supported by Espruino 2v29, the expression silently never matches on the watch (use simpler patterns, or split/indexOf)`);
}
