// speedseq.rec.js: an unfinished session found at launch (X: its log's scan). Resume continues
// the same log after the last finished step; Save closes it as it is, then its summary.
import { planNamed } from "./workouts";
import type { Scan } from "./scan";
import { say, logOut, lowRam, FULL } from "./ui";
import type { App } from "./app";

declare var A: App;
declare var X: Scan;

function recover(A: App, sc: Scan): void {
  A.w.E.showPrompt("Unfinished session\n" + sc.plan + "\n" + sc.nextIdx + " steps done", { title: "SpeedSeq", buttons: { "Save": 2, "Resume": 1 } }).then(function (v) {
    // Resume with too little free RAM says so and leaves; the log is untouched, offered again at the next launch
    if (v === 1 && lowRam(A)) return;
    const plan = v === 1 ? planNamed(A.w.S, A.set, sc.plan) : null;
    if (plan) return A.go(plan, sc.n, sc.lastSeq, sc.nextIdx, sc.cut);
    // save: close the log as it is (with flash full it stays as it is, unclosed)
    try {
      logOut(A, sc.n, sc.lastSeq).rec({ k: "E", durMs: sc.durMs, distM: sc.distM, why: "saved" });
    } catch (e) {
      return say(A, "Storage", FULL, function () { A.show("sum", sc); });
    }
    A.show("sum", sc.n);
  });
}

recover(A, X);
