// speedseq.pause.js: the paused session's actions, shown by a tap on the paused run screen.
// Resume, Next step, +30 s (recovery and rest), End session (after a confirmation); each one
// goes back to the run screen, or on to the summary when the session has ended. BTN1 or the back
// widget go back to the paused run screen. Drawn here rather than with E.showMenu: the firmware's
// menu would hold more RAM than the rows, on top of the running session.
import type { Cmd } from "../engine/session";
import type { App } from "./app";

declare var A: App;

/** the title bar's and each row's height, px */
const TITLE_H = 24;
const ROW_H = 32;

function paused(A: App): void {
  const s = A.s;
  if (!s) return;
  const st = s.step;
  const w = A.w, g = w.g, r = w.B.appRect;
  const rows: [string, Cmd][] = [["Resume", "resume"], ["Next step", "skip"]];
  if (st && (st.kind === "recovery" || st.kind === "rest")) rows.push(["+30 s", "extend"]);
  rows.push(["End session", "end"]);
  const back = function () { A.swap(function () { A.ui(); }); };
  w.B.setUI({
    mode: "custom",
    back: back,
    touch: function (_n, xy) {
      const row = xy ? rows[Math.floor((xy.y - r.y - TITLE_H) / ROW_H)] : undefined;
      if (!row || xy!.y < r.y + TITLE_H) return;
      if (row[1] !== "end") {
        A.cmd(row[1]);
        return back();
      }
      A.swap(function () {
        w.E.showPrompt("End the session?", { title: "End", buttons: { "No": false, "End": true } }).then(function (yes) {
          if (yes) A.cmd("end");
          if (A.s) back();
        });
      });
    },
    remove: A.remove,
  });
  g.reset().setBgColor("#fff").clearRect(r.x, r.y, r.x2, r.y2);
  g.setColor("#ff0").fillRect(r.x, r.y, r.x2, r.y + TITLE_H - 1).setColor("#000").setFont("6x8", 2).setFontAlign(0, 0);
  g.drawString("Paused", (r.x + r.x2) / 2, r.y + TITLE_H / 2);
  for (let i = 0; i < rows.length; i++) {
    const y = r.y + TITLE_H + i * ROW_H;
    g.setColor("#000").drawLine(r.x, y + ROW_H - 1, r.x2, y + ROW_H - 1);
    g.drawString(rows[i][0], (r.x + r.x2) / 2, y + ROW_H / 2);
  }
}

paused(A);
