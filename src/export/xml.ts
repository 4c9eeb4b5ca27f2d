// Small helpers for the XML formats: escaping and ISO times.

/** text or attribute content with &, <, >, " and ' escaped; characters XML 1.0 cannot hold are dropped */
export function esc(s: string): string {
  return s
    .replace(/[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** UTC ISO 8601 with milliseconds, e.g. 2023-11-14T22:13:28.195Z */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** a coordinate with 1e-7 degree (the log has 1e-5) */
export function deg(v: number): string {
  return String(Math.round(v * 1e7) / 1e7);
}

/** a number with at most `d` decimals, no trailing zeros */
export function fix(v: number, d: number): string {
  return String(Math.round(v * 10 ** d) / 10 ** d);
}
