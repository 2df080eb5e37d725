import type { ScriptFieldType } from "../blocks/scriptSchemaFields.ts";
import type { Flow, FlowVariable } from "./flowSchema.ts";

export type VariableType = FlowVariable["type"];

/**
 * Variables the engine fills in for every conversation, before the first block runs. Their names
 * are reserved: a block that writes one is refused by the linter.
 */
export const BUILT_IN_VARIABLES = [
  {
    name: "contactName",
    type: "text",
    description: "The customer's WhatsApp profile name (may be empty; they choose it)",
  },
  {
    name: "contactPhone",
    type: "text",
    description: "The customer's phone number with all but the last 4 digits hidden, e.g. •••• 1234",
  },
  { name: "channel", type: "text", description: '"whatsapp" for customers, "simulator" in Try it' },
] as const satisfies readonly FlowVariable[];

export type BuiltInName = (typeof BUILT_IN_VARIABLES)[number]["name"];
export type BuiltInValues = Record<BuiltInName, string>;

export const builtInNames: ReadonlySet<string> = new Set(BUILT_IN_VARIABLES.map((v) => v.name));

/**
 * A phone number as a flow may show it: its last 4 digits only, so a message or a log never carries
 * the whole number. Linear; anything that is not a digit is dropped.
 * @example redactPhone("6281234567890") === "•••• 7890"
 */
export function redactPhone(phone: string | null | undefined): string {
  const digits = (phone ?? "").slice(0, 64).replace(/\D/g, "");
  return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : "";
}

/** One variable a flow can use, where it comes from and what it holds, for pickers and type checks. */
export interface KnownVariable {
  name: string;
  type: VariableType;
  /** "built-in", "declared", or the label of the block that sets it. */
  source: string;
}

/**
 * Every variable a flow can read: built-ins, declared ones and those blocks set, with the type each
 * carries (a Number question's answer is a number, a script output its schema's type).
 */
export function knownVariables(flow: Pick<Flow, "nodes" | "variables">): KnownVariable[] {
  const out = new Map<string, KnownVariable>();
  for (const v of BUILT_IN_VARIABLES) out.set(v.name, { name: v.name, type: v.type, source: "built-in" });
  for (const v of flow.variables) if (!out.has(v.name)) out.set(v.name, { ...v, source: "declared" });
  const add = (name: unknown, type: VariableType, source: string) => {
    if (typeof name !== "string" || name === "") return;
    const known = out.get(name);
    // A variable set as a number in one place and as text in another is text.
    if (!known) out.set(name, { name, type, source });
    else if (known.source !== "built-in" && known.source !== "declared" && known.type !== type)
      out.set(name, { ...known, type: "text" });
  };
  for (const node of flow.nodes) {
    switch (node.type) {
      case "question":
        add(node.data.variable, node.data.input.type === "number" ? "number" : "text", "Question");
        break;
      case "buttons":
      case "list":
        add(node.data.saveAs, "text", node.type === "buttons" ? "Reply buttons" : "List");
        break;
      case "locationRequest":
        add(node.data.latitudeVariable, "number", "Ask for location");
        add(node.data.longitudeVariable, "number", "Ask for location");
        add(node.data.nameVariable, "text", "Ask for location");
        add(node.data.addressVariable, "text", "Ask for location");
        break;
      case "setVariable":
        add(node.data.variable, "text", "Set variable");
        break;
      case "script": {
        // Stored flows are parsed with defaults; a document from elsewhere may lack either list.
        const schema = Array.isArray(node.data.outputSchema) ? node.data.outputSchema : [];
        for (const m of Array.isArray(node.data.outputMapping) ? node.data.outputMapping : []) {
          const field = schema.find((f) => f.name === m.field);
          add(m.variable, field ? variableTypeOf(field.type) : "json", "Script");
        }
        add("lastScriptError", "text", "Script");
        break;
      }
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function variableTypeOf(t: ScriptFieldType): VariableType {
  return t === "string" ? "text" : t === "number" ? "number" : t === "boolean" ? "boolean" : "json";
}

/** Whether a variable of this type can go into a script input field of that type as it is. */
export function fitsScriptField(variable: VariableType, field: ScriptFieldType): boolean {
  if (field === "any") return true;
  if (field === "string") return variable === "text" || variable === "date";
  if (field === "number") return variable === "number";
  if (field === "boolean") return variable === "boolean";
  return variable === "json";
}
