// Wires the watch globals to the engine. The only module with a top-level side effect: start().
import { App } from "./app";

function start(): void {
  new App().start();
}

start();
