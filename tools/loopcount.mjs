// Instruments JavaScript so every loop iteration bumps globalThis.__loops: a count of the
// interpreted loop iterations a code path costs, which is what matters on the watch's
// interpreter (Node timings mean little there).
import { parse } from "acorn";
import { simple } from "acorn-walk";

const LOOPS = ["ForStatement", "ForOfStatement", "ForInStatement", "WhileStatement", "DoWhileStatement"];

export function instrumentLoops(code) {
  const ast = parse(code, { ecmaVersion: "latest", sourceType: "module" });
  const edits = [];
  const visitors = {};
  for (const t of LOOPS)
    visitors[t] = (n) => {
      const b = n.body;
      if (b.type === "BlockStatement") edits.push([b.start + 1, b.start + 1, "globalThis.__loops++;"]);
      else edits.push([b.start, b.end, `{globalThis.__loops++;${code.slice(b.start, b.end)}}`]);
    };
  simple(ast, visitors);
  edits.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [s, e, text] of edits) out = out.slice(0, s) + text + out.slice(e);
  return out;
}
