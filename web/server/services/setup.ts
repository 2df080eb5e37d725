import type { Db } from "@benteng/db";
import { countUsers, createFirstAdmin as createFirstAdminRow } from "@benteng/db/queries/users";
import type { Role } from "@benteng/shared";
import { type IssuedSession, issueSession, type SessionClient } from "../auth/issueSession.ts";
import { hashPassword } from "../auth/password.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { ServiceError } from "./serviceError.ts";

// The first person can do everything a single-person installation needs; review rules (nobody
// approves their own change) apply once there are more members.
const FIRST_ADMIN_ROLES: Role[] = ["admin", "developer"];

/** Whether this installation still needs its first admin (the setup page shows then). */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** Creates the first admin and signs them in. Works exactly once: there are no default credentials. */
export async function createFirstAdmin(
  db: Db,
  client: SessionClient,
  workspaceId: string,
  input: { email: string; displayName: string; password: string },
): Promise<{ userId: string; session: IssuedSession }> {
  const alreadySetUp = () =>
    new ServiceError("FORBIDDEN", "This installation is already set up. Sign in instead.");
  // Cheap check first (no password hashing for requests that cannot succeed); the locked check
  // inside the transaction settles races.
  if (!(await needsSetup(db))) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const user = await createFirstAdminRow(tx, {
      workspaceId,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      roles: FIRST_ADMIN_ROLES,
    });
    if (!user) throw alreadySetUp();
    const session = await issueSession(tx, client, {
      userId: user.id,
      workspaceId,
      twoFactorVerified: false,
    });
    await recordAudit(
      tx,
      { workspaceId, userId: user.id, via: "web" },
      "user.created",
      auditTarget.user({ userId: user.id, displayName: input.displayName, email: input.email }),
      { via: "setup", roles: FIRST_ADMIN_ROLES },
    );
    return { userId: user.id, session };
  });
}
