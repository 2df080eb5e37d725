import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { z } from "zod";
import { refuseAddress } from "./addressPolicy.ts";

/** Resolves a host name to every address it has (all of them are checked, not only the first). */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface FetchPolicy {
  /** "host" or "host:port", as declared on the script block. */
  allowedHosts: readonly string[];
  /** Only for tests: lets fetch reach 127.0.0.0/8 and ::1, over plain HTTP too. */
  allowLoopback: boolean;
  maxResponseBytes: number;
  /** Per request; also never beyond the run's own deadline. */
  timeoutMs: number;
  /** performance.now() value after which the run is over anyway. */
  deadline: number;
  maxRedirects: number;
  resolve: ResolveHost;
}

const requestSchema = z.object({
  url: z.string().max(8192),
  method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], {
    error: "method must be one of GET, HEAD, POST, PUT, PATCH, DELETE",
  }),
  headers: z.record(z.string().max(256), z.string().max(8192)).refine((h) => Object.keys(h).length <= 50, {
    message: "at most 50 headers",
  }),
  body: z
    .string()
    .max(256 * 1024, "the request body is larger than 256 kB")
    .nullable(),
});

// Headers that decide framing, routing or proxying belong to the host, never to a script.
const forbiddenHeaders = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "keep-alive",
  "expect",
  "proxy-authorization",
  "proxy-connection",
]);

// What may follow a redirect to a different host; content-type only while the body does too.
const crossHostSafeHeaders = new Set(["accept", "accept-language", "user-agent"]);

function crossHostHeaders(headers: Record<string, string>, bodyKept: boolean): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (crossHostSafeHeaders.has(name) || (bodyKept && name === "content-type")) kept[name] = value;
  return kept;
}

export const defaultResolveHost: ResolveHost = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Performs one fetch for a script. Always resolves to a JSON string — `{ok:true,status,headers,text,url}`
 * or `{ok:false,message}` — because a rejection crossing into the isolate would surface as an
 * unhandled rejection in the host.
 */
export async function hostFetch(
  requestJson: string,
  policy: FetchPolicy,
  signal: AbortSignal,
): Promise<string> {
  try {
    return JSON.stringify(await fetchChecked(requestJson, policy, signal));
  } catch (e) {
    return JSON.stringify({ ok: false, message: e instanceof Error ? e.message : "the request failed" });
  }
}

class FetchRefused extends Error {}

async function fetchChecked(requestJson: string, policy: FetchPolicy, signal: AbortSignal) {
  const parsed = requestSchema.safeParse(JSON.parse(requestJson));
  if (!parsed.success) throw new FetchRefused(parsed.error.issues[0]?.message ?? "invalid request");
  let { method, body } = parsed.data;
  let headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.data.headers)) {
    const lower = name.toLowerCase();
    if (forbiddenHeaders.has(lower) || lower.startsWith("proxy-")) continue;
    headers[lower] = value;
  }
  let url: URL;
  try {
    url = new URL(parsed.data.url);
  } catch {
    throw new FetchRefused(`"${parsed.data.url.slice(0, 200)}" is not an absolute URL`);
  }

  for (let hop = 0; ; hop++) {
    const target = await checkTarget(url, policy);
    const response = await request(url, target, method, headers, body, policy, signal);
    const location = response.headers.location;
    if ([301, 302, 303, 307, 308].includes(response.status) && typeof location === "string") {
      if (hop >= policy.maxRedirects) throw new FetchRefused(`more than ${policy.maxRedirects} redirects`);
      const next = new URL(location, url);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        body = null;
      }
      // A script's headers were written for the host it called: another host (even an allowed one)
      // gets only headers that carry no credential (API keys travel in custom headers too).
      if (next.host !== url.host) headers = crossHostHeaders(headers, body !== null);
      else if (body === null) delete headers["content-type"];
      url = next;
      continue;
    }
    return { ok: true, ...response };
  }
}

interface Target {
  hostname: string;
  port: number;
  address: string;
  family: number;
}

/** Every hop (the first and each redirect) goes through the same checks before a socket opens. */
async function checkTarget(url: URL, policy: FetchPolicy): Promise<Target> {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new FetchRefused(`${url.protocol} URLs are not allowed; use https:`);
  if (url.username || url.password)
    throw new FetchRefused("credentials in the URL are not allowed; use a header");
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const defaultPort = url.protocol === "https:" ? 443 : 80;
  const port = url.port === "" ? defaultPort : Number(url.port);
  const allowed = policy.allowedHosts.some((entry) => {
    const declared = parseHostEntry(entry);
    if (declared.host !== hostname) return false;
    return declared.port === undefined ? port === defaultPort : declared.port === port;
  });
  if (!allowed)
    throw new FetchRefused(
      `${hostname}${url.port ? `:${url.port}` : ""} is not one of this block's allowed hosts`,
    );

  const addresses = isIP(hostname)
    ? [{ address: hostname, family: isIP(hostname) }]
    : await resolveAll(hostname, policy);
  if (addresses.length === 0) throw new FetchRefused(`${hostname} has no address`);
  // Every answer is checked, so a name that resolves to one public and one private address is refused.
  for (const { address } of addresses) {
    const refusal = refuseAddress(address);
    if (refusal === null || (refusal === "loopback" && policy.allowLoopback)) continue;
    throw new FetchRefused(
      `${hostname} resolves to a ${refusal} address (${address}), which scripts may not reach`,
    );
  }
  const chosen = addresses[0]!;
  if (url.protocol === "http:" && !(policy.allowLoopback && refuseAddress(chosen.address) === "loopback"))
    throw new FetchRefused("plain http: is not allowed; use https:");
  return { hostname, port, address: chosen.address, family: chosen.family };
}

/** "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 address (which has no port). */
function parseHostEntry(entry: string): { host: string; port?: number } {
  const e = entry.toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(e);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  if (isIP(e) === 6) return { host: e };
  const m = /^([^:]+)(?::(\d+))?$/.exec(e);
  return m ? { host: m[1]!, ...(m[2] ? { port: Number(m[2]) } : {}) } : { host: e };
}

async function resolveAll(hostname: string, policy: FetchPolicy) {
  try {
    return await policy.resolve(hostname);
  } catch {
    throw new FetchRefused(`${hostname} could not be resolved`);
  }
}

interface FetchResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  url: string;
}

function request(
  url: URL,
  target: Target,
  method: string,
  headers: Record<string, string>,
  body: string | null,
  policy: FetchPolicy,
  signal: AbortSignal,
): Promise<FetchResponse> {
  const timeLeft = Math.min(policy.timeoutMs, policy.deadline - performance.now());
  if (timeLeft <= 0) return Promise.reject(new FetchRefused("no time left in this run"));
  // The connection goes to the address checked above, never to a second DNS answer.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request({
      method,
      hostname: target.hostname,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: {
        ...headers,
        host: url.host,
        ...(body !== null ? { "content-length": Buffer.byteLength(body) } : {}),
      },
      lookup: pinned,
      agent: false,
      ...(url.protocol === "https:" && isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
      signal,
    });
    const timer = setTimeout(
      () => req.destroy(new FetchRefused(`the request took longer than ${Math.round(timeLeft)} ms`)),
      timeLeft,
    );
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e.name === "AbortError" ? new FetchRefused("the request was cancelled") : e);
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxResponseBytes) {
          req.destroy(new FetchRefused(`the response is larger than ${policy.maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      res.on("end", () => {
        clearTimeout(timer);
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve({
          status: res.statusCode ?? 0,
          headers: out,
          text: Buffer.concat(chunks).toString("utf8"),
          url: url.href,
        });
      });
    });
    req.end(body ?? undefined);
  });
}
