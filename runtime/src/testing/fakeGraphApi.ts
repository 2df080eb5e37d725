import { randomBytes } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo, Socket } from "node:net";
import { selfSignedCertificate } from "./selfSignedCertificate.ts";

export interface FakeGraphMessage {
  phoneNumberId: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  /** The wamid the fake answered with (null for failures and mark-as-read). */
  waMessageId: string | null;
  receivedAt: number;
  /** The protocol the request came in: "1.1", or "2.0" (HTTP/2, negotiated over TLS). */
  httpVersion: string;
}

export interface FakeGraphApi {
  /** Base URL to configure as the channel's Graph API URL, e.g. http://127.0.0.1:PORT/v23.0 */
  url: string;
  /**
   * With `tls`: the server's self-signed certificate (PEM), for a client to trust. Null over plain
   * HTTP/1.1.
   */
  ca: string | null;
  /** Every accepted send, in arrival order (failed attempts are not recorded here). */
  messages: FakeGraphMessage[];
  /** Every request, failed or not. */
  requests: number;
  /** Connections accepted (TCP; over TLS, those that completed the handshake). */
  connections: number;
  /** Access tokens answered with 190 "Session has expired" (HTTP 401), as Meta does once one expires. */
  expiredTokens: Set<string>;
  /** Answers the next request with Meta's error contract for `code` (HTTP 400 unless given). */
  failNext(code: number, httpStatus?: number): void;
  /**
   * Answers accepted sends this long after receiving them (0: at once), as a slow Graph API would:
   * the message is recorded on arrival, so it counts as delivered while its answer is still on the way.
   */
  answerDelayMs: number;
  /**
   * Approved (and other) message templates per WhatsApp Business Account id, served by
   * `GET /{version}/{waba-id}/message_templates` (Meta's page shape, `limit` and `after` honoured).
   */
  templates: Map<string, Array<Record<string, unknown>>>;
  /**
   * Recipients (wa_id or user id) whose 24-hour window is closed: free-form messages to them are
   * refused with 131047 (re-engagement), as the real API does; templates still go through.
   */
  closedWindows: Set<string>;
  /** Called for each accepted message (the benchmark measures latency with it). */
  onMessage?: (message: FakeGraphMessage) => void;
  waitFor(predicate: (messages: FakeGraphMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const errorTitles: Record<number, string> = {
  190: "Error validating access token: Session has expired",
  100: "Invalid parameter",
  130429: "Rate limit hit",
  131000: "Something went wrong",
  131016: "Service unavailable",
  131026: "Message undeliverable",
  131047: "Re-engagement message",
  131056: "(Business Account, Consumer Account) pair rate limit hit",
  131008: "Required parameter is missing",
  131009: "Parameter value is not valid",
};

/**
 * A loopback server speaking the Graph API's `POST /{version}/{phone-number-id}/messages` contract
 * (and `GET /{version}/{waba-id}/message_templates`):
 * `{messaging_product, contacts:[{input, wa_id}], messages:[{id}]}` on success and
 * `{error:{message:"(#CODE) Title", type, code, error_data, fbtrace_id}}` on failure.
 */
export async function startFakeGraphApi(
  options: {
    port?: number;
    version?: string;
    /**
     * Serve https with a certificate made for this server, offering HTTP/2 by ALPN (as
     * graph.facebook.com does) and HTTP/1.1 to clients that do not ask for it. Default: plain HTTP/1.1.
     */
    tls?: boolean;
  } = {},
): Promise<FakeGraphApi> {
  const version = options.version ?? "v23.0";
  const failures: Array<{ code: number; httpStatus: number }> = [];
  const waiters = new Set<() => void>();
  // `/{version}/{phone-number-id}/messages`, read by parts rather than a pattern built from the version.
  const phoneNumberIdOf = (url: string): string | undefined => {
    const [empty, v, id, messages, ...rest] = url.split("/");
    return empty === "" && v === version && id && messages === "messages" && rest.length === 0
      ? id
      : undefined;
  };

  const handle = (
    req: http.IncomingMessage | http2.Http2ServerRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      fake.requests++;
      const reply = (status: number, body: unknown) => {
        // The two protocols' responses share these calls, not one type that TypeScript could join.
        (res as http.ServerResponse).writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "GET") return listTemplates(req, reply);
      const phoneNumberId = req.method === "POST" ? phoneNumberIdOf(req.url ?? "") : undefined;
      if (!phoneNumberId) return reply(404, graphError(100, "Unknown path components"));
      if (!req.headers.authorization?.startsWith("Bearer "))
        return reply(401, graphError(190, "Missing token"));
      if (fake.expiredTokens.has(req.headers.authorization.slice("Bearer ".length)))
        return reply(401, graphError(190, errorTitles[190] ?? "Expired"));
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(400, graphError(100, "Invalid JSON"));
      }
      const failure = failures.shift();
      if (failure)
        return reply(failure.httpStatus, graphError(failure.code, errorTitles[failure.code] ?? "Error"));
      if (body.messaging_product !== "whatsapp")
        return reply(400, graphError(100, "Invalid messaging_product"));
      if (body.status === "read") {
        record({
          phoneNumberId: decodeURIComponent(phoneNumberId),
          body,
          headers: req.headers,
          waMessageId: null,
          receivedAt: Date.now(),
          httpVersion: req.httpVersion,
        });
        return reply(200, { success: true });
      }
      const payloadError =
        mediaPayloadError(body) ?? locationRequestError(body) ?? contactsPayloadError(body);
      if (payloadError) return reply(400, graphError(131009, payloadError));
      const to = typeof body.to === "string" ? body.to : String(body.recipient ?? "");
      if (body.type !== "template" && fake.closedWindows.has(to))
        return reply(400, graphError(131047, errorTitles[131047] as string));
      const waMessageId = `wamid.${randomBytes(18).toString("base64url")}`;
      record({
        phoneNumberId: decodeURIComponent(phoneNumberId),
        body,
        headers: req.headers,
        waMessageId,
        receivedAt: Date.now(),
        httpVersion: req.httpVersion,
      });
      const answer = () =>
        reply(200, {
          messaging_product: "whatsapp",
          contacts: [{ input: to, wa_id: to }],
          messages: [{ id: waMessageId }],
        });
      if (fake.answerDelayMs > 0) setTimeout(answer, fake.answerDelayMs);
      else answer();
    });
  };
  const certificate = options.tls ? selfSignedCertificate("fake Graph API") : null;
  const server = certificate
    ? http2.createSecureServer({ ...certificate, allowHTTP1: true }, handle)
    : http.createServer(handle);
  // Every connection, so that close() ends kept-alive ones (HTTP/2 sessions included) at once.
  const sockets = new Set<Socket>();
  server.on(certificate ? "secureConnection" : "connection", (socket: Socket) => {
    fake.connections++;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  // `/{version}/{waba-id}/message_templates?limit=N&after=CURSOR`
  const listTemplates = (
    req: { url?: string; headers: http.IncomingHttpHeaders },
    reply: (status: number, body: unknown) => void,
  ) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const [empty, v, wabaId, edge, ...rest] = url.pathname.split("/");
    if (empty !== "" || v !== version || !wabaId || edge !== "message_templates" || rest.length > 0)
      return reply(404, graphError(100, "Unknown path components"));
    if (!req.headers.authorization?.startsWith("Bearer "))
      return reply(401, graphError(190, "Missing token"));
    const failure = failures.shift();
    if (failure)
      return reply(failure.httpStatus, graphError(failure.code, errorTitles[failure.code] ?? "Error"));
    const all = fake.templates.get(decodeURIComponent(wabaId));
    if (!all) return reply(400, graphError(100, "Unsupported get request. Object does not exist"));
    const status = url.searchParams.get("status");
    const matching = status ? all.filter((t) => t.status === status) : all;
    const limit = Math.max(1, Math.min(100, Number(url.searchParams.get("limit") ?? 25) || 25));
    const start = Number(url.searchParams.get("after") ?? 0) || 0;
    const data = matching.slice(start, start + limit);
    const after = start + data.length;
    return reply(200, {
      data,
      paging: {
        cursors: { before: String(start), after: String(after) },
        ...(after < matching.length
          ? { next: `${fake.url}/${wabaId}/message_templates?after=${after}` }
          : {}),
      },
    });
  };

  const record = (message: FakeGraphMessage) => {
    fake.messages.push(message);
    fake.onMessage?.(message);
    for (const w of waiters) w();
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeGraphApi = {
    url: `${certificate ? "https" : "http"}://127.0.0.1:${port}/${version}`,
    ca: certificate?.cert ?? null,
    messages: [],
    requests: 0,
    connections: 0,
    expiredTokens: new Set(),
    answerDelayMs: 0,
    templates: new Map(),
    closedWindows: new Set(),
    failNext(code, httpStatus = 400) {
      failures.push({ code, httpStatus });
    },
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(fake.messages)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(fake.messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake Graph API: condition not met within ${timeoutMs} ms (${fake.messages.length} messages)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  return fake;
}

function graphError(code: number, title: string) {
  return {
    error: {
      message: `(#${code}) ${title}`,
      type: code === 190 ? "OAuthException" : "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details: title },
      fbtrace_id: randomBytes(9).toString("base64url"),
    },
  };
}

const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);
const CAPTIONED = new Set(["image", "video", "document"]);

/**
 * Why the Cloud API would refuse a media message, as it checks one: the object named by `type` has
 * exactly one of `id` or an https `link`, a caption only on images, videos and documents (at most
 * 1,024 characters), and a filename only on documents.
 */
function mediaPayloadError(body: Record<string, unknown>): string | undefined {
  const type = typeof body.type === "string" ? body.type : "";
  if (!MEDIA_TYPES.has(type)) return undefined;
  const media = body[type] as Record<string, unknown> | undefined;
  if (!media || typeof media !== "object") return `Param ${type} is required`;
  const hasLink = typeof media.link === "string";
  if (hasLink === (typeof media.id === "string")) return `Param ${type} needs exactly one of id or link`;
  if (hasLink && !String(media.link).startsWith("https://")) return `Param ${type}['link'] must be https`;
  if (media.caption !== undefined && (!CAPTIONED.has(type) || String(media.caption).length > 1024))
    return `Param ${type}['caption'] is not valid`;
  if (media.filename !== undefined && type !== "document") return `Param ${type}['filename'] is not valid`;
  return undefined;
}

/**
 * Why the Cloud API would refuse an interactive location request: a body text of 1 to 1,024
 * characters, `action.name` "send_location", and no header or footer (the message has neither).
 */
function locationRequestError(body: Record<string, unknown>): string | undefined {
  if (body.type !== "interactive") return undefined;
  const interactive = body.interactive as Record<string, unknown> | undefined;
  if (interactive?.type !== "location_request_message") return undefined;
  const text = (interactive.body as Record<string, unknown> | undefined)?.text;
  if (typeof text !== "string" || text.length === 0) return "Param interactive['body']['text'] is required";
  if ([...text].length > 1024) return "Param interactive['body']['text'] must be at most 1024 characters";
  if ((interactive.action as Record<string, unknown> | undefined)?.name !== "send_location")
    return "Param interactive['action']['name'] must be send_location";
  if (interactive.header !== undefined || interactive.footer !== undefined)
    return "Param interactive has a header or footer, which a location request cannot have";
  return undefined;
}

/**
 * Why the Cloud API would refuse a contacts message: 1 to 257 contacts, each with a `name` holding a
 * `formatted_name` and at least one other part of the name, and phones, emails and urls as lists of
 * objects with their value as a string.
 */
function contactsPayloadError(body: Record<string, unknown>): string | undefined {
  if (body.type !== "contacts") return undefined;
  const contacts = body.contacts;
  if (!Array.isArray(contacts) || contacts.length === 0 || contacts.length > 257)
    return "Param contacts must hold 1 to 257 contacts";
  for (const [i, contact] of contacts.entries()) {
    const c = (contact ?? {}) as Record<string, unknown>;
    const name = (c.name ?? {}) as Record<string, unknown>;
    if (typeof name.formatted_name !== "string" || name.formatted_name === "")
      return `Param contacts[${i}]['name']['formatted_name'] is required`;
    if (
      !["first_name", "last_name", "middle_name", "suffix", "prefix"].some((k) => typeof name[k] === "string")
    )
      return `Param contacts[${i}]['name'] needs a part besides formatted_name`;
    for (const [list, key] of [
      ["phones", "phone"],
      ["emails", "email"],
      ["urls", "url"],
    ] as const) {
      const entries = c[list];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) return `Param contacts[${i}]['${list}'] must be a list`;
      for (const entry of entries)
        if (typeof (entry as Record<string, unknown> | null)?.[key] !== "string")
          return `Param contacts[${i}]['${list}'][]['${key}'] must be a string`;
    }
  }
  return undefined;
}
