import type { Db } from "@benteng/db";
import type { FastifyPluginAsync } from "fastify";
import { webhookWritersBusyMs } from "./webhookWriter.ts";

export interface HealthRouteOptions {
  db: Db;
  /** How long the database may take to answer the probe (default 2 s). */
  probeMs?: number;
  /** A webhook statement in flight longer than this means the writer is stuck (default 5 s). */
  writerStuckMs?: number;
}

/**
 * `GET /healthz`: 200 `{ok: true}` when a webhook would be stored now, else 503 with what is degraded.
 * It takes a pooled connection and runs a statement under a deadline (what a webhook's commit needs),
 * and checks that no webhook writer has been waiting on one statement for long.
 */
export const healthRoute: FastifyPluginAsync<HealthRouteOptions> = async (app, options) => {
  const probeMs = options.probeMs ?? 2_000;
  const writerStuckMs = options.writerStuckMs ?? 5_000;
  app.get("/healthz", async (_request, reply) => {
    const degraded: Record<string, string> = {};
    const database = await probe(options.db, probeMs);
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
