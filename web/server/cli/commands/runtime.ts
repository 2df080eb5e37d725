import { startRuntime, webhookRoutes } from "@benteng/runtime";
import Fastify from "fastify";
import { loggerOptions } from "../../app.ts";
import { openAppDatabase } from "../../appDatabase.ts";
import { createEngine } from "../../engineDeps.ts";
import { runtimeSettings } from "../../env.ts";
import type { CliCommand } from "../command.ts";

/**
 * A runtime-only process for production: the WhatsApp webhook and the inbox/outbox workers, no
 * editor or API. Run any number of them against one PostgreSQL (and web processes with
 * BENTENG_RUNTIME_WORKERS=0); Postgres row locks keep every conversation in order.
 */
export const runtimeCommand: CliCommand = {
  summary: "run only the webhook receiver and the runtime workers (production scale-out)",
  usage:
    "benteng runtime   (PORT, HOST, DATABASE_URL, BENTENG_RUNTIME_WORKERS, BENTENG_CONVERSATION_TIMEOUT_MINUTES, BENTENG_SEND_RATE_PER_NUMBER as for the server)",
  async run() {
    const app = await openAppDatabase();
    const { env } = app;
    const engine = createEngine({ db: app.db, cipher: app.cipher, env });
    const http = Fastify({
      logger: loggerOptions(env),
      trustProxy: env.BENTENG_TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    });
    http.get("/healthz", async () => {
      await app.db.selectFrom("workspaces").select("id").limit(1).execute();
      return { ok: true };
    });
    // Other runtime processes are woken by NOTIFY; this one directly.
    await http.register(webhookRoutes, { db: app.db, cipher: app.cipher, notify: !!env.DATABASE_URL });
    const runtime = await startRuntime({
      db: app.db,
      cipher: app.cipher,
      logger: http.log,
      workers: env.DATABASE_URL ? Math.max(1, env.BENTENG_RUNTIME_WORKERS) : 1,
      ...(env.DATABASE_URL ? { listenUrl: env.DATABASE_URL } : {}),
      ...engine.depsFor("runtime"),
      ...runtimeSettings(env),
    });
    await http.listen({ port: env.PORT, host: env.HOST });
    const address = http.server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    process.stdout.write(
      `Benteng runtime is receiving webhooks at http://${env.HOST}:${port}/webhooks/whatsapp/<channel id>\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await http.close();
    await runtime.stop();
    await engine.close();
    await app.close();
    return 0;
  },
};
