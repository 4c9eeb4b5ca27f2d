// Log records by position, for tests that write logs line by line (LogWriter.rec takes a record).
import type { LineRec } from "../../src/engine/log/records";
import type { StepKind } from "../../src/engine/plan";

export const headFields = (startMs: number, plan: string, planHash: number, version: string, goal: string | undefined) =>
  ({ k: "H", startMs, plan, planHash, version, goal }) as LineRec;
export const stepFields = (idx: number, kind: StepKind, rep: number, startMs: number, durMs: number, distM: number,
  avgPaceSPerKm: number, avgHr: number, maxHr: number, avgCad: number, why: string, flags: number, quality: number) =>
  ({ k: "S", idx, kind, rep, startMs, durMs, distM, avgPaceSPerKm, avgHr, maxHr, avgCad, why, flags, quality }) as LineRec;
export const eventFields = (tMs: number, what: string, value: number | undefined) => ({ k: "F", tMs, what, value }) as LineRec;
export const rpeFields = (rpe: number, idx: number | undefined) => ({ k: "R", rpe, idx }) as LineRec;
export const endFields = (durMs: number, distM: number, why: string) => ({ k: "E", durMs, distM, why }) as LineRec;
