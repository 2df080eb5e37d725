import {
  blockCustomerTexts,
  blockDefinition,
  blockOutputs,
  blockSummary,
  type Flow,
  type FlowEdge,
  type FlowNode,
} from "@benteng/shared";

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

/**
 * One value that differs between the version compared against and the submitted one: a message, a
 * button title, script code, a time limit, an allowed host list, a schema field… Values are shown as
 * a person reads them (1,000 ms, "api.example.com, pay.example.com", yes/no).
 */
export interface FieldChange {
  /** The block's id, or "" for the flow's own variables and settings. */
  blockId: string;
  /** The block as a person recognises it: its type and its summary ("Message: Welcome!"). */
  blockLabel: string;
  /** Dotted path in the block's data, e.g. "buttons.1.title" or "timeoutMs". */
  field: string;
  /** What the editor calls the field ("Button 2 title", "Time limit"). */
  fieldLabel: string;
  kind: "text" | "number" | "boolean" | "list";
  before: string | null;
  after: string | null;
}

/** A connection with the words a person sees on it: the button title or output label it leaves from. */
export interface EdgeChange {
  edge: FlowEdge;
  status: DiffStatus;
  /** The output's label ("Track order", "Next", "Gave up"), never an internal id. */
  label: string;
  from: string;
  to: string;
}

export interface FlowDiff {
  nodes: Array<{ node: FlowNode; status: DiffStatus }>;
  edges: EdgeChange[];
  changes: FieldChange[];
  counts: Record<Exclude<DiffStatus, "unchanged">, number>;
}

/**
 * What a reviewer must look at: blocks and connections added, removed or changed between the version
 * compared against (null when there is none) and the submitted one, and every changed value of every
 * field — texts, numbers, switches, lists, schemas — and of the flow's variables and settings. Moving a
 * block is not a change customers notice, so positions are ignored.
 */
export function flowDiff(base: Flow | null, next: Flow): FlowDiff {
  const before = new Map((base?.nodes ?? []).map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const nodes: FlowDiff["nodes"] = [];
  const changes: FieldChange[] = [];
  for (const node of next.nodes) {
    const old = before.get(node.id);
    const status: DiffStatus = !old
      ? "added"
      : old.type !== node.type || JSON.stringify(old.data) !== JSON.stringify(node.data)
        ? "changed"
        : "unchanged";
    nodes.push({ node, status });
    if (status !== "unchanged") changes.push(...blockChanges(node, old ?? null, node));
  }
  for (const old of base?.nodes ?? []) {
    if (after.has(old.id)) continue;
    nodes.push({ node: old, status: "removed" });
    changes.push(...blockChanges(old, old, null));
  }
  if (base) {
    const flowLevel = (flow: Flow) => ({ variables: flow.variables, settings: flow.settings });
    changes.push(...valueChanges("", "Flow", flowLevel(base), flowLevel(next), {}));
  }

  const edgeKey = (e: FlowEdge) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;
  const beforeEdges = new Set((base?.edges ?? []).map(edgeKey));
  const afterEdges = new Set(next.edges.map(edgeKey));
  const describe = (flow: Flow, edge: FlowEdge, status: DiffStatus): EdgeChange => {
    const nodeIn = (id: string) => flow.nodes.find((n) => n.id === id);
    return {
      edge,
      status,
      label: outputLabel(nodeIn(edge.source), edge.sourceHandle),
      from: blockName(nodeIn(edge.source)),
      to: blockName(nodeIn(edge.target)),
    };
  };
  const edges: EdgeChange[] = [
    ...next.edges.map((edge) => describe(next, edge, beforeEdges.has(edgeKey(edge)) ? "unchanged" : "added")),
    ...(base?.edges ?? [])
      .filter((e) => !afterEdges.has(edgeKey(e)))
      .map((edge) => describe(base as Flow, edge, "removed")),
  ];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const n of nodes) if (n.status !== "unchanged") counts[n.status]++;
  return { nodes, edges, changes, counts };
}

/** The label of a block's output as the editor draws it (a button's title), else the handle id. */
export function outputLabel(node: FlowNode | undefined, handle: string): string {
  if (node) {
    const output = outputsOf(node).find((o) => o.id === handle);
    if (output) return output.label;
  }
  return handle === "next" ? "Next" : handle;
}

function outputsOf(node: FlowNode) {
  try {
    return blockOutputs(node);
  } catch {
    return [];
  }
}

/** "Message: Welcome to Toko Ana!" — the type and what a person reads on the canvas. */
export function blockName(node: FlowNode | undefined): string {
  if (!node) return "(missing block)";
  const definition = blockDefinition(node.type);
  let summary = "";
  try {
    summary = blockSummary(node).trim();
  } catch {
    summary = "";
  }
  const short = summary.length > 60 ? `${summary.slice(0, 59)}…` : summary;
  return short ? `${definition.label}: ${short}` : definition.label;
}

/** The text leaves of a block's data (message text, button titles, script code…) by dotted path. */
export function textFields(data: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, leaf] of leaves(data, prefix)) if (typeof leaf.raw === "string") out.set(path, leaf.raw);
  return out;
}

interface Leaf {
  raw: string | number | boolean | null;
  shown: string;
  kind: FieldChange["kind"];
}

/**
 * Every value of a block's data by dotted path (0-based indexes, as customerTexts names them). A list
 * of plain values (hosts, secrets, keywords) is one leaf, read as a comma-separated list; ids are
 * machinery and skipped.
 */
function leaves(data: unknown, prefix = ""): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (value: unknown, path: string) => {
    if (value === null || value === undefined) {
      if (path) out.set(path, { raw: null, shown: "(none)", kind: "text" });
    } else if (typeof value === "string") {
      if (path) out.set(path, { raw: value, shown: value, kind: "text" });
    } else if (typeof value === "number") {
      out.set(path, { raw: value, shown: formatNumber(path, value), kind: "number" });
    } else if (typeof value === "boolean") {
      out.set(path, { raw: value, shown: value ? "yes" : "no", kind: "boolean" });
    } else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== "object" || v === null)) {
        const shown = value.map(String).join(", ");
        out.set(path, { raw: shown, shown: shown || "(none)", kind: "list" });
      } else {
        value.forEach((v, i) => {
          walk(v, path ? `${path}.${i}` : String(i));
        });
      }
    } else if (typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "id") continue;
        walk(v, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(data, prefix);
  return out;
}

const numberFormat = new Intl.NumberFormat("en");
const units: Array<[RegExp, string]> = [
  [/Ms$/, " ms"],
  [/Mb$/, " MB"],
  [/Minutes$/, " minutes"],
  [/Seconds$/, " s"],
];

function formatNumber(path: string, value: number): string {
  const key = path.split(".").at(-1) ?? "";
  const unit = units.find(([pattern]) => pattern.test(key))?.[1] ?? "";
  return `${numberFormat.format(value)}${unit}`;
}

/** What the editor calls a field whose customer text has no label of its own. */
const fieldNames: Record<string, string> = {
  timeoutMs: "Time limit",
  memoryMb: "Memory",
  maxAttempts: "Attempts",
  allowedHosts: "Allowed hosts",
  secrets: "Secrets",
  code: "Code",
  inputSchema: "Input schema",
  outputSchema: "Output schema",
  inputMapping: "Input mapping",
  outputMapping: "Output mapping",
  keywords: "Keywords",
  safetyNotice: "Safety notice",
  phones: "Phone",
  emails: "E-mail",
  urls: "Link",
};

/** "inputSchema.1.type" → "Input schema 2 · type"; "maxAttempts" → "Attempts". */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const words: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      words.push(String(Number(part) + 1));
      continue;
    }
    const known = fieldNames[part];
    const word = known ?? part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    words.push(words.length === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : `· ${word}`);
  }
  return words.join(" ").replace(/ · /g, " · ");
}

function blockChanges(node: FlowNode, old: FlowNode | null, now: FlowNode | null): FieldChange[] {
  const labels: Record<string, string> = {};
  for (const version of [old, now]) {
    if (!version) continue;
    try {
      for (const t of blockCustomerTexts(version)) labels[t.field] = t.label;
    } catch {
      // A block whose data does not fit its schema still gets generic labels.
    }
  }
  return valueChanges(node.id, blockName(now ?? old ?? node), old?.data ?? null, now?.data ?? null, labels);
}

function valueChanges(
  blockId: string,
  blockLabel: string,
  oldData: unknown,
  newData: unknown,
  labels: Record<string, string>,
): FieldChange[] {
  const a = oldData === null ? new Map<string, Leaf>() : leaves(oldData);
  const b = newData === null ? new Map<string, Leaf>() : leaves(newData);
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(field);
    const after = b.get(field);
    if (before?.raw === after?.raw) continue;
    // An empty text appearing or disappearing with its block is not worth a line.
    if ((before?.raw ?? "") === "" && (after?.raw ?? "") === "") continue;
    changes.push({
      blockId,
      blockLabel,
      field,
      fieldLabel: labels[field] ?? fieldLabel(field),
      kind: (after ?? before)?.kind ?? "text",
      before: before ? before.shown : null,
      after: after ? after.shown : null,
    });
  }
  return changes;
}
