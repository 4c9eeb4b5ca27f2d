// speedseq.gb.js: after a session, a copy of its track in the Recorder's file format, which
// Gadgetbridge's "fetch activity tracks" finds and reads (src/engine/log/recorder.ts). Shown once
// per session, by the summary (X: the log's number), before it: the copy is made, then the
// summary shows. Off in the settings ("Gadgetbridge"), or skipped with a message when flash is low.
import { recorderName, recorderRows, RECORDER_HEADER } from "../engine/log/recorder";
import { logName, GB_DONE } from "./store";
import { scanLog } from "./scan";
import { say } from "./ui";
import type { App } from "./app";

declare var A: App;
declare var X: number;

/** flash left free after the copy: what the app wants free to start a session (app.ts) */
const RESERVE_BYTES = 100000;
/** the copy's bytes for each byte of log, at most: a row per track point (~37 B) where the log has ~7.5 B */
const COPY_PER_LOG_BYTE = 6;

function gbCopy(A: App, n: number): void {
  const S = A.w.S;
  // first, so that no session is copied twice, even if this stops halfway
  try {
    S.writeJSON(GB_DONE, { n: n });
  } catch (e) {
    // no flash even for that: the check below says so
  }
  // the summary with the log's scan, not its number: it never comes back here, marked or not
  const then = function () { A.show("sum", scanLog(S, A.w.E.CRC32, n)); };
  const log = S.open(logName(n), "r");
  if (S.getFree() - log.getLength() * COPY_PER_LOG_BYTE < RESERVE_BYTES)
    return say(A, "Gadgetbridge", "Flash low: no copy of this session for Gadgetbridge. The session's log is kept.", then);
  const st = { offS: 0, lastS: -1 };
  let l = log.readLine();
  // the header line (the start) comes first: without it there is no time to put on the rows
  const rows = l ? recorderRows(l, A.w.E.CRC32, st) : "";
  const name = st.offS ? recorderName(st.offS * 1000, S.list(/^recorder\.log/, { sf: true })) : null;
  if (!name) return then();
  A.w.E.showMessage("Copy for Gadgetbridge", "SpeedSeq");
  const out = S.open(name, "w");
  try {
    out.write(RECORDER_HEADER + rows);
    while ((l = log.readLine())) {
      const r = recorderRows(l, A.w.E.CRC32, st);
      if (r) out.write(r);
    }
  } catch (e) {
    // flash ran out after all: a partial copy would be fetched as if whole
    out.erase();
    return say(A, "Gadgetbridge", "Flash full: no copy of this session for Gadgetbridge. The session's log is kept.", then);
  }
  then();
}

gbCopy(A, X);
