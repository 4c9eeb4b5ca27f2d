// The PWA's service worker: at install it caches the app shell (every file of the build, listed
// by scripts/phone.mjs into SHELL, under a cache named by the build's hash) and from then on
// answers those requests from the cache, so the app opens with no network once it has been
// loaded. A new build has a new hash: its worker caches the new shell, takes over, and deletes
// the old caches. The server's bridge (bridge/*) and anything outside the shell go to the
// network as usual. The sessions themselves are in IndexedDB, not here.

export {};

declare const SHELL: string[];
declare const BUILD: string;

// the slice of the service worker API used (TypeScript's DOM library has no worker scope)
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface WorkerScope {
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", fn: (e: FetchEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
const CACHE = "speedseq-phone-" + BUILD;

sw.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(SHELL.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("speedseq-phone-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  const scope = new URL(sw.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (path.startsWith("bridge/")) return;
  e.respondWith(
    (async () => {
      const c = await caches.open(CACHE);
      // the page itself under any query or hash: the cached index.html
      const key = req.mode === "navigate" || path === "" ? "index.html" : path;
      const hit = await c.match(new URL(key, scope).href, { ignoreSearch: true });
      return hit || fetch(req);
    })(),
  );
});
