import type { Db } from "@benteng/db";
import { servableMediaFile } from "@benteng/db/queries/mediaFiles";
import { mediaKindSchema } from "@benteng/shared";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { SESSION_COOKIE, validateSessionToken } from "./auth/sessions.ts";
import type { Env } from "./env.ts";
import { ipRateLimit } from "./ipRateLimit.ts";
import { checkSameOrigin } from "./security.ts";
import { memberActor } from "./services/actor.ts";
import { MAX_UPLOAD_BYTES, uploadMediaFile } from "./services/mediaFiles.ts";
import { ServiceError } from "./services/serviceError.ts";

/** Where the editor uploads a media block's file (raw bytes; flow, kind and name in the query). */
export const MEDIA_UPLOAD_PATH = "/api/media";

const uploadQuery = z.object({
  flowId: z.uuid(),
  kind: mediaKindSchema,
  name: z.string().min(1).max(1000),
});

const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * Uploads for media blocks, and the files themselves for WhatsApp to download.
 *
 * - `POST /api/media?flowId&kind&name`: the file's bytes as `application/octet-stream` (an HTML form
 *   cannot send that type, and the Origin must be ours, as for the tRPC API), from a signed-in
 *   member who may edit flows; up to 100 MB (a document). The type is sniffed from the bytes and
 *   checked against WhatsApp's limits before anything is stored; a bad file is a 4xx naming the limit.
 * - `GET /media/<sha256>.<ext>`: public (WhatsApp fetches it without credentials), but only for a
 *   file a flow's draft or a version under review or published refers to (flow_media), with its
 *   sniffed type. The address names the content, so it may be cached for good; each client address
 *   gets `mediaRate` (default: bursts of 120, 10 a second after that), then 429 with Retry-After.
 */
export async function mediaRoutes(
  app: FastifyInstance,
  options: { db: Db; env: Env; mediaRate?: { burst: number; perSecond: number } },
): Promise<void> {
  const { db, env } = options;
  const limit = ipRateLimit(options.mediaRate ?? { burst: 120, perSecond: 10 });

  await app.register(async (upload) => {
    upload.addHook("onRequest", async (req, reply) => {
      if (!checkSameOrigin(req, reply, env.BENTENG_PUBLIC_URL, "application/octet-stream")) return reply;
    });
    upload.addContentTypeParser(
      "application/octet-stream",
      { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES },
      (_req, body, done) => done(null, body),
    );
    upload.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
      if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
        return reply
          .code(413)
          .send({ error: "The file is larger than 100 MB, the most WhatsApp takes (a document)." });
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) app.log.error({ err: error }, "media upload failed");
      return reply
        .code(status)
        .send({ error: status === 500 ? "The upload failed." : "Bad upload request." });
    });
    upload.post(MEDIA_UPLOAD_PATH, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const validated = token ? await validateSessionToken(db, token, env.BENTENG_SESSION_TTL_DAYS) : null;
      if (!validated) return reply.code(401).send({ error: "Please sign in." });
      const query = uploadQuery.safeParse(req.query);
      if (!query.success)
        return reply.code(400).send({ error: "Name the flow, the media kind and the file's name." });
      const bytes = req.body instanceof Uint8Array ? req.body : new Uint8Array();
      try {
        const file = await uploadMediaFile(db, memberActor(validated.session), { ...query.data, bytes });
        // Stored either way; WhatsApp can only fetch it once Benteng has a public address.
        const warning = env.BENTENG_PUBLIC_URL
          ? undefined
          : "BENTENG_PUBLIC_URL is not set, so WhatsApp cannot download this file yet: ask the operator to set Benteng's public address.";
        return reply.code(201).send(warning ? { ...file, warning } : file);
      } catch (error) {
        if (error instanceof ServiceError)
          return reply.code(STATUS[error.code] ?? 400).send({ error: error.message });
        throw error;
      }
    });
  });

  app.get<{ Params: { file: string } }>("/media/:file", async (req, reply) => {
    const allowed = limit.take(req.ip);
    if (allowed !== true)
      return reply
        .code(429)
        .header("retry-after", String(allowed.retryAfterSeconds))
        .send({ error: "Too many requests for media files; try again shortly." });
    const match = /^([0-9a-f]{64})\.([a-z0-9]{1,5})$/.exec(req.params.file);
    const found = match ? await servableMediaFile(db, match[1]!) : undefined;
    if (!found || found.ext !== match?.[2]) return reply.code(404).send({ error: "Not found" });
    return (
      reply
        .header("content-type", found.mimeType)
        // The address is the SHA-256 of the bytes: what it names can never change.
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("etag", `"${match[1]}"`)
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cross-origin-resource-policy", "cross-origin")
        .send(Buffer.from(found.content.buffer, found.content.byteOffset, found.content.byteLength))
    );
  });
}
