import { type Db, urgentDb } from "@benteng/db";
import type { FastifyPluginAsync } from "fastify";
import { webhookWritersBusyMs } from "./webhookWriter.ts";

export interface HealthRouteOptions {
  db: Db;
  /** How long the database may take to answer the probe (default 2 s). */
  probeMs?: number;
  /** A webhook statement in flight longer than this means the writer is stuck (default 5 s). */
  writerStuckMs?: number;
  /**
   * A probe that answered within this long ago vouches for the database (default 250 ms); one
   * within `staleMs` (default 1 s) still does while a fresh probe runs in the background.
   */
  freshMs?: number;
  staleMs?: number;
}

/**
 * `GET /healthz`: 200 `{ok: true}` when a webhook would be stored now, else 503 with what is degraded.
 * It runs a statement under a deadline in the lane a webhook's insert takes (a pooled connection on
 * PostgreSQL, the urgent lane of embedded PGlite's one connection), and checks that no webhook writer
 * has been waiting on one statement for long.
 *
 * A poller asking every few milliseconds does not put a statement in the database's queue each time:
 * a success is reused for `freshMs`, and up to `staleMs` while the next probe runs behind it; callers
 * at the same moment share one probe. A failure is never reused: after one, every request probes (so
 * a recovery shows at once), and a database that stops answering shows within `staleMs` + `probeMs`.
 */
export const healthRoute: FastifyPluginAsync<HealthRouteOptions> = async (app, options) => {
  const probeMs = options.probeMs ?? 2_000;
  const writerStuckMs = options.writerStuckMs ?? 5_000;
  const freshMs = options.freshMs ?? 250;
  const staleMs = options.staleMs ?? 1_000;
  const db = urgentDb(options.db);
  let lastSuccess = Number.NEGATIVE_INFINITY;
  let running: Promise<string | null> | null = null;
  const probeShared = () => {
    if (!running) {
      const startedAt = performance.now();
      running = probe(db, probeMs).then((result) => {
        if (result === null) lastSuccess = Math.max(lastSuccess, startedAt);
        running = null;
        return result;
      });
    }
    return running;
  };
  app.get("/healthz", async (_request, reply) => {
    const degraded: Record<string, string> = {};
    const age = performance.now() - lastSuccess;
    let database: string | null = null;
    if (age > staleMs) database = await probeShared();
    else if (age > freshMs) void probeShared();
    if (database) degraded.database = database;
    const busy = webhookWritersBusyMs(options.db);
    if (busy > writerStuckMs) degraded.webhookWriter = `one statement in flight for ${busy} ms`;
    if (Object.keys(degraded).length === 0) return { ok: true };
    return reply.code(503).send({ ok: false, degraded });
  });
};

/** null when the database answered in time, else why not. */
async function probe(db: Db, ms: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${ms} ms`), ms);
  });
  const query = db
    .selectFrom("workspaces")
    .select("id")
    .limit(1)
    .execute()
    .then(
      () => null,
      (e: Error) => `unavailable: ${e.message.slice(0, 200)}`,
    );
  try {
    return await Promise.race([query, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
