import type { BlockDefinition, CustomerText } from "../../blocks/blockDefinition.ts";
import { blockDefinitions } from "../../blocks/registry.ts";
import type { Flow, FlowEdge } from "../../flow/flowSchema.ts";
import type { Finding, Severity } from "../finding.ts";
import { detectSecretRequest, type SecretRequestResult } from "../secretRequest/detectSecretRequest.ts";

/** What a rule reports; lintFlow adds the rule's id and severity. */
export type RuleHit = Omit<Finding, "ruleId" | "severity">;

/** A block as rules see it: loosely typed, because a flow may hold types this build doesn't know yet. */
export interface LintNode {
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** Undefined for a block type missing from the registry (e.g. a type added by a newer build). */
  definition: BlockDefinition | undefined;
}

/** The flow plus indexes every rule would otherwise rebuild. */
export interface RuleContext {
  flow: Flow;
  nodes: LintNode[];
  nodeById: Map<string, LintNode>;
  /** Edges leaving each block, keyed by block id. */
  outgoing: Map<string, FlowEdge[]>;
  /** Hosts (lowercase, no scheme) customer-facing links may point to; subdomains are included. */
  linkAllowlist: string[];
}

export interface Rule {
  /** Stable id shown in reports and used by the editor to look up help. */
  id: string;
  severity: Severity;
  /** One line for the rule list in docs and the CLI. */
  description: string;
  check(ctx: RuleContext): RuleHit[];
}

/** Builds the shared indexes once per lint run. */
export function buildRuleContext(flow: Flow, linkAllowlist: string[] = []): RuleContext {
  const nodes: LintNode[] = flow.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    data: n.data as Record<string, unknown>,
    definition: (blockDefinitions as Record<string, BlockDefinition | undefined>)[n.type],
  }));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, FlowEdge[]>();
  for (const e of flow.edges) {
    const list = outgoing.get(e.source);
    if (list) list.push(e);
    else outgoing.set(e.source, [e]);
  }
  return {
    flow,
    nodes,
    nodeById,
    outgoing,
    linkAllowlist: linkAllowlist.map((h) => h.trim().toLowerCase()).filter((h) => h !== ""),
  };
}

/** A block's customer texts, or none when its definition is unknown or throws on odd data. */
export function customerTextsOf(node: LintNode): CustomerText[] {
  // Several rules read the same texts; the node object lives for one lint run, so cache on it.
  let texts = textsByNode.get(node);
  if (!texts) {
    try {
      texts = node.definition?.customerTexts(node.data) ?? [];
    } catch {
      texts = [];
    }
    textsByNode.set(node, texts);
  }
  return texts;
}

const textsByNode = new WeakMap<LintNode, CustomerText[]>();

/** A block's output handles, or none when its definition is unknown or throws on odd data. */
export function outputsOf(node: LintNode) {
  try {
    return node.definition?.outputs(node.data) ?? [];
  } catch {
    return [];
  }
}

/** Variables a block assigns, or none when its definition is unknown or throws on odd data. */
export function writtenVariablesOf(node: LintNode): string[] {
  try {
    return node.definition?.writesVariables(node.data) ?? [];
  } catch {
    return [];
  }
}

/** A short human name for a block in messages: its type label and id. */
export function blockName(node: LintNode): string {
  return `${node.definition?.label ?? node.type} block "${node.id}"`;
}

/**
 * The detector's verdict on a text, computed once per lint run: flows repeat the same texts (default
 * re-prompts, footers, button titles such as "Yes"), and the verdict depends on the text alone.
 */
export function detectOnce(ctx: RuleContext, text: string): SecretRequestResult {
  let verdicts = perRun.get(ctx);
  if (!verdicts) {
    verdicts = new Map();
    perRun.set(ctx, verdicts);
  }
  let verdict = verdicts.get(text);
  if (!verdict) {
    verdict = detectSecretRequest(text, { linkAllowlist: ctx.linkAllowlist });
    verdicts.set(text, verdict);
  }
  return verdict;
}

const perRun = new WeakMap<RuleContext, Map<string, SecretRequestResult>>();
