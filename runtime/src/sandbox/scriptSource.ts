const prefix = "(async function anonymous(input\n) {\n";
const url = "script.js";

/**
 * How a script body becomes the text V8 compiles, shared by the realm (isolateRealm.js) and the
 * syntax checker so that both see the same lines: the body starts on line `firstLine`, and frames of
 * its code in a stack trace carry `url`. The realm puts a body into this frame only after V8's own
 * Function constructor accepted it as exactly one function body (see compile() there).
 */
export const scriptFrame = {
  prefix,
  suffix: `\n})\n//# sourceURL=${url}`,
  url,
  firstLine: prefix.split("\n").length,
} as const;
