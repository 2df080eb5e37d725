import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeGraphMessage {
  phoneNumberId: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  /** The wamid the fake answered with (null for failures and mark-as-read). */
  waMessageId: string | null;
  receivedAt: number;
}

export interface FakeGraphApi {
  /** Base URL to configure as the channel's Graph API URL, e.g. http://127.0.0.1:PORT/v23.0 */
  url: string;
  /** Every accepted send, in arrival order (failed attempts are not recorded here). */
  messages: FakeGraphMessage[];
  /** Every request, failed or not. */
  requests: number;
  /** Answers the next request with Meta's error contract for `code` (HTTP 400 unless given). */
  failNext(code: number, httpStatus?: number): void;
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
 * A loopback server speaking the Graph API's `POST /{version}/{phone-number-id}/messages` contract:
 * `{messaging_product, contacts:[{input, wa_id}], messages:[{id}]}` on success and
 * `{error:{message:"(#CODE) Title", type, code, error_data, fbtrace_id}}` on failure.
 */
export async function startFakeGraphApi(
  options: { port?: number; version?: string } = {},
): Promise<FakeGraphApi> {
  const version = options.version ?? "v23.0";
  const failures: Array<{ code: number; httpStatus: number }> = [];
  const waiters = new Set<() => void>();
  const route = new RegExp(`^/${version.replace(".", "\\.")}/([^/]+)/messages$`);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      fake.requests++;
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const match = req.method === "POST" ? route.exec(req.url ?? "") : null;
      if (!match) return reply(404, graphError(100, "Unknown path components"));
      if (!req.headers.authorization?.startsWith("Bearer "))
        return reply(401, graphError(190, "Missing token"));
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
          phoneNumberId: decodeURIComponent(match[1]!),
          body,
          headers: req.headers,
          waMessageId: null,
          receivedAt: Date.now(),
        });
        return reply(200, { success: true });
      }
      const to = typeof body.to === "string" ? body.to : String(body.recipient ?? "");
      const waMessageId = `wamid.${randomBytes(18).toString("base64url")}`;
      record({
        phoneNumberId: decodeURIComponent(match[1]!),
        body,
        headers: req.headers,
        waMessageId,
        receivedAt: Date.now(),
      });
      reply(200, {
        messaging_product: "whatsapp",
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: waMessageId }],
      });
    });
  });

  const record = (message: FakeGraphMessage) => {
    fake.messages.push(message);
    fake.onMessage?.(message);
    for (const w of waiters) w();
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeGraphApi = {
    url: `http://127.0.0.1:${port}/${version}`,
    messages: [],
    requests: 0,
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
        server.closeAllConnections();
        server.close(() => resolve());
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
