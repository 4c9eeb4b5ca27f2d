// The browser realm for the board: a hidden same-origin iframe with its own globals (so the
// prelude can delete what Espruino lacks without touching the page), the same Realm interface as
// emulator/board/realm-node.ts.
import type { Realm } from "../board/realm";

/** resolves after a macrotask: by then every queued Promise job (of any realm in the page) has run */
function afterMacrotask(): Promise<void> {
  return new Promise<void>((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(0);
  });
}

/** the iframe realm; `asyncDrain` is set by the driver (emulator/driver.ts) around board.advanceAsync */
export interface IframeRealm extends Realm { asyncDrain: boolean }

/**
 * Inside board.advanceAsync (asyncDrain true) the drain is a Promise the board awaits after each
 * item. Outside it, the board's synchronous entry points (load, emit, buttonDown, tap) would reject
 * a Promise, so the drain is a thenable instead: the driver awaits it right after such a call, at
 * the same virtual time.
 */
export function createIframeRealm(): IframeRealm {
  const frame = document.createElement("iframe");
  frame.style.display = "none";
  frame.setAttribute("aria-hidden", "true");
  document.body.append(frame);
  const win = frame.contentWindow as unknown as Record<string, any> & { eval(s: string): unknown };
  // indirect eval runs in the iframe's global scope, like a script on the watch
  const geval = win.eval;
  const realm: IframeRealm = {
    asyncDrain: false,
    global: win,
    evaluate(source: string, filename?: string): unknown {
      return geval(filename ? `${source}\n//# sourceURL=${filename}` : source);
    },
    drainMicrotasks(): Promise<void> {
      if (realm.asyncDrain) return afterMacrotask();
      return { then: (ok: () => void, bad: (e: unknown) => void) => afterMacrotask().then(ok, bad) } as unknown as Promise<void>;
    },
  };
  return realm;
}
