import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

const purpose = (workspaceId: string, name: string) => `secret:${workspaceId}:${name}`;

/** Names and last change of the workspace's secrets: values are write-only and never listed. */
export async function listSecretNames(db: Db, workspaceId: string) {
  const rows = await db
    .selectFrom("secrets")
    .select(["name", "updated_at", "updated_by"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ name: r.name, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }));
}

/** Creates or replaces a secret; the ciphertext is bound to its workspace and name. */
export async function setSecret(
  db: Db,
  cipher: Cipher,
  input: { workspaceId: string; name: string; value: string; userId: string | null },
): Promise<void> {
  const value_enc = cipher.encrypt(input.value, purpose(input.workspaceId, input.name));
  await db
    .insertInto("secrets")
    .values({ workspace_id: input.workspaceId, name: input.name, value_enc, updated_by: input.userId })
    .onConflict((oc) =>
      oc
        .columns(["workspace_id", "name"])
        .doUpdateSet({ value_enc, updated_by: input.userId, updated_at: new Date() }),
    )
    .execute();
}

export async function deleteSecret(db: Db, workspaceId: string, name: string): Promise<boolean> {
  const r = await db
    .deleteFrom("secrets")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The decrypted values of exactly the named secrets (missing names are simply absent). */
export async function declaredSecrets(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  const rows = await db
    .selectFrom("secrets")
    .select(["name", "value_enc"])
    .where("workspace_id", "=", workspaceId)
    .where("name", "in", [...names])
    .execute();
  const out: Record<string, string> = Object.create(null);
  for (const r of rows) out[r.name] = cipher.decrypt(r.value_enc, purpose(workspaceId, r.name));
  return out;
}

/** Whether the workspace stores a value under this name. */
export async function secretExists(db: Db, workspaceId: string, name: string): Promise<boolean> {
  const r = await db
    .selectFrom("secrets")
    .select("name")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  return r !== undefined;
}

/** The live (published) documents of the workspace's flows that are not deleted, with their names. */
export async function liveDocuments(
  db: Db,
  workspaceId: string,
): Promise<Array<{ name: string; document: unknown }>> {
  return db
    .selectFrom("flows")
    .innerJoin("flow_versions", "flow_versions.id", "flows.published_version_id")
    .select(["flows.name as name", "flow_versions.document as document"])
    .where("flows.workspace_id", "=", workspaceId)
    .where("flows.deleted_at", "is", null)
    .orderBy("flows.name")
    .execute();
}
