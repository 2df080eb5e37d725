import { jsonb } from "@benteng/db";
import { appendAudit } from "@benteng/db/queries/auditLog";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, data, enrolTwoFactor, query, setUpAdmin, signIn } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

interface Page {
  events: Array<{ id: string; action: string; actorName: string | null }>;
  nextBeforeId: string | null;
}

describe("audit log browsing (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    await addMember(t, admin, "mira@example.com", ["marketer"]);
    await t.call("auth.login", { email: "mira@example.com", password: "wrong password!!" });
    await signIn(t, "mira@example.com");
  });
  afterAll(() => t.close());

  it("shows admins the workspace's events, newest first, filtered by kind", async () => {
    const all = data<Page>(await query(t, "audit.list", {}, admin));
    const actions = all.events.map((e) => e.action);
    for (const a of ["user.created", "2fa.enabled", "member.invited", "auth.login_failed", "auth.login"])
      expect(actions).toContain(a);
    expect(Number(all.events[0]?.id)).toBeGreaterThan(Number(all.events.at(-1)?.id));
    const members = data<Page>(await query(t, "audit.list", { action: "member." }, admin));
    expect(members.events.map((e) => e.action)).toEqual(["member.invited"]);
    expect(members.events[0]?.actorName).toBe("Ana Admin");
  });

  it("pages back in time without gaps or repeats", async () => {
    const all = data<Page>(await query(t, "audit.list", { limit: 200 }, admin)).events.map((e) => e.id);
    const first = data<Page>(await query(t, "audit.list", { limit: 3 }, admin));
    const second = data<Page>(
      await query(t, "audit.list", { limit: 3, beforeId: first.nextBeforeId }, admin),
    );
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(all.slice(0, 6));
  });

  it("is for admins only", async () => {
    const mira = await signIn(t, "mira@example.com");
    expect((await query(t, "audit.list", {}, mira)).statusCode).toBe(403);
    expect((await query(t, "audit.verify", undefined, mira)).statusCode).toBe(403);
  });

  it("never shows another workspace's events", async () => {
    const other = await t.db
      .insertInto("workspaces")
      .values({ name: "Elsewhere", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(t.db, { workspaceId: other.id, actorUserId: null, action: "member.secret_elsewhere" });
    const all = data<Page>(await query(t, "audit.list", { limit: 200 }, admin));
    expect(all.events.map((e) => e.action)).not.toContain("member.secret_elsewhere");
  });

  it("verifies the chain, and reports the first edited row", async () => {
    expect(data<{ ok: boolean }>(await query(t, "audit.verify", undefined, admin)).ok).toBe(true);
    const victim = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "auth.login_failed")
      .executeTakeFirstOrThrow();
    await sql`update audit_log set action = 'auth.login' where id = ${victim.id}`.execute(t.db);
    expect(data(await query(t, "audit.verify", undefined, admin))).toMatchObject({
      ok: false,
      badRowId: String(victim.id),
    });
  });
});
