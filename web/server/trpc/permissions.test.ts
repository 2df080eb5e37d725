import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cipher, jsonb } from "@benteng/db";
import { createFlow } from "@benteng/db/queries/flows";
import { createVersion } from "@benteng/db/queries/flowVersions";
import type { SessionWithUser } from "@benteng/db/queries/sessions";
import { createMember } from "@benteng/db/queries/users";
import { ensureInstallationWorkspace } from "@benteng/db/queries/workspaces";
import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import { createEngine, type Engine } from "@benteng/runtime";
import { can, emptyFlow, type Role, roles } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { appRouter } from "./appRouter.ts";
import { createContextInner } from "./context.ts";
import { createCallerFactory, type Meta, TWO_FACTOR_REQUIRED } from "./init.ts";

// Every procedure of the API, called as every kind of person. A procedure added without declaring
// its access fails here; one whose guard does not match the role table fails here too.

type Database = Awaited<ReturnType<typeof createTestDatabase>>;
type Identity = { label: string; session: SessionWithUser | null };

const procedures = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, { _def: { meta?: Meta } }> }).procedures,
);
const createCaller = createCallerFactory(appRouter);
const ACCESS_DENIALS = /^(Please sign in\.|Your role does not allow this)/;

describe("every tRPC procedure against every role", () => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let engine: Engine;
  const identities: Identity[] = [];
  const cipher = new Cipher([randomBytes(32)]);
  const env = parseEnv({
    LOG_LEVEL: "silent",
    BENTENG_DATA_DIR: mkdtempSync(join(tmpdir(), "benteng-perm-")),
  });

  async function member(
    ws: string,
    memberRoles: Role[],
    verified: boolean,
    label: string,
  ): Promise<Identity> {
    const email = `${label.replace(/\W+/g, "-")}-${randomBytes(3).toString("hex")}@example.com`;
    const user = await createMember(database.db, {
      workspaceId: ws,
      email,
      displayName: label,
      passwordHash: "not-a-real-hash",
      roles: memberRoles,
    });
    return {
      label,
      session: {
        id: randomBytes(32).toString("hex"),
        userId: user.id,
        workspaceId: ws,
        expiresAt: new Date(Date.now() + 86_400_000),
        twoFactorVerified: verified,
        twoFactorEnabled: verified,
        reauthenticatedAt: null,
        memberSince: new Date(),
        email,
        displayName: label,
        roles: memberRoles,
      },
    };
  }

  function caller(identity: Identity) {
    return createCaller(
      createContextInner({
        db: database.db,
        cipher,
        env,
        installationWorkspaceId: workspaceId,
        engine,
        session: identity.session,
      }),
    ) as unknown as Record<string, unknown>;
  }

  async function call(identity: Identity, path: string, input: unknown): Promise<unknown> {
    const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller(identity));
    return (fn as (i: unknown) => Promise<unknown>)(input);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    workspaceId = await ensureInstallationWorkspace(database.db);
    engine = createEngine({ db: database.db, cipher, env });
    const other = await database.db
      .insertInto("workspaces")
      .values({ name: "Another company", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    otherWorkspaceId = other.id;
    identities.push({ label: "no session", session: null });
    for (const role of roles) {
      identities.push(await member(workspaceId, [role], false, `${role} without 2FA`));
      identities.push(await member(workspaceId, [role], true, `${role} with 2FA`));
    }
  });
  afterAll(async () => {
    await engine.close();
    await database.close();
  });

  it("has procedures to check, each declaring its access", () => {
    expect(procedures.length).toBeGreaterThan(30);
    const undeclared = procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path);
    expect(undeclared, "procedures without a declared access (use permittedProcedure)").toEqual([]);
  });

  it.each(procedures.map(([path]) => path))("%s allows exactly the roles the table allows", async (path) => {
    const meta = Object.fromEntries(procedures)[path]?._def.meta as Meta;
    for (const identity of identities) {
      const s = identity.session;
      const expected =
        meta.access === "public"
          ? true
          : meta.access === "authenticated"
            ? s !== null
            : s !== null && can(s.roles, meta.access) && (!meta.twoFactor || s.twoFactorVerified);
      // An input no procedure accepts: access is checked before input, so allowed calls fail on the
      // input (or succeed when there is none) and nothing is changed.
      let denied = false;
      try {
        await call(identity, path, { __probe: true });
      } catch (e) {
        if (!(e instanceof TRPCError)) throw e;
        denied =
          (e.code === "UNAUTHORIZED" || e.code === "FORBIDDEN") &&
          (ACCESS_DENIALS.test(e.message) || e.message === TWO_FACTOR_REQUIRED);
      }
      expect(denied ? "denied" : "allowed", `${path} as ${identity.label}`).toBe(
        expected ? "allowed" : "denied",
      );
    }
  });

  it("a member of another workspace, with every role, sees nothing of this workspace", async () => {
    const author = identities.find((i) => i.label === "marketer with 2FA")?.session as SessionWithUser;
    const flow = await createFlow(database.db, {
      workspaceId,
      name: "Order help",
      draft: emptyFlow(),
      userId: author.userId,
    });
    const version = await createVersion(database.db, {
      workspaceId,
      flowId: flow.id,
      document: emptyFlow(),
      lintReport: [],
      status: "submitted",
      note: "",
      userId: author.userId,
    });
    const outsider = await member(otherWorkspaceId, [...roles], true, "outsider");
    const everything = JSON.stringify([
      await call(outsider, "flows.list", undefined),
      await call(outsider, "versions.queue", undefined),
      await call(outsider, "versions.list", { flowId: flow.id }),
      await call(outsider, "members.list", undefined),
      await call(outsider, "audit.list", {}),
      await call(outsider, "channels.list", undefined),
    ]);
    expect(everything).not.toContain(flow.id);
    expect(everything).not.toContain(version.id);
    expect(everything).not.toContain(author.userId);
    for (const [path, input] of [
      ["flows.byId", { flowId: flow.id }],
      ["flows.insights", { flowId: flow.id, range: "30d" }],
      ["versions.byId", { versionId: version.id }],
      ["versions.approve", { versionId: version.id, contentHash: version.contentHash, comment: "" }],
      ["versions.submit", { flowId: flow.id, note: "" }],
      ["members.setRoles", { userId: author.userId, roles: ["viewer"] }],
      ["members.remove", { userId: author.userId }],
      ["members.endSessions", { userId: author.userId }],
    ] as const) {
      await expect(call(outsider, path, input), path).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
