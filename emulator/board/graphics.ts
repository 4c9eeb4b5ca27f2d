// `g`: the Bangle.js 2 screen, 176×176 at 3 bits per pixel (8 colours), as apps draw on it.
// Pixels land in a Uint8Array frame buffer of colour indices (bit 2 red, bit 1 green, bit 0 blue);
// every call that draws text, shapes or images also appends to the draw log that tests assert on.
import { parseFont, lineWidth, fontHeight, drawChar, line, type FontSpec } from "./font";

export const SCREEN_W = 176;
export const SCREEN_H = 176;

export interface Box { x1: number; y1: number; x2: number; y2: number }

export type DrawEntry =
  | { op: "text"; tMs: number; text: string; font: string; size: number; x: number; y: number;
      align: [number, number]; color: string; bg: string; box: Box; clip: Box }
  | { op: "clear"; tMs: number; color: string }
  | { op: "rect"; tMs: number; fill: boolean; color: string; box: Box }
  | { op: "line"; tMs: number; color: string; x1: number; y1: number; x2: number; y2: number }
  | { op: "poly"; tMs: number; fill: boolean; color: string; points: number[] }
  | { op: "circle"; tMs: number; fill: boolean; color: string; x: number; y: number; r: number }
  | { op: "image"; tMs: number; x: number; y: number; w: number; h: number; bpp: number; scale: number }
  | { op: "widgets"; tMs: number }
  | { op: "flip"; tMs: number };

/** colour index -> "#rgb" */
export const COLOR_NAMES = ["#000", "#00f", "#0f0", "#0ff", "#f00", "#f0f", "#ff0", "#fff"];

/** Light theme, as the watch ships (values are 3-bit colour indices). */
export const DEFAULT_THEME = { fg: 0, bg: 7, fg2: 0, bg2: 3, fgH: 0, bgH: 3, dark: false };

function rgbIndex(r: number, g: number, b: number): number {
  return (r >= 0.5 ? 4 : 0) | (g >= 0.5 ? 2 : 0) | (b >= 0.5 ? 1 : 0);
}

/**
 * The watch's colour arguments: (r, g, b) in 0..1; a string "#rgb"/"#rrggbb"; a number, which on a
 * 3-bit screen is the raw colour index when 0..7 and otherwise read as 16-bit RGB565.
 */
export function toColor(c: unknown, g?: number, b?: number): number {
  if (g !== undefined && b !== undefined) return rgbIndex(+(c as number), +g, +b);
  if (typeof c === "string") {
    const s = c.replace("#", "");
    if (s.length === 3) return rgbIndex(parseInt(s[0], 16) / 15, parseInt(s[1], 16) / 15, parseInt(s[2], 16) / 15);
    if (s.length === 6) return rgbIndex(parseInt(s.slice(0, 2), 16) / 255, parseInt(s.slice(2, 4), 16) / 255, parseInt(s.slice(4, 6), 16) / 255);
    return 0;
  }
  const n = Math.floor(+(c as number)) || 0;
  return n >= 0 && n <= 7 ? n : rgb565(n);
}

function rgb565(n: number): number {
  return rgbIndex(((n >> 11) & 31) / 31, ((n >> 5) & 63) / 63, (n & 31) / 31);
}

export interface GraphicsHost {
  now(): number;
  log(e: DrawEntry): void;
  error(msg: string): Error;
  /** draws the widget bar (the board owns widgets) */
  drawWidgets?(): void;
}

interface ImageInfo { w: number; h: number; bpp: number; transparent?: number; palette?: number[]; data: ArrayLike<number>; offset: number }

export class Graphics {
  readonly fb = new Uint8Array(SCREEN_W * SCREEN_H);
  theme = { ...DEFAULT_THEME };
  private fg = 0;
  private bg = 7;
  private font: FontSpec = parseFont("6x8")!;
  private alignX = -1;
  private alignY = -1;
  private clip: Box = { x1: 0, y1: 0, x2: SCREEN_W - 1, y2: SCREEN_H - 1 };

  constructor(private host: GraphicsHost) {
    this.reset();
  }

  // --- state ---
  reset(): this {
    this.fg = this.theme.fg;
    this.bg = this.theme.bg;
    this.font = parseFont("6x8")!;
    this.alignX = this.alignY = -1;
    this.clip = { x1: 0, y1: 0, x2: SCREEN_W - 1, y2: SCREEN_H - 1 };
    return this;
  }
  setColor(c: unknown, g?: number, b?: number): this { this.fg = toColor(c, g, b); return this; }
  setBgColor(c: unknown, g?: number, b?: number): this { this.bg = toColor(c, g, b); return this; }
  getColor(): number { return this.fg; }
  getBgColor(): number { return this.bg; }
  toColor(c: unknown, g?: number, b?: number): number { return toColor(c, g, b); }
  getWidth(): number { return SCREEN_W; }
  getHeight(): number { return SCREEN_H; }
  getBPP(): number { return 3; }
  setFont(name: string, scale?: number): this {
    const f = parseFont(name, scale);
    if (!f) throw this.host.error(`Font ${JSON.stringify(name)} not found`);
    this.font = f;
    return this;
  }
  /** the old form: setFontVector(size) */
  setFontVector(size: number): this { return this.setFont("Vector", size); }
  getFont(): string {
    const f = this.font;
    return f.name === "Vector" ? `Vector:${f.size}` : f.sx === 1 && f.sy === 1 ? f.name : f.sx === f.sy ? `${f.name}:${f.sx}` : `${f.name}:${f.sx}x${f.sy}`;
  }
  getFonts(): string[] { return ["4x6", "6x8", "12x20", "Vector"]; }
  getFontHeight(): number { return fontHeight(this.font); }
  setFontAlign(x: number, y?: number): this { this.alignX = Math.sign(+x || 0); this.alignY = Math.sign(+(y ?? -1) || 0); return this; }
  setClipRect(x1: number, y1: number, x2: number, y2: number): this {
    this.clip = {
      x1: Math.max(0, Math.min(x1, x2)), y1: Math.max(0, Math.min(y1, y2)),
      x2: Math.min(SCREEN_W - 1, Math.max(x1, x2)), y2: Math.min(SCREEN_H - 1, Math.max(y1, y2)),
    };
    return this;
  }
  getClipRect(): Box { return { ...this.clip }; }
  flip(): this { return this; }
  setPixel(x: number, y: number, c?: unknown): this {
    this.plot(Math.round(x), Math.round(y), c === undefined ? this.fg : toColor(c));
    return this;
  }
  getPixel(x: number, y: number): number {
    x = Math.round(x); y = Math.round(y);
    return x < 0 || y < 0 || x >= SCREEN_W || y >= SCREEN_H ? 0 : this.fb[y * SCREEN_W + x];
  }

  // --- shapes ---
  clear(reset?: boolean): this {
    if (reset) this.reset();
    this.fb.fill(this.bg);
    this.host.log({ op: "clear", tMs: this.host.now(), color: COLOR_NAMES[this.bg] });
    return this;
  }
  clearRect(x1: any, y1?: number, x2?: number, y2?: number): this {
    const b = rectArgs(x1, y1, x2, y2);
    this.fill(b, this.bg);
    this.host.log({ op: "rect", tMs: this.host.now(), fill: true, color: COLOR_NAMES[this.bg], box: b });
    return this;
  }
  fillRect(x1: any, y1?: number, x2?: number, y2?: number): this {
    const b = rectArgs(x1, y1, x2, y2);
    this.fill(b, this.fg);
    this.host.log({ op: "rect", tMs: this.host.now(), fill: true, color: COLOR_NAMES[this.fg], box: b });
    return this;
  }
  drawRect(x1: any, y1?: number, x2?: number, y2?: number): this {
    const b = rectArgs(x1, y1, x2, y2);
    const c = this.fg;
    this.fill({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y1 }, c);
    this.fill({ x1: b.x1, y1: b.y2, x2: b.x2, y2: b.y2 }, c);
    this.fill({ x1: b.x1, y1: b.y1, x2: b.x1, y2: b.y2 }, c);
    this.fill({ x1: b.x2, y1: b.y1, x2: b.x2, y2: b.y2 }, c);
    this.host.log({ op: "rect", tMs: this.host.now(), fill: false, color: COLOR_NAMES[c], box: b });
    return this;
  }
  drawLine(x1: number, y1: number, x2: number, y2: number): this {
    const c = this.fg;
    line(x1, y1, x2, y2, (x, y) => this.plot(x, y, c));
    this.host.log({ op: "line", tMs: this.host.now(), color: COLOR_NAMES[c], x1, y1, x2, y2 });
    return this;
  }
  drawPoly(pts: ArrayLike<number>, closed?: boolean): this {
    const c = this.fg, n = pts.length >> 1;
    for (let i = 1; i < n + (closed ? 1 : 0); i++) {
      const a = (i - 1) % n, b = i % n;
      line(pts[2 * a], pts[2 * a + 1], pts[2 * b], pts[2 * b + 1], (x, y) => this.plot(x, y, c));
    }
    this.host.log({ op: "poly", tMs: this.host.now(), fill: false, color: COLOR_NAMES[c], points: Array.prototype.slice.call(pts) });
    return this;
  }
  fillPoly(pts: ArrayLike<number>): this {
    const c = this.fg, n = pts.length >> 1;
    let minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) { minY = Math.min(minY, pts[2 * i + 1]); maxY = Math.max(maxY, pts[2 * i + 1]); }
    for (let y = Math.ceil(minY); y <= Math.floor(maxY); y++) {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const ax = pts[2 * i], ay = pts[2 * i + 1], bx = pts[2 * j], by = pts[2 * j + 1];
        if ((ay <= y && by > y) || (by <= y && ay > y)) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) this.fill({ x1: Math.round(xs[k]), y1: y, x2: Math.round(xs[k + 1]), y2: y }, c);
    }
    this.host.log({ op: "poly", tMs: this.host.now(), fill: true, color: COLOR_NAMES[c], points: Array.prototype.slice.call(pts) });
    return this;
  }
  fillCircle(x: number, y: number, r: number): this { return this.circle(x, y, r, true); }
  drawCircle(x: number, y: number, r: number): this { return this.circle(x, y, r, false); }

  // --- text ---
  stringWidth(s: unknown): number {
    return Math.max(0, ...String(s).split("\n").map((l) => lineWidth(this.font, l)));
  }
  stringMetrics(s: unknown): { width: number; height: number } {
    const lines = String(s).split("\n");
    return { width: this.stringWidth(s), height: lines.length * fontHeight(this.font) };
  }
  /** splits text into lines no wider than maxWidth (at spaces; long words are cut) */
  wrapString(s: unknown, maxWidth: number): string[] {
    const out: string[] = [];
    for (const para of String(s).split("\n")) {
      let cur = "";
      for (const word of para.split(" ")) {
        const cand = cur ? cur + " " + word : word;
        if (lineWidth(this.font, cand) <= maxWidth) { cur = cand; continue; }
        if (cur) out.push(cur);
        cur = word;
        while (lineWidth(this.font, cur) > maxWidth && cur.length > 1) {
          let k = cur.length - 1;
          while (k > 1 && lineWidth(this.font, cur.slice(0, k)) > maxWidth) k--;
          out.push(cur.slice(0, k));
          cur = cur.slice(k);
        }
      }
      out.push(cur);
    }
    return out;
  }
  drawString(s: unknown, x: number, y: number, solid?: boolean): this {
    const text = String(s);
    const lines = text.split("\n");
    const lh = fontHeight(this.font);
    const w = this.stringWidth(text), h = lines.length * lh;
    const top = Math.round(y - ((this.alignY + 1) * h) / 2);
    const box = { x1: Math.round(x - ((this.alignX + 1) * w) / 2), y1: top, x2: 0, y2: top + h - 1 };
    box.x2 = box.x1 + w - 1;
    if (solid) this.fill(box, this.bg);
    const cw = lineWidth(this.font, "x");
    const c = this.fg;
    lines.forEach((l, i) => {
      const lw = lineWidth(this.font, l);
      let lx = Math.round(x - ((this.alignX + 1) * lw) / 2);
      for (const ch of l) {
        drawChar(this.font, ch, lx, top + i * lh, (px, py) => this.plot(px, py, c));
        lx += cw;
      }
    });
    const f = this.font;
    this.host.log({
      op: "text", tMs: this.host.now(), text, font: f.name, size: f.name === "Vector" ? f.size : f.sx, x, y,
      align: [this.alignX, this.alignY], color: COLOR_NAMES[c], bg: COLOR_NAMES[this.bg], box, clip: { ...this.clip },
    });
    return this;
  }

  // --- images ---
  imageMetrics(img: unknown): { width: number; height: number; bpp: number; transparent: boolean } {
    const i = this.parseImage(img);
    return { width: i.w, height: i.h, bpp: i.bpp, transparent: i.transparent !== undefined };
  }
  drawImage(img: unknown, x: number, y: number, opts?: { scale?: number }): this {
    const im = this.parseImage(img);
    const scale = opts && opts.scale ? +opts.scale : 1;
    let bit = im.offset * 8;
    const mask = (1 << im.bpp) - 1;
    for (let py = 0; py < im.h; py++) {
      for (let px = 0; px < im.w; px++) {
        let v = 0;
        for (let k = 0; k < im.bpp; k++, bit++) v = (v << 1) | ((im.data[bit >> 3] >> (7 - (bit & 7))) & 1);
        v &= mask;
        if (v === im.transparent) continue;
        let c: number;
        if (im.palette) c = toColor(im.palette[v] ?? 0);
        else if (im.bpp === 1) c = v ? this.fg : this.bg;
        else if (im.bpp === 16) c = rgb565(v);
        else c = v & 7;
        const x0 = Math.round(x + px * scale), y0 = Math.round(y + py * scale);
        const x1 = Math.round(x + (px + 1) * scale) - 1, y1 = Math.round(y + (py + 1) * scale) - 1;
        this.fill({ x1: x0, y1: y0, x2: Math.max(x0, x1), y2: Math.max(y0, y1) }, c);
      }
    }
    this.host.log({ op: "image", tMs: this.host.now(), x, y, w: Math.round(im.w * scale), h: Math.round(im.h * scale), bpp: im.bpp, scale });
    return this;
  }

  /** the frame buffer as RGBA bytes (for PNGs and the page's canvas) */
  toRGBA(): Uint8ClampedArray {
    const out = new Uint8ClampedArray(SCREEN_W * SCREEN_H * 4);
    for (let i = 0; i < this.fb.length; i++) {
      const c = this.fb[i];
      out[4 * i] = c & 4 ? 255 : 0;
      out[4 * i + 1] = c & 2 ? 255 : 0;
      out[4 * i + 2] = c & 1 ? 255 : 0;
      out[4 * i + 3] = 255;
    }
    return out;
  }

  // --- internals ---
  private plot(x: number, y: number, c: number): void {
    const k = this.clip;
    if (x < k.x1 || y < k.y1 || x > k.x2 || y > k.y2) return;
    this.fb[y * SCREEN_W + x] = c;
  }
  private fill(b: Box, c: number): void {
    const k = this.clip;
    const x1 = Math.max(k.x1, Math.round(Math.min(b.x1, b.x2))), x2 = Math.min(k.x2, Math.round(Math.max(b.x1, b.x2)));
    const y1 = Math.max(k.y1, Math.round(Math.min(b.y1, b.y2))), y2 = Math.min(k.y2, Math.round(Math.max(b.y1, b.y2)));
    for (let y = y1; y <= y2; y++) this.fb.fill(c, y * SCREEN_W + x1, y * SCREEN_W + x2 + 1);
  }
  private circle(cx: number, cy: number, r: number, filled: boolean): this {
    const c = this.fg;
    r = Math.round(r);
    for (let dy = -r; dy <= r; dy++) {
      const dx = Math.round(Math.sqrt(r * r - dy * dy));
      if (filled) this.fill({ x1: cx - dx, y1: cy + dy, x2: cx + dx, y2: cy + dy }, c);
      else { this.plot(Math.round(cx - dx), Math.round(cy + dy), c); this.plot(Math.round(cx + dx), Math.round(cy + dy), c); }
    }
    if (!filled) for (let dx = -r; dx <= r; dx++) {
      const dy = Math.round(Math.sqrt(r * r - dx * dx));
      this.plot(Math.round(cx + dx), Math.round(cy - dy), c); this.plot(Math.round(cx + dx), Math.round(cy + dy), c);
    }
    this.host.log({ op: "circle", tMs: this.host.now(), fill: filled, color: COLOR_NAMES[c], x: cx, y: cy, r });
    return this;
  }
  /**
   * Espruino images: a string (or byte array) of width, height, bpp (+128: a transparent colour
   * byte follows; +64: a palette of 2^bpp 16-bit entries follows), then pixels packed MSB first;
   * or an object {width, height, bpp, buffer, transparent, palette}.
   */
  private parseImage(img: any): ImageInfo {
    if (img && typeof img === "object" && "width" in img) {
      const buf = img.buffer;
      const data = typeof buf === "string" ? bytesOf(buf) : buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf;
      return { w: img.width, h: img.height, bpp: img.bpp || 1, transparent: img.transparent, palette: img.palette ? Array.prototype.slice.call(img.palette) : undefined, data, offset: 0 };
    }
    const d = typeof img === "string" ? bytesOf(img) : img instanceof ArrayBuffer ? new Uint8Array(img) : img;
    if (!d || d.length < 3) throw this.host.error("Invalid image");
    const w = d[0], h = d[1], flags = d[2];
    const bpp = flags & 63;
    let off = 3, transparent: number | undefined, palette: number[] | undefined;
    if (flags & 128) transparent = d[off++];
    if (flags & 64) {
      palette = [];
      for (let i = 0; i < 1 << bpp; i++, off += 2) palette.push(d[off] | (d[off + 1] << 8));
    }
    return { w, h, bpp, transparent, palette, data: d, offset: off };
  }
}

function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;
  return b;
}

/** (x1,y1,x2,y2) or the watch's object forms {x,y,w,h} / {x,y,x2,y2} */
function rectArgs(x1: any, y1?: number, x2?: number, y2?: number): Box {
  if (x1 && typeof x1 === "object") {
    const r = x1;
    const ax = +r.x || 0, ay = +r.y || 0;
    return { x1: ax, y1: ay, x2: r.x2 !== undefined ? +r.x2 : ax + (+r.w || 0) - 1, y2: r.y2 !== undefined ? +r.y2 : ay + (+r.h || 0) - 1 };
  }
  return { x1: +x1 || 0, y1: +(y1 ?? 0), x2: +(x2 ?? x1), y2: +(y2 ?? y1 ?? 0) };
}
