// How a Benteng server process starts listening, stops on a supervisor's signal, and explains a
// failed start in one line. Shared by `npm start` (main.ts) and `benteng runtime`.
import { DataFolderInUseError, waitForPostgres } from "@benteng/db";
import type { FastifyInstance } from "fastify";
import { type AppDatabase, openAppDatabase } from "./appDatabase.ts";
import { type Env, EnvError } from "./env.ts";

/** A start that failed for a reason the operator can fix: printed as one line, no stack. */
export class StartupError extends Error {
  readonly exitCode = 1;
}

/** Every second of the shutdown budget: supervisors (systemd, Docker) send SIGKILL after 10 s. */
const STOP_BUDGET_MS = 9_000;

/**
 * openAppDatabase, first waiting out a PostgreSQL server that is not reachable yet (a restart, a
 * container starting alongside) instead of exiting: one line per attempt. A signal while waiting exits.
 */
export async function openWhenReachable(name: string, env: Env): Promise<AppDatabase> {
  if (env.DATABASE_URL) {
    await waitForPostgres(env.DATABASE_URL, (reason, delayMs) =>
      process.stderr.write(`${name}: the database is not reachable (${reason}); retrying in ${delayMs} ms\n`),
    );
  }
  return openAppDatabase(env);
}

/** `app.listen`, with a taken or forbidden port turned into a StartupError. */
export async function listen(app: FastifyInstance, port: number, host: string): Promise<number> {
  try {
    await app.listen({ port, host });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "EADDRINUSE")
      throw new StartupError(`port ${port} on ${host} is already in use: stop what uses it, or set PORT`);
    if (code === "EACCES")
      throw new StartupError(`port ${port} on ${host} needs privileges this user lacks: set PORT above 1023`);
    if (code === "EADDRNOTAVAIL") throw new StartupError(`HOST ${host} is not an address of this machine`);
    throw e;
  }
  const address = app.server.address();
  return typeof address === "object" && address ? address.port : port;
}

/**
 * On SIGTERM or SIGINT (or the parent process that started us going away): one line, `stop(by)`
 * (which finishes the work in hand, or hands it back, before `by`, a Date.now() deadline), one line,
 * exit 0. A second signal, or a stop that outlasts the budget, exits at once with 1.
 */
export function stopOnSignals(name: string, stop: (by: number) => Promise<void>): void {
  let stopping = false;
  const begin = (reason: string) => {
    if (stopping) {
      process.stdout.write(`${name}: ${reason} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${name} is shutting down (${reason})\n`);
    const started = Date.now();
    setTimeout(() => {
      process.stdout.write(`${name} did not stop within ${STOP_BUDGET_MS / 1000} s, exiting now\n`);
      process.exit(1);
    }, STOP_BUDGET_MS).unref();
    stop(started + STOP_BUDGET_MS).then(
      () => {
        process.stdout.write(`${name} stopped (${Date.now() - started} ms)\n`);
        process.exit(0);
      },
      (e) => {
        process.stdout.write(
          `${name} stopped with an error: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => begin("SIGTERM"));
  process.on("SIGINT", () => begin("SIGINT"));
  // Started by the bootstrap (npm start) with an IPC channel: if the bootstrap dies, so do we.
  if (process.send) process.on("disconnect", () => begin("parent process exited"));
}

/** Prints why the process could not start (one line for what an operator can fix) and exits. */
export function failStart(name: string, e: unknown): never {
  if (e instanceof EnvError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  if (e instanceof DataFolderInUseError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(e.exitCode);
  }
  if (e instanceof StartupError) {
    process.stderr.write(`${name} cannot start: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(
    `${name} failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
}
