import type { Db } from "@benteng/db";
import {
  type ChannelSummary,
  channelById,
  deleteChannel,
  createChannel as insertChannel,
  listChannels as listChannelRows,
  PhoneNumberTaken,
  resumeChannelQueue,
  setChannelFlow,
  setChannelWaba,
  updateChannel as updateChannelRow,
} from "@benteng/db/queries/channels";
import { flowLabels, lockFlow } from "@benteng/db/queries/flows";
import { outboxCounts } from "@benteng/db/queries/outbox";
import { trimEndWhere } from "@benteng/shared";
import { z } from "zod";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { proofTokenSchema, requireProof, type SensitiveAction } from "./reauthentication.ts";
import { notFound, ServiceError } from "./serviceError.ts";
import { nameText } from "./typedText.ts";

export const DEFAULT_GRAPH_URL = "https://graph.facebook.com/v23.0";

const secret = (what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(2000);

/** The WhatsApp Business Account id (WhatsApp Manager → Account tools), or empty for none. */
export const wabaIdInput = z
  .string()
  .trim()
  .regex(/^(\d{5,30})?$/, "The WhatsApp Business Account ID is the long number from WhatsApp Manager.")
  .transform((v) => (v === "" ? null : v));

/** A number to connect, as the Channels page and `benteng channel add` both give it. */
export const newChannelInput = z.object({
  name: nameText(100).min(1, "Name the channel."),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, "The phone number ID is the long number from WhatsApp Manager."),
  accessToken: secret("access token"),
  appSecret: secret("app secret"),
  verifyToken: secret("verify token"),
  graphBaseUrl: z
    .url({ protocol: /^https?$/, error: "Enter an http(s) URL." })
    .max(300)
    .transform((url) => trimEndWhere(url, (c) => c === "/")),
  flowId: z.uuid().nullable(),
  wabaId: wabaIdInput.optional(),
});

/** The flow a channel points at, as the Channels page and `benteng channel list` both show it. */
export interface ChannelFlow {
  id: string;
  name: string;
  /** It has a live version (otherwise customers' messages are stored but not answered). */
  published: boolean;
  /** It was deleted (only channels set up before deleting a used flow was refused). */
  deleted: boolean;
}

export type ChannelWithHealth = ChannelSummary & {
  flow: ChannelFlow | null;
  /** How many of this number's messages are waiting, sent, delivered, read, failed. */
  deliveries: Awaited<ReturnType<typeof outboxCounts>>;
};

/** Channels with the flow that answers them and their delivery health; never their secrets. */
export async function listChannels(db: Db, actor: Actor): Promise<ChannelWithHealth[]> {
  const rows = await listChannelRows(db, actor.workspaceId);
  const labels = await flowLabels(
    db,
    actor.workspaceId,
    rows.flatMap((c) => (c.flowId ? [c.flowId] : [])),
  );
  return Promise.all(
    rows.map(async (c) => {
      const label = c.flowId ? labels.get(c.flowId) : undefined;
      return {
        ...c,
        flow: c.flowId && label ? { id: c.flowId, ...label } : null,
        deliveries: await outboxCounts(db, c.id),
      };
    }),
  );
}

/**
 * Why pointing a channel at this flow will not answer anyone yet (null when it will): said with the
 * change, in the API answer, the Channels page and the CLI.
 */
export function unpublishedFlowWarning(flow: {
  name: string;
  publishedVersionId: string | null;
}): string | null {
  if (flow.publishedVersionId) return null;
  return `“${flow.name}” has no published version yet, so this number will not answer: customers' messages are stored but not answered until a reviewer approves and publishes a version of it.`;
}

/**
 * Connects a WhatsApp number (its secrets stored encrypted), from the web app or the CLI alike. Two
 * simultaneous requests for one number cannot both succeed (see createChannel).
 */
export function createChannel(
  { db, cipher }: ServiceDeps,
  actor: Actor,
  input: z.output<typeof newChannelInput>,
): Promise<{ id: string; warning: string | null }> {
  return inTransaction(db, async (tx) => {
    const flow = input.flowId ? await requireFlow(tx, actor, input.flowId) : null;
    const id = await insertChannel(tx, cipher, { ...input, workspaceId: actor.workspaceId }).catch((e) => {
      if (!(e instanceof PhoneNumberTaken)) throw e;
      const where = e.channelId ? ` (channel ${e.channelId})` : "";
      throw new ServiceError(
        "CONFLICT",
        `Phone number ID ${input.phoneNumberId} is already connected${where}.`,
      );
    });
    await recordAudit(tx, actor, "channel.created", auditTarget.channel({ id, ...input }), {
      phoneNumberId: input.phoneNumberId,
      name: input.name,
      flowId: input.flowId,
      wabaId: input.wabaId ?? null,
    });
    return { id, warning: flow ? unpublishedFlowWarning(flow) : null };
  });
}

/**
 * Chooses which flow answers the number (null: none; messages are then stored but not answered).
 * Answers with a warning when the flow has nothing published yet.
 */
export function setFlowOfChannel(
  db: Db,
  actor: Actor,
  input: { channelId: string; flowId: string | null; proof?: string | undefined },
): Promise<{ warning: string | null }> {
  return inTransaction(db, async (tx) => {
    const flow = input.flowId ? await requireFlow(tx, actor, input.flowId) : null;
    const channel = await channelById(tx, actor.workspaceId, input.channelId);
    if (!channel) throw notFound("Channel", input.channelId);
    await requireProof(tx, actor, "channel.flow", input.proof);
    if (!(await setChannelFlow(tx, actor.workspaceId, input.channelId, input.flowId))) {
      throw notFound("Channel", input.channelId);
    }
    await recordAudit(tx, actor, "channel.flow_changed", auditTarget.channel(channel), {
      flowId: input.flowId,
      fromFlowId: channel.flowId,
    });
    return {
      warning: flow
        ? unpublishedFlowWarning(flow)
        : "No flow answers this number now: customers' messages are stored but not answered.",
    };
  });
}

/** Sets the business account whose approved templates agents may send on this number; needs a proof. */
export function setWabaOfChannel(
  db: Db,
  actor: Actor,
  input: { channelId: string; wabaId: string | null; proof?: string | undefined },
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const channel = await channelById(tx, actor.workspaceId, input.channelId);
    if (!channel) throw notFound("Channel", input.channelId);
    await requireProof(tx, actor, "channel.business_account", input.proof);
    if (!(await setChannelWaba(tx, actor.workspaceId, input.channelId, input.wabaId))) {
      throw notFound("Channel", input.channelId);
    }
    await recordAudit(tx, actor, "channel.business_account_changed", auditTarget.channel(channel), {
      wabaId: input.wabaId,
      fromWabaId: channel.wabaId,
    });
  });
}

/** The flow, locked against being deleted until the channel change commits. */
async function requireFlow(db: Db, actor: Actor, flowId: string) {
  return (await lockFlow(db, actor.workspaceId, flowId)) ?? throwFlowNotFound(flowId);
}

function throwFlowNotFound(flowId: string): never {
  throw notFound("Flow", flowId);
}

/**
 * What an admin changes on a connected number (`channels.update`, `benteng channel update`): any of
 * its name, secrets, flow and whether it is paused. Secrets only go in; nothing returns them.
 */
export const channelUpdateInput = z
  .object({
    channelId: z.uuid(),
    name: nameText(100).min(1, "Name the channel.").optional(),
    accessToken: secret("access token").optional(),
    appSecret: secret("app secret").optional(),
    verifyToken: secret("verify token").optional(),
    flowId: z.uuid().nullable().optional(),
    paused: z.boolean().optional(),
    /**
     * A signed-in admin's proof for the one guarded act of this update: "channel.secrets",
     * "channel.flow" or "channel.pause" (see reauthentication.ts).
     */
    proof: proofTokenSchema,
  })
  .refine(
    (c) =>
      Object.entries(c).some(([key, value]) => key !== "channelId" && key !== "proof" && value !== undefined),
    "Say what to change.",
  );
export type ChannelUpdate = z.output<typeof channelUpdateInput>;

const SECRET_FIELDS = ["accessToken", "appSecret", "verifyToken"] as const;

/**
 * The act of an update that needs a proof from a signed-in admin (a stolen cookie cannot redirect
 * a number's traffic, re-point it at another flow or silence it); the operator at the CLI already
 * holds the database. One such act per request, since a proof is made for one act; a rename needs
 * none.
 */
async function requireProofForUpdate(
  tx: Db,
  actor: Actor | Member,
  input: ChannelUpdate,
  channel: ChannelSummary,
): Promise<void> {
  if (!("sessionId" in actor)) return;
  const acts: SensitiveAction[] = [];
  if (SECRET_FIELDS.some((field) => input[field] !== undefined)) acts.push("channel.secrets");
  if (input.flowId !== undefined && input.flowId !== channel.flowId) acts.push("channel.flow");
  if (input.paused !== undefined && input.paused !== (channel.status === "paused"))
    acts.push("channel.pause");
  if (acts.length > 1) {
    throw new ServiceError("BAD_REQUEST", "Change the secrets, the flow and pausing one at a time.");
  }
  const [act] = acts;
  if (act) await requireProof(tx, actor, act, input.proof);
}

/**
 * Renames, rotates secrets, re-points, pauses or resumes a channel, each change audited with it (never
 * a secret's value). A new access token takes a channel out of `needs_token`; it and a resume send the
 * messages that waited, at once and in order.
 */
export function updateChannel(
  { db, cipher }: ServiceDeps,
  actor: Actor | Member,
  input: ChannelUpdate,
): Promise<{ id: string; status: ChannelSummary["status"]; changed: string[] }> {
  const rotated = SECRET_FIELDS.filter((field) => input[field] !== undefined);
  return inTransaction(db, async (tx) => {
    const channel = await channelById(tx, actor.workspaceId, input.channelId);
    if (!channel) throw notFound("Channel", input.channelId);
    await requireProofForUpdate(tx, actor, input, channel);
    if (input.flowId) await requireFlow(tx, actor, input.flowId);
    const status =
      input.paused === true
        ? "paused"
        : input.paused === false && channel.status === "paused"
          ? "active"
          : input.accessToken !== undefined && channel.status === "needs_token"
            ? "active"
            : channel.status;
    const name = input.name !== undefined && input.name !== channel.name ? input.name : undefined;
    await updateChannelRow(tx, cipher, actor.workspaceId, channel.id, {
      ...(name !== undefined ? { name } : {}),
      ...(input.accessToken !== undefined ? { accessToken: input.accessToken } : {}),
      ...(input.appSecret !== undefined ? { appSecret: input.appSecret } : {}),
      ...(input.verifyToken !== undefined ? { verifyToken: input.verifyToken } : {}),
      ...(status !== channel.status ? { status } : {}),
    });
    const changed: string[] = [];
    const target = auditTarget.channel({ ...channel, name: name ?? channel.name });
    if (name !== undefined) {
      changed.push("name");
      await recordAudit(tx, actor, "channel.renamed", target, { from: channel.name, to: name });
    }
    if (rotated.length > 0) {
      changed.push(...rotated);
      // Which secrets were replaced, never their values.
      await recordAudit(tx, actor, "channel.secrets_rotated", target, {
        secrets: rotated,
        ...(status !== channel.status ? { statusFrom: channel.status, statusTo: status } : {}),
      });
    }
    if (input.flowId !== undefined && input.flowId !== channel.flowId) {
      await setChannelFlow(tx, actor.workspaceId, channel.id, input.flowId);
      changed.push("flowId");
      await recordAudit(tx, actor, "channel.flow_changed", target, {
        flowId: input.flowId,
        fromFlowId: channel.flowId,
      });
    }
    if (status !== channel.status && (status === "paused" || channel.status === "paused")) {
      changed.push(status === "paused" ? "paused" : "resumed");
      await recordAudit(tx, actor, status === "paused" ? "channel.paused" : "channel.resumed", target, {
        statusFrom: channel.status,
        statusTo: status,
      });
    }
    // Messages held back while the number could not send go now (the runtime re-reads the channel
    // within seconds).
    if (status === "active" && channel.status !== "active") await resumeChannelQueue(tx, channel.id);
    return { id: channel.id, status, changed };
  });
}

/**
 * Disconnects a number for good: its contacts, conversations and waiting messages go with it (pausing
 * keeps them). A signed-in admin gives a proof made for it; audited with what was removed.
 */
export function removeChannel(
  db: Db,
  actor: Actor | Member,
  channelId: string,
  proof?: string,
): Promise<{ id: string; conversations: number; queuedMessages: number }> {
  return inTransaction(db, async (tx) => {
    const channel = await channelById(tx, actor.workspaceId, channelId);
    if (channel) await requireProof(tx, actor, "channel.remove", proof);
    const removed = channel ? await deleteChannel(tx, actor.workspaceId, channelId) : null;
    if (!channel || !removed) throw notFound("Channel", channelId);
    await recordAudit(tx, actor, "channel.removed", auditTarget.channel(channel), {
      phoneNumberId: channel.phoneNumberId,
      flowId: channel.flowId,
      ...removed,
    });
    return { id: channel.id, ...removed };
  });
}
