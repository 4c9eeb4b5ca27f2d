// speedseq.pause.js: the paused session's actions, shown by a tap on the paused run screen.
// Resume, Next step, +30 s (recovery and rest), End session (after a confirmation); each one
// goes back to the run screen, or on to the summary when the session has ended.
import type { Cmd } from "../engine/session";
import { head, menu } from "./ui";
import type { App } from "./app";

declare var A: App;

function paused(A: App): void {
  const s = A.s;
  if (!s) return;
  const st = s.step;
  const back = function () { A.swap(function () { A.ui(); }); };
  const act = function (c: Cmd) {
    return function () { A.cmd(c); back(); };
  };
  const m = head(A, "Paused", back);
  m["Resume"] = act("resume");
  // (a lap-ended step is never paused: there BTN1 is the lap)
  m["Next step"] = act("skip");
  if (st && (st.kind === "recovery" || st.kind === "rest")) m["+30 s"] = act("extend");
  m["End session"] = function () {
    A.swap(function () {
      A.w.E.showPrompt("End the session?", { title: "End", buttons: { "No": false, "End": true } }).then(function (yes) {
        if (yes) A.cmd("end");
        if (A.s) back();
      });
    });
  };
  menu(A, m);
}

paused(A);
