// Plan tree helpers for the off-watch tools (the watch's own code tests `.repeat` inline: a
// resident function costs it RAM).
import type { Node, Repeat } from "../engine/plan";

/** a repeat, not a step */
export function isRepeat(n: Node): n is Repeat {
  return (n as Repeat).repeat !== undefined;
}
