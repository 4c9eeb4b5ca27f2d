// The one way the phone app builds its DOM: elements from a tag, plain attributes and children,
// where every string child becomes a Text node. Nothing is ever parsed as HTML (no innerHTML,
// insertAdjacentHTML or document.write anywhere in src/phone), so a log's workout name, goal or
// file name shows as the characters it holds, whatever they are (tests/phone/xss.test.ts).

export type Child = Node | string | number | null | undefined | false;

/** attribute values are set with setAttribute (never an on* handler: those are refused) */
export type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === undefined || v === false) continue;
      // handlers are attached with addEventListener by the caller, never from a string
      if (/^on/i.test(k)) throw new Error("h(): no inline handlers (" + k + ")");
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** replaces everything in el with children */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error("no #" + id);
  return el as T;
}

/**
 * A file name from text of any origin: only letters, digits, "-", "_" and "." survive (others
 * become "_"), at most 60 characters, never empty, never starting with a dot.
 */
export function safeFileName(s: string): string {
  const t = s.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(0, 60);
  return t || "session";
}
