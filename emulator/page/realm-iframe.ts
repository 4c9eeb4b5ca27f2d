// The browser realm for the board: a hidden same-origin iframe with its own globals (so the
// prelude can delete what Espruino lacks without touching the page), the same Realm interface as
// emulator/board/realm-node.ts.
import type { Realm } from "../board/realm";

/**
 * A thenable that settles after a macrotask: by then every queued Promise job (of any realm in
 * the page) has run. board.advanceAsync awaits it. It is deliberately not a Promise: the board's
 * synchronous entry points (load, emit, buttonDown, tap) reject a realm whose drain returns a
 * Promise; from them the jobs simply run at the page's next await, at the same virtual time,
 * because the driver awaits advanceAsync(0) after every action.
 */
function afterMicrotasks(): PromiseLike<void> {
  return {
    then(resolve, reject) {
      return new Promise<void>((r) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => r();
        ch.port2.postMessage(0);
      }).then(resolve, reject);
    },
  };
}

export function createIframeRealm(): Realm {
  const frame = document.createElement("iframe");
  frame.style.display = "none";
  frame.setAttribute("aria-hidden", "true");
  document.body.append(frame);
  const win = frame.contentWindow as unknown as Record<string, any> & { eval(s: string): unknown };
  // indirect eval runs in the iframe's global scope, like a script on the watch
  const geval = win.eval;
  return {
    global: win,
    evaluate(source: string, filename?: string): unknown {
      return geval(filename ? `${source}\n//# sourceURL=${filename}` : source);
    },
    drainMicrotasks: afterMicrotasks as unknown as () => Promise<void>,
  };
}
