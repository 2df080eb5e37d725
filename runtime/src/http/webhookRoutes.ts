import { isUtf8 } from "node:buffer";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import {
  CONTACT_NAME_PURPOSE,
  CONTACT_USER_ID_PURPOSE,
  CONTACT_WA_ID_PURPOSE,
  contactIndex,
} from "@benteng/db/queries/contacts";
import type { WebhookBatchInput } from "@benteng/db/queries/inbox";
import { wamidIndex } from "@benteng/db/queries/outbox";
import { safeString } from "@benteng/shared";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { INBOX_PAYLOAD_PURPOSE, type InboxPayload } from "../inbox/inboxPayload.ts";
import { inboxPayloadMemo } from "../inbox/plaintextMemo.ts";
import { inboxWake, NOTIFY_CHANNELS } from "../inbox/wakeSignal.ts";
import { timeSlice } from "../timeSlice.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { type InboundMessage, readWebhook } from "../whatsapp/readWebhook.ts";
import { verifySignature } from "../whatsapp/verifySignature.ts";
import { webhookSchema } from "../whatsapp/webhookSchema.ts";
import { webhookWriter } from "./webhookWriter.ts";

export interface WebhookRoutesOptions {
  db: Db;
  cipher: Cipher;
  /** Called after new messages were committed (the in-process workers are woken anyway). */
  onInbound?: () => void;
  /** How long a channel's decrypted settings are reused; a changed secret applies after this. */
  channelCacheMs?: number;
  /**
   * Sends NOTIFY so runtime workers in OTHER processes (started with `listenUrl`) wake at once.
   * Default false: workers in this process are woken directly, and others poll. NOTIFY serialises
   * commits on a database-wide lock, which under load caps webhooks at one fsync each.
   */
  notify?: boolean;
}

/** Meta's payloads are at most 3 MB. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/**
 * `GET|POST /webhooks/whatsapp/:channelId`. Register with `app.register(webhookRoutes, {db, cipher})`;
 * the raw-body parser below is scoped to this plugin (Fastify encapsulation), so JSON parsing of the
 * host app's other routes is untouched.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, options) => {
  const { db, cipher } = options;
  const writer = webhookWriter(db, options.notify ? { notifyChannel: NOTIFY_CHANNELS.inbox } : {});
  const channels = channelCache(db, cipher, options.channelCacheMs ?? 5_000);

  // Contacts this process stored recently, by blind index: what is already stored (ids, name) is not
  // encrypted and written again (null keeps the stored value), which saves encryptions on nearly
  // every webhook. Keyed by the index, so no phone number sits in this map either.
  const known = new Map<string, { name: string | null; waId: boolean; userId: boolean }>();
  /** Called only after the contacts were committed, so a failed webhook's retry writes them again. */
  const remember = (stored: Array<{ index: string; message: InboundMessage }>) => {
    if (known.size > 100_000) known.clear();
    for (const { index, message: m } of stored) {
      const before = known.get(index);
      known.set(index, {
        name: m.profileName ?? before?.name ?? null,
        waId: Boolean(before?.waId || m.waId),
        userId: Boolean(before?.userId || m.userId),
      });
    }
  };
  const contactRow = (index: string, m: InboundMessage) => {
    const before = known.get(index);
    return {
      identityIndex: index,
      waIdEnc: m.waId && !before?.waId ? cipher.encrypt(m.waId, CONTACT_WA_ID_PURPOSE) : null,
      userIdEnc: m.userId && !before?.userId ? cipher.encrypt(m.userId, CONTACT_USER_ID_PURPOSE) : null,
      nameEnc:
        m.profileName && before?.name !== m.profileName
          ? cipher.encrypt(m.profileName, CONTACT_NAME_PURPOSE)
          : null,
    };
  };

  // The step that reads the row back in this process takes the payload instead of decrypting it.
  const encryptPayload = (payload: InboxPayload) => {
    const payloadEnc = cipher.encryptJson(payload, INBOX_PAYLOAD_PURPOSE);
    inboxPayloadMemo.remember(payloadEnc, payload);
    return payloadEnc;
  };

  // Scoped to this plugin: client errors keep their status (413 too large…); anything else is a 503
  // without internals, which Meta retries.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    request.log.error({ err: error.message }, "webhook failed");
    return reply.code(503).send({ error: "temporarily unavailable, retry later" });
  });

  // The signature covers the exact bytes, so the body must reach us unparsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.get<{ Params: { channelId: string }; Querystring: Record<string, unknown> }>(
    "/webhooks/whatsapp/:channelId",
    async (request, reply) => {
      const channel = await channels.get(request.params.channelId);
      if (!channel) return reply.code(404).send({ error: "unknown channel" });
      const query = verificationQuerySchema.safeParse(request.query);
      // A parameter given twice arrives as an array: a malformed request, not a failed verification.
      if (!query.success) return reply.code(400).send({ error: "each hub.* parameter must be given once" });
      const q = query.data;
      if (
        q["hub.mode"] === "subscribe" &&
        q["hub.challenge"] !== undefined &&
        q["hub.verify_token"] !== undefined &&
        constantTimeEqual(q["hub.verify_token"], channel.verifyToken)
      ) {
        return reply.code(200).type("text/plain").send(q["hub.challenge"]);
      }
      return reply.code(403).send({ error: "verification failed" });
    },
  );

  app.post<{ Params: { channelId: string } }>(
    "/webhooks/whatsapp/:channelId",
    { bodyLimit: WEBHOOK_BODY_LIMIT },
    async (request, reply) => {
      const channel = await channels.get(request.params.channelId);
      if (!channel) return reply.code(404).send({ error: "unknown channel" });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers["x-hub-signature-256"];
      if (!verifySignature(raw, typeof signature === "string" ? signature : undefined, channel.appSecret)) {
        request.log.warn({ channelId: channel.id }, "webhook with a missing or invalid signature refused");
        return reply.code(401).send({ error: "invalid signature" });
      }
      // Signed by Meta but unreadable: a retry would bring the same bytes for 7 days, so it is
      // acknowledged and dropped, and the log says why (never what it said).
      const drop = (reason: string) => {
        request.log.warn({ channelId: channel.id, reason }, "signed webhook dropped: it can never be stored");
        return reply.code(200).type("text/plain").send("EVENT_RECEIVED");
      };
      if (!isUtf8(raw)) return drop("body is not valid UTF-8");
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        return drop("body is not JSON");
      }
      const parsed = webhookSchema.safeParse(json);
      if (!parsed.success) return drop("body is not a WhatsApp webhook payload");
      const batch = readWebhook(parsed.data, channel.phoneNumberId);
      if (batch.unreadable > 0) {
        request.log.warn(
          { channelId: channel.id, unreadable: batch.unreadable },
          "webhook items dropped: bad characters, over the size cap or missing fields",
        );
      }

      if (batch.messages.length > 0 || batch.statuses.length > 0) {
        // One HMAC per message: the sender's blind index is what rows are stored and found by. A 3 MB
        // webhook carries up to ~45 texts of 64 Ki: their encryption gives the event loop back between
        // messages, so other requests wait for one message's work at most, not the whole batch's.
        const pause = timeSlice();
        const indexed: Array<{ index: string; message: InboundMessage }> = [];
        const contacts: WebhookBatchInput["contacts"] = [];
        const messages: WebhookBatchInput["messages"] = [];
        for (const m of batch.messages) {
          await pause();
          const index = contactIndex(cipher, channel.id, m.identity);
          indexed.push({ index, message: m });
          contacts.push(contactRow(index, m));
          messages.push({
            channelId: channel.id,
            waMessageIndex: wamidIndex(cipher, m.waMessageId),
            contactIndex: index,
            payloadEnc: encryptPayload({
              event: m.event,
              waId: m.waId,
              userId: m.userId,
              timestamp: m.timestamp,
              profileName: m.profileName,
            }),
          });
        }
        // Stored before the answer (Meta gets 200 only for what is durably stored); a large webhook
        // may take several statements (see webhookWriter), and a retry of a half-stored one is harmless.
        let inserted: number;
        try {
          ({ inserted } = await writer.store({
            workspaceId: channel.workspaceId,
            channelId: channel.id,
            contacts,
            messages,
            statuses: batch.statuses.map(({ waMessageId, ...status }) => ({
              ...status,
              waMessageIndex: wamidIndex(cipher, waMessageId),
            })),
          }));
        } catch (e) {
          // Any non-200 makes Meta retry (for up to 7 days); the reason stays in our log, not in the answer.
          request.log.error({ channelId: channel.id, err: (e as Error).message }, "webhook not stored");
          return reply.code(503).send({ error: "temporarily unavailable, retry later" });
        }
        remember(indexed);
        if (inserted > 0) {
          inboxWake.wake();
          options.onInbound?.();
        }
      }
      return reply.code(200).type("text/plain").send("EVENT_RECEIVED");
    },
  );
};

/** Meta's verification GET; any other parameters are ignored. */
const verificationQuerySchema = z.looseObject({
  "hub.mode": z.string().optional(),
  "hub.verify_token": safeString().max(1024).optional(),
  // Echoed back as the body: only text that is safe to send, and short.
  "hub.challenge": safeString().max(1024).optional(),
});

/** Compares digests so that neither the content nor the length of the token leaks through timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
