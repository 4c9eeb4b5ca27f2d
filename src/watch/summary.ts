// speedseq.sum.js: the summary of a finished session (X: its log's number, or its scan), then
// the RPE. Every work split is a row, "1 1:50 @4:36" (rep, time, pace), short enough for one
// menu row of the watch's 12 px font; tapping it rates that rep; "Rate effort" rates the session,
// which goes to the log and, with the training load, to the history.
import { fmtTime } from "../engine/format";
import { histEntry } from "../engine/decide";
import { scanLog, SPLIT_N } from "./scan";
import type { Scan } from "./scan";
import { addHistory, GB_DONE } from "./store";
import { head, menu, say, logOut, FULL } from "./ui";
import type { App } from "./app";

declare var A: App;
declare var X: number | Scan;

function summary(A: App, x: number | Scan): void {
  // a session just ended (only then is x its number) and not copied yet: its copy for Gadgetbridge first
  if (typeof x === "number" && A.set.gb && x > ((A.w.S.readJSON(GB_DONE, true) || { n: -1 }).n)) return A.show("gb", x);
  const sc = typeof x === "number" ? scanLog(A.w.S, A.w.E.CRC32, x) : x;
  const m = head(A, fmtTime(sc.durMs / 1000) + " " + (sc.distM / 1000).toFixed(2) + "km");
  m["Rate effort"] = function () { rpe(A, sc, -1); };
  const sp = sc.splits;
  for (let i = 0; i < sp.length; i += SPLIT_N) {
    const pace = sp[i + 1] >= 10 ? sp[i + 2] / sp[i + 1] : 0;
    const idx = sp[i + 5];
    m[sp[i] + " " + fmtTime(sp[i + 2] / 1000) + " @" + (pace ? fmtTime(A.set.mi ? pace * 1.609344 : pace) : "-")] = function () { rpe(A, sc, idx); };
  }
  menu(A, m);
}

/** RPE 1-10 for the session (idx -1: then the history and the list) or for the rep at step idx (then the summary again) */
function rpe(A: App, sc: Scan, idx: number): void {
  let v = 6;
  const m = head(A, idx < 0 ? "Effort 1-10" : "Rep effort");
  m["RPE"] = { value: v, min: 1, max: 10, onchange: function (x: number) { v = x; } };
  m["Save"] = function () {
    try {
      logOut(A, sc.n, sc.lastSeq).rec({ k: "R", rpe: v, idx: idx < 0 ? undefined : idx });
      if (idx < 0) addHistory(A.w.S, histEntry(sc.startMs, sc.durMs, v, sc.plan, sc.n, sc.splits.length / SPLIT_N));
    } catch (e) {
      return say(A, "Storage", FULL, function () { A.show("list"); });
    }
    if (idx >= 0) A.show("sum", sc.n);
    else A.show("list");
  };
  menu(A, m);
}

summary(A, X);
