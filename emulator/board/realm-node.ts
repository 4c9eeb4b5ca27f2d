// The Node realm: a node:vm context. Kept apart from the rest of the board so the page can
// bundle the board with an iframe realm instead.
import vm from "node:vm";
import type { Realm } from "./realm";

export function createNodeRealm(): Realm {
  // "afterEvaluate" gives the context its own microtask queue, drained after each evaluation:
  // the board drains it between virtual-time callbacks, so Promise chains run in virtual time.
  const ctx = vm.createContext({}, { microtaskMode: "afterEvaluate", codeGeneration: { strings: true, wasm: false } });
  const drain = new vm.Script("0");
  return {
    global: vm.runInContext("globalThis", ctx) as Record<string, any>,
    evaluate(source: string, filename?: string): unknown {
      return vm.runInContext(source, ctx, { filename: filename ?? "app.js" });
    },
    drainMicrotasks(): void {
      drain.runInContext(ctx);
    },
  };
}
