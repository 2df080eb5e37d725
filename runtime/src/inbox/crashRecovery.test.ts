import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { killRuntime, spawnRuntime } from "../testing/spawnRuntime.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

// Killing a process that holds connections is only meaningful against a PostgreSQL server.
describe.skipIf(!process.env.DATABASE_URL)("crash recovery", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers every message after a runtime process is killed with SIGKILL mid-load", async () => {
    const contacts = Array.from({ length: 30 }, (_, i) => `62899000${String(i).padStart(4, "0")}`);
    const first = await spawnRuntime(h, { BENTENG_TEST_LEASE_MS: "1500" });
    const posting = Promise.all(
      contacts.map(async (waId) => {
        for (const text of ["hi", "4242"]) {
          expect(
            (await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, text)] })))
              .statusCode,
          ).toBe(200);
        }
      }),
    );
    await h.graph.waitFor((all) => all.length >= 10, 20_000);
    await killRuntime(first);
    await posting;
    const second = await spawnRuntime(h, { BENTENG_TEST_LEASE_MS: "1500" });
    try {
      // Per contact: greeting + question for "hi", buttons for "4242".
      await h.graph.waitFor(
        (all) =>
          contacts.every((waId) => all.some((m) => m.body.to === waId && m.body.type === "interactive")),
        30_000,
      );
    } finally {
      await killRuntime(second);
    }
    const notDone = await h.db.selectFrom("inbox").select("id").where("status", "!=", "done").execute();
    expect(notDone).toEqual([]);
    for (const waId of contacts) {
      const kinds = h.graph.messages.filter((m) => m.body.to === waId).map((m) => m.body.type);
      // Replies arrive in order; a message whose send was cut by the kill may arrive twice (at least once).
      expect(kinds[0]).toBe("text");
      expect(kinds.at(-1)).toBe("interactive");
      expect(new Set(kinds).size).toBe(2);
    }
  });
});
