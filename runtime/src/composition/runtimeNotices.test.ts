import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { runtimeNotices } from "./runtimeNotices.ts";

// 500 customers whose script timed out at once: the team sees one notice counting 500, written in a
// few statements instead of 500 queued on embedded PGlite's one connection ahead of their replies.
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h.close();
});

describe("runtime notices", () => {
  it("counts a burst of the same notice in a few statements, the latest reason winning", async () => {
    let statements = 0;
    const counted = h.db.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const notices = runtimeNotices(counted);
    await Promise.all([
      ...Array.from({ length: 500 }, (_, i) =>
        notices.scriptFailed({ workspaceId: h.workspaceId, blockId: "lookup", error: `timeout ${i}` }),
      ),
      notices.messageBlocked({ workspaceId: h.workspaceId, blockId: "say", reason: "asks for a PIN" }),
    ]);
    const rows = await h.db
      .selectFrom("notices")
      .select(["kind", "subject", "count", "detail"])
      .where("workspace_id", "=", h.workspaceId)
      .orderBy("kind")
      .execute();
    expect(rows).toEqual([
      { kind: "message_blocked", subject: "block:say", count: 1, detail: "asks for a PIN" },
      { kind: "script_failed", subject: "block:lookup", count: 500, detail: "timeout 499" },
    ]);
    expect(statements).toBeLessThanOrEqual(4);
    // Raised again later: counted on top, one more statement.
    await notices.scriptFailed({ workspaceId: h.workspaceId, blockId: "lookup", error: "timeout again" });
    const again = await h.db
      .selectFrom("notices")
      .select("count")
      .where("kind", "=", "script_failed")
      .executeTakeFirstOrThrow();
    expect(again.count).toBe(501);
  });
});
