// apps/speedseq/interface.html: the same app inside the Bangle.js App Loader (its "download from
// app" page). It reaches the watch through the loader's own connection (loader.ts), keeps its
// sessions in the loader site's IndexedDB, and saves exports with the loader's Util.saveFile
// where there is one (it works inside Gadgetbridge too). No service worker: the loader serves it.
// The FIT encoder is never in this build: the App Loader publishes the folder, and Garmin's
// SDK may not be handed on (README "Exports").
import "./style.css";
import { App } from "./app";
import { Store } from "./store";
import { loaderConnect, loaderPuck } from "./loader";

interface LoaderUtil {
  saveFile?(name: string, mime: string, dataAsString: string): void;
}

declare global {
  interface Window {
    onInit?: (device?: { id?: string; version?: string }) => void;
  }
}

let device: { id?: string; version?: string } | undefined;
// the loader calls onInit(device) once the frame has loaded (interface.js)
window.onInit = (d) => {
  device = d;
  const el = document.getElementById("device");
  if (el) el.textContent = d && d.id ? "Connected in the App Loader: " + d.id + (d.version ? " " + d.version : "") : "Connect the watch in the App Loader first.";
};

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

async function main(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  const store = await Store.open();
  const puck = loaderPuck();
  const util = (globalThis as unknown as { Util?: LoaderUtil }).Util;
  const app = new App(root, {
    store,
    fit: false,
    where: "Inside the App Loader: sessions are kept in this browser, for the loader's site.",
    saveFile: util && util.saveFile ? (name, mime, data) => (util.saveFile as NonNullable<LoaderUtil["saveFile"]>)(name, mime, latin1(data)) : undefined,
    transports: [
      {
        id: "loader",
        label: "The App Loader's connection",
        usable: !!puck,
        hint: puck ? "Uses the watch the App Loader is connected to." : "Open this page from the App Loader (the app's \"download from app\" button).",
        prepare: async () => {
          if (!puck) throw new Error("not inside the App Loader");
          return { connect: loaderConnect(puck), name: device && device.id ? device.id : "the App Loader's watch" };
        },
      },
    ],
  });
  (window as unknown as { speedseqPhone: unknown }).speedseqPhone = app.hooks;
  const header = root.querySelector("header");
  if (header) header.appendChild(Object.assign(document.createElement("div"), { id: "device", className: "where" }));
  if (device) window.onInit?.(device);
  await app.start();
}

main().catch((e) => {
  const root = document.getElementById("app");
  if (root) root.textContent = "SpeedSeq could not start: " + (e as Error).message;
  console.error(e);
});
