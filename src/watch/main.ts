// Wires the watch globals to the app: the one file of the resident bundle (speedseq.app.js) that
// names Bangle, E, g or require; everything else gets them as the ports of W. The only module with
// a top-level side effect: start(). Bangle.loadWidgets is written out here because the launcher
// fast-loads only an app whose file holds that literal text.
import { App } from "./app";

function start(): void {
  Bangle.loadWidgets();
  Bangle.drawWidgets();
  new App({ B: Bangle, E: E, g: g, S: (globalThis as any).require("Storage") });
}

start();
