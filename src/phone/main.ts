// The standalone PWA (dist/phone/, served by `npm start` at /phone/): Web Bluetooth to the watch,
// and the virtual watch of `npm run watch` through the server's bridge when the server has one
// (`?bridge=PORT` in the address picks it with that port). Registers the service worker that
// keeps the app shell for offline use.
import "./style.css";
import { App, type TransportChoice } from "./app";
import { Store } from "./store";
import { BleWatch, bleAvailable } from "./ble";
import { bridgeAvailable, bridgeConnect, WATCH_PORT } from "./bridge";

declare const PHONE_FIT: boolean;

async function main(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  const store = await Store.open();
  const params = new URLSearchParams(location.search);
  const asked = params.get("bridge");
  let port = asked && /^\d+$/.test(asked) ? Number(asked) : WATCH_PORT;
  const bridge = await bridgeAvailable();
  const ble = bleAvailable();
  let picked: BleWatch | undefined;
  const transports: TransportChoice[] = [
    {
      id: "ble",
      label: "Bluetooth (Bangle.js 2)",
      usable: ble,
      hint: ble ? undefined : "This browser has no Web Bluetooth.",
      prepare: async () => {
        // the chooser again only when no watch was picked yet (or the last sync failed to reach it)
        if (!picked) picked = await BleWatch.pick();
        const w = picked;
        return { connect: w.connect, name: w.name };
      },
    },
  ];
  if (bridge) {
    transports.push({
      id: "bridge",
      label: "Virtual watch (npm run watch)",
      usable: true,
      hint: "The real firmware in Node, its console on 127.0.0.1; this page's server bridges to it.",
      input: { label: "port", value: String(port), onChange: (v) => { if (/^\d+$/.test(v)) port = Number(v); } },
      prepare: async () => ({ connect: bridgeConnect(port), name: "the virtual watch on port " + port }),
    });
  }
  const app = new App(root, {
    store,
    transports,
    fit: PHONE_FIT,
    where: "Sessions are kept in this browser, on this device.",
  });
  (window as unknown as { speedseqPhone: unknown }).speedseqPhone = app.hooks;
  if (asked && bridge) {
    const r = document.getElementById("t-bridge") as HTMLInputElement | null;
    if (r) {
      r.checked = true;
      r.dispatchEvent(new Event("change"));
    }
  }
  await app.start();
}

if ("serviceWorker" in navigator && (location.protocol === "https:" || location.hostname === "127.0.0.1" || location.hostname === "localhost")) {
  navigator.serviceWorker.register("sw.js").catch((e) => console.warn("service worker: " + e));
}

main().catch((e) => {
  const root = document.getElementById("app");
  if (root) root.textContent = "SpeedSeq could not start: " + (e as Error).message;
  console.error(e);
});
