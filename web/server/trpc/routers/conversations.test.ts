import { flowTemplates } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "../../testing/liveChannel.ts";
import { data, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

describe("conversations and transcripts", () => {
  let t: TestApp;
  let admin: string;
  let live: LiveChannel;
  let flowId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setUpAdmin(t);
    const flow = data<{ id: string }>(
      await t.call("flows.create", { name: "Orders", template: "orderStatus" }, { cookie: admin }),
    );
    flowId = flow.id;
    live = await startLiveChannel(t, flow.id, flowTemplates.orderStatus.build());
  });
  afterAll(async () => {
    await live.close();
    await t.close();
  });

  it("lists a customer's conversation and shows its transcript with a card number masked", async () => {
    await live.customerSays("hi", 2);
    await live.customerSays("my card is 4111 1111 1111 1111", 1);
    const list = data<Array<{ id: string; customer: string; status: string; flow: string }>>(
      await query(t, "conversations.list", {}, admin),
    );
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ customer: "Budi Santoso", status: "active", flow: "Orders v1" });
    const lines = data<Array<{ direction: string; body: string }>>(
      await query(t, "conversations.transcript", { conversationId: list[0]?.id }, admin),
    );
    expect(lines.map((l) => l.direction)).toEqual(["in", "out", "out", "in", "out"]);
    expect(lines[0]?.body).toBe("hi");
    expect(JSON.stringify(lines)).not.toContain("4111 1111 1111 1111");
    expect(lines[3]?.body).toMatch(/1111/);
    // Drawn on the canvas: who reached each block, and where active conversations wait.
    const insights = data<{ blocks: Record<string, { visits: number; waiting: number }> }>(
      await query(t, "flows.insights", { flowId }, admin),
    );
    expect(insights.blocks.welcome).toMatchObject({ visits: 1, waiting: 0 });
    expect(insights.blocks.ask_order).toMatchObject({ visits: 1, waiting: 1 });
    // Delivery counts per channel.
    const channels = data<Array<{ deliveries: Record<string, number> }>>(
      await query(t, "channels.list", undefined, admin),
    );
    const total = Object.values(channels[0]?.deliveries ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(3);
  });

  it("hands a conversation that reached a person back to the bot", async () => {
    // The card message was the first invalid order number; two more give up and hand over to a person.
    for (const wrong of ["no", "still no"]) await live.customerSays(wrong, 1);
    expect(JSON.stringify(live.graph.messages.at(-1)?.body)).toContain("Connecting you to our team");
    const handedOff = data<Array<{ id: string; status: string }>>(
      await query(t, "conversations.list", { status: "handoff" }, admin),
    );
    expect(handedOff).toHaveLength(1);
    expect(
      (await t.call("conversations.handBack", { conversationId: handedOff[0]?.id }, { cookie: admin }))
        .statusCode,
    ).toBe(200);
    expect(data<unknown[]>(await query(t, "conversations.list", { status: "handoff" }, admin))).toHaveLength(
      0,
    );
  });
});
