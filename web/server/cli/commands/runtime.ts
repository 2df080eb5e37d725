import { httpServerLimits, limitConnections, runtimeFromEnv, runtimeHttp } from "@benteng/runtime";
import Fastify from "fastify";
import { loggerOptions } from "../../app.ts";
import { parseEnv } from "../../env.ts";
import { failStart, listen, openWhenReachable, stopOnSignals } from "../../lifecycle.ts";
import type { CliCommand } from "../command.ts";

/**
 * A runtime-only process for production: the WhatsApp webhook and the inbox/outbox workers, no
 * editor or API. Run any number of them against one PostgreSQL (and web processes with
 * BENTENG_RUNTIME_WORKERS=0); Postgres row locks keep every conversation in order.
 */
export const runtimeCommand: CliCommand = {
  usage:
    "benteng runtime   (PORT, HOST, DATABASE_URL, BENTENG_RUNTIME_WORKERS, BENTENG_CONVERSATION_TIMEOUT_MINUTES, BENTENG_SEND_RATE_PER_NUMBER as for the server)",
  async run() {
    try {
      await serve();
    } catch (e) {
      failStart("Benteng runtime", e);
    }
    // Runs until a signal; stopOnSignals exits the process.
    return await new Promise<number>(() => {});
  },
};

async function serve(): Promise<void> {
  const app = await openWhenReachable("Benteng runtime", parseEnv());
  const { env } = app;
  // The runtime as every process runs it (runtime/src/composition), with its HTTP surface only.
  const runtime = runtimeFromEnv({ db: app.db, cipher: app.cipher, env, role: "runtime" });
  const http = Fastify({
    logger: loggerOptions(env),
    trustProxy: env.BENTENG_TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    ...httpServerLimits,
  });
  limitConnections(http.server);
  await http.register(runtimeHttp, { db: app.db, cipher: app.cipher, env, role: "runtime" });
  let port: number;
  try {
    port = await listen(http, env.PORT, env.HOST);
  } catch (e) {
    await http.close();
    await runtime.stop();
    await app.close();
    throw e;
  }
  await runtime.start(http.log);
  stopOnSignals("Benteng runtime", async (by) => {
    await http.close();
    await runtime.stop({ by });
    await app.close();
  });
  process.stdout.write(
    `Benteng runtime is receiving webhooks at http://${env.HOST}:${port}/webhooks/whatsapp/<channel id>  (pid ${process.pid})\n`,
  );
}
