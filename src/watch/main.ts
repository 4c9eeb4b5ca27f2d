// Wires the watch globals to the engine. The only module with a top-level side effect: start().
import type { Plan } from "../engine/plan";

function start(): void {
  Bangle.loadWidgets();
  Bangle.drawWidgets();
  const plan: Plan = { v: 1, name: "SpeedSeq", steps: [] };
  g.setFont("6x8", 2).setFontAlign(0, 0).drawString(plan.name, 88, 88);
}

start();
