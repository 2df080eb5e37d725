import { trimEndWhere } from "@benteng/shared";
import { Agent } from "undici";
import { z } from "zod";
import { classifyGraphError, type ErrorDisposition } from "./errorCodes.ts";
import { type GraphPayload, markAsReadPayload, templatePayload, toGraphPayload } from "./toGraphPayload.ts";

export type GraphResult =
  | { ok: true; waMessageId: string | null }
  | {
      ok: false;
      /** Meta's error.code, or null when there was no parsable error (network, non-JSON 5xx). */
      code: number | null;
      httpStatus: number | null;
      message: string;
      disposition: ErrorDisposition;
    };

const errorSchema = z.looseObject({
  error: z.looseObject({ code: z.number(), message: z.string().optional(), type: z.string().optional() }),
});

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com/v23.0, or a loopback fake in tests. */
  graphBaseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
  /**
   * Certificates (PEM) to trust for the Graph API's TLS instead of the system's: a private CA in front
   * of it, or a test server's self-signed certificate. Default: the system's CAs.
   */
  ca?: string;
}

// One connection pool for every client (per trusted CA): keep-alive, since a TCP and TLS handshake per
// message would dominate the send time. Over https the pool offers HTTP/2 by ALPN, as
// graph.facebook.com accepts: concurrent sends become streams of one connection (up to 100 at once)
// instead of one connection each, so the TLS records, syscalls and connection state are shared. A
// server that answers with HTTP/1.1 (and plain http, which has no ALPN) gets up to 64 kept-alive
// connections per origin. undici costs about a third less CPU per request than node:http's
// ClientRequest (48 → 32 µs per send on loopback). POSTs are never pipelined on HTTP/1.1 nor
// retried by the pool: the Graph API has no idempotency key, so a request repeated after a broken
// connection could reach the customer twice (an HTTP/2 stream the server refused, REFUSED_STREAM,
// was by definition not processed, and is the one case undici sends again).
const pools = new Map<string, Agent>();
function poolFor(ca: string | undefined): Agent {
  const key = ca ?? "";
  let pool = pools.get(key);
  if (!pool) {
    pool = new Agent({
      connections: 64,
      pipelining: 1,
      allowH2: true,
      keepAliveTimeout: 30_000,
      connect: { timeout: 10_000, ...(ca ? { ca } : {}) },
    });
    pools.set(key, pool);
  }
  return pool;
}

/** Meta's answers are small; a larger one is read no further (and is then not a Graph API answer). */
const MAX_ANSWER_BYTES = 1_000_000;

/** A Graph API client for one phone number; every call resolves (errors are results, not throws). */
export function graphClient(options: GraphClientOptions) {
  const url = new URL(
    `${trimEndWhere(options.graphBaseUrl, (c) => c === "/")}/${encodeURIComponent(options.phoneNumberId)}/messages`,
  );
  // Resolved once per client rather than on every request.
  const target: Target = {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    authorization: `Bearer ${options.accessToken}`,
    timeoutMs: options.timeoutMs ?? 15_000,
    pool: poolFor(options.ca),
  };
  const send = (payload: GraphPayload) => postJson(target, payload);
  return {
    send,
    sendMessage: (message: Parameters<typeof toGraphPayload>[0], to: string) =>
      send(toGraphPayload(message, to)),
    sendTemplate: (to: string, name: string, languageCode: string, components?: unknown[]) =>
      send(templatePayload(to, name, languageCode, components)),
    markAsRead: (waMessageId: string) => send(markAsReadPayload(waMessageId)),
  };
}
export type GraphClient = ReturnType<typeof graphClient>;

interface Target {
  origin: string;
  path: string;
  authorization: string;
  timeoutMs: number;
  pool: Agent;
}

async function postJson(target: Target, payload: GraphPayload): Promise<GraphResult> {
  try {
    const response = await target.pool.request({
      origin: target.origin,
      path: target.path,
      method: "POST",
      headers: { authorization: target.authorization, "content-type": "application/json" },
      body: JSON.stringify(payload),
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        response.body.destroy();
        break;
      }
      chunks.push(chunk);
    }
    const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
    return interpret(response.statusCode, text);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return networkError(
      code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT"
        ? new Error(`no answer within ${target.timeoutMs} ms`)
        : (e as Error),
    );
  }
}

function interpret(httpStatus: number, text: string): GraphResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // Meta's error contract; answers without an `error` key skip the parse (a success, once per send).
  const error =
    typeof json === "object" && json !== null && "error" in json ? errorSchema.safeParse(json) : undefined;
  if (error?.success) {
    const { code, message } = error.data.error;
    return {
      ok: false,
      code,
      httpStatus,
      message: `(#${code}) ${message ?? "Graph API error"}`.slice(0, 500),
      disposition: classifyGraphError(code, httpStatus),
    };
  }
  // The success shape is checked by hand (this runs once per message sent): `messages[0].id` a string.
  if (httpStatus >= 200 && httpStatus < 300 && successLike(json)) {
    const id = (json as { messages?: Array<{ id: string }> }).messages?.[0]?.id;
    return { ok: true, waMessageId: id ?? null };
  }
  return {
    ok: false,
    code: null,
    httpStatus,
    message: `HTTP ${httpStatus} without a Graph API answer`,
    disposition: classifyGraphError(null, httpStatus),
  };
}

/** What successSchema used to accept: an object whose `messages` (if any) are objects with a string id. */
function successLike(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const { messages, success } = json as { messages?: unknown; success?: unknown };
  if (success !== undefined && typeof success !== "boolean") return false;
  if (messages === undefined) return true;
  return (
    Array.isArray(messages) &&
    messages.every(
      (m) => typeof m === "object" && m !== null && typeof (m as { id?: unknown }).id === "string",
    )
  );
}

function networkError(e: Error): GraphResult {
  return {
    ok: false,
    code: null,
    httpStatus: null,
    message: `network: ${e.message}`.slice(0, 500),
    disposition: "retry",
  };
}
