// speedseq.hist.js: one row a session, "11/27 45m R6" (date, minutes, RPE); tapping it shows the
// workout, date, time, RPE and the training load the engine computed when the effort was saved.
import { fmtTime } from "../engine/format";
import { loadHistory } from "./store";
import { head, menu, say } from "./ui";
import type { App } from "./app";

declare var A: App;

function history(A: App): void {
  const h = loadHistory(A.w.S);
  const m = head(A, "History", function () { A.show("list"); });
  h.forEach(function (e) {
    const d = new Date(e[0] * 1000);
    const day = d.getMonth() + 1 + "/" + d.getDate();
    m[day + " " + Math.round(e[1] / 60) + "m R" + e[3]] = function () {
      say(A, "Session", e[5] + "\n" + day + " " + fmtTime(e[1]) + "\nRPE " + e[3] + (e[4] ? " hard" : " easy") + ", load " + e[2], function () { A.show("hist"); });
    };
  });
  if (!h.length) m["No sessions"] = function () {};
  menu(A, m);
}

history(A);
