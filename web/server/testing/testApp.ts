import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cipher } from "@benteng/db";
import { ensureInstallationWorkspace } from "@benteng/db/queries/workspaces";
import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import { createEngine, type Engine } from "@benteng/runtime";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.ts";
import { parseEnv } from "../env.ts";
import { appRouter } from "../trpc/appRouter.ts";

export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  db: Awaited<ReturnType<typeof createTestDatabase>>["db"];
  cipher: Cipher;
  workspaceId: string;
  /**
   * Calls a tRPC procedure over HTTP like the browser does; `cookie` is the Cookie header, `ip` the
   * client's address as the (trusted) proxy reports it.
   */
  call(
    path: string,
    input?: unknown,
    options?: { cookie?: string | undefined; origin?: string | null; ip?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const ORIGIN = "http://localhost:80";

/** The real Fastify app on a fresh database, driven with inject (no port). */
export async function createTestApp(
  envOverrides: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestApp> {
  const database = await createTestDatabase();
  const cipher = new Cipher([randomBytes(32)]);
  const workspaceId = await ensureInstallationWorkspace(database.db);
  // Behind a proxy by default, as production usually is: tests may set X-Forwarded-For/-Proto.
  const env = parseEnv({
    LOG_LEVEL: "silent",
    BENTENG_DATA_DIR: mkdtempSync(join(tmpdir(), "benteng-test-")),
    BENTENG_TRUST_PROXY: "1",
    ...envOverrides,
  });
  const engine = createEngine({ db: database.db, cipher, env });
  const app = await buildApp({
    db: database.db,
    cipher,
    env,
    workspaceId,
    engine,
    // On PostgreSQL, the agent inbox's event stream listens on this test's own database.
    ...(database.url ? { listenUrl: database.url } : {}),
    ...(logStream ? { logStream } : {}),
  });
  return {
    app,
    engine,
    db: database.db,
    cipher,
    workspaceId,
    async call(path, input, options = {}) {
      const headers: Record<string, string> = { host: "localhost:80" };
      if (options.cookie) headers.cookie = options.cookie;
      if (options.ip) headers["x-forwarded-for"] = options.ip;
      if (procedureType(path) === "query") {
        const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
        return app.inject({ method: "GET", url: `/trpc/${path}${query}`, headers });
      }
      if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
      headers["content-type"] = "application/json";
      return app.inject({
        method: "POST",
        url: `/trpc/${path}`,
        headers,
        payload: JSON.stringify(input ?? null),
      });
    },
    async close() {
      await app.close();
      await engine.close();
      await database.close();
    },
  };
}

/** The `name=value` of the session cookie a response set. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === "benteng_session");
  if (!cookie) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/** Whether a procedure is a query (GET) or a mutation (POST), as the router itself declares it. */
function procedureType(path: string): "query" | "mutation" | "subscription" {
  const procedures = (
    appRouter._def as unknown as {
      procedures: Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;
    }
  ).procedures;
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no tRPC procedure ${path}`);
  return procedure._def.type;
}
