// What the board needs from a JavaScript realm (a node:vm context in Node, an iframe in the page),
// and the prelude that makes that realm look like Espruino 2v29: built-ins the watch lacks are
// deleted (FACTS.md), and Date follows the board's virtual wall clock.

export interface Realm {
  /** the realm's global object: the board installs its API here */
  readonly global: Record<string, any>;
  /** evaluates source in the realm's global scope (like the watch running a file) */
  evaluate(source: string, filename?: string): unknown;
  /**
   * Runs the realm's pending Promise jobs. Node (microtaskMode "afterEvaluate") can do this
   * synchronously; a browser iframe cannot, so it returns a Promise to await.
   */
  drainMicrotasks(): void | Promise<void>;
}

/** The realm's own intrinsics, so values handed to the app have the realm's (stripped) prototypes. */
export interface Intrinsics {
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Date: DateConstructor;
  Promise: PromiseConstructor;
  Error: ErrorConstructor;
  JSON: JSON;
}

/** Built-ins Espruino 2v29 does not have, as paths in the realm (tests/firmware/facts.test.ts checks each is absent on the firmware; Math.sign is there). */
export const MISSING_BUILTINS: readonly string[] = [
  "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Proxy", "Reflect",
  "Symbol", "BigInt", "Intl", "SharedArrayBuffer", "Atomics", "WebAssembly", "AggregateError",
  "Array.from", "Array.of",
  "Array.prototype.flat", "Array.prototype.flatMap", "Array.prototype.at",
  "Array.prototype.findLast", "Array.prototype.findLastIndex", "Array.prototype.reduceRight",
  "Array.prototype.lastIndexOf", "Array.prototype.entries", "Array.prototype.keys",
  "Array.prototype.values", "Array.prototype.toSorted", "Array.prototype.toReversed",
  "Array.prototype.toSpliced", "Array.prototype.with",
  "TypedArray.from", "TypedArray.of",
  "Number.isFinite", "Number.isInteger", "Number.isNaN", "Number.isSafeInteger", "Number.EPSILON",
  "Number.MAX_SAFE_INTEGER", "Number.MIN_SAFE_INTEGER",
  "Math.hypot", "Math.trunc", "Math.log2", "Math.log10", "Math.cbrt",
  "Object.freeze", "Object.is",
  "String.raw", "String.prototype.trimStart", "String.prototype.trimEnd", "String.prototype.trimLeft",
  "String.prototype.trimRight", "String.prototype.at", "String.prototype.localeCompare",
  "Promise.race", "Promise.any", "Promise.allSettled", "Promise.prototype.finally",
];

/**
 * Source evaluated once in a fresh realm. It returns a function taking the board's wall clock
 * (ms) and giving back the realm's intrinsics. Deleting the global Symbol binding is safe: V8's
 * Promise, iteration and for..of use internal symbols, not the global name (tests check this).
 * Not reproduced: members of Array.prototype reading as undefined on the watch (deleting them
 * would break [].slice too).
 */
export function preludeSource(): string {
  return `(function (missing) {
  var TA = Object.getPrototypeOf(Uint8Array);
  for (var i = 0; i < missing.length; i++) {
    var parts = missing[i].split(".");
    var o = parts[0] === "TypedArray" ? TA : globalThis;
    var start = parts[0] === "TypedArray" ? 1 : 0;
    for (var j = start; j < parts.length - 1 && o; j++) o = o[parts[j]];
    if (o) delete o[parts[parts.length - 1]];
  }
  var RealDate = Date;
  return function (wallNow) {
    function D(a, b, c, d, e, f, g) {
      var n = arguments.length;
      var x = n === 0 ? new RealDate(wallNow()) : n === 1 ? new RealDate(a) :
        new RealDate(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);
      if (!(this instanceof D)) return x.toString();
      Object.setPrototypeOf(x, D.prototype);
      return x;
    }
    D.prototype = RealDate.prototype;
    D.now = function () { return wallNow(); };
    D.parse = RealDate.parse;
    D.UTC = RealDate.UTC;
    Object.defineProperty(RealDate.prototype, "constructor", { value: D, writable: true, configurable: true });
    globalThis.Date = D;
    return { Object: Object, Array: Array, Date: D, Promise: Promise, Error: Error, JSON: JSON };
  };
})`;
}
