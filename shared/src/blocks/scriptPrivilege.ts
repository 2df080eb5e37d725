import type { Flow, FlowNodeOf } from "../flow/flowSchema.ts";

/** The parts of a script block only developers may change (SECURITY.md, "Roles"): code, hosts, secrets, limits. */
function privileged(node: FlowNodeOf<"script">): string {
  const d = node.data;
  return JSON.stringify([d.code, [...d.allowedHosts].sort(), [...d.secrets].sort(), d.timeoutMs, d.memoryMb]);
}

function scriptBlocks(flow: Flow | null): Map<string, FlowNodeOf<"script">> {
  const out = new Map<string, FlowNodeOf<"script">>();
  for (const n of flow?.nodes ?? []) if (n.type === "script") out.set(n.id, n);
  return out;
}

/**
 * Ids of script blocks whose code, allowed hosts or declared secrets differ between two versions of a
 * flow (added and removed script blocks count). `before` null means a brand-new document.
 * @example privilegedScriptChanges(saved, draft) → ["scr1"] when a marketer edited scr1's code
 */
export function privilegedScriptChanges(before: Flow | null, after: Flow): string[] {
  const a = scriptBlocks(before);
  const b = scriptBlocks(after);
  const changed: string[] = [];
  for (const [id, node] of b) {
    const old = a.get(id);
    if (
      old
        ? privileged(old) !== privileged(node)
        : node.data.code.trim() !== "" || node.data.allowedHosts.length || node.data.secrets.length
    ) {
      changed.push(id);
    }
  }
  for (const id of a.keys()) if (!b.has(id)) changed.push(id);
  return changed;
}
