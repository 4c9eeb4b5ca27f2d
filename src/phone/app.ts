// The phone app's page: sync from the watch over the transport picked, import a log file, the
// session list, one session (splits against the plan's targets, charts, flags, RPE, exports, and
// its training-log metrics), the training log across sessions (#log), and sending a workout to
// the watch (#send).
// The same code runs as the standalone PWA (main.ts) and as the App Loader's interface.html
// (interface.ts); each entry says which transports it has and how files are saved.
//
// Log content (workout name, goal, version, file names, notes quoting them) only ever reaches the
// page as Text nodes (dom.ts), or as a file name through safeFileName.
import { h, fill, byId, safeFileName, type Child } from "./dom";
import { Store, type StoredSession } from "./store";
import { viewOf, sessionId, fmtKm, fmtDur, fmtStart, fmtPace, fmtTime, type SessionView } from "./session";
import { SessionCharts, type ChartInfo } from "./charts";
import { trainingLog, sessionMetrics, candidatePlans } from "./log";
import { logPage, sessionMetricsView } from "./logview";
import type { LogCharts, LogChartInfo } from "./logcharts";
import { SendPage, saveSent, sentPlans, type Checked } from "./send";
import { SyncClient, syncWatch, type Connect, type SyncReport } from "../sync";
import { writeWorkout, type WriteResult } from "../sync/workout";
import { crc32 } from "../sim/crc";
import { exportFiles, type Format } from "../export/index";

export interface TransportChoice {
  id: string;
  label: string;
  /** a line under the choice */
  hint?: string;
  /** false: shown greyed out with the hint saying why */
  usable: boolean;
  /** runs in the Sync click (the Bluetooth chooser needs the tap): the link to sync over */
  prepare(): Promise<{ connect: Connect; name: string }>;
  /** an input beside the choice (the virtual watch's port) */
  input?: { label: string; value: string; onChange(v: string): void };
}

export interface AppOptions {
  store: Store;
  transports: TransportChoice[];
  /** the FIT encoder is in this build (Garmin's SDK: see README "The phone app") */
  fit: boolean;
  /** how a file leaves the page (default: a download) */
  saveFile?: (name: string, mime: string, data: Uint8Array) => void;
  /** a line about where this copy runs, under the title */
  where: string;
}

/** what the tests read */
export interface Hooks {
  ready: boolean;
  store: Store;
  charts(): ChartInfo[];
  view(): { id: string; splits: number; plan: string } | undefined;
  lastSync?: SyncReport;
  /** the last send's result, or its error */
  lastSend?: WriteResult | { error: string };
  /** the training log's charts: their series as drawn */
  logCharts(): LogChartInfo[];
  /** the page shown: "list", "log", "send" or "session" */
  page: string;
  busy: boolean;
}

function download(name: string, mime: string, data: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    a.remove();
    URL.revokeObjectURL(url);
  }, 1000);
}

/** bytes of a file as char codes 0-255 (a log is ASCII; anything else keeps its bytes for the CRCs) */
export function bytesToLatin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, Array.from(b.subarray(i, i + 8192)));
  return s;
}

/** an event's value as the flags table shows it: the form guard's (its set's end, a step index) as the step it is, else the number */
export function formGuardValue(what: string, value: number): string {
  if (what === "formOffer" || what === "shorten") return value >= 1e6 ? "reps to the end" : "reps before step " + (value + 1);
  return what === "asPlanned" ? "" : String(value);
}

const ENDED: Record<string, string> = { done: "plan finished", ended: "ended by the runner", saved: "saved after the watch stopped" };

export class App {
  hooks: Hooks;
  private charts: SessionCharts | null = null;
  private logCharts: LogCharts | null = null;
  private current: SessionView | null = null;
  private choice: TransportChoice | undefined;
  private sendPage: SendPage;

  constructor(private root: HTMLElement, private o: AppOptions) {
    this.hooks = {
      ready: false,
      store: o.store,
      busy: false,
      charts: () => (this.charts ? this.charts.info : []),
      logCharts: () => (this.logCharts ? this.logCharts.info : []),
      page: "",
      view: () => (this.current ? { id: this.current.summary.id, splits: this.current.splits.length, plan: this.current.summary.plan } : undefined),
    };
    this.choice = o.transports.find((t) => t.usable);
    this.sendPage = new SendPage({
      send: (c) => this.sendWorkout(c),
      via: () => (this.choice ? "Sent over: " + this.choice.label + " (chosen under \"The watch\" above)." : "No way to reach the watch from this browser."),
    });
    this.layout();
    window.addEventListener("hashchange", () => void this.route());
  }

  async start(): Promise<void> {
    await this.route();
    this.hooks.ready = true;
  }

  private layout(): void {
    const choices = h("div", { class: "choices", role: "radiogroup", "aria-label": "connection" });
    for (const t of this.o.transports) {
      const radio = h("input", { type: "radio", name: "transport", value: t.id, id: "t-" + t.id, checked: this.choice === t, disabled: !t.usable });
      radio.addEventListener("change", () => {
        if (radio.checked) this.choice = t;
        this.sendPage.refresh();
      });
      let extra: Child = null;
      if (t.input) {
        const inp = h("input", { type: "text", inputmode: "numeric", size: 6, value: t.input.value, id: "t-" + t.id + "-input", "aria-label": t.input.label });
        const spec = t.input;
        inp.addEventListener("input", () => spec.onChange(inp.value));
        extra = h("label", null, " " + spec.label + " ", inp);
      }
      choices.appendChild(h("div", { class: "choice" + (t.usable ? "" : " off") }, h("label", { for: "t-" + t.id }, radio, " " + t.label), extra, t.hint ? h("div", { class: "hint" }, t.hint) : null));
    }
    const sync = h("button", { id: "sync", type: "button" }, "Sync from the watch");
    sync.addEventListener("click", () => void this.sync());
    const file = h("input", { type: "file", id: "import", multiple: true, accept: ".log,.txt,text/plain" });
    file.addEventListener("change", () => void this.importFiles(file));
    const nav = h("nav", { class: "tabs", id: "nav" },
      h("a", { href: "#", "data-page": "list" }, "Sessions"),
      h("a", { href: "#log", "data-page": "log" }, "Training log"),
      h("a", { href: "#send", "data-page": "send" }, "Send a workout"));
    fill(
      this.root,
      h("header", null, h("h1", null, "SpeedSeq"), h("span", { class: "where" }, this.o.where)),
      nav,
      h("section", { class: "panel", id: "connection" },
        h("h2", null, "The watch"),
        choices,
        h("p", { class: "note" }, "Disconnect Gadgetbridge (or any other app or tab connected to the watch) first: the watch talks to one phone or computer at a time."),
        h("p", { class: "note" }, "Bluetooth from a web page (Web Bluetooth) needs Chrome or Edge: on Android, Windows, macOS and ChromeOS (on Linux it may need chrome://flags/#enable-experimental-web-platform-features). Firefox and Safari, and so every browser on an iPhone, do not have it.")),
      h("div", { id: "list-view" },
        h("section", { class: "panel", id: "sync-panel" },
          h("h2", null, "From the watch"),
          h("label", { class: "opt" }, h("input", { type: "checkbox", id: "delete" }), " delete each log from the watch once its copy is kept here (never the newest, never an unfinished one)"),
          h("div", { class: "row" }, sync),
          h("div", { id: "sync-status", role: "status" }),
          h("div", { id: "sync-report" })),
        h("section", { class: "panel", id: "import-panel" },
          h("h2", null, "From a file"),
          h("p", { class: "note" }, "A session log as the watch wrote it (speedseq.log0, speedseq.log1, …: the emulator's Storage panel or the App Loader downloads one)."),
          file,
          h("div", { id: "import-status", role: "status" })),
        h("section", { class: "panel", id: "sessions-panel" },
          h("h2", null, "Sessions"),
          h("div", { id: "sessions" }))),
      h("div", { id: "log-view", hidden: true }),
      h("div", { id: "send-view", class: "panel", hidden: true }, this.sendPage.el),
      h("div", { id: "session-view", hidden: true }),
    );
  }

  // --- routing: "#s=<id>" shows a session, "#log" the training log, "#send" the send page,
  // anything else the list

  private async route(): Promise<void> {
    const m = /^#s=(.+)$/.exec(location.hash);
    const id = m ? decodeURIComponent(m[1]) : undefined;
    const s = id ? await this.o.store.get(id) : undefined;
    const page = s ? "session" : location.hash === "#log" ? "log" : location.hash === "#send" ? "send" : "list";
    this.dropCharts();
    if (page !== "session") this.current = null;
    byId("list-view").hidden = page !== "list";
    byId("log-view").hidden = page !== "log";
    byId("send-view").hidden = page !== "send";
    byId("session-view").hidden = page !== "session";
    byId("connection").hidden = page !== "list" && page !== "send";
    for (const a of Array.from(byId("nav").querySelectorAll("a"))) a.classList.toggle("on", a.getAttribute("data-page") === page);
    this.hooks.page = page;
    if (s) this.showSession(s);
    else if (page === "log") await this.showLog();
    else if (page === "send") this.sendPage.update();
    else await this.showList();
  }

  private dropCharts(): void {
    if (this.charts) this.charts.destroy();
    this.charts = null;
    if (this.logCharts) this.logCharts.destroy();
    this.logCharts = null;
  }

  /** the training log of every stored session, judged now (days in this device's time zone) */
  async showLog(): Promise<void> {
    const all = await this.o.store.list();
    const now = Date.now();
    const log = trainingLog(all.map((x) => x.text), { nowMs: now, tzOffsetMin: -new Date(now).getTimezoneOffset(), sent: sentPlans() });
    const el = byId("log-view");
    const page = logPage(log, new Set(all.map((x) => x.id)));
    fill(el, page.el);
    if (this.hooks.page !== "log") return;
    const width = Math.max(280, Math.min(900, (el.clientWidth || window.innerWidth) - 40));
    this.logCharts = page.draw(width);
  }

  async showList(): Promise<void> {
    const all = await this.o.store.list();
    const box = byId("sessions");
    if (!all.length) {
      fill(box, h("p", { class: "empty" }, "No sessions yet: sync from the watch or import a log file."));
      return;
    }
    const rows = all.map((s) => {
      const a = h("a", { href: "#s=" + encodeURIComponent(s.id) }, s.plan);
      return h("tr", { "data-id": s.id },
        h("td", null, fmtStart(s.startMs)),
        h("td", null, a),
        h("td", { class: "num" }, fmtKm(s.distM)),
        h("td", { class: "num" }, fmtDur(s.durMs)),
        h("td", null, s.endWhy ? (ENDED[s.endWhy] ?? s.endWhy) : "not closed"),
        h("td", { class: "num" }, s.rpe ? String(s.rpe) : ""),
        h("td", null, s.source === "watch" ? "watch" : "file"));
    });
    fill(box, h("div", { class: "scroll" }, h("table", { class: "list" },
      h("thead", null, h("tr", null, h("th", null, "start"), h("th", null, "workout"), h("th", null, "distance"), h("th", null, "time"), h("th", null, "end"), h("th", null, "RPE"), h("th", null, "from"))),
      h("tbody", null, ...rows))));
  }

  private showSession(s: StoredSession): void {
    this.dropCharts();
    const sent = sentPlans();
    const v = viewOf(s.text, candidatePlans(sent));
    this.current = v;
    const sum = v.summary;
    const a = v.activity;
    const el = byId("session-view");
    const back = h("a", { href: "#", class: "back" }, "← all sessions");
    const facts: [string, string][] = [
      ["start", fmtStart(sum.startMs)],
      ["goal", sum.goal ?? ""],
      ["time (timer)", a ? fmtDur(a.totals.timerMs) : fmtDur(sum.durMs)],
      ["elapsed", a ? fmtDur(a.totals.elapsedMs) : ""],
      ["distance", fmtKm(a ? a.totals.distM : sum.distM)],
      ["average pace", a && a.totals.distM > 0 ? fmtPace(a.totals.timerMs / a.totals.distM) + "/km" : ""],
      ["HR avg / max", a && a.totals.avgHr ? Math.round(a.totals.avgHr) + " / " + a.totals.maxHr : ""],
      ["cadence", a && a.totals.avgCad ? Math.round(a.totals.avgCad) + " steps/min" : ""],
      ["RPE", sum.rpe ? sum.rpe + " / 10" : "not given"],
      ["ended", sum.endWhy ? (ENDED[sum.endWhy] ?? sum.endWhy) : "not closed"],
      ["app version", sum.version ?? ""],
      ["copy", (s.source === "watch" ? "synced from the watch" : "imported from a file") + (s.name ? " (" + s.name + ")" : "") + ", " + sum.records + " records" + (sum.damaged ? ", " + sum.damaged + " damaged lines skipped" : "")],
    ];
    const dl = h("dl", { class: "facts" });
    for (const [k, val] of facts) if (val) dl.append(h("dt", null, k), h("dd", null, val));

    const exportsRow = h("div", { class: "row exports" }, "Export: ");
    const formats: [Format, string][] = [["fit", "FIT"], ["tcx", "TCX"], ["gpx", "GPX"], ["csv", "CSV"]];
    for (const [f, label] of formats) {
      const b = h("button", { type: "button", "data-format": f, disabled: !a || (f === "fit" && !this.o.fit) }, label);
      if (f === "fit" && !this.o.fit) b.title = "FIT is not in this build (Garmin's FIT SDK licence): TCX carries the same laps";
      b.addEventListener("click", () => void this.exportAs(s, f));
      exportsRow.append(b, " ");
    }
    const del = h("button", { type: "button", class: "danger", id: "delete-session" }, "Delete from this phone");
    del.addEventListener("click", () => void this.remove(s));

    const chartsBox = h("div", { class: "charts", id: "charts" });
    fill(el,
      back,
      h("h2", { id: "session-title" }, sum.plan),
      v.plan ? null : h("p", { class: "note" }, "Targets: this workout is not one of the built-in ones (or its goal differs), so only what was run is shown."),
      dl,
      exportsRow,
      h("div", { id: "export-status", role: "status" }),
      h("h3", null, "Splits"),
      this.splitsTable(v),
      h("h3", null, "Charts"),
      h("p", { class: "note" }, "Pace from the GPS track; HR and cadence are each step's averages (the log keeps no per-second values). Lines: step starts; shaded: reps and strides; triangles: the watch's flags."),
      v.charts && v.charts.t.length ? chartsBox : h("p", { class: "empty" }, "No track in this log."),
      h("h3", null, "Flags"),
      this.flagsTable(v),
      h("section", { class: "panel", id: "session-log" }, h("h2", null, "Training log: this session"), sessionMetricsView(sessionMetrics(s.text, sent))),
      v.problem ? h("p", { class: "warn" }, v.problem) : null,
      v.notes.length ? h("div", null, h("h3", null, "Notes"), h("ul", { class: "notes" }, ...v.notes.map((n) => h("li", null, n)))) : null,
      h("div", { class: "row" }, del));
    if (v.charts && v.charts.t.length) {
      const width = Math.max(280, Math.min(900, (el.clientWidth || window.innerWidth) - 24));
      this.charts = new SessionCharts(chartsBox, v.charts, width);
    }
    window.scrollTo(0, 0);
  }

  private splitsTable(v: SessionView): HTMLElement {
    if (!v.splits.length) return h("p", { class: "empty" }, "No step in this log verified.");
    const head = ["#", "step", "target", "time", "distance", "pace", "vs target", "HR avg/max", "cadence", "ended by", "flags", "RPE"];
    const rows = v.splits.map((s) =>
      h("tr", { class: "k-" + s.kind + (s.source !== "summary" ? " rebuilt" : "") },
        h("td", { class: "num" }, s.n),
        h("td", null, s.label),
        h("td", null, s.target),
        h("td", { class: "num" }, fmtTime(s.timerS)),
        h("td", { class: "num" }, isFinite(s.distM) ? Math.round(s.distM) + " m" : "?"),
        h("td", { class: "num" }, s.paceS ? fmtPace(s.paceS) : ""),
        h("td", { class: "v-" + s.verdict.replace(" ", "-") }, s.verdict),
        h("td", { class: "num" }, s.avgHr ? s.avgHr + "/" + s.maxHr : ""),
        h("td", { class: "num" }, s.avgCad ? String(s.avgCad) : ""),
        h("td", null, s.why),
        h("td", null, s.flags + (s.quality ? (s.flags ? " " : "") + "(" + s.quality + ")" : "")),
        h("td", { class: "num" }, s.rpe ? String(s.rpe) : "")));
    return h("div", { class: "scroll" }, h("table", { class: "splits", id: "splits" },
      h("thead", null, h("tr", null, ...head.map((x) => h("th", null, x)))),
      h("tbody", null, ...rows)));
  }

  private flagsTable(v: SessionView): HTMLElement {
    if (!v.events.length) return h("p", { class: "empty" }, "No flags or pauses.");
    return h("table", { class: "flags", id: "flags" },
      h("tbody", null, ...v.events.map((e) => h("tr", null,
        h("td", { class: "num" }, fmtTime(e.tMs / 1000)),
        h("td", null, e.what),
        h("td", null, e.value === undefined ? "" : e.what === "paceFast" || e.what === "paceSlow" ? fmtPace(e.value) + "/km" : formGuardValue(e.what, e.value))))));
  }

  private async exportAs(s: StoredSession, f: Format): Promise<void> {
    const a = this.current && this.current.summary.id === s.id ? this.current.activity : undefined;
    const status = byId("export-status");
    if (!a) return;
    try {
      const files = await exportFiles(a, f);
      const d = new Date(a.startMs);
      const p = (n: number) => (n < 10 ? "0" : "") + n;
      const base = safeFileName("speedseq-" + d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate()) + "-" + p(d.getHours()) + p(d.getMinutes()) + "-" + a.plan);
      const save = this.o.saveFile || download;
      for (const x of files) save(base + x.suffix, x.mime, typeof x.data === "string" ? new TextEncoder().encode(x.data) : x.data);
      fill(status, "Saved " + files.map((x) => base + x.suffix).join(", "));
    } catch (e) {
      fill(status, h("span", { class: "warn" }, "Export failed: " + (e as Error).message));
    }
  }

  private async remove(s: StoredSession): Promise<void> {
    if (!confirm("Delete this session from this phone? (The watch is not touched.)")) return;
    await this.o.store.remove(s.id);
    location.hash = "";
    await this.route();
  }

  // --- import

  async importFiles(input: HTMLInputElement): Promise<void> {
    const status = byId("import-status");
    const lines: Child[] = [];
    for (const f of Array.from(input.files || [])) {
      const text = bytesToLatin1(new Uint8Array(await f.arrayBuffer()));
      const v = viewOf(text);
      if (!v.summary.records) {
        lines.push(h("div", { class: "warn" }, f.name + ": not a SpeedSeq session log (no line verified)"));
        continue;
      }
      const r = await this.o.store.put(text, "file", f.name);
      lines.push(h("div", null, f.name + ": " + (r.result === "added" ? "added" : r.result === "updated" ? "updated (a longer copy of a session already here)" : "already here, nothing changed")));
    }
    input.value = "";
    fill(status, ...lines);
    await this.showList();
  }

  // --- sync

  async sync(): Promise<void> {
    if (this.hooks.busy) return;
    const status = byId("sync-status");
    const report = byId("sync-report");
    const t = this.choice;
    if (!t) {
      fill(status, "No way to reach the watch from this browser.");
      return;
    }
    this.hooks.busy = true;
    const btn = byId<HTMLButtonElement>("sync");
    btn.disabled = true;
    const log: string[] = [];
    const say = (line: string) => {
      log.push(line);
      fill(status, ...log.slice(-6).map((l) => h("div", null, l)));
    };
    fill(report);
    let client: SyncClient | undefined;
    try {
      const link = await t.prepare();
      say("Connecting to " + link.name + " …");
      client = new SyncClient(link.connect, { crc: crc32, log: say });
      const store = this.o.store;
      const rep = await syncWatch(client, {
        crc: crc32,
        delete: byId<HTMLInputElement>("delete").checked,
        log: say,
        have: async (info) => {
          const s = await store.get(sessionId(info.head + "\n"));
          return s ? s.text : undefined;
        },
        save: async (info, text) => {
          await store.put(text, "watch", info.name);
        },
      });
      this.hooks.lastSync = rep;
      if (rep.refused) say(rep.refused);
      else {
        const saved = rep.files.filter((f) => f.status === "saved").length;
        const same = rep.files.filter((f) => f.status === "unchanged").length;
        const failed = rep.files.filter((f) => f.status === "failed").length;
        say("Done: " + rep.files.length + " log(s) on the watch; " + saved + " new or grown, " + same + " already here" + (failed ? ", " + failed + " failed" : "") + ".");
      }
      fill(report, this.reportTable(rep));
    } catch (e) {
      say("Sync failed: " + (e as Error).message);
    } finally {
      try {
        if (client) await client.close();
      } catch {
        // the link is gone already
      }
      btn.disabled = false;
      this.hooks.busy = false;
      await this.showList();
    }
  }

  // --- send a workout

  /** writes a checked workout on the watch over the connection chosen; refused while a session runs */
  async sendWorkout(c: Extract<Checked, { ok: true }>): Promise<void> {
    const status = byId("send-status");
    const log: string[] = [];
    const say = (line: string, warn = false) => {
      log.push(line);
      fill(status, ...log.slice(-6).map((l, i, a) => h("div", { class: warn && i === a.length - 1 ? "warn" : undefined }, l)));
    };
    if (this.hooks.busy) {
      say("The watch is busy with a sync or another send: wait for it to finish.", true);
      return;
    }
    const t = this.choice;
    if (!t) {
      say("No way to reach the watch from this browser.", true);
      return;
    }
    this.hooks.busy = true;
    this.hooks.lastSend = undefined;
    const syncBtn = byId<HTMLButtonElement>("sync");
    syncBtn.disabled = true;
    try {
      const link = await t.prepare();
      say("Sending " + c.plan.name + " to " + link.name + " as " + c.file + " …");
      const r = await writeWorkout(link.connect, c.file, c.json, { crc: crc32, log: (l) => say(l) });
      this.hooks.lastSend = r;
      if (!r.ok) {
        say(r.refused, true);
        return;
      }
      saveSent({ name: c.plan.name, file: c.file, json: c.json, sentAt: Date.now() });
      say(
        (r.status === "same" ? c.plan.name + " is on the watch: " + c.file + " already held exactly this workout." : c.plan.name + " is on the watch as " + c.file + (r.status === "replaced" ? " (it replaced the earlier workout of that name)." : ".")) +
          (r.restarted ? " SpeedSeq restarted on the watch and lists it." : " SpeedSeq lists it the next time its list opens."),
      );
    } catch (e) {
      this.hooks.lastSend = { error: (e as Error).message };
      say("Send failed: " + (e as Error).message, true);
    } finally {
      syncBtn.disabled = false;
      this.hooks.busy = false;
    }
  }

  private reportTable(r: SyncReport): HTMLElement | string {
    if (!r.files.length) return r.refused ? "" : "No session logs on the watch.";
    return h("table", { class: "report" },
      h("thead", null, h("tr", null, h("th", null, "log"), h("th", null, "workout"), h("th", null, "result"), h("th", null, "records"), h("th", null, "on the watch"))),
      h("tbody", null, ...r.files.map((f) => h("tr", null,
        h("td", null, f.name),
        h("td", null, f.plan ?? ""),
        h("td", null, f.status + (f.error ? ": " + f.error : "") + (f.damaged ? " (" + f.damaged + " damaged lines)" : "")),
        h("td", { class: "num" }, String(f.records)),
        h("td", null, f.deleted ? (f.deleted === "deleted" ? "deleted" : "kept (" + f.deleted + ")") : "kept")))));
  }
}
