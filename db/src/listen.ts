import pg from "pg";

export interface NotificationListener {
  /**
   * Calls `onNotify` for every NOTIFY on `channel`, and once more after each reconnect (notifications
   * sent while the connection was down are lost, so listeners should look for work then).
   */
  listen(channel: string, onNotify: () => void): Promise<void>;
  /** Stops listening and closes the connection. */
  end(): Promise<void>;
}

/**
 * LISTEN on one dedicated connection that outlives database restarts: when the connection drops it
 * reconnects with backoff (up to 5 s apart) and listens again. The first connection must succeed
 * within `connectMs`, so a process that starts without its database says so.
 */
export async function notificationListener(
  url: string,
  options: { connectMs?: number; onError?: (e: Error) => void } = {},
): Promise<NotificationListener> {
  const handlers = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let ended = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const open = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: options.connectMs ?? 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: "benteng-listen",
    });
    next.on("error", (e) => {
      options.onError?.(e);
      lost(next);
    });
    next.on("end", () => lost(next));
    next.on("notification", (n) => {
      for (const handler of handlers.get(n.channel) ?? []) handler();
    });
    await next.connect();
    for (const channel of handlers.keys()) await next.query(`LISTEN ${quoteIdent(channel)}`);
    if (ended) {
      await next.end();
      return;
    }
    client = next;
    failures = 0;
  };

  const lost = (which: pg.Client) => {
    if (client !== which || ended) return;
    client = undefined;
    void which.end().catch(() => {});
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (ended || retryTimer) return;
    const delay = Math.min(5_000, 100 * 2 ** Math.min(failures++, 6));
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      try {
        await open();
        for (const set of handlers.values()) for (const handler of set) handler();
      } catch (e) {
        options.onError?.(e as Error);
        scheduleReconnect();
      }
    }, delay);
  };

  await open();
  return {
    async listen(channel, onNotify) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        // When the connection is down, the reconnect listens on every channel.
        if (client) await client.query(`LISTEN ${quoteIdent(channel)}`).catch((e) => options.onError?.(e));
      }
      set.add(onNotify);
    },
    async end() {
      ended = true;
      clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
