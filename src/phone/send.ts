// "Send a workout": the runner picks a built-in (or a workout sent before) to start from, or types
// one in the text syntax (src/authoring); the page reads it on every keystroke and shows either
// the errors, each at its line and column, or the preview (the watch's list row, note lines,
// estimated time and distance, size against the watch's limits, the file it becomes). Send
// writes it on the watch (src/sync/workout.ts) as speedseq.w<id>.json, the watch's naming for
// uploads (authoring's workoutFileName). Workouts sent are kept in this browser (localStorage),
// to be edited and sent again, and so the training log knows their targets.
import { h, fill, type Child } from "./dom";
import { parseText, formatError, printWorkout, preview, previewLines, workoutFileName, parseWorkout, type TextError, type Preview } from "../authoring";
import { parseGoal as parseGoalText } from "../authoring/preview";
import { asciiJson, workoutJson } from "../sync/workout";
import { TEMPLATES } from "../engine/workout/templates";
import type { Plan } from "../engine/plan";

export const SENT_KEY = "speedseq.sent";

export interface SentWorkout {
  name: string;
  file: string;
  /** the JSON as it was written on the watch */
  json: string;
  sentAt: number;
}

/** the workouts sent from this browser, newest first; anything unreadable is left out */
export function loadSent(storage: Storage | undefined = globalThis.localStorage): SentWorkout[] {
  try {
    const raw = storage ? storage.getItem(SENT_KEY) : null;
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    if (!Array.isArray(list)) return [];
    return list.filter((x): x is SentWorkout => !!x && typeof x.name === "string" && typeof x.file === "string" && typeof x.json === "string" && typeof x.sentAt === "number" && parseWorkout(x.json).ok);
  } catch {
    return [];
  }
}

/** keeps a sent workout (one per file: a workout sent again replaces its earlier copy) */
export function saveSent(w: SentWorkout, storage: Storage | undefined = globalThis.localStorage): SentWorkout[] {
  const list = [w].concat(loadSent(storage).filter((x) => x.file !== w.file));
  try {
    storage?.setItem(SENT_KEY, JSON.stringify(list));
  } catch {
    // storage full or blocked: the workout is on the watch all the same
  }
  return list;
}

export function forgetSent(file: string, storage: Storage | undefined = globalThis.localStorage): SentWorkout[] {
  const list = loadSent(storage).filter((x) => x.file !== file);
  try {
    storage?.setItem(SENT_KEY, JSON.stringify(list));
  } catch {
    // as above
  }
  return list;
}

/** the plans of the sent workouts (for the training log's plan lookup) */
export function sentPlans(list: SentWorkout[] = loadSent()): Plan[] {
  const out: Plan[] = [];
  for (const s of list) {
    const v = parseWorkout(s.json);
    if (v.ok) out.push(v.plan);
  }
  return out;
}

export type Checked =
  | { ok: true; plan: Plan; file: string; json: string; lines: string[]; warnings: string[] }
  | { ok: false; errors: string[]; at?: TextError[] };

/**
 * The text as it would be sent: parsed, checked against the built-ins' names (the watch lists one
 * workout per name, the built-in first), named by its workout's name, as ASCII JSON the watch
 * takes. goalText: an optional goal for the preview's paces ("5k 20:00").
 */
export function check(text: string, goalText: string): Checked {
  const r = parseText(text);
  if (!r.ok) return { ok: false, errors: r.errors.map(formatError), at: r.errors };
  const plan = r.plan;
  const warnings: string[] = [];
  const built = TEMPLATES.find((t) => t.name === plan.name);
  if (built && printWorkout(built) !== printWorkout(plan))
    return { ok: false, errors: [JSON.stringify(plan.name) + " is the name of a built-in workout: the watch lists the built-in under that name, so give yours another name (the name: line)"] };
  if (built) warnings.push("this is the built-in " + JSON.stringify(plan.name) + " as it ships: a watch that has it lists its own; sending it brings it back to a watch where it was removed");
  let json: string;
  try {
    json = workoutJson(asciiJson(plan));
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
  let goal;
  const g = goalText.trim();
  if (g) {
    const pg = parseGoalText(g);
    if (!pg.ok) return { ok: false, errors: ["goal: " + pg.error] };
    goal = pg.goal;
  }
  const p = preview(plan, goal);
  // (authoring's previewLines is taking the goal from the preview itself: passing it too suits both)
  const lines = (previewLines as (p: Preview, goal?: unknown) => string[])(p, goal);
  return { ok: true, plan, file: workoutFileName(plan.name), json, lines, warnings: warnings.concat(p.warnings) };
}

export const SYNTAX_EXAMPLE = ["name: Track night", "note: 6x400 just under 5K pace", "- 10m warm-up", "6x", "  - 400mtr 5k pace-3s", "  - 90s jog", "- 10m cool-down"].join("\n") + "\n";

export interface SendPageOptions {
  /** sends one checked workout; resolves with the line to show (and throws a message on failure) */
  send(c: Extract<Checked, { ok: true }>): Promise<void>;
  /** the connection the page will use, for the note under the button */
  via(): string;
}

/** the page; its state is in the DOM, its sent list in localStorage */
export class SendPage {
  readonly el: HTMLElement;
  private text: HTMLTextAreaElement;
  private goal: HTMLInputElement;
  private pick: HTMLSelectElement;
  private button: HTMLButtonElement;
  private errors: HTMLElement;
  private preview: HTMLElement;
  private sentBox: HTMLElement;
  private viaNote: HTMLElement;
  current: Checked = { ok: false, errors: [] };

  constructor(private o: SendPageOptions) {
    this.text = h("textarea", { id: "send-text", rows: 12, spellcheck: "false", autocapitalize: "off", autocomplete: "off", "aria-label": "workout text" });
    this.goal = h("input", { type: "text", id: "send-goal", size: 14, placeholder: "5k 20:00", "aria-label": "goal for the preview" });
    this.pick = h("select", { id: "send-template", "aria-label": "start from" });
    this.button = h("button", { type: "button", id: "send", disabled: true }, "Send to the watch");
    this.errors = h("div", { id: "send-errors", role: "alert" });
    this.preview = h("div", { id: "send-preview" });
    this.sentBox = h("div", { id: "sent" });
    this.viaNote = h("p", { class: "note", id: "send-via" });
    this.text.addEventListener("input", () => this.update());
    this.goal.addEventListener("input", () => this.update());
    this.pick.addEventListener("change", () => this.startFrom(this.pick.value));
    this.button.addEventListener("click", () => void this.go());
    this.el = h("div", null,
      h("h2", null, "Send a workout to the watch"),
      h("p", { class: "note" }, "Start from a built-in or a workout sent before, or type one. The watch lists it after its built-ins as an uploaded workout (a file speedseq.w….json named after the workout's name: sending a workout of the same name again replaces it). Paces relative to a race (5k pace-3s) follow the goal set on the watch."),
      h("div", { class: "row" }, h("label", null, "Start from ", this.pick)),
      this.text,
      h("details", { class: "note" }, h("summary", null, "How to write a workout"),
        h("p", null, "A name: line, an optional note: line, then one step a line. A step: how it ends (90s, 10m, 1h20m; 400mtr, 2.3km, 1mi; press lap; until HR<130 min 60s max 3m), then its kind (warm-up, stride, recovery or jog or walk, cool-down, rest; none for a rep), a pace (4:30/km, 4:20-4:31/km, 5k pace-3s), HR 150-165, cad>=170, a \"label\". 6x starts a repeat: its steps indented below it, and \"between 90s jog\" indented with them runs between rounds. # starts a comment."),
        h("pre", { class: "example" }, SYNTAX_EXAMPLE)),
      h("div", { class: "row" }, h("label", null, "Goal for the preview's paces (optional) ", this.goal)),
      this.errors,
      this.preview,
      h("div", { class: "row" }, this.button),
      this.viaNote,
      h("div", { id: "send-status", role: "status" }),
      h("h3", null, "Sent from this phone"),
      this.sentBox);
    this.fillPicker();
    this.showSent();
    this.update();
  }

  private fillPicker(): void {
    const opts: Child[] = [h("option", { value: "" }, "(type your own)")];
    const built = h("optgroup", { label: "built-in" }, ...TEMPLATES.map((t) => h("option", { value: "b:" + t.name }, t.name)));
    const sent = loadSent();
    opts.push(built);
    if (sent.length) opts.push(h("optgroup", { label: "sent from this phone" }, ...sent.map((s) => h("option", { value: "s:" + s.file }, s.name))));
    fill(this.pick, ...opts);
  }

  /** fills the text with a built-in ("b:<name>") or a sent workout ("s:<file>") */
  startFrom(v: string): void {
    let plan: Plan | undefined;
    if (v.indexOf("b:") === 0) plan = TEMPLATES.find((t) => t.name === v.slice(2));
    else if (v.indexOf("s:") === 0) {
      const s = loadSent().find((x) => x.file === v.slice(2));
      const p = s ? parseWorkout(s.json) : undefined;
      if (p && p.ok) plan = p.plan;
    }
    if (!plan) return;
    this.text.value = printWorkout(plan);
    this.update();
  }

  refresh(): void {
    fill(this.viaNote, this.o.via());
  }

  update(): void {
    const c = check(this.text.value, this.goal.value);
    this.current = c;
    this.refresh();
    if (!this.text.value.trim()) {
      fill(this.errors);
      fill(this.preview, h("p", { class: "empty" }, "Type a workout, or pick one to start from."));
      this.button.disabled = true;
      return;
    }
    if (!c.ok) {
      const lines = this.text.value.split(/\r\n|\r|\n/);
      fill(this.errors, h("ul", { class: "warn" }, ...c.errors.map((e, i) => {
        const at = c.at ? c.at[i] : undefined;
        const src = at && lines[at.line - 1] !== undefined ? lines[at.line - 1] : undefined;
        return h("li", null, e, src !== undefined ? h("pre", { class: "at" }, src + "\n" + " ".repeat(Math.max(0, at!.col - 1)) + "^".repeat(Math.max(1, Math.min(at!.len, 80)))) : null);
      })));
      fill(this.preview);
      this.button.disabled = true;
      return;
    }
    fill(this.errors);
    fill(this.preview,
      h("pre", { class: "preview", id: "send-preview-lines" }, c.lines.join("\n")),
      c.warnings.length ? h("ul", { class: "note" }, ...c.warnings.map((w) => h("li", null, w))) : null);
    this.button.disabled = false;
  }

  private async go(): Promise<void> {
    const c = this.current;
    const status = this.el.querySelector("#send-status") as HTMLElement;
    if (!c.ok) return;
    this.button.disabled = true;
    try {
      await this.o.send(c);
    } catch (e) {
      fill(status, h("div", { class: "warn" }, (e as Error).message));
    } finally {
      this.fillPicker();
      this.showSent();
      this.update();
    }
  }

  showSent(): void {
    const list = loadSent();
    if (!list.length) {
      fill(this.sentBox, h("p", { class: "empty" }, "None yet."));
      return;
    }
    fill(this.sentBox, h("table", { class: "list", id: "sent-list" },
      h("tbody", null, ...list.map((s) => {
        const edit = h("button", { type: "button", class: "small" }, "edit");
        edit.addEventListener("click", () => {
          this.startFrom("s:" + s.file);
          this.text.focus();
        });
        const forget = h("button", { type: "button", class: "small danger" }, "forget");
        forget.addEventListener("click", () => {
          forgetSent(s.file);
          this.fillPicker();
          this.showSent();
        });
        return h("tr", { "data-file": s.file },
          h("td", null, s.name),
          h("td", null, s.file),
          h("td", null, new Date(s.sentAt).toLocaleString()),
          h("td", null, edit, " ", forget));
      }))),
      h("p", { class: "note" }, "Forget takes a workout off this list only; the watch keeps its file (delete it there, or with the App Loader)."));
  }
}
