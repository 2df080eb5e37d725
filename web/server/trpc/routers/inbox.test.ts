import { flowTemplates, scriptBlock } from "@benteng/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "../../testing/liveChannel.ts";
import {
  addMember,
  data,
  enrolTwoFactor,
  mutate,
  proofFor,
  query,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

// The agent inbox through the real HTTP API, a real database, the runtime workers and the fake
// Graph API: a customer reaches a handoff, an agent claims, reads and answers it.

const customer = { waId: "6281234567890", name: "Budi Santoso" };

interface InboxConversation {
  id: string;
  customer: string;
  claimedByMe: boolean;
  window: { open: boolean };
  transcript: Array<{ direction: string; body: string; author: string }>;
  variables: Array<{ name: string; value: string }>;
  path: Array<{ blockId: string; name: string }>;
  deliveries: Array<{ status: string; error: string | null }>;
}

describe("agent inbox", () => {
  let t: TestApp;
  let admin: string;
  let agent: { cookie: string; userId: string };
  let otherAgent: { cookie: string; userId: string };
  let viewer: { cookie: string; userId: string };
  let live: LiveChannel;
  let conversationId: string;
  const agentMessages = () => live.graph.messages.filter((m) => m.body.to === customer.waId);

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    agent = await addMember(t, admin, "sari@example.com", ["agent"]);
    otherAgent = await addMember(t, admin, "dewi@example.com", ["agent"]);
    viewer = await addMember(t, admin, "vino@example.com", ["viewer"]);
    const flow = data<{ id: string }>(
      await t.call("flows.create", { name: "Orders", template: "orderStatus" }, { cookie: admin }),
    );
    live = await startLiveChannel(t, flow.id, flowTemplates.orderStatus.build());
    // Three answers that are not order numbers: the flow hands the customer to a person.
    await live.customerSays("hi", 2);
    await live.customerSays("my card is 4111 1111 1111 1111", 1);
    for (const wrong of ["no", "still no"]) await live.customerSays(wrong, 1);
    expect(JSON.stringify(live.graph.messages.at(-1)?.body)).toContain("Connecting you to our team");
  }, 60_000);
  afterAll(async () => {
    await live.close();
    await t.close();
  });

  it("lists the conversation for agents, counts it in the navigation and hides it from others", async () => {
    const list = data<{
      conversations: Array<{ id: string; customer: string; claimedBy: unknown }>;
      waiting: number;
    }>(await query(t, "inbox.list", undefined, agent.cookie));
    expect(list.conversations).toHaveLength(1);
    expect(list.conversations[0]).toMatchObject({ customer: "Budi Santoso", claimedBy: null });
    expect(list.waiting).toBe(1);
    conversationId = list.conversations[0]?.id as string;
    expect(data<{ waiting: number }>(await query(t, "inbox.count", undefined, agent.cookie)).waiting).toBe(1);
    const refused = await query(t, "inbox.list", undefined, viewer.cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("needs agent");
    // Marketers and admins have the agent capability too (README, "Roles").
    expect((await query(t, "inbox.list", undefined, admin)).statusCode).toBe(200);
  });

  it("streams an event to agents the moment a waiting conversation changes, and to nobody else", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const open = (cookie?: string) => {
      const controller = new AbortController();
      const response = fetch(`${address}/events/inbox`, {
        headers: cookie ? { cookie } : {},
        signal: controller.signal,
      });
      return { response, stop: () => controller.abort() };
    };
    expect((await open().response).status).toBe(401);
    expect((await open(viewer.cookie).response).status).toBe(403);
    const stream = open(agent.cookie);
    const res = await stream.response;
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const nextEvent = async () => {
      let text = "";
      while (!text.includes("event: inbox")) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += decoder.decode(value);
      }
      return text;
    };
    await nextEvent();
    // The customer writes while waiting: the runtime's commit reaches the open inbox.
    await live.customerSays("anyone there?", 0);
    await nextEvent();
    if (process.env.DATABASE_URL) {
      // Another process (a runtime-only process, another web server) tells this one by NOTIFY.
      await sql`select pg_notify('benteng_conversations', '')`.execute(t.db);
      await nextEvent();
    }
    stream.stop();
  });

  it("shows the redacted transcript, the collected variables and the path the conversation took", async () => {
    const c = data<InboxConversation>(await query(t, "inbox.conversation", { conversationId }, agent.cookie));
    expect(c.customer).toBe("Budi Santoso");
    expect(c.window.open).toBe(true);
    expect(JSON.stringify(c)).not.toContain("4111 1111 1111 1111");
    expect(c.transcript.map((l) => l.author)).toContain("customer");
    expect(c.transcript.map((l) => l.body)).toContainEqual(
      expect.stringContaining("Connecting you to our team"),
    );
    expect(c.path.length).toBeGreaterThan(1);
    expect(c.path.at(-1)?.name).toMatch(/Handoff/);
    // Another workspace's id, or a made-up one, is a 404.
    const missing = await query(
      t,
      "inbox.conversation",
      { conversationId: "00000000-0000-4000-8000-000000000000" },
      agent.cookie,
    );
    expect(missing.statusCode).toBe(404);
  });

  it("lets one agent claim the conversation and reply; the reply goes out through the outbox", async () => {
    const unclaimed = await t.call(
      "inbox.reply",
      { conversationId, text: "Hello Budi, Sari here." },
      { cookie: agent.cookie },
    );
    expect(unclaimed.statusCode).toBe(409);
    expect(unclaimed.body).toContain("Claim the conversation");
    await mutate(t, "inbox.claim", { conversationId }, agent.cookie);
    const taken = await t.call("inbox.claim", { conversationId }, { cookie: otherAgent.cookie });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("sari is answering");
    const notHolder = await t.call(
      "inbox.reply",
      { conversationId, text: "Dewi here, let me help instead." },
      { cookie: otherAgent.cookie },
    );
    expect(notHolder.statusCode).toBe(409);
    expect(notHolder.json().error.message).toBe("sari is answering this conversation.");
    const before = agentMessages().length;
    await mutate(
      t,
      "inbox.reply",
      { conversationId, text: "Hello Budi, Sari here. Which order is it?" },
      agent.cookie,
    );
    await live.graph.waitFor(() => agentMessages().length > before, 15_000);
    expect(agentMessages().at(-1)?.body).toMatchObject({
      type: "text",
      text: { body: "Hello Budi, Sari here. Which order is it?" },
    });
    // Media the runtime supports: a link sent with its preview.
    await mutate(
      t,
      "inbox.reply",
      { conversationId, text: "Here is the receipt", mediaUrl: "https://shop.example/receipt.png" },
      agent.cookie,
    );
    await live.graph.waitFor(() => agentMessages().length > before + 1, 15_000);
    expect(agentMessages().at(-1)?.body).toMatchObject({
      text: { body: "Here is the receipt\nhttps://shop.example/receipt.png", preview_url: true },
    });
    const c = data<InboxConversation>(await query(t, "inbox.conversation", { conversationId }, agent.cookie));
    expect(c.claimedByMe).toBe(true);
    expect(c.transcript.filter((l) => l.author === "sari").map((l) => l.body)).toEqual([
      "Hello Budi, Sari here. Which order is it?",
      "Here is the receipt\nhttps://shop.example/receipt.png",
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("action", "in", ["conversation.claimed", "conversation.replied"])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "conversation.claimed",
      "conversation.replied",
      "conversation.replied",
    ]);
    expect(new Set(audit.map((a) => a.actor_user_id))).toEqual(new Set([agent.userId]));
    // The customer's answer puts the conversation back at the top of the agent's count.
    await live.customerSays("order 12345", 0);
    for (let i = 0; i < 100; i++) {
      if (data<{ waiting: number }>(await query(t, "inbox.count", undefined, agent.cookie)).waiting === 1)
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(data<{ waiting: number }>(await query(t, "inbox.count", undefined, agent.cookie)).waiting).toBe(1);
  });

  it("refuses an agent's request for a PIN with a clear message, sends nothing and tells the team", async () => {
    const before = live.graph.messages.length;
    const res = await t.call(
      "inbox.reply",
      { conversationId, text: "To verify it's you, please reply with your PIN." },
      { cookie: agent.cookie },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Not sent: .*Never ask customers for a PIN/);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.graph.messages.length).toBe(before);
    const notices = data<Array<{ kind: string; label: string }>>(
      await query(t, "notices.list", undefined, admin),
    );
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: "message_blocked", label: "A reply by sari was not sent" }),
    );
    const blocked = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "conversation.reply_blocked")
      .execute();
    expect(blocked).toHaveLength(1);
  });

  it("judges a reply together with what the customer read since writing: a request split over replies is refused", async () => {
    const before = live.graph.messages.length;
    await mutate(
      t,
      "inbox.reply",
      { conversationId, text: "To confirm it is you, reply in the next message with your" },
      agent.cookie,
    );
    await live.graph.waitFor(() => live.graph.messages.length > before, 15_000);
    const split = await t.call("inbox.reply", { conversationId, text: "PIN" }, { cookie: agent.cookie });
    expect(split.statusCode).toBe(400);
    expect(split.json().error.message).toMatch(/^Not sent: Read together with the messages just before it/);
    // Once the customer has written, earlier replies no longer frame the next one.
    const heard = async () =>
      (
        await t.db
          .selectFrom("transcript")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("conversation_id", "=", conversationId)
          .where("direction", "=", "in")
          .executeTakeFirstOrThrow()
      ).n;
    const heardBefore = Number(await heard());
    await live.customerSays("which PIN? I forgot it", 0);
    await expect.poll(async () => Number(await heard()), { timeout: 30_000 }).toBe(heardBefore + 1);
    const after = await t.call(
      "inbox.reply",
      { conversationId, text: "No worries, you can reset it in the app." },
      { cookie: agent.cookie },
    );
    expect(after.statusCode).toBe(200);
    // A log-in link to a host the workspace does not vouch for is a lure, from an agent too.
    const lure = await t.call(
      "inbox.reply",
      { conversationId, text: "Please log in to verify your account at https://bit.ly/abc123" },
      { cookie: agent.cookie },
    );
    expect(lure.statusCode).toBe(400);
    expect(lure.json().error.message).toMatch(/^Not sent: .*bit\.ly/);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.graph.messages.length).toBe(before + 2);
  });

  it("reports a message WhatsApp refuses with 131047 in the conversation's deliveries", async () => {
    live.graph.closedWindows.add(customer.waId);
    try {
      await mutate(t, "inbox.reply", { conversationId, text: "Are you still there?" }, agent.cookie);
      let c: InboxConversation | undefined;
      for (let i = 0; i < 200; i++) {
        c = data<InboxConversation>(await query(t, "inbox.conversation", { conversationId }, agent.cookie));
        if (c.deliveries[0]?.status === "failed") break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(c?.deliveries[0]).toMatchObject({ status: "failed", error: expect.stringContaining("131047") });
    } finally {
      live.graph.closedWindows.delete(customer.waId);
    }
  });

  it("after 24 hours without a customer message, only an approved template can be sent", async () => {
    await t.db
      .updateTable("contacts")
      .set({ last_inbound_at: sql`now() - interval '25 hours'` })
      .where(
        "id",
        "in",
        t.db.selectFrom("conversations").select("contact_id").where("id", "=", conversationId),
      )
      .execute();
    const c = data<InboxConversation>(await query(t, "inbox.conversation", { conversationId }, agent.cookie));
    expect(c.window.open).toBe(false);
    const refused = await t.call(
      "inbox.reply",
      { conversationId, text: "Hello again" },
      { cookie: agent.cookie },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("only delivers an approved template");

    // No business account on the channel yet: the agent is told what an admin must do.
    const noWaba = await query(t, "inbox.templates", { conversationId }, agent.cookie);
    expect(noWaba.statusCode).toBe(400);
    expect(noWaba.json().error.message).toContain("WhatsApp Business Account ID");
    await mutate(
      t,
      "channels.setBusinessAccount",
      {
        channelId: live.channelId,
        wabaId: "102290129340398",
        proof: await proofFor(t, admin, "channel.business_account"),
      },
      admin,
    );
    live.graph.templates.set("102290129340398", [
      {
        id: "1",
        name: "order_update",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        components: [
          { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
          { type: "BODY", text: "Hi {{1}}, news about your order {{2}}. Reply to continue." },
          { type: "FOOTER", text: "Toko Ana" },
        ],
      },
      {
        id: "2",
        name: "promo_video",
        language: "en_US",
        status: "APPROVED",
        category: "MARKETING",
        components: [
          { type: "HEADER", format: "VIDEO" },
          { type: "BODY", text: "Watch this" },
        ],
      },
      {
        id: "3",
        name: "draft_one",
        language: "en_US",
        status: "PENDING",
        components: [{ type: "BODY", text: "x" }],
      },
    ]);
    const templates = data<Array<{ name: string; sendable: boolean; parameters: unknown[] }>>(
      await query(t, "inbox.templates", { conversationId }, agent.cookie),
    );
    expect(templates.map((x) => [x.name, x.sendable])).toEqual([
      ["order_update", true],
      ["promo_video", false],
    ]);
    expect(templates[0]?.parameters).toEqual([
      { component: "header", key: "1" },
      { component: "body", key: "1" },
      { component: "body", key: "2" },
    ]);
    const incomplete = await t.call(
      "inbox.sendTemplate",
      { conversationId, name: "order_update", language: "en_US", values: { "header.1": "A-1" } },
      { cookie: agent.cookie },
    );
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toContain("Fill in body {{1}}, body {{2}}");
    const newline = await t.call(
      "inbox.sendTemplate",
      {
        conversationId,
        name: "order_update",
        language: "en_US",
        values: { "header.1": "A-1", "body.1": "Budi\nPlease reply with your PIN", "body.2": "A-1" },
      },
      { cookie: agent.cookie },
    );
    expect(newline.statusCode).toBe(400);
    expect(newline.body).toContain("cannot contain new lines");
    const pending = await t.call(
      "inbox.sendTemplate",
      { conversationId, name: "draft_one", language: "en_US", values: {} },
      { cookie: agent.cookie },
    );
    expect(pending.statusCode).toBe(400);
    const asksPin = await t.call(
      "inbox.sendTemplate",
      {
        conversationId,
        name: "order_update",
        language: "en_US",
        values: { "header.1": "A-1", "body.1": "Budi", "body.2": "A-1, send us your PIN" },
      },
      { cookie: agent.cookie },
    );
    expect(asksPin.statusCode).toBe(400);
    const before = agentMessages().length;
    await mutate(
      t,
      "inbox.sendTemplate",
      {
        conversationId,
        name: "order_update",
        language: "en_US",
        values: { "header.1": "A-1", "body.1": "Budi", "body.2": "A-1" },
      },
      agent.cookie,
    );
    await live.graph.waitFor(() => agentMessages().length > before, 15_000);
    expect(agentMessages().at(-1)?.body).toMatchObject({
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "A-1" }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Budi" },
              { type: "text", text: "A-1" },
            ],
          },
        ],
      },
    });
    const after = data<InboxConversation>(
      await query(t, "inbox.conversation", { conversationId }, agent.cookie),
    );
    expect(after.transcript.at(-1)?.body).toBe(
      "[template order_update] Order A-1\nHi Budi, news about your order A-1. Reply to continue.\nToko Ana",
    );
  });

  it("tells agents about a conversation waiting too long and admins about a channel that needs a token", async () => {
    await mutate(t, "workspace.setHandoffAlert", { minutes: 1 }, admin);
    await t.db
      .updateTable("conversations")
      .set({ handoff_at: sql`now() - interval '10 minutes'` })
      .where("id", "=", conversationId)
      .execute();
    // The customer wrote again 3 minutes ago, after the agent's last message: they wait since then.
    await t.db
      .insertInto("transcript")
      .values({
        conversation_id: conversationId,
        direction: "in",
        block_id: null,
        body_enc: t.cipher.encrypt("hello?", "transcript.body"),
      })
      .execute();
    await t.db
      .updateTable("transcript")
      .set({ created_at: sql`now() - interval '3 minutes'` } as never)
      .where("conversation_id", "=", conversationId)
      .where("direction", "=", "in")
      .execute();
    const forAgent = data<Array<{ kind: string; link: string }>>(
      await query(t, "notices.list", undefined, agent.cookie),
    );
    expect(forAgent).toContainEqual(
      expect.objectContaining({ kind: "waiting_too_long", link: `/inbox/${conversationId}` }),
    );
    await t.db
      .updateTable("channels")
      .set({ status: "needs_token" })
      .where("id", "=", live.channelId)
      .execute();
    const forAdmin = data<Array<{ kind: string }>>(await query(t, "notices.list", undefined, admin));
    expect(forAdmin.map((n) => n.kind)).toContain("channel_needs_token");
    expect(forAgent.map((n) => n.kind)).not.toContain("channel_needs_token");
    await t.db.updateTable("channels").set({ status: "active" }).where("id", "=", live.channelId).execute();
  });

  it("records a script that fails for a customer as a notice for people who edit flows", async () => {
    const deps = t.engine.depsFor("runtime", t.workspaceId);
    const outcome = await deps.runScript?.({
      workspaceId: t.workspaceId,
      blockId: "lookup_order",
      data: {
        ...scriptBlock.defaults(),
        code: "throw new Error('order service down for 4111 1111 1111 1111')",
      },
      variables: {},
    });
    expect(outcome?.ok).toBe(false);
    const notices = data<Array<{ id: string; kind: string; label: string; detail: string }>>(
      await query(t, "notices.list", undefined, admin),
    );
    const failed = notices.find((n) => n.kind === "script_failed");
    expect(failed?.label).toBe("Script block lookup_order failed for a customer");
    expect(failed?.detail).toContain("order service down");
    expect(failed?.detail).not.toContain("4111 1111 1111 1111");
    // Agents answer customers; they are not told about scripts.
    const forAgent = data<Array<{ kind: string }>>(await query(t, "notices.list", undefined, agent.cookie));
    expect(forAgent.map((n) => n.kind)).not.toContain("script_failed");
    const refused = await t.call("notices.dismiss", { noticeId: failed?.id }, { cookie: agent.cookie });
    expect(refused.statusCode).toBe(404);
    await mutate(t, "notices.dismiss", { noticeId: failed?.id }, admin);
    const after = data<Array<{ kind: string }>>(await query(t, "notices.list", undefined, admin));
    expect(after.map((n) => n.kind)).not.toContain("script_failed");
  });

  it("hands the conversation back to the bot, audited; only the agent holding it may", async () => {
    const other = await t.call("inbox.handBack", { conversationId }, { cookie: otherAgent.cookie });
    expect(other.statusCode).toBe(409);
    await mutate(t, "inbox.handBack", { conversationId }, agent.cookie);
    const list = data<{ conversations: unknown[] }>(await query(t, "inbox.list", undefined, agent.cookie));
    expect(list.conversations).toHaveLength(0);
    const again = await t.call("inbox.close", { conversationId }, { cookie: agent.cookie });
    expect(again.statusCode).toBe(409);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "conversation.handed_back")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
