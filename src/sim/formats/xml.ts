// Small helpers for the XML readers (GPX, TCX). They take a Document from the browser's DOMParser
// (or any DOM with the same API) and ignore namespace prefixes: files in the wild use gpxtpx:, ns3:,
// or none at all for the same Garmin extension elements.

export type XmlParse = (text: string) => Document;

export const domParse: XmlParse = (text) => {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  if (err) throw new Error(`not valid XML: ${(err.textContent ?? "").trim().split("\n")[0]}`);
  return doc;
};

/** elements with this local name under el, whatever their namespace */
export function all(el: Element | Document, name: string): Element[] {
  return [].slice.call(el.getElementsByTagNameNS("*", name));
}

/** the number in the first descendant with this local name, or NaN */
export function numIn(el: Element, name: string): number {
  const e = el.getElementsByTagNameNS("*", name)[0];
  const s = e ? (e.textContent ?? "").trim() : "";
  return s === "" ? NaN : Number(s);
}

export function timeIn(el: Element, name: string): number {
  const e = el.getElementsByTagNameNS("*", name)[0];
  return e ? Date.parse((e.textContent ?? "").trim()) : NaN;
}
