import { createHash } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import type { SessionWithUser } from "@benteng/db/queries/sessions";
import type { Role } from "@benteng/shared";

/** What every service needs: the database (or a transaction) and the cipher. */
export interface ServiceDeps {
  db: Db;
  cipher: Cipher;
}

/** Who does something, in which workspace: a signed-in member, or the operator at the CLI (no user). */
export interface Actor {
  workspaceId: string;
  userId: string | null;
  /** "cli" is recorded with every audit row the operator causes. */
  via: "web" | "cli";
  /**
   * The request behind the act, when there is one: recorded with every audit row it causes, so a
   * stolen cookie's acts can be told from the owner's.
   */
  request?: AuditedRequest;
}

/** What an audit row records about the request: a short fingerprint of the session and the address. */
export interface AuditedRequest {
  /** The first 8 hex digits of SHA-256 of the session id (never the id: that is the cookie's hash). */
  session: string | null;
  ip: string;
}

/** The session's fingerprint as audit rows show it. */
export function sessionFingerprint(sessionId: string): string {
  return createHash("sha256").update(`audit:${sessionId}`).digest("hex").slice(0, 8);
}

/** A signed-in member: the roles decide what they may change. */
export interface Member extends Actor {
  userId: string;
  email: string;
  displayName: string;
  roles: readonly Role[];
  /** Their current session (kept when they end their other sessions). */
  sessionId: string;
  /** Whether this session passed the second factor. */
  twoFactorVerified: boolean;
  /** Whether the account has two-factor on. */
  twoFactorEnabled: boolean;
  /** When they last proved on this session that it is them (null: never). */
  reauthenticatedAt: Date | null;
  /** When their current membership began. */
  memberSince: Date;
}

export function memberActor(session: SessionWithUser): Member {
  return {
    workspaceId: session.workspaceId,
    userId: session.userId,
    email: session.email,
    displayName: session.displayName,
    roles: session.roles,
    sessionId: session.id,
    twoFactorVerified: session.twoFactorVerified,
    twoFactorEnabled: session.twoFactorEnabled,
    reauthenticatedAt: session.reauthenticatedAt,
    memberSince: session.memberSince,
    via: "web",
  };
}

/** The operator running a CLI command: acts for the installation's workspace without an account. */
export function operatorActor(workspaceId: string): Actor {
  return { workspaceId, userId: null, via: "cli" };
}
