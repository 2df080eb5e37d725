import { type Cipher, connectDatabase, type Db, loadCipher, migrateToLatest } from "@benteng/db";
import { reindexContacts } from "@benteng/db/queries/contacts";
import { ensureInstallationWorkspace } from "@benteng/db/queries/workspaces";
import { type Env, parseEnv } from "./env.ts";

export interface AppDatabase {
  db: Db;
  cipher: Cipher;
  /** The installation's workspace (one per installation to start with). */
  workspaceId: string;
  env: Env;
  close(): Promise<void>;
}

/**
 * Opens the database the way every process of this installation does: PostgreSQL when DATABASE_URL
 * is set, otherwise PGlite under BENTENG_DATA_DIR; migrates it; loads the encryption key.
 */
export async function openAppDatabase(env: Env = parseEnv()): Promise<AppDatabase> {
  const handle = await connectDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.BENTENG_DATA_DIR },
  );
  try {
    const cipher = loadCipher({ masterKeys: env.BENTENG_MASTER_KEY, dataDir: env.BENTENG_DATA_DIR });
    await migrateToLatest(handle.db, { cipher });
    // After a master key rotation, customers are found again under the new key's blind index.
    await reindexContacts(handle.db, cipher);
    const workspaceId = await handle.db.transaction().execute(ensureInstallationWorkspace);
    return { db: handle.db, cipher, workspaceId, env, close: handle.close };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
