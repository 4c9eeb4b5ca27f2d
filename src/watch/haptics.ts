// Plays the engine's haptic patterns on the motor. The engine's scheduler guarantees that
// patterns never overlap; this only turns a pattern into Bangle.buzz calls and pauses.
import { PATTERNS } from "../engine/haptics";

export class Buzzer {
  B: BangleApi;
  strength: number;
  /** pending timeouts, cleared by stop() */
  timers: number[];
  on: boolean;

  constructor(B: BangleApi, strength: number) {
    this.B = B;
    this.strength = strength;
    this.timers = [];
    this.on = true;
  }

  /** plays pattern id delayMs from now */
  play(id: number, delayMs: number): void {
    this.later(delayMs, () => { this.step(PATTERNS[id], 0); });
  }

  step(p: number[], i: number): void {
    if (i >= p.length || !this.on) return;
    const next = () => { this.step(p, i + 1); };
    if (i % 2) this.later(p[i], next);
    else this.B.buzz(p[i], this.strength).then(next);
  }

  later(ms: number, fn: () => void): void {
    const t = this.timers;
    const id = setTimeout(() => {
      t.splice(t.indexOf(id), 1);
      fn();
    }, ms > 0 ? ms : 0);
    t.push(id);
  }

  stop(): void {
    this.on = false;
    for (let i = 0; i < this.timers.length; i++) clearTimeout(this.timers[i]);
    this.timers = [];
  }
}
