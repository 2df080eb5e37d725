import type { Flow, FlowNodeOf } from "../flow/flowSchema.ts";
import { SCRIPT_LIMITS, type ScriptData } from "./script.ts";

/**
 * The parts of a script block only developers may change (README, "Roles"): what it does and which
 * data it sees — code, input and output mappings, input and output schemas, hosts, secrets, limits.
 */
function privileged(d: ScriptData): string {
  return JSON.stringify([
    d.code,
    d.inputMapping,
    d.inputSchema,
    d.outputSchema,
    d.outputMapping,
    [...d.allowedHosts].sort(),
    [...d.secrets].sort(),
    d.timeoutMs,
    d.memoryMb,
  ]);
}

/**
 * A "script needed" placeholder: a script block with nothing a developer decides yet (no code,
 * mappings, schemas, hosts or secrets; default limits). Anyone who edits flows may place or remove
 * one; a developer fills it in. Linting refuses to submit a flow that still has one.
 */
export function isScriptPlaceholder(d: ScriptData): boolean {
  return (
    d.code.trim() === "" &&
    d.inputMapping.length === 0 &&
    d.inputSchema.length === 0 &&
    d.outputSchema.length === 0 &&
    d.outputMapping.length === 0 &&
    d.allowedHosts.length === 0 &&
    d.secrets.length === 0 &&
    d.timeoutMs === SCRIPT_LIMITS.timeoutMs.default &&
    d.memoryMb === SCRIPT_LIMITS.memoryMb.default
  );
}

/** The data of a new "script needed" placeholder. */
export function scriptPlaceholderData(): ScriptData {
  return {
    code: "",
    inputMapping: [],
    inputSchema: [],
    outputSchema: [],
    outputMapping: [],
    allowedHosts: [],
    secrets: [],
    timeoutMs: SCRIPT_LIMITS.timeoutMs.default,
    memoryMb: SCRIPT_LIMITS.memoryMb.default,
  };
}

function scriptBlocks(flow: Flow | null): Map<string, FlowNodeOf<"script">> {
  const out = new Map<string, FlowNodeOf<"script">>();
  for (const n of flow?.nodes ?? []) if (n.type === "script") out.set(n.id, n);
  return out;
}

/** What a non-developer's change does to script blocks that only a developer may do. */
export type ScriptPrivilegeChange = "changed" | "added" | "removed";

/**
 * Script blocks whose developer-only parts differ between two versions of a flow: changed ones,
 * added ones that are not empty placeholders, and removed ones that were not. `before` null means a
 * brand-new document.
 * @example privilegedScriptChanges(saved, draft) → [{ id: "scr1", change: "changed" }] when scr1's code was edited
 */
export function privilegedScriptChanges(
  before: Flow | null,
  after: Flow,
): Array<{ id: string; change: ScriptPrivilegeChange }> {
  const a = scriptBlocks(before);
  const b = scriptBlocks(after);
  const out: Array<{ id: string; change: ScriptPrivilegeChange }> = [];
  for (const [id, node] of b) {
    const old = a.get(id);
    if (old) {
      if (privileged(old.data) !== privileged(node.data)) out.push({ id, change: "changed" });
    } else if (!isScriptPlaceholder(node.data)) {
      out.push({ id, change: "added" });
    }
  }
  for (const [id, node] of a) {
    if (!b.has(id) && !isScriptPlaceholder(node.data)) out.push({ id, change: "removed" });
  }
  return out;
}

/**
 * Why someone who is not a developer may not make this change (null: they may), written for them:
 * what to do instead, no internal ids. The server refuses such a save with this message; the editor
 * refuses the change itself with the same one, so no save is ever refused later. `removalAllowed`:
 * `after` is a new flow copied from `before`, so leaving a script out of it takes nothing away.
 */
export function scriptPrivilegeRefusal(
  before: Flow | null,
  after: Flow,
  options: { removalAllowed?: boolean } = {},
): string | null {
  const changes = privilegedScriptChanges(before, after).filter(
    (c) => !(options.removalAllowed && c.change === "removed"),
  );
  if (changes.length === 0) return null;
  const kinds = new Set(changes.map((c) => c.change));
  if (kinds.has("removed")) {
    return "Only a developer can remove a script block a developer wrote. Ask a developer to remove it, or leave it in place.";
  }
  if (kinds.has("added")) {
    return "Only developers can add a script with code, data mappings, schemas, hosts or secrets. Add a “Script needed” placeholder instead; a developer fills it in.";
  }
  return "Only developers can change a script's code, the data it receives and returns (mappings and schemas), its hosts, secrets or limits. Ask a developer to make this change.";
}
