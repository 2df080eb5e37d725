import { createHash, timingSafeEqual } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import { CONTACT_NAME_PURPOSE } from "@benteng/db/queries/contacts";
import type { FastifyPluginAsync } from "fastify";
import { INBOX_PAYLOAD_PURPOSE, type InboxPayload } from "../inbox/inboxPayload.ts";
import { inboxWake, NOTIFY_CHANNELS } from "../inbox/wakeSignal.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { readWebhook } from "../whatsapp/readWebhook.ts";
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

  // Profile names this process stored recently: an unchanged name is not encrypted and written again
  // (null keeps the stored one), which saves an encryption on nearly every webhook.
  const storedNames = new Map<string, string>();
  const freshName = (channelId: string, identity: string, name: string | null): string | null => {
    if (!name) return null;
    if (storedNames.get(`${channelId}|${identity}`) === name) return null;
    return cipher.encrypt(name, CONTACT_NAME_PURPOSE);
  };
  /** Called only after the names were committed, so a failed webhook's retry writes them again. */
  const rememberNames = (
    channelId: string,
    messages: Array<{ identity: string; profileName: string | null }>,
  ) => {
    if (storedNames.size > 100_000) storedNames.clear();
    for (const m of messages) if (m.profileName) storedNames.set(`${channelId}|${m.identity}`, m.profileName);
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

  app.get<{ Params: { channelId: string }; Querystring: Record<string, string | undefined> }>(
    "/webhooks/whatsapp/:channelId",
    async (request, reply) => {
      const channel = await channels.get(request.params.channelId);
      if (!channel) return reply.code(404).send({ error: "unknown channel" });
      const q = request.query;
      if (
        q["hub.mode"] === "subscribe" &&
        typeof q["hub.challenge"] === "string" &&
        q["hub.verify_token"] !== undefined
      ) {
        if (constantTimeEqual(q["hub.verify_token"], channel.verifyToken)) {
          return reply.code(200).type("text/plain").send(q["hub.challenge"]);
        }
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
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        return reply.code(400).send({ error: "body is not JSON" });
      }
      const parsed = webhookSchema.safeParse(json);
      if (!parsed.success) return reply.code(400).send({ error: "not a WhatsApp webhook payload" });
      const batch = readWebhook(parsed.data, channel.phoneNumberId);

      if (batch.messages.length > 0 || batch.statuses.length > 0) {
        // One atomic statement (shared with the webhooks that arrived alongside): Meta gets 200 only for
        // what is durably stored, and nothing half-stored.
        let inserted: number;
        try {
          ({ inserted } = await writer.store({
            workspaceId: channel.workspaceId,
            channelId: channel.id,
            contacts: batch.messages.map((m) => ({
              identity: m.identity,
              waId: m.waId,
              userId: m.userId,
              nameEnc: freshName(channel.id, m.identity, m.profileName),
            })),
            messages: batch.messages.map((m) => ({
              channelId: channel.id,
              waMessageId: m.waMessageId,
              contactIdentity: m.identity,
              payloadEnc: cipher.encryptJson(
                {
                  event: m.event,
                  waId: m.waId,
                  userId: m.userId,
                  timestamp: m.timestamp,
                } satisfies InboxPayload,
                INBOX_PAYLOAD_PURPOSE,
              ),
            })),
            statuses: batch.statuses,
          }));
        } catch (e) {
          // Any non-200 makes Meta retry (for up to 7 days); the reason stays in our log, not in the answer.
          request.log.error({ channelId: channel.id, err: (e as Error).message }, "webhook not stored");
          return reply.code(503).send({ error: "temporarily unavailable, retry later" });
        }
        rememberNames(channel.id, batch.messages);
        if (inserted > 0) {
          inboxWake.wake();
          options.onInbound?.();
        }
      }
      return reply.code(200).type("text/plain").send("EVENT_RECEIVED");
    },
  );
};

/** Compares digests so that neither the content nor the length of the token leaks through timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
