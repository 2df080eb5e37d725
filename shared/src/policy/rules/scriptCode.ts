import { type ScriptFinding, scriptStaticChecks } from "../../blocks/scriptStaticChecks.ts";
import { blockName, type Rule, type RuleHit } from "./rule.ts";

/**
 * A script that does not parse fails every conversation that reaches it, and require, import,
 * process, eval and Function never work in the sandbox: both are errors, found the same way in the
 * editor, on save, at submission, at publication and by `benteng lint`.
 */
export const scriptCode: Rule = {
  id: "scriptCode",
  severity: "error",
  description:
    "A script's code parses as the body of an async function and uses nothing the sandbox refuses (require, import, process, eval, Function).",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "script" || typeof node.data.code !== "string") continue;
      for (const f of checkedOnce(node.data.code)) {
        hits.push({
          blockId: node.id,
          field: "code",
          message: `Line ${f.line}, column ${f.column} of the ${blockName(node)}: ${f.message}`,
        });
      }
    }
    return hits;
  },
};

// The editor lints on every keystroke and a flow repeats its scripts' code unchanged between
// runs: parse each distinct code once. Bounded, oldest first out.
const CACHE_SIZE = 200;
const cache = new Map<string, ScriptFinding[]>();

function checkedOnce(code: string): ScriptFinding[] {
  let findings = cache.get(code);
  if (!findings) {
    findings = scriptStaticChecks(code);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(code, findings);
  }
  return findings;
}
