// The session's side of the log codec: turns what the session knows into records and hands
// each finished line to the storage port. Track points are packed several to a line.
import type { Plan, StepKind } from "./plan";
import type { StepWhy, EventWhat, EndWhy } from "./log/records";
import { LogWriter } from "./log/encode";

export interface LineSink {
  write(line: string): void;
  crc(s: string): number;
}

export class LogOut {
  sink: LineSink;
  w: LogWriter;

  constructor(sink: LineSink, lastSeq: number) {
    this.sink = sink;
    this.w = new LogWriter(sink.crc, lastSeq);
  }

  header(wallMs: number, plan: Plan, version: string, goal: string): void {
    this.sink.write(this.w.rec({ k: "H", startMs: wallMs, plan: plan.name, planHash: this.sink.crc(JSON.stringify(plan)), version: version, goal: goal }));
  }

  step(idx: number, kind: StepKind, rep: number, startMs: number, durMs: number, distM: number, avgHr: number, maxHr: number,
    avgCad: number, why: StepWhy, flags: number, quality: number): void {
    // the points of this step are on flash before its summary
    this.flush();
    this.sink.write(this.w.rec({ k: "S", idx: idx, kind: kind, rep: rep, startMs: Math.round(startMs), durMs: Math.round(durMs),
      distM: distM, avgPaceSPerKm: distM >= 10 ? durMs / distM : 0, avgHr: avgHr, maxHr: maxHr, avgCad: avgCad, why: why, flags: flags, quality: quality }));
  }

  event(tMs: number, what: EventWhat, value: number): void {
    this.sink.write(this.w.rec({ k: "F", tMs: Math.round(tMs), what: what, value: value }));
  }

  point(tMs: number, lat: number, lon: number): void {
    const l = this.w.add(tMs / 1000, lat, lon);
    if (l) this.sink.write(l);
  }

  rpe(rpe: number, idx: number): void {
    this.sink.write(this.w.rec({ k: "R", rpe: rpe, idx: idx }));
  }

  flush(): void {
    const l = this.w.flush();
    if (l) this.sink.write(l);
  }

  end(durMs: number, distM: number, why: EndWhy): void {
    this.flush();
    this.sink.write(this.w.rec({ k: "E", durMs: Math.round(durMs), distM: distM, why: why }));
  }
}
