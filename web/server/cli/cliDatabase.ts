import { type AppDatabase, openAppDatabase } from "../appDatabase.ts";
import { type Actor, operatorActor, type ServiceDeps } from "../services/actor.ts";

/** What a command needs of the installation's database (tests pass a fresh test database). */
export type CliDatabase = Pick<AppDatabase, "db" | "cipher" | "workspaceId" | "close">;

/**
 * Opens the installation's database, runs `work` as the operator (no account: the audit log
 * records `via: "cli"`), and closes it whatever happens.
 */
export async function asOperator<T>(
  work: (deps: ServiceDeps, operator: Actor) => Promise<T>,
  open: () => Promise<CliDatabase> = openAppDatabase,
): Promise<T> {
  const app = await open();
  try {
    return await work({ db: app.db, cipher: app.cipher }, operatorActor(app.workspaceId));
  } finally {
    await app.close();
  }
}
