import type { Cipher, Db } from "@benteng/db";
import type { FastifyPluginAsync } from "fastify";
import { healthRoute } from "../http/healthRoute.ts";
import { webhookRoutes } from "../http/webhookRoutes.ts";
import { type Runtime, type RuntimeLogger, STOP_GRACE_MS, startRuntime } from "../runtimeService.ts";
import { createEngine, type Engine, type EngineEnv } from "./engine.ts";

// The one way a process runs the runtime: `npm start` (the web server, role "web") and
// `benteng runtime` (role "runtime") both build it here from their parsed environment, register its
// HTTP surface (/healthz and the WhatsApp webhook) and stop it the same way on a signal.

/** The settings the runtime reads from the process's environment (the web's Env satisfies it). */
export interface RuntimeEnv extends EngineEnv {
  DATABASE_URL?: string | undefined;
  BENTENG_RUNTIME_WORKERS: number;
  BENTENG_CONVERSATION_TIMEOUT_MINUTES: number;
  BENTENG_SEND_RATE_PER_NUMBER: number;
}

/** Which process this is: the web server (workers optional) or a runtime-only process (always works). */
export type RuntimeRole = "web" | "runtime";

/** The runtime settings an operator controls, for the web process's workers and `benteng runtime`. */
export function runtimeSettings(
  env: Pick<RuntimeEnv, "BENTENG_CONVERSATION_TIMEOUT_MINUTES" | "BENTENG_SEND_RATE_PER_NUMBER">,
) {
  return {
    sessionTimeoutMs: env.BENTENG_CONVERSATION_TIMEOUT_MINUTES * 60_000,
    rateLimitPerSecond: env.BENTENG_SEND_RATE_PER_NUMBER,
  };
}

/**
 * Inbox claim loops this process runs (0: none). PGlite has a single connection, so more than one
 * loop would only queue on it; a runtime-only process exists to work, so it runs at least one.
 */
export function workerLoops(
  env: Pick<RuntimeEnv, "DATABASE_URL" | "BENTENG_RUNTIME_WORKERS">,
  role: RuntimeRole,
) {
  if (role === "web" && env.BENTENG_RUNTIME_WORKERS === 0) return 0;
  return env.DATABASE_URL ? Math.max(1, env.BENTENG_RUNTIME_WORKERS) : 1;
}

export interface RuntimeHttpOptions {
  db: Db;
  cipher: Cipher;
  env: Pick<RuntimeEnv, "DATABASE_URL" | "BENTENG_RUNTIME_WORKERS">;
  role: RuntimeRole;
}

/**
 * The runtime's HTTP surface, the same in every process: `GET /healthz` and the WhatsApp webhook.
 * Workers in this process are woken directly; a webhook stored here NOTIFYs other processes when
 * they may be the ones to work on it (PostgreSQL only).
 */
export const runtimeHttp: FastifyPluginAsync<RuntimeHttpOptions> = async (app, options) => {
  const { db, cipher, env, role } = options;
  await app.register(healthRoute, { db });
  const notify = !!env.DATABASE_URL && (role === "runtime" || workerLoops(env, role) === 0);
  await app.register(webhookRoutes, { db, cipher, notify });
};

export interface RuntimeFromEnvOptions {
  db: Db;
  cipher: Cipher;
  env: RuntimeEnv;
  role: RuntimeRole;
}

export interface ComposedRuntime {
  /** The engine's dependencies (sandbox, secrets, guard): the simulator and test runs use it too. */
  engine: Engine;
  /** Starts this process's inbox and outbox workers (none for a web process with 0 workers). */
  start(logger: RuntimeLogger): Promise<void>;
  /**
   * Stops claiming, lets the work in hand finish (within the stop's grace, cut short so that what
   * follows still fits before `by`, a Date.now() deadline), hands the rest back to the queue, then
   * closes the outbox sender and the sandbox. The caller closes the database after.
   */
  stop(options?: { by?: number }): Promise<void>;
}

/**
 * Smaller claims and send rounds on embedded PGlite: each statement holds its one connection, and a
 * webhook's insert (urgent) still waits for the statement in flight. 16 messages per claim and 64
 * replies per send round keep every statement short (as many messages are in hand at once as with the
 * default claim); throughput is bound by the one connection anyway.
 */
const PGLITE_BATCHES = { batchSize: 16, maxInFlight: 256, sendBatchSize: 64 };

/** Kept for what follows the grace: handing work back, the last sends, the sandbox and the database. */
const AFTER_GRACE_MS = 2_000;

/** Builds the runtime of this process from its environment; `start` once the HTTP server listens. */
export function runtimeFromEnv(options: RuntimeFromEnvOptions): ComposedRuntime {
  const { db, cipher, env, role } = options;
  const engine = createEngine({ db, cipher, env });
  let workers: Runtime | null = null;
  return {
    engine,
    async start(logger) {
      const loops = workerLoops(env, role);
      if (loops === 0 || workers) return;
      workers = await startRuntime({
        db,
        cipher,
        logger,
        workers: loops,
        ...(env.DATABASE_URL ? { listenUrl: env.DATABASE_URL } : {}),
        ...engine.depsFor("runtime"),
        ...runtimeSettings(env),
        ...(env.DATABASE_URL ? {} : PGLITE_BATCHES),
      });
    },
    async stop(stopOptions = {}) {
      const graceMs =
        stopOptions.by === undefined
          ? STOP_GRACE_MS
          : Math.max(0, Math.min(STOP_GRACE_MS, stopOptions.by - Date.now() - AFTER_GRACE_MS));
      try {
        await workers?.stop({ graceMs });
      } finally {
        await engine.close();
      }
    },
  };
}
