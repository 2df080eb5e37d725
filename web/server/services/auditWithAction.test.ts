import type { Db } from "@benteng/db";
import { verifyAuditChain } from "@benteng/db/queries/auditLog";
import { createMember } from "@benteng/db/queries/users";
import { emptyFlow, type Flow, type Role } from "@benteng/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, generateSessionToken } from "../auth/sessions.ts";
import { proofFor } from "../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../testing/testApp.ts";
import { type Member, memberActor } from "./actor.ts";
import { createFlow, flowDetail, saveDraft } from "./flows.ts";
import { removeMember, setRoles } from "./members.ts";
import { storeSecret } from "./secrets.ts";
import { approveVersion, publishApprovedVersion, submitVersion } from "./versions.ts";

// Every state change commits with its audit row or not at all. The audit write is made to fail by a
// trigger the test creates on audit_log (the real database refusing, no mock), in the middle of
// each operation; afterwards nothing of the operation may be left.

let t: TestApp;
let marketer: Member;
let reviewer: Member & { cookie: string };
let admin: Member & { cookie: string };
let vera: Member;
let flowId: string;

/** A member with a session that passed the second factor (no password hashing: not what is tested). */
async function member(email: string, roles: Role[]): Promise<Member & { cookie: string }> {
  const user = await createMember(t.db, {
    workspaceId: t.workspaceId,
    email,
    displayName: email.split("@")[0] as string,
    passwordHash: "not used by this test",
    roles,
  });
  const token = generateSessionToken();
  await createSession(t.db, {
    token,
    userId: user.id,
    workspaceId: t.workspaceId,
    twoFactorVerified: true,
    reauthenticatedAt: null,
    userAgent: null,
    ttlDays: 1,
  });
  const session = await t.db
    .selectFrom("sessions")
    .select("id")
    .where("user_id", "=", user.id)
    .executeTakeFirstOrThrow();
  return {
    ...memberActor({
      id: session.id,
      userId: user.id,
      workspaceId: t.workspaceId,
      expiresAt: new Date(Date.now() + 86_400_000),
      twoFactorVerified: true,
      twoFactorEnabled: true,
      reauthenticatedAt: null,
      memberSince: new Date(),
      email,
      displayName: email.split("@")[0] as string,
      roles,
    }),
    cookie: `benteng_session=${token}`,
  };
}

/** Runs `work` while the database refuses to write audit rows of `action`. */
async function withAuditRefused<T>(action: string, work: () => Promise<T>): Promise<T> {
  await sql`create function refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit write refused by the test'; end $$`.execute(t.db);
  await sql`create trigger refuse_audit before insert on audit_log for each row
    when (new.action = ${sql.lit(action)}) execute function refuse_audit()`.execute(t.db);
  try {
    return await work();
  } finally {
    await sql`drop trigger refuse_audit on audit_log`.execute(t.db);
    await sql`drop function refuse_audit()`.execute(t.db);
  }
}

const refused = /audit write refused by the test/;

function greeting(text: string): Flow {
  const flow = emptyFlow();
  flow.nodes.push({ id: "hello", type: "message", position: { x: 300, y: 0 }, data: { text } });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "hello" });
  return flow;
}

async function versionsOf(db: Db) {
  return db
    .selectFrom("flow_versions")
    .leftJoin("version_submissions", "version_submissions.version_id", "flow_versions.id")
    .select(["flow_versions.id", "flow_versions.status", "version_submissions.authors"])
    .where("flow_id", "=", flowId)
    .orderBy("number")
    .execute();
}

async function auditActions(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  marketer = await member("mira@example.com", ["marketer"]);
  reviewer = await member("rudi@example.com", ["reviewer"]);
  admin = await member("ana@example.com", ["admin"]);
  vera = await member("vera@example.com", ["viewer"]);
  const created = await createFlow(t.db, marketer, { name: "Order help" });
  flowId = created.id;
  await saveDraft(t.db, marketer, {
    flowId,
    baseRevision: created.revision,
    draft: greeting("Hi! Your order is on its way."),
  });
});
afterAll(() => t.close());

describe("an action and its audit row commit together", () => {
  it("draft save: audited with the save; refused audit leaves no new revision, draft or authorship", async () => {
    const before = await flowDetail(t.db, marketer, flowId);
    const draft = greeting("Saved, and on the record.");
    await saveDraft(t.db, marketer, { flowId, baseRevision: before.revision, draft });
    const row = (await auditActions("flow.draft_saved")).at(-1);
    expect(row).toMatchObject({ target: flowId, target_type: "flow", actor_user_id: marketer.userId });
    expect(row?.details).toMatchObject({ revision: before.revision + 1 });

    const saved = await flowDetail(t.db, marketer, flowId);
    const authorRows = await t.db.selectFrom("block_authors").select("content_hash").execute();
    await expect(
      withAuditRefused("flow.draft_saved", () =>
        saveDraft(t.db, marketer, {
          flowId,
          baseRevision: saved.revision,
          draft: greeting("Unaudited text"),
        }),
      ),
    ).rejects.toThrow(refused);
    const after = await flowDetail(t.db, marketer, flowId);
    expect(after.revision).toBe(saved.revision);
    expect(after.draft).toEqual(saved.draft);
    expect(await t.db.selectFrom("block_authors").select("content_hash").execute()).toHaveLength(
      authorRows.length,
    );
  });

  it("submit: no version, no authors, no superseded submission without version.submitted", async () => {
    const first = await submitVersion(t.db, marketer, { flowId, note: "first" });
    const { revision } = await flowDetail(t.db, marketer, flowId);
    await saveDraft(t.db, marketer, { flowId, baseRevision: revision, draft: greeting("Hi again!") });
    const before = await versionsOf(t.db);
    await expect(
      withAuditRefused("version.submitted", () => submitVersion(t.db, marketer, { flowId, note: "second" })),
    ).rejects.toThrow(refused);
    expect(await versionsOf(t.db)).toEqual(before);
    expect(before).toEqual([{ id: first.id, status: "submitted", authors: [marketer.userId] }]);
  });

  it("approve: a comment with a broken character is a 400 and changes nothing", async () => {
    const [v] = await versionsOf(t.db);
    const hash = (
      await t.db
        .selectFrom("flow_versions")
        .select("content_hash")
        .where("id", "=", v!.id)
        .executeTakeFirstOrThrow()
    ).content_hash;
    const res = await t.call(
      "versions.approve",
      { versionId: v!.id, contentHash: hash, comment: "looks good \ud800", warningsAcknowledged: true },
      { cookie: reviewer.cookie },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect((await versionsOf(t.db))[0]?.status).toBe("submitted");
    expect(await t.db.selectFrom("reviews").selectAll().execute()).toEqual([]);
    expect(await auditActions("version.approved")).toEqual([]);
  });

  it("approve: no decision and no review without version.approved", async () => {
    const [v] = await versionsOf(t.db);
    const hash = (
      await t.db
        .selectFrom("flow_versions")
        .select("content_hash")
        .where("id", "=", v!.id)
        .executeTakeFirstOrThrow()
    ).content_hash;
    const approve = () =>
      approveVersion(t.db, reviewer, {
        versionId: v!.id,
        contentHash: hash,
        comment: "ok",
        warningsAcknowledged: true,
      });
    await expect(withAuditRefused("version.approved", approve)).rejects.toThrow(refused);
    expect((await versionsOf(t.db))[0]?.status).toBe("submitted");
    expect(await t.db.selectFrom("reviews").selectAll().execute()).toEqual([]);
    // The same approval goes through once the log accepts it, and names the version it decided.
    await approve();
    expect((await versionsOf(t.db))[0]?.status).toBe("approved");
    const [row] = await auditActions("version.approved");
    expect(row).toMatchObject({
      actor_user_id: reviewer.userId,
      target: v!.id,
      target_type: "version",
      target_label: "Order help v1",
    });
  });

  it("publish: nothing goes live without version.published", async () => {
    const [v] = await versionsOf(t.db);
    const live = () =>
      t.db
        .selectFrom("flows")
        .select("published_version_id")
        .where("id", "=", flowId)
        .executeTakeFirstOrThrow();
    await expect(
      withAuditRefused("version.published", () => publishApprovedVersion(t.db, reviewer, v!.id)),
    ).rejects.toThrow(refused);
    expect((await live()).published_version_id).toBeNull();
    expect((await versionsOf(t.db))[0]?.status).toBe("approved");
    await publishApprovedVersion(t.db, reviewer, v!.id);
    expect((await live()).published_version_id).toBe(v!.id);
  });

  it("member changes: roles stay and the removed member stays, with their sessions, without the audit row", async () => {
    const roles = () =>
      t.db.selectFrom("memberships").select("roles").where("user_id", "=", vera.userId).executeTakeFirst();
    const sessions = () =>
      t.db.selectFrom("sessions").select("id").where("user_id", "=", vera.userId).execute();
    const forRoles = await proofFor(t, admin.cookie, "member.set_roles");
    const forRemoval = await proofFor(t, admin.cookie, "member.remove");
    await expect(
      withAuditRefused("member.roles_changed", () =>
        setRoles(t.db, admin, { userId: vera.userId, roles: ["marketer"], proof: forRoles }),
      ),
    ).rejects.toThrow(refused);
    expect((await roles())?.roles).toEqual(["viewer"]);
    await expect(
      withAuditRefused("member.removed", () => removeMember(t.db, admin, vera.userId, forRemoval)),
    ).rejects.toThrow(refused);
    expect((await roles())?.roles).toEqual(["viewer"]);
    expect(await sessions()).toHaveLength(1);
    // The proof was spent with nothing: the act rolled back, so the same proof still does it once.
    await setRoles(t.db, admin, { userId: vera.userId, roles: ["marketer"], proof: forRoles });
    await expect(
      setRoles(t.db, admin, { userId: vera.userId, roles: ["viewer"], proof: forRoles }),
    ).rejects.toThrow(/Confirm it's you/);
    expect((await roles())?.roles).toEqual(["marketer"]);
  });
});

describe("the audit log", () => {
  it("names every target, and the audit page shows whose roles changed", async () => {
    const page = await t.call(
      "audit.list",
      { action: "member." },
      { cookie: (await member("ines@example.com", ["admin"])).cookie },
    );
    expect(page.statusCode, page.body).toBe(200);
    const [event] = page.json().result.data.events;
    expect(event).toMatchObject({
      action: "member.roles_changed",
      target: { type: "user", id: vera.userId, label: "vera <vera@example.com>" },
      details: { roles: ["marketer"], from: ["viewer"] },
    });
    const untargeted = await t.db
      .selectFrom("audit_log")
      .select(["action"])
      .where((eb) => eb.or([eb("target", "is", null), eb("target_label", "is", null)]))
      .execute();
    expect(untargeted).toEqual([]);
  });

  it("stays one chain when audited transactions run at once", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        storeSecret(t, { ...admin, roles: ["developer"] }, { name: `KEY_${i}`, value: `value-${i}` }),
      ),
    );
    expect(await auditActions("secret.set")).toHaveLength(12);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
