import { builtInNames, fitsScriptField, knownVariables } from "../../flow/flowVariables.ts";
import { blockName, type Rule, type RuleHit, writtenVariablesOf } from "./rule.ts";

/**
 * A script's input schema is checked when the script runs: a text answer mapped to a number field
 * fails every conversation there. The type a variable carries (a Number question's answer is a
 * number) must fit the field it is mapped to.
 */
export const variableType: Rule = {
  id: "variableType",
  severity: "error",
  description:
    "A variable mapped to a script input has the type the script's input schema declares; no block overwrites a built-in variable.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes)
      for (const name of writtenVariablesOf(node))
        if (builtInNames.has(name))
          hits.push({
            blockId: node.id,
            message: `The ${blockName(node)} writes "${name}", a built-in variable the engine fills in. Use another name.`,
          });
    const scripts = ctx.flow.nodes.filter((n) => n.type === "script");
    if (scripts.length === 0) return hits;
    const types = new Map(knownVariables(ctx.flow).map((v) => [v.name, v]));
    for (const node of scripts) {
      // Stored flows are parsed with defaults; a document from elsewhere may lack either list.
      const schema = Array.isArray(node.data.inputSchema) ? node.data.inputSchema : [];
      const mappings = Array.isArray(node.data.inputMapping) ? node.data.inputMapping : [];
      mappings.forEach((m, i) => {
        const field = schema.find((f) => f.name === m.field);
        const variable = types.get(m.variable);
        if (!field || !variable || fitsScriptField(variable.type, field.type)) return;
        hits.push({
          blockId: node.id,
          field: `inputMapping.${i}.variable`,
          message: `Script input "${m.field}" expects ${article(field.type)}, but "${m.variable}" holds ${article(variable.type)} (set by ${variable.source}). Change the input's type, or map a variable of the right type.`,
        });
      });
    }
    return hits;
  },
};

const article = (t: string) =>
  ({
    string: "text",
    text: "text",
    number: "a number",
    boolean: "true/false",
    json: "structured data",
    object: "an object",
    array: "a list",
    date: "a date",
  })[t] ?? t;
