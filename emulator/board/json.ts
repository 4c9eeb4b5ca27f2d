// JSON the way the watch's Storage writes and reads it: writeJSON leaves keys unquoted when they
// are identifiers ({a:1,"b c":2}), which Node's JSON.parse rejects but the watch's readJSON accepts.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function toEspruinoJSON(v: unknown): string {
  if (v === undefined || typeof v === "function") return "null";
  if (v === null) return "null";
  if (typeof v === "number") return isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]") return JSON.stringify((v as Date).toISOString());
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = v as ArrayLike<unknown>;
    const out: string[] = [];
    for (let i = 0; i < a.length; i++) out.push(toEspruinoJSON(a[i]));
    return "[" + out.join(",") + "]";
  }
  const o = v as Record<string, unknown>;
  if (typeof o.toJSON === "function") return toEspruinoJSON(o.toJSON());
  const parts: string[] = [];
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || typeof x === "function") continue;
    parts.push((IDENT.test(k) ? k : JSON.stringify(k)) + ":" + toEspruinoJSON(x));
  }
  return "{" + parts.join(",") + "}";
}

/** Parses JSON that may have unquoted identifier keys (and single-quoted strings); throws on junk. */
export function parseLenientJSON(text: string): unknown {
  let i = 0;
  const s = text;
  const fail = (what: string): never => {
    throw new SyntaxError(`JSON parse error: ${what} at ${i}`);
  };
  const ws = () => {
    while (i < s.length && " \t\r\n".includes(s[i])) i++;
  };
  const str = (): string => {
    const q = s[i];
    let j = i + 1, raw = "";
    while (j < s.length && s[j] !== q) {
      if (s[j] === "\\") { raw += s[j] + s[j + 1]; j += 2; } else raw += s[j++];
    }
    if (j >= s.length) fail("unterminated string");
    i = j + 1;
    return JSON.parse('"' + raw.replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"') + '"');
  };
  const value = (): unknown => {
    ws();
    const c = s[i];
    if (c === "{") {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (s[i] === "}") { i++; return o; }
      for (;;) {
        ws();
        let k: string;
        if (s[i] === '"' || s[i] === "'") k = str();
        else {
          const m = /^[A-Za-z0-9_$]+/.exec(s.slice(i));
          if (!m) fail("bad key");
          k = m![0];
          i += k.length;
        }
        ws();
        if (s[i++] !== ":") fail("expected ':'");
        o[k] = value();
        ws();
        if (s[i] === ",") { i++; continue; }
        if (s[i] === "}") { i++; return o; }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const a: unknown[] = [];
      ws();
      if (s[i] === "]") { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (s[i] === ",") { i++; continue; }
        if (s[i] === "]") { i++; return a; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"' || c === "'") return str();
    const m = /^(-?[0-9.]+([eE][-+]?[0-9]+)?|true|false|null)/.exec(s.slice(i));
    if (!m) return fail("unexpected token");
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
  };
  const v = value();
  ws();
  if (i < s.length) fail("trailing characters");
  return v;
}
