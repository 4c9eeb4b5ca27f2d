// E.showMessage, E.showPrompt and E.showMenu on the board. Drawn with our fonts (so the draw log
// shows every label) and driven through Bangle.setUI like the firmware's versions: a prompt's
// buttons are touch targets (a single button also takes BTN1), a menu row is selected by tapping
// it, dragging scrolls, and BTN1 or the back widget calls the menu's back. Layout is ours, but a
// menu row is as wide in characters as the firmware's (its 12x20 font and our 6x8 at scale 2 are
// both 12 px a character), so a label that would overlap its value or run off the watch's screen
// is reported as an error.
import type { Graphics } from "./graphics";

export interface EUiHost {
  g: Graphics;
  appRect(): { x: number; y: number; w: number; h: number; x2: number; y2: number };
  setUI(mode?: unknown, cb?: (...a: any[]) => unknown): void;
  invoke(fn: unknown, thisArg: unknown, args: unknown[]): unknown;
  realmError(msg: string): Error;
  newPromise<T>(exec: (resolve: (v: T) => void) => void): Promise<T>;
  drawWidgets(): void;
  /** a screen the watch would draw garbled (text overlapping or off the screen): reported like an app error */
  layoutError(msg: string): void;
}

export interface EUi {
  showMessage(msg: unknown, title?: unknown): void;
  showPrompt(msg: unknown, options?: unknown): Promise<unknown>;
  showMenu(items?: unknown): unknown;
}

const ROW_H = 24;

export function createEUi(h: EUiHost): EUi {
  const g = h.g;

  /** the biggest of our fonts in which the text, wrapped at spaces (no word split), fits w × hgt */
  function fitText(text: string, w: number, hgt: number): string[] {
    const words = text.split(/\s+/);
    for (const f of ["6x8:3", "6x8:2", "6x8"]) {
      g.setFont(f);
      const lines = g.wrapString(text, w);
      if (lines.length * g.getFontHeight() <= hgt && words.every((x) => g.stringWidth(x) <= w)) return lines;
    }
    g.setFont("4x6");
    return g.wrapString(text, w);
  }

  function drawTitle(title: string, y: number, r: { x: number; x2: number; w: number }): number {
    g.setFont("6x8:2").setFontAlign(0, 0);
    g.setColor(g.theme.fgH).setBgColor(g.theme.bgH).clearRect(r.x, y, r.x2, y + ROW_H - 1);
    g.drawString(title, r.x + r.w / 2, y + ROW_H / 2);
    g.setColor(g.theme.fg).setBgColor(g.theme.bg);
    return y + ROW_H;
  }

  function showMessage(msg: unknown, title?: unknown): void {
    const r = h.appRect();
    g.reset().clearRect(r.x, r.y, r.x2, r.y2);
    let y = r.y;
    const t = title && typeof title === "object" ? (title as { title?: string }).title : title;
    if (t) y = drawTitle(String(t), y, r);
    const lines = fitText(String(msg ?? ""), r.w - 8, r.y2 - y - 4);
    g.setFontAlign(0, 0).drawString(lines.join("\n"), r.x + r.w / 2, (y + r.y2) / 2);
  }

  function showPrompt(msg: unknown, options?: unknown): Promise<unknown> {
    const o = (options && typeof options === "object" ? options : {}) as {
      title?: string; buttons?: Record<string, unknown>; back?: () => void; remove?: () => void;
    };
    const r = h.appRect();
    g.reset().clearRect(r.x, r.y, r.x2, r.y2);
    if (!msg) {
      h.setUI();
      return h.newPromise((res) => res(undefined));
    }
    const buttons = o.buttons ?? { Yes: true, No: false };
    const names = Object.keys(buttons);
    if (names.length > 6) throw h.realmError(">6 buttons");
    const cols = [0, 1, 2, 3, 2, 3, 3][names.length];
    const rows = Math.ceil(names.length / cols);
    const bh = rows > 1 ? 40 : 50;
    const bw = (r.w - 1) / cols;
    let y = r.y;
    if (o.title) y = drawTitle(String(o.title), y, r);
    const msgH = r.y2 - y - rows * bh;
    const lines = fitText(String(msg), r.w - 8, msgH - 4);
    g.setFontAlign(0, 0).drawString(lines.join("\n"), r.x + r.w / 2, y + msgH / 2);
    const boxes = names.map((name, i) => {
      const bx = Math.round((i % cols) * bw + 2), by = Math.round(r.y2 - (rows - Math.floor(i / cols)) * bh + 1);
      const box = { x1: bx, y1: by, x2: Math.round(bx + bw - 4), y2: by + bh - 2 };
      g.setColor(g.theme.bg2).fillRect(box.x1, box.y1, box.x2, box.y2);
      g.setColor(g.theme.fg2).drawRect(box.x1, box.y1, box.x2, box.y2);
      const label = fitText(name, box.x2 - box.x1 - 4, bh - 4);
      g.setFontAlign(0, 0).drawString(label.join("\n"), (box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2);
      return box;
    });
    return h.newPromise((resolve) => {
      const done = (i: number) => {
        h.setUI();
        g.reset().clearRect(r.x, r.y, r.x2, r.y2);
        resolve(buttons[names[i]]);
      };
      const ui: Record<string, unknown> = {
        mode: "custom", remove: o.remove, back: o.back,
        touch: (_n: number, e: { x: number; y: number }) => {
          const i = boxes.findIndex((b) => e.x >= b.x1 - 2 && e.x <= b.x2 + 2 && e.y >= b.y1 && e.y <= b.y2 + 1);
          if (i >= 0) done(i);
        },
      };
      if (names.length === 1 && !o.back) ui.btn = () => done(0);
      h.setUI(ui);
    });
  }

  function showMenu(items?: unknown): unknown {
    const r = h.appRect();
    g.reset().clearRect(r.x, r.y, r.x2, r.y2);
    if (!items) {
      h.setUI();
      return undefined;
    }
    const menu = items as Record<string, any>;
    const opts = (menu[""] && typeof menu[""] === "object" ? menu[""] : {}) as { title?: string; back?: () => void; selected?: number; remove?: () => void };
    const keys = Object.keys(menu).filter((k) => k !== "");
    const top = r.y + (opts.title ? ROW_H : 0);
    const visible = Math.max(1, Math.floor((r.y2 + 1 - top) / ROW_H));
    let scroll = Math.max(0, Math.min(keys.length - visible, (opts.selected ?? 0) - (visible >> 1)));
    let editing: string | undefined;
    let dragAcc = 0;

    const valueText = (item: any): string => {
      if (item === null || typeof item !== "object") return "";
      const v = item.format ? h.invoke(item.format, item, [item.value]) : typeof item.value === "boolean" ? (item.value ? "Yes" : "No") : item.value;
      return v === undefined ? "" : String(v);
    };
    /** label and value must fit one row side by side (the firmware draws both, overlapping if need be) */
    function checkRow(label: string, value: string): void {
      g.setFont("6x8:2");
      const need = g.stringWidth(label) + (value ? g.stringWidth(value) + 12 : 0);
      if (need > r.w - 8)
        h.layoutError(`menu row ${JSON.stringify(label)}${value ? " with value " + JSON.stringify(value) : ""} needs ${need} px of the ${r.w - 8}: on the watch it would ${value ? "overlap its value" : "run off the screen"}`);
    }
    function draw(): void {
      g.reset().clearRect(r.x, r.y, r.x2, r.y2);
      if (editing !== undefined) {
        const y = drawTitle(editing, r.y, r);
        g.setFont("6x8:4").setFontAlign(0, 0).drawString(valueText(menu[editing]), r.x + r.w / 2, (y + r.y2) / 2);
        return;
      }
      if (opts.title) {
        checkRow(String(opts.title), "");
        drawTitle(String(opts.title), r.y, r);
      }
      for (let i = 0; i < visible && scroll + i < keys.length; i++) {
        const k = keys[scroll + i], y = top + i * ROW_H;
        checkRow(k, valueText(menu[k]));
        g.setFont("6x8:2").setFontAlign(-1, 0).drawString(k, r.x + 4, y + ROW_H / 2);
        const v = valueText(menu[k]);
        if (v) g.setFontAlign(1, 0).drawString(v, r.x2 - 4, y + ROW_H / 2);
        g.setColor(g.theme.fg2).drawLine(r.x, y + ROW_H - 1, r.x2, y + ROW_H - 1).setColor(g.theme.fg);
      }
    }
    function select(k: string): void {
      const item = menu[k];
      if (typeof item === "function") { h.invoke(item, menu, []); return; }
      if (!item || typeof item !== "object") return;
      if (typeof item.value === "number") { editing = k; draw(); return; }
      if (typeof item.value === "boolean") item.value = !item.value;
      if (item.onchange) h.invoke(item.onchange, item, [item.value]);
      draw();
    }
    function step(dir: number): void {
      const item = editing !== undefined ? menu[editing] : undefined;
      if (!item) return;
      let v = item.value + dir * (item.step || 1);
      if (item.min !== undefined && v < item.min) v = item.wrap ? item.max : item.min;
      if (item.max !== undefined && v > item.max) v = item.wrap ? item.min : item.max;
      item.value = v;
      if (item.onchange) h.invoke(item.onchange, item, [v]);
      draw();
    }
    const l = {
      draw,
      scroller: { scroll: () => scroll },
      select: (i: number) => select(keys[i]),
    };
    draw();
    h.setUI({
      mode: "custom",
      remove: opts.remove,
      back: opts.back ? () => { if (editing !== undefined) { editing = undefined; draw(); } else h.invoke(opts.back, menu, []); } : undefined,
      btn: opts.back ? undefined : () => { if (editing !== undefined) { editing = undefined; draw(); } },
      touch: (_n: number, e: { x: number; y: number }) => {
        if (editing !== undefined) { editing = undefined; draw(); return; }
        const i = Math.floor((e.y - top) / ROW_H);
        if (e.y >= top && i < visible && scroll + i < keys.length) select(keys[scroll + i]);
      },
      drag: (e: { dy: number; b: number }) => {
        dragAcc += e.dy;
        if (!e.b) dragAcc = 0;
        while (Math.abs(dragAcc) >= ROW_H) {
          const dir = dragAcc > 0 ? 1 : -1;
          dragAcc -= dir * ROW_H;
          if (editing !== undefined) step(-dir);
          else {
            const s = Math.max(0, Math.min(keys.length - visible, scroll - dir));
            if (s !== scroll) { scroll = s; draw(); }
          }
        }
      },
    });
    return l;
  }

  return { showMessage, showPrompt, showMenu };
}
