// The training log's DOM: the "Training log" page across sessions (suggestion, load with its
// warning, back-to-back hard days, RPE at the same pace, splits at the same effort, recovery HR,
// rep spread; each with its rule in a sentence, the charts beside), and the per-session metrics
// on the session page (each rep against its target, spread, fade, cadence hold, the HR drop of
// each recovery, RPE and load). Every text from a log (workout names, notes that quote them)
// goes in as Text nodes through h().
import { h, type Child } from "./dom";
import { RULES, pace, pct, signed, day, type TrainingLog } from "./log";
import { LogCharts } from "./logcharts";
import { ACWR_WARN, HARD_LOAD, HARD_RPE, MIN_PAIRS, MIN_SESSIONS, type SessionAnalysis, type HistoryAnalysis } from "../analysis";
import { fmtTime } from "../engine/format";
import { WHY_TEXT } from "./session";
import { TEMPLATES } from "../engine/workout/templates";

/** the built-in made for the swap, when this build has it */
const EASY = TEMPLATES.find((t) => t.name === "Easy+strides");

const rule = (text: string, id?: string) => h("p", { class: "rule", id }, text);

function table(id: string, head: string[], rows: Child[][], cls = ""): HTMLElement {
  return h("div", { class: "scroll" }, h("table", { id, class: cls },
    h("thead", null, h("tr", null, ...head.map((x) => h("th", null, x)))),
    h("tbody", null, ...rows.map((r) => h("tr", null, ...r.map((c) => h("td", null, c)))))));
}

function facts(pairs: [string, string][], id?: string): HTMLElement {
  const dl = h("dl", { class: "facts", id });
  for (const [k, v] of pairs) dl.append(h("dt", null, k), h("dd", null, v));
  return dl;
}

const HARD_WHY: Record<SessionAnalysis["hardWhy"], string> = {
  rpe: `hard (RPE ${HARD_RPE} or more)`,
  load: `hard (load ${HARD_LOAD} or more)`,
  reps: "hard (no RPE; an interval session)",
  "easy-rpe": "easy",
  "easy-no-reps": "easy (no RPE, no reps)",
};

function trendLine(t: { perWeek: number | null; sePerWeek: number | null }, unit: string, digits: number): string {
  if (t.perWeek === null) return "";
  return signed(t.perWeek, digits) + " " + unit + " a week" + (t.sePerWeek !== null ? " (standard error " + t.sePerWeek.toFixed(digits) + ")" : "");
}

const VERDICT: Record<string, string> = {
  rising: "Rising",
  falling: "Falling",
  faster: "Faster",
  slower: "Slower",
  improving: "Improving",
  worsening: "Worsening",
  flat: "Flat (no trend)",
  insufficient: "Not enough sessions yet",
};

// ---- the training log page

/** the whole "Training log" page; charts are drawn into it once it is in the document (drawCharts) */
export function logPage(log: TrainingLog, storedIds: Set<string>): { el: HTMLElement; draw(width: number): LogCharts } {
  const a = log.history;
  const tz = log.tzOffsetMin;
  const n = a.sessions.length;
  const tzText = "UTC" + (tz === 0 ? "" : (tz > 0 ? "+" : "−") + Math.floor(Math.abs(tz) / 60) + (Math.abs(tz) % 60 ? ":" + String(Math.abs(tz) % 60).padStart(2, "0") : ""));
  const head: Child[] = [
    h("h2", { id: "log-title" }, "Training log"),
    h("p", { class: "rule heuristic", id: "log-heuristic" }, RULES.heuristic),
    h("p", { class: "note", id: "log-summary" },
      n + " session" + (n === 1 ? "" : "s") + ", judged on " + day(a.nowMs, tz, true) + " (days in this device's time zone, " + tzText + "). " +
      (a.load.unrated ? a.load.unrated + " without an RPE add no load. " : "") +
      (log.noStart ? log.noStart + " without a start time (header lost) are left out. " : "") + RULES.window),
  ];
  if (!n) {
    return { el: h("div", null, ...head, h("p", { class: "empty" }, "No sessions yet: sync from the watch or import a log file.")), draw: () => new LogCharts() };
  }
  const loadBox = h("div", { class: "log-charts" });
  const rpeBox = h("div", { class: "log-charts" });
  const spreadBox = h("div", { class: "log-charts" });
  const el = h("div", null,
    ...head,
    suggestionPanel(a),
    h("section", { class: "panel", id: "load" },
      h("h3", null, "Weekly load"),
      loadFacts(a, tz),
      a.load.warning
        ? h("p", { class: "warn", id: "load-warning" }, `Warning: a load spike. The last 7 days' load is ${a.load.acwr!.toFixed(2)} × the mean week of the last 28 days (above ${ACWR_WARN}). A heuristic: see the rule below.`)
        : null,
      rule(RULES.load),
      a.charts.weeklyLoad.weekMs.length ? loadBox : h("p", { class: "empty" }, "No load: no session has an RPE.")),
    h("section", { class: "panel", id: "hard-days" },
      h("h3", null, "Back-to-back hard days"),
      hardDays(a, tz),
      rule(RULES.hard)),
    h("section", { class: "panel", id: "rpe-pace" },
      h("h3", null, "RPE at the same pace"),
      h("p", { id: "rpe-pace-verdict", class: "verdict" }, rpeVerdict(a)),
      rule(RULES.rpePace),
      rule(RULES.trend),
      a.charts.rpePace.pace.length ? rpeBox : h("p", { class: "empty" }, "No complete rep with an RPE.")),
    h("section", { class: "panel", id: "pace-effort" },
      h("h3", null, "Splits at the same effort"),
      h("p", { id: "pace-effort-verdict", class: "verdict" }, VERDICT[a.paceAtRpe.verdict] + (a.paceAtRpe.verdict === "insufficient" ? "" : ": " + trendLine(a.paceAtRpe, "s/km", 1)) + " (" + a.paceAtRpe.n + " reps in " + a.paceAtRpe.sessions + " sessions)."),
      rule(RULES.paceEffort)),
    h("section", { class: "panel", id: "recovery-trend" },
      h("h3", null, "Recovery HR"),
      h("p", { id: "recovery-verdict", class: "verdict" }, VERDICT[a.recovery.verdict] + (a.recovery.verdict === "insufficient" ? "" : ": " + trendLine(a.recovery, "bpm of drop", 2)) + " (" + a.recovery.n + " recoveries in " + a.recovery.sessions + " sessions)."),
      a.recovery.timeToLine.n
        ? h("p", { id: "recovery-line-verdict", class: "verdict" }, "Recoveries ended by HR, time to the line: " + VERDICT[a.recovery.timeToLine.verdict] + (a.recovery.timeToLine.perWeek !== null ? ": " + trendLine(a.recovery.timeToLine, "s", 1) : "") + ".")
        : null,
      rule(RULES.recovery),
      rule(RULES.drop)),
    h("section", { class: "panel", id: "spread" },
      h("h3", null, "Rep pace spread per session"),
      rule(RULES.spread),
      a.charts.repSpread.startMs.length ? spreadBox : h("p", { class: "empty" }, "No session with two or more complete reps.")),
    h("section", { class: "panel", id: "log-sessions-panel" },
      h("h3", null, "Sessions"),
      sessionsTable(a, tz, storedIds)));
  return {
    el,
    draw(width: number): LogCharts {
      const c = new LogCharts();
      if (a.charts.weeklyLoad.weekMs.length) c.weeklyLoad(loadBox, a.charts.weeklyLoad, width);
      if (a.charts.rpePace.pace.length) c.rpePace(rpeBox, a.charts.rpePace, width);
      if (a.charts.repSpread.startMs.length) c.repSpread(spreadBox, a.charts.repSpread, width);
      return c;
    },
  };
}

function suggestionPanel(a: HistoryAnalysis): HTMLElement {
  const s = a.suggestion;
  return h("section", { class: "panel" + (s.swap ? " alert" : ""), id: "suggestion" },
    h("h3", null, s.swap ? "Swap a hard day for an easy one" : "Fatigue"),
    h("p", { id: "suggestion-text", class: s.swap ? "warn" : "" }, s.text),
    s.swap && EASY ? h("p", { class: "note", id: "swap-easy" }, "The built-in " + EASY.name + " is such an easy session: " + (EASY.note || "") + " (send it from Send a workout if your watch lacks it).") : null,
    s.signs.length ? h("ul", { id: "fatigue-signs" }, ...s.signs.map((x) => h("li", null, x))) : null,
    rule(RULES.swap));
}

function loadFacts(a: HistoryAnalysis, tz: number): HTMLElement {
  const l = a.load;
  return facts([
    ["acute (7 days)", Math.round(l.acute) + ""],
    ["chronic (28 days ÷ 4)", Math.round(l.chronic) + ""],
    ["acute : chronic", l.acwr === null ? "not yet (needs 28 days of history with load)" : l.acwr.toFixed(2)],
    ["days above " + ACWR_WARN, l.spikes.length ? l.spikes.length + (l.spikes.length > 5 ? ", the latest " : ": ") + l.spikes.slice(-5).map((d) => day(d, tz)).join(", ") : "none"],
  ], "load-facts");
}

function hardDays(a: HistoryAnalysis, tz: number): HTMLElement {
  const b = a.hard.backToBack;
  if (!b.length) return h("p", { id: "b2b", class: "verdict" }, "None: no two hard days in a row (" + a.hard.days.length + " hard days in all).");
  return h("div", { id: "b2b" },
    h("p", { class: "verdict" + (a.hard.recent ? " warn" : "") }, b.length + " pair" + (b.length === 1 ? "" : "s") + " of hard days in a row" + (a.hard.recent ? "; the latest ends in the last 7 days: a sign of fatigue." : ".")),
    h("ul", null, ...b.slice(-8).map((p) => h("li", null, day(p.firstMs, tz, true) + " and " + day(p.secondMs, tz, true)))));
}

function rpeVerdict(a: HistoryAnalysis): string {
  const r = a.rpeAtPace;
  if (r.verdict === "insufficient")
    return VERDICT.insufficient + ": " + r.n + " pairs of comparable reps in " + r.sessions + " sessions (needs " + MIN_PAIRS + " pairs and " + MIN_SESSIONS + " sessions).";
  return VERDICT[r.verdict] + ": " + trendLine(r, "RPE", 2) + ", from " + r.n + " pairs in " + r.sessions + " sessions" +
    (r.agree !== null ? "; " + Math.round(r.agree * 100) + " % of the pairs whose RPE changed changed this way" : "") + ".";
}

function sessionsTable(a: HistoryAnalysis, tz: number, storedIds: Set<string>): HTMLElement {
  const rows = a.sessions.slice().reverse().map((s) => [
    day(s.startMs!, tz, true),
    storedIds.has(s.id) ? h("a", { href: "#s=" + encodeURIComponent(s.id) }, s.plan) : s.plan,
    fmtTime(s.timerMs / 1000),
    s.rpe === null ? "" : String(s.rpe),
    s.load === null ? "" : String(Math.round(s.load)),
    HARD_WHY[s.hardWhy],
    String(s.reps.filter((r) => r.complete).length) + "/" + s.reps.length,
    s.spread ? s.spread.cvPct.toFixed(1) + " %" : "",
    s.fade ? pct(s.fade.firstToLastPct) : "",
    s.recoveryDropBpm === null ? "" : s.recoveryDropBpm.toFixed(1),
  ]);
  return table("log-sessions", ["day", "workout", "time", "RPE", "load", "day was", "reps complete", "spread (CV)", "fade", "HR drop (bpm)"], rows, "list");
}

// ---- one session

/** the session page's training-log section */
export function sessionMetricsView(m: SessionAnalysis): HTMLElement {
  const done = m.reps.filter((r) => r.complete);
  const repRows = m.reps.map((r) => [
    String(r.rep),
    r.band ? pace(r.band[0]) + "–" + pace(r.band[1]) + "/km" : "unknown",
    pace(r.paceSPerKm),
    h("span", { class: r.vsTarget ? "v-" + (r.vsTarget === "in" ? "in-band" : r.vsTarget) : "" }, r.vsTarget === "in" ? "in band" : r.vsTarget ?? (r.flagFast || r.flagSlow ? "watch: " + [r.flagFast ? "too fast" : "", r.flagSlow ? "too slow" : ""].filter(Boolean).join(", ") : "")),
    r.offBandS === null ? "" : r.offBandS === 0 ? "0" : signed(r.offBandS, 1) + " s/km",
    pct(r.offCentrePct),
    r.cad === null ? "" : String(Math.round(r.cad)),
    pct(r.cadVsFirstPct),
    r.avgHr === null ? "" : r.avgHr + "/" + (r.maxHr ?? ""),
    r.rpe === null ? "" : String(r.rpe),
    r.complete ? "yes" : "no (" + (r.paceSPerKm === null ? "no GPS distance" : WHY_TEXT[r.why]) + ")",
  ]);
  const recRows = m.recoveries.map((r) => [
    String(r.idx + 1),
    r.afterRep === null ? (r.after ?? "") : "rep " + r.afterRep,
    fmtTime(r.durMs / 1000),
    WHY_TEXT[r.why],
    r.maxHr === null ? "" : String(r.maxHr),
    r.avgHr === null ? "" : String(r.avgHr),
    r.dropBpm === null ? "" : String(r.dropBpm) + " bpm",
    [r.hrLowConf ? "HR low confidence: not used in trends" : "", r.endedByHr && r.line !== null ? "under " + r.line + " bpm in " + fmtTime(r.durMs / 1000) + (r.dropAtLeastBpm !== null ? ", at least " + r.dropAtLeastBpm + " bpm below the peak" : "") : ""].filter(Boolean).join("; "),
  ]);
  const sp = m.spread;
  const fd = m.fade;
  const cd = m.cadence;
  const basis = sp && sp.basis === "target" ? "each rep's pace taken against its own target's centre" : "raw paces";
  return h("div", { id: "metrics" },
    h("h3", null, "Reps against target"),
    rule(RULES.repTarget),
    m.reps.length
      ? table("reps", ["rep", "target", "pace", "vs target", "outside band", "vs centre", "cadence", "vs first rep", "HR avg/max", "RPE", "counted"], repRows, "splits")
      : h("p", { class: "empty" }, "No rep (work step) in this log."),
    m.planKnown ? null : h("p", { class: "note" }, "Targets unknown: the workout is not a built-in or one sent from this phone (or it was edited since), so only the watch's own too fast / too slow flags are shown."),
    h("h3", null, "Across the reps"),
    h("p", { id: "spread-text" }, sp
      ? `Spread over ${sp.n} complete reps: CV ${sp.cvPct.toFixed(1)} %, range ${sp.rangePct.toFixed(1)} % (${basis}); fastest ${pace(sp.fastest)}, mean ${pace(sp.meanPace)}, slowest ${pace(sp.slowest)} /km.`
      : "Spread: fewer than 2 complete reps (" + done.length + ")."),
    h("p", { id: "fade-text" }, fd
      ? `Fade, last rep against the first: ${pct(fd.firstToLastPct)} (${fd.firstToLastPct > 0 ? "slower" : fd.firstToLastPct < 0 ? "faster" : "the same"}); slope ${signed(fd.slopeSPerRep, 1)} s/km per rep (${pct(fd.slopePctPerRep, 2)} per rep, r² ${fd.r2.toFixed(2)}).`
      : "Fade: fewer than 2 complete reps."),
    h("p", { id: "cadence-text" }, cd
      ? `Cadence ${cd.held ? "held" : "did not hold"}: ${Math.round(cd.first)} steps/min in the first complete rep, ${Math.round(cd.last)} in the last (${pct(cd.lastVsFirstPct)}); the lowest rep ${pct(cd.lowestVsFirstPct)} against the first; ${cd.dropFlags} cadence-drop flag${cd.dropFlags === 1 ? "" : "s"} from the watch.`
      : "Cadence hold: no complete rep with a cadence."),
    rule(RULES.fade),
    rule(RULES.cadence),
    h("h3", null, "HR drop in each recovery"),
    m.recoveries.length
      ? table("recoveries", ["step", "after", "time", "ended by", "peak HR", "mean HR", "drop (peak − mean)", ""], recRows, "splits")
      : h("p", { class: "empty" }, "No recovery or rest step in this log."),
    h("p", { id: "recovery-mean" }, m.recoveryDropBpm === null ? "No recovery after a rep with usable HR." : "Mean drop of the recoveries after reps: " + m.recoveryDropBpm.toFixed(1) + " bpm."),
    rule(RULES.drop, "drop-limit"),
    h("h3", null, "Effort"),
    h("p", { id: "effort-text" },
      (m.rpe === null ? "No session RPE given." : "Session RPE " + m.rpe + " / 10.") +
      (m.repRpe.length ? " Reps: " + m.repRpe.map((r) => "rep " + r.rep + ": " + r.rpe).join(", ") + "." : "") +
      (m.load === null ? " No load (it needs a session RPE)." : " Load " + Math.round(m.load) + " (RPE " + m.rpe + " × " + (m.timerMs / 60000).toFixed(1) + " active minutes).") +
      " The day was " + HARD_WHY[m.hardWhy] + "."),
    rule(RULES.effort),
    m.notes.length ? h("ul", { class: "notes", id: "metrics-notes" }, ...m.notes.map((x) => h("li", null, x))) : null);
}
