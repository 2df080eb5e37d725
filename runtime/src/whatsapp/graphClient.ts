import http from "node:http";
import https from "node:https";
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

const successSchema = z.looseObject({
  messages: z.array(z.looseObject({ id: z.string() })).optional(),
  success: z.boolean().optional(),
});
const errorSchema = z.looseObject({
  error: z.looseObject({ code: z.number(), message: z.string().optional(), type: z.string().optional() }),
});

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com/v23.0, or a loopback fake in tests. */
  graphBaseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
}

// Keep-alive agents shared by every client: a TLS handshake per message would dominate the send time.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** A Graph API client for one phone number; every call resolves (errors are results, not throws). */
export function graphClient(options: GraphClientOptions) {
  const url = new URL(
    `${options.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(options.phoneNumberId)}/messages`,
  );
  // Resolved once per client rather than on every request.
  const target: http.RequestOptions = {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port || (url.protocol === "https:" ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    method: "POST",
    agent: agents[url.protocol as "http:" | "https:"],
    timeout: options.timeoutMs ?? 15_000,
  };
  const send = (payload: GraphPayload) => postJson(target, options.accessToken, payload);
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

function postJson(target: http.RequestOptions, token: string, payload: GraphPayload): Promise<GraphResult> {
  const body = Buffer.from(JSON.stringify(payload));
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = transport.request(
      {
        ...target,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 1_000_000) chunks.push(chunk);
        });
        response.on("error", (e) => resolve(networkError(e)));
        response.on("end", () =>
          resolve(interpret(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"))),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${target.timeout} ms`)));
    request.on("error", (e) => resolve(networkError(e)));
    request.end(body);
  });
}

function interpret(httpStatus: number, text: string): GraphResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const error = errorSchema.safeParse(json);
  if (error.success) {
    const { code, message } = error.data.error;
    return {
      ok: false,
      code,
      httpStatus,
      message: `(#${code}) ${message ?? "Graph API error"}`.slice(0, 500),
      disposition: classifyGraphError(code, httpStatus),
    };
  }
  const success = successSchema.safeParse(json);
  if (httpStatus >= 200 && httpStatus < 300 && success.success) {
    return { ok: true, waMessageId: success.data.messages?.[0]?.id ?? null };
  }
  return {
    ok: false,
    code: null,
    httpStatus,
    message: `HTTP ${httpStatus} without a Graph API answer`,
    disposition: classifyGraphError(null, httpStatus),
  };
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
