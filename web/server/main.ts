// `npm start`: one process serving the SPA, the API and the WhatsApp webhook, and running the
// runtime workers, on PGlite under BENTENG_DATA_DIR unless DATABASE_URL names a PostgreSQL server.
import { runtimeFromEnv } from "@benteng/runtime";
import { buildApp } from "./app.ts";
import { parseEnv } from "./env.ts";
import { failStart, listen, openWhenReachable, stopOnSignals } from "./lifecycle.ts";
import { warmLintThread } from "./lint/lintThread.ts";
import { purgeExpiredFlows } from "./services/flows.ts";
import { removeUnreferencedMedia } from "./services/mediaFiles.ts";

async function main(): Promise<void> {
  const env = parseEnv();
  const store = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.BENTENG_DATA_DIR}`;
  const database = await openWhenReachable("Benteng", env);
  // The runtime as every process runs it (runtime/src/composition): its engine serves the simulator
  // and test runs too; its workers start once the server listens.
  const runtime = runtimeFromEnv({ db: database.db, cipher: database.cipher, env, role: "web" });
  const app = await buildApp({
    db: database.db,
    cipher: database.cipher,
    env,
    workspaceId: database.workspaceId,
    engine: runtime.engine,
  });
  let port: number;
  try {
    port = await listen(app, env.PORT, env.HOST);
  } catch (e) {
    await app.close();
    await runtime.stop();
    await database.close();
    throw e;
  }
  await runtime.start(app.log);
  warmLintThread();
  // Flows deleted more than 30 days ago are removed for good: at start, then every hour.
  const purge = () =>
    purgeExpiredFlows(database.db).then(
      (purged) => {
        if (purged.length > 0)
          app.log.info({ purged: purged.length }, "purged flows deleted over 30 days ago");
      },
      (e: unknown) => app.log.error({ err: e }, "purging deleted flows failed"),
    );
  // Uploaded files no flow refers to are removed once over a day old, on the same schedule.
  const cleanMedia = () =>
    removeUnreferencedMedia(database.db).then(
      (removed) => {
        if (removed.length > 0) app.log.info({ removed: removed.length }, "removed unreferenced media files");
      },
      (e: unknown) => app.log.error({ err: e }, "removing unreferenced media files failed"),
    );
  const hourly = () => purge().then(cleanMedia);
  void hourly();
  const purgeTimer = setInterval(() => void hourly(), 60 * 60 * 1000);
  purgeTimer.unref();
  stopOnSignals("Benteng", async (by) => {
    clearInterval(purgeTimer);
    // Webhooks and API calls in flight are answered; the workers stop claiming, finish what they
    // can within the grace and hand the rest back; then the sandbox and the database close.
    await app.close();
    await runtime.stop({ by });
    await database.close();
  });
  const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  process.stdout.write(
    `\nBenteng is running at http://${shown}:${port}  (data: ${store}; pid ${process.pid})\n\n`,
  );
}

main().catch((e) => failStart("Benteng", e));
