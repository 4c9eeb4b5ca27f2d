// speedseq.list.js: the workout list (the last used first, then the other built-ins, then the
// uploads; History at the end). At launch (X = 1) it first reads the settings into the app, and
// the newest log: an unfinished session is offered for resume (speedseq.rec.js), a finished one
// whose effort was never saved gets its summary (speedseq.sum.js); the choice is the engine's
// (atLaunch).
import { atLaunch, newestLog, lastUsedFirst, AT_LIST, AT_RECOVER, AT_SUMMARY } from "../engine/decide";
import { scanLog } from "./scan";
import { workouts } from "./workouts";
import { loadHistory, loadSettings, logs } from "./store";
import { head, menu, unreadable, lowRam } from "./ui";
import type { App } from "./app";

/** the screen's arguments: the app and whether this is the launch (app.ts show()) */
declare var A: App;
declare var X: number | undefined;

/**
 * The list's rows: each workout's name, and why the watch will not run it ("" when it will). Read
 * here, apart from the menu: the menu's functions keep their scope alive while the list shows, and
 * that scope must not hold the parsed plans or the history.
 */
function rows(A: App, launch: number | undefined): [string, string][] | null {
  const S = A.w.S;
  const hist = loadHistory(S);
  if (launch) {
    A.set = loadSettings(S);
    const n = newestLog(logs(S));
    const sc = n >= 0 ? scanLog(S, A.w.E.CRC32, n) : null;
    const at = atLaunch(sc, hist);
    if (at === AT_RECOVER) A.show("rec", sc);
    else if (at === AT_SUMMARY) A.show("sum", sc);
    if (at !== AT_LIST) return null;
  }
  return lastUsedFirst(workouts(S), hist).map(function (w) { return [w.name, w.why] as [string, string]; });
}

function list(A: App, launch: number | undefined): void {
  const r = rows(A, launch);
  if (!r) return;
  const m = head(A, "SpeedSeq", function () { load(); });
  r.forEach(function (w) {
    // a refused file by its name without "speedseq.", to fit a row: "! wab12cd.json"; tapped, the
    // reason. A workout tapped with too little free RAM for a session says so instead (lowRam).
    m[w[1] ? ("! " + w[0].substr(9)).substr(0, 14) : w[0]] = function () { if (w[1]) unreadable(A, w[0].substr(9), w[1]); else if (!lowRam(A)) A.show("pre", w[0]); };
  });
  m["History"] = function () { A.show("hist"); };
  menu(A, m);
}

list(A, X);
