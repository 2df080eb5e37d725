import { endHandoff } from "@benteng/db/queries/conversationBrowse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h.close();
});

describe("handoff", () => {
  it("keeps the bot silent while an agent has the conversation, until the agent hands back", async () => {
    const runtime = await h.startRuntime();
    const waId = "6285500000001";
    const replies = () =>
      h.graph.messages
        .filter((m) => m.body.to === waId)
        .map((m) => (m.body.text as { body?: string } | undefined)?.body);
    const say = async (text: string) => {
      await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, text)] }));
    };
    await say("hi");
    await h.graph.waitFor(() => replies().length >= 2);
    await say("no idea");
    await h.graph.waitFor(() => replies().length >= 3);
    await say("still no idea");
    await h.graph.waitFor(() => replies().length >= 4);
    expect(replies()[3]).toBe("Let me find a person to help you.");

    await say("hello? anyone?");
    // The message is stored (the agent reads it in the transcript) but the bot does not answer.
    const handled = async () =>
      (await h.db.selectFrom("inbox").select("id").where("status", "=", "pending").execute()).length === 0;
    for (let i = 0; i < 100 && !(await handled()); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(replies()).toHaveLength(4);

    const conversation = await h.db
      .selectFrom("conversations")
      .select(["id", "status"])
      .where("status", "=", "handoff")
      .executeTakeFirstOrThrow();
    expect(
      await h.db
        .transaction()
        .execute((tx) => endHandoff(tx, h.cipher, "00000000-0000-4000-8000-000000000000", conversation.id)),
    ).toBe(false);
    expect(
      await h.db.transaction().execute((tx) => endHandoff(tx, h.cipher, h.workspaceId, conversation.id)),
    ).toBe(true);
    await say("thanks");
    await h.graph.waitFor(() => replies().length >= 6);
    await runtime.stop();
    expect(replies().slice(4)).toEqual(["Hi! I'm the shop assistant.", "What is your order number?"]);
  });
});
