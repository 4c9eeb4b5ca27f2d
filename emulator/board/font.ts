// The board's own fonts, drawn for this project (not the firmware's bitmaps). Every glyph is a
// few strokes on a 5×8 grid (x 0..4, y 0..7; capitals use rows 0..6, row 7 is the descender).
// One stroke table serves every font: "6x8" plots the grid 1:1, "4x6" squeezes it onto 3×6,
// "12x20" and "Vector" draw thick strokes scaled to the size. Golden images of this renderer only
// guard it against regressions; they say nothing about the watch's pixels.
//
// Width model (what stringWidth returns, and what the draw log's text boxes use): all fonts are
// monospaced here. 4x6 = 4 px, 6x8 = 6 px, 12x20 = 12 px per character and scale, like the
// firmware's fixed-width bitmap fonts. The firmware's Vector font is proportional; we charge every
// character ceil(0.65 × size), believed to be at least as wide as the firmware's widest digits and
// capitals, so text that fits here fits on the watch (conservative, not measured on hardware).

/** Glyph strokes: polylines separated by spaces, each a run of "xy" digit pairs; one pair = a dot. */
const STROKES: Record<string, string> = {
  " ": "", "!": "2024 26", '"': "1011 3031", "#": "1016 3036 0242 0444",
  $: "413010010213334445361605 2026", "%": "0640 0011 3546", "&": "4612112031320405162644",
  "'": "2022", "(": "30212536", ")": "10212516", "*": "2125 0244 0442", "+": "2125 0343",
  ",": "252617", "-": "0343", ".": "26", "/": "4006",
  "0": "103041453616050110 0541", "1": "112026 1636", "2": "01103041420646",
  "3": "01103041423313 334445361605", "4": "36300444", "5": "40000002324345361605",
  "6": "3010010005163645443303", "7": "00404116", "8": "103041423313020110 1304051636454433",
  "9": "43130201103041453616", ":": "22 25", ";": "22 252617", "<": "300336", "=": "0242 0444",
  ">": "104316", "?": "01103041422324 26", "@": "4616050110304144242242",
  A: "0602204246 0444", B: "06003041423303 3344453606", C: "4130100105163645",
  D: "00204244260600", E: "40000646 0333", F: "400006 0333", G: "41301001051636454323",
  H: "0006 4046 0343", I: "1030 2026 1636", J: "2040 3035261605", K: "0006 4004 1346",
  L: "000646", M: "0600224046", N: "06004640", O: "103041453616050110",
  P: "06003041423303", Q: "103041453616050110 2446", R: "06003041423303 2346",
  S: "413010010213334445361605", T: "0040 2026", U: "000516364540", V: "0003264340",
  W: "0006244640", X: "0046 4006", Y: "002340 2326", Z: "00400646",
  "[": "30101636", "\\": "0046", "]": "10303616", "^": "022042", _: "0747", "`": "1021",
  a: "12324346 4414051646", b: "00063645433202", c: "421203051646", d: "40461605031242",
  e: "044443321203051646", f: "4130201116 0333", g: "4616050312424707", h: "0006 0312324346",
  i: "21 2326", j: "31 33362717", k: "0006 3205 1436", l: "10202536", m: "0602 03122326 23324346",
  n: "0602 0312324346", o: "123243453616050312", p: "07023243443505", q: "47421203041545",
  r: "0602 03123243", s: "4212031434453606", t: "10152636 0232", u: "0205163645 4246",
  v: "022642", w: "0216243642", x: "0246 4206", y: "02041545 42463707", z: "02420646",
  "{": "30212213242536", "|": "2027", "}": "10212233242516", "~": "0312233342",
};
/** drawn for characters outside printable ASCII */
const UNKNOWN = "0040464600";

type Pt = [number, number];

function parse(spec: string): Pt[][] {
  return spec.split(" ").filter(Boolean).map((run) => {
    const pts: Pt[] = [];
    for (let i = 0; i + 1 < run.length; i += 2) pts.push([+run[i], +run[i + 1]]);
    return pts;
  });
}

const parsed = new Map<string, Pt[][]>();
export function glyphStrokes(ch: string): Pt[][] {
  let s = parsed.get(ch);
  if (!s) {
    s = parse(STROKES[ch] ?? UNKNOWN);
    parsed.set(ch, s);
  }
  return s;
}

/** calls plot(x, y) for each pixel of the line, Bresenham */
export function line(x0: number, y0: number, x1: number, y1: number, plot: (x: number, y: number) => void): void {
  x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
  const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    plot(x0, y0);
    if (x0 === x1 && y0 === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x0 += sx; }
    if (e2 <= dx) { err += dx; y0 += sy; }
  }
}

export interface FontSpec {
  /** "4x6" | "6x8" | "12x20" | "Vector" */
  name: string;
  /** scale for bitmap fonts, pixel height for Vector */
  size: number;
  /** horizontal scale ("6x8:2x3" gives 2) */
  sx: number;
  /** vertical scale */
  sy: number;
}

export const FONT_NAMES = ["4x6", "6x8", "12x20", "Vector"];

/** parses g.setFont arguments: ("6x8", 2), ("6x8:2"), ("6x8:2x3"), ("Vector", 30), ("Vector:30") */
export function parseFont(name: string, scale?: number): FontSpec | undefined {
  let base = String(name);
  let sx = 1, sy = 1;
  const colon = base.indexOf(":");
  if (colon >= 0) {
    const arg = base.slice(colon + 1);
    base = base.slice(0, colon);
    const xy = arg.split("x");
    sx = +xy[0] || 1;
    sy = xy.length > 1 ? +xy[1] || 1 : sx;
  } else if (scale !== undefined) {
    sx = sy = +scale || 1;
  }
  const known = FONT_NAMES.find((n) => n.toLowerCase() === base.toLowerCase());
  if (!known) return undefined;
  if (known === "Vector") {
    const px = Math.max(1, Math.round(colon >= 0 || scale !== undefined ? sy : 8));
    return { name: known, size: px, sx: px, sy: px };
  }
  return { name: known, size: sx, sx: Math.max(1, Math.floor(sx)), sy: Math.max(1, Math.floor(sy)) };
}

export function charWidth(f: FontSpec): number {
  switch (f.name) {
    case "4x6": return 4 * f.sx;
    case "6x8": return 6 * f.sx;
    case "12x20": return 12 * f.sx;
    default: return Math.ceil(0.65 * f.size);
  }
}

export function fontHeight(f: FontSpec): number {
  switch (f.name) {
    case "4x6": return 6 * f.sy;
    case "6x8": return 8 * f.sy;
    case "12x20": return 20 * f.sy;
    default: return f.size;
  }
}

/** width of one line of text (the firmware's stringWidth, our width model) */
export function lineWidth(f: FontSpec, text: string): number {
  return text.length * charWidth(f);
}

/** draws one character with its top-left at (x, y); plot receives screen pixels */
export function drawChar(f: FontSpec, ch: string, x: number, y: number, plot: (x: number, y: number) => void): void {
  const strokes = glyphStrokes(ch);
  if (f.name === "6x8" || f.name === "4x6") {
    const small = f.name === "4x6";
    const block = (gx: number, gy: number) => {
      for (let j = 0; j < f.sy; j++) for (let i = 0; i < f.sx; i++) plot(x + gx * f.sx + i, y + gy * f.sy + j);
    };
    const mx = (gx: number) => (small ? Math.round(gx / 2) : gx);
    const my = (gy: number) => (small ? Math.round((gy * 2) / 3) : gy);
    for (const run of strokes) {
      if (run.length === 1) block(mx(run[0][0]), my(run[0][1]));
      for (let i = 1; i < run.length; i++) line(mx(run[i - 1][0]), my(run[i - 1][1]), mx(run[i][0]), my(run[i][1]), block);
    }
    return;
  }
  // thick strokes: 12x20 and Vector
  const w = charWidth(f), h = fontHeight(f);
  const th = Math.max(1, Math.round(h / 10));
  const gap = Math.max(1, Math.round(w * 0.18));
  const kx = (w - gap - th) / 4, ky = (h - th) / 7.6;
  const dot = (px: number, py: number) => {
    for (let j = 0; j < th; j++) for (let i = 0; i < th; i++) plot(px + i, py + j);
  };
  const X = (gx: number) => x + gx * kx, Y = (gy: number) => y + gy * ky;
  for (const run of strokes) {
    if (run.length === 1) dot(Math.round(X(run[0][0])), Math.round(Y(run[0][1])));
    for (let i = 1; i < run.length; i++) line(X(run[i - 1][0]), Y(run[i - 1][1]), X(run[i][0]), Y(run[i][1]), dot);
  }
}
