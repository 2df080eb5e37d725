import pg from "pg";

/**
 * Resolves once the PostgreSQL server at `url` accepts a connection and answers, waiting out one that
 * is not reachable yet (restarting, a container starting alongside) with backoff up to 5 s; `onRetry`
 * hears each failed attempt. A refused login, a missing database or any other answer from the server
 * rejects at once: waiting would not fix those.
 */
export async function waitForPostgres(
  url: string,
  onRetry: (reason: string, delayMs: number) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      const delay = Math.min(5_000, 250 * 2 ** attempt);
      onRetry((e as Error).message.split("\n")[0] ?? "", delay);
      await new Promise((r) => setTimeout(r, delay));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** Network-level failures and a server that is starting or stopping. */
function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: unknown; errors?: unknown[] };
  const code = err.code ?? "";
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|EPIPE)$/.test(code))
    return true;
  if (/^(08|57P0[1-3])/.test(code)) return true;
  if (/timeout expired|timeout exceeded|Connection terminated/i.test(err.message ?? "")) return true;
  // Several addresses tried at once (localhost: ::1 and 127.0.0.1).
  if (Array.isArray(err.errors) && err.errors.some(isUnreachable)) return true;
  return err.cause !== undefined && isUnreachable(err.cause);
}
