// `npm start`: one process serving the SPA, the API and the WhatsApp webhook, and running the
// runtime workers, on PGlite under BENTENG_DATA_DIR unless DATABASE_URL names a PostgreSQL server.
import { startRuntime } from "@benteng/runtime";
import { buildApp } from "./app.ts";
import { openAppDatabase } from "./appDatabase.ts";
import { createEngine } from "./engineDeps.ts";
import { EnvError, parseEnv, runtimeSettings } from "./env.ts";

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const store = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.BENTENG_DATA_DIR}`;
  const database = await openAppDatabase(env);
  const engine = createEngine({ db: database.db, cipher: database.cipher, env });
  const app = await buildApp({
    db: database.db,
    cipher: database.cipher,
    env,
    workspaceId: database.workspaceId,
    engine,
  });
  const runtime =
    env.BENTENG_RUNTIME_WORKERS > 0
      ? await startRuntime({
          db: database.db,
          cipher: database.cipher,
          logger: app.log,
          // PGlite has a single connection: more than one worker loop would only queue on it.
          workers: env.DATABASE_URL ? env.BENTENG_RUNTIME_WORKERS : 1,
          ...(env.DATABASE_URL ? { listenUrl: env.DATABASE_URL } : {}),
          ...engine.depsFor("runtime"),
          ...runtimeSettings(env),
        })
      : null;
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  process.stdout.write(`\nBenteng is running at http://${shown}:${port}  (data: ${store})\n\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await runtime?.stop();
    await engine.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  process.stderr.write(
    `Benteng failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
