// Which parts of a RegExp the Espruino 2v29 engine does not understand. They do not throw on the
// watch: the expression just never matches (back-references throw), so they must be caught here.

/** Problems in a pattern and its flags, as short phrases ("a {n,m} quantifier", "the m flag"). */
export function regexpProblems(pattern, flags) {
  const found = [];
  const add = (what) => { if (!found.includes(what)) found.push(what); };
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const e = pattern[i + 1];
      if (!inClass && (e === "b" || e === "B")) add(`\\${e} word boundaries`);
      if (!inClass && e >= "1" && e <= "9") add("back-references (\\1)");
      if (!inClass && e === "k") add("named back-references (\\k<name>)");
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && pattern[i + 1] === "?") {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest[0] === ":") add("non-capturing groups (?:)");
      else if (rest[0] === "=" || rest[0] === "!") add("look-ahead (?= / ?!)");
      else if (rest === "<=" || rest === "<!") add("look-behind (?<= / ?<!)");
      else if (rest[0] === "<") add("named groups (?<name>)");
    } else if (c === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
      add("{n,m} quantifiers");
    }
  }
  for (const f of flags) if (f === "m" || f === "s" || f === "y" || f === "d" || f === "v") add(`the ${f} flag`);
  return found;
}
