import { stdSerializers } from "pino";

// URLs carry credentials: an invitation link's token in its path, Meta's hub.verify_token in a
// webhook check's query, tRPC inputs (an invitation token, a password) in a query's `input`. Every
// URL a log line carries, as a field or inside a message ("Route GET:/invite/… not found"), is
// written with those parts replaced.

const REDACTED = "[redacted]";
/** Path segments after these are credentials. */
const SECRET_AFTER = new Set(["invite", "invitation", "invitations", "reset", "token", "tokens", "verify"]);
/** Query parameters whose names contain these are credentials, or input a person typed (tRPC's `input`). */
const SECRET_PARAMETER = /token|secret|code|key|pass|signature|credential|auth|session|cookie|^input$/i;
/**
 * Words that make a parameter a credential wherever they stand in its name (split at anything not a
 * letter or digit): `pwd`, `otp`, `sig`, `X-Amz-Signature`, `user_jwt`.
 */
const SECRET_WORDS = new Set([
  "pwd",
  "otp",
  "totp",
  "hotp",
  "sig",
  "jwt",
  "hmac",
  "mfa",
  "pin",
  "nonce",
  "saml",
]);
/** A segment that looks like a random credential (long, from a token alphabet); ids are UUIDs and kept. */
const TOKEN_LIKE = /^[A-Za-z0-9_~-]{20,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path (with its query) inside free text: from a slash to the next space or quote. */
const PATH_IN_TEXT = /\/[^\s"'<>`]*/g;
const MAX_LENGTH = 4_096;

/**
 * The URL (path and query) with credentials replaced: `/invite/[redacted]`, `?hub.verify_token=[redacted]`.
 * Percent-escapes are decoded once first (`/invite%2F<token>` is `/invite/<token>`), and a
 * parameter's value that is itself a path (`?next=/invite/<token>`) is redacted like one.
 */
export function redactUrl(url: string): string {
  const capped = url.length > MAX_LENGTH ? `${url.slice(0, MAX_LENGTH)}…` : url;
  const queryAt = capped.indexOf("?");
  // An escaped "?" in the path (%3F) starts a query once decoded: it is redacted as one.
  const path = decodeOnce(queryAt === -1 ? capped : capped.slice(0, queryAt));
  const innerQueryAt = path.indexOf("?");
  const redacted =
    innerQueryAt === -1
      ? redactPath(path)
      : `${redactPath(path.slice(0, innerQueryAt))}?${redactQuery(path.slice(innerQueryAt + 1), (x) => x)}`;
  return queryAt === -1 ? redacted : `${redacted}?${redactQuery(capped.slice(queryAt + 1), decodeOnce)}`;
}

/**
 * Each parameter (split before decoding, so an escaped "&" in a value cannot cut it into pieces that
 * escape redaction): a credential's value replaced, any other value redacted like a path.
 */
function redactQuery(query: string, decode: (s: string) => string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = decode(eq === -1 ? pair : pair.slice(0, eq));
      if (isSecretParameter(name)) return `${name}=${REDACTED}`;
      return eq === -1 ? name : `${name}=${redactPath(decode(pair.slice(eq + 1)))}`;
    })
    .join("&");
}

/** A path with the segments after SECRET_AFTER words and token-like segments replaced. */
function redactPath(path: string): string {
  const segments = path.split("/");
  return segments
    .map((segment, i) =>
      segment &&
      (SECRET_AFTER.has((segments[i - 1] ?? "").toLowerCase()) ||
        (TOKEN_LIKE.test(segment) && !UUID.test(segment)))
        ? REDACTED
        : segment,
    )
    .join("/");
}

function isSecretParameter(name: string): boolean {
  return (
    SECRET_PARAMETER.test(name) || name.split(/[^A-Za-z0-9]+/).some((w) => SECRET_WORDS.has(w.toLowerCase()))
  );
}

/**
 * Decodes every ASCII percent-escape once (what separators and parameter names are made of); other
 * escapes stay as they are, so a malformed one cannot make the whole URL skip decoding.
 */
function decodeOnce(text: string): string {
  return text.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Free text with every URL in it redacted (Fastify's "Route GET:/invite/… not found"). */
export function redactLogText(text: string): string {
  return text.replace(PATH_IN_TEXT, redactUrl);
}

/**
 * pino options that keep credentials in URLs out of every line: the request's URL, error messages
 * and stacks, and messages written as text.
 */
export const requestLogRedaction = {
  serializers: {
    req: (req: { method: string; url: string; ip?: string }) => ({
      method: req.method,
      url: redactUrl(req.url),
      remoteAddress: req.ip,
    }),
    // Called with whatever was logged as `err`: often an Error, sometimes a message string or
    // anything else. It must never throw: it runs inside error handlers (a database client's
    // "error" event), where a throw would end the process.
    err: (err: Error): { [key: string]: unknown; type: string; message: string; stack: string } => {
      const value: unknown = err;
      if (!(value instanceof Error) && (value === null || typeof value !== "object"))
        return { type: typeof value, message: redactLogText(String(value)), stack: "" };
      try {
        const serialized = stdSerializers.err(err as Error);
        serialized.message = redactLogText(String(serialized.message ?? ""));
        serialized.stack = redactLogText(String(serialized.stack ?? ""));
        return serialized;
      } catch {
        return { type: "unknown", message: "an error that could not be serialised", stack: "" };
      }
    },
  },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
      const redacted = args.map((a) => (typeof a === "string" ? redactLogText(a) : a));
      // `log.warn({ err })` without a message: pino would take err.message as the message as is.
      const [first] = args;
      if (args.length === 1 && first !== null && typeof first === "object") {
        const err = (first as { err?: unknown }).err;
        if (err instanceof Error) redacted.push(redactLogText(err.message));
      }
      method.apply(this, redacted);
    },
  },
};
