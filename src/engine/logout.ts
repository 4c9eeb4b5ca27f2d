// The session's side of the log codec: turns what the session knows into the fields of each
// record and hands each finished line to the storage port. Track points are packed several to a line.
import type { Plan, StepKind } from "./plan";
import type { StepWhy, EventWhat, EndWhy } from "./log/records";
import { LogWriter, headFields, stepFields, eventFields, rpeFields, endFields } from "./log/encode";
import type { Fields } from "./log/encode";

export interface LineSink {
  write(line: string): void;
  crc(s: string): number;
}

export class LogOut {
  sink: LineSink;
  w: LogWriter;
  /** false: track points are not kept (flash low); nothing else changes, so seqs stay unbroken */
  track: boolean;

  constructor(sink: LineSink, lastSeq: number) {
    this.sink = sink;
    this.w = new LogWriter(sink.crc, lastSeq);
    this.track = true;
  }

  /** Write a line, if there is one. */
  put(line: string | null): void {
    if (line) this.sink.write(line);
  }

  /** Write the next record, from its fields. */
  rec(f: Fields): void {
    this.put(this.w.rec(f));
  }

  header(wallMs: number, plan: Plan, version: string, goal: string): void {
    this.rec(headFields(wallMs, plan.name, this.sink.crc(JSON.stringify(plan)), version, goal));
  }

  step(idx: number, kind: StepKind, rep: number, startMs: number, durMs: number, distM: number, avgHr: number, maxHr: number,
    avgCad: number, why: StepWhy, flags: number, quality: number): void {
    // the points of this step are on flash before its summary
    this.flush();
    this.rec(stepFields(idx, kind, rep, startMs, durMs, distM, distM >= 10 ? durMs / distM : 0, avgHr, maxHr, avgCad, why, flags, quality));
  }

  event(tMs: number, what: EventWhat, value: number): void {
    this.rec(eventFields(tMs, what, value));
  }

  point(tMs: number, lat: number, lon: number): void {
    if (this.track) this.put(this.w.add(tMs / 1000, lat, lon));
  }

  rpe(rpe: number, idx: number): void {
    this.rec(rpeFields(rpe, idx));
  }

  flush(): void {
    this.put(this.w.flush());
  }

  end(durMs: number, distM: number, why: EndWhy): void {
    this.flush();
    this.rec(endFields(durMs, distM, why));
  }
}
