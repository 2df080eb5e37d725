import { builtInNames } from "../../flow/flowVariables.ts";
import { variableRefs } from "../../flow/template.ts";
import { customerTextsOf, type LintNode, type Rule, type RuleHit, writtenVariablesOf } from "./rule.ts";

/**
 * A variable nobody declares or sets is almost always a typo; at runtime it silently becomes empty
 * text ("Hi , your order  is ready"), or a condition that can never hold.
 */
export const undefinedVariable: Rule = {
  id: "undefinedVariable",
  severity: "error",
  description: "Every {{variable}} and every variable a block reads is declared or set by some block.",
  check(ctx) {
    const known = new Set([...builtInNames, ...ctx.flow.variables.map((v) => v.name)]);
    for (const node of ctx.nodes) {
      for (const name of writtenVariablesOf(node)) known.add(name);
      // The engine stores a failed script's error here for the error path to show or branch on.
      if (node.type === "script") known.add("lastScriptError");
    }
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      for (const ref of readsOf(node)) {
        if (known.has(ref.name)) continue;
        hits.push({
          blockId: node.id,
          field: ref.field,
          message:
            ref.name === ""
              ? `${ref.label} has no variable chosen. Pick the variable this block should read.`
              : `${ref.label} uses the variable "${ref.name}", but no block sets it and it is not declared. Check the spelling, or declare it under Variables.`,
          ...(ref.span ? { span: ref.span } : {}),
        });
      }
    }
    return hits;
  },
};

interface VariableRead {
  name: string;
  field: string;
  label: string;
  span?: { start: number; end: number };
}

/** Every variable a block reads: {{refs}} in its texts and the variables its logic compares or copies. */
function readsOf(node: LintNode): VariableRead[] {
  const reads: VariableRead[] = [];
  const fromTemplate = (text: unknown, field: string, label: string) => {
    // Most texts have no placeholder; skip the regex for them.
    if (typeof text !== "string" || !text.includes("{{")) return;
    for (const r of variableRefs(text))
      reads.push({ name: r.name, field, label, span: { start: r.start, end: r.end } });
  };
  for (const t of customerTextsOf(node)) fromTemplate(t.text, t.field, t.label);
  if (node.type === "message") fromTemplate(node.data.mediaUrl, "mediaUrl", "Media link");
  if (node.type === "media") fromTemplate(node.data.url, "url", "Media link");
  if (node.type === "setVariable") fromTemplate(node.data.value, "value", "Value");
  if (node.type === "condition" && Array.isArray(node.data.branches)) {
    node.data.branches.forEach(
      (b: { rules?: Array<{ variable?: unknown; operator?: unknown; value?: unknown }> }, bi) => {
        (b.rules ?? []).forEach((r, ri) => {
          const label = `Rule ${ri + 1} of condition ${bi + 1}`;
          if (typeof r.variable === "string")
            reads.push({ name: r.variable, field: `branches.${bi}.rules.${ri}.variable`, label });
          if (r.operator !== "isSet" && r.operator !== "isNotSet")
            fromTemplate(r.value, `branches.${bi}.rules.${ri}.value`, label);
        });
      },
    );
  }
  mappings(node.data.inputMapping).forEach((m, i) => {
    reads.push({ name: m.variable, field: `inputMapping.${i}.variable`, label: `Script input "${m.field}"` });
  });
  return reads;
}

function mappings(value: unknown): Array<{ field: string; variable: string }> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (m): m is { field: string; variable: string } =>
      typeof m === "object" && m !== null && typeof m.variable === "string" && typeof m.field === "string",
  );
}
