import { createVersion, publishVersion } from "@benteng/db/queries/flowVersions";
import { startRuntime } from "@benteng/runtime";
import { type FakeGraphApi, startFakeGraphApi } from "@benteng/runtime/testing/fakeGraphApi";
import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import type { Flow } from "@benteng/shared";
import type { TestApp } from "./testApp.ts";

export interface LiveChannel {
  channelId: string;
  graph: FakeGraphApi;
  /** Posts a signed text message from a customer and waits until `replies` more messages were sent. */
  customerSays(text: string, replies: number, sender?: { waId: string; name: string }): Promise<void>;
  close(): Promise<void>;
}

const APP_SECRET = "live-channel-app-secret";

/**
 * A published flow answering a channel whose Graph API is a fake on loopback, with the runtime
 * workers running: the whole customer path for API-level tests.
 */
export async function startLiveChannel(t: TestApp, flowId: string, document: Flow): Promise<LiveChannel> {
  const version = await createVersion(t.db, {
    workspaceId: t.workspaceId,
    flowId,
    document,
    lintReport: [],
    status: "approved",
    note: "",
    userId: null,
  });
  await publishVersion(t.db, t.workspaceId, flowId, version.id);
  const graph = await startFakeGraphApi();
  const phoneNumberId = String(1_000_000_000 + Math.floor(Math.random() * 1e9));
  const channel = await t.db
    .insertInto("channels")
    .values({
      workspace_id: t.workspaceId,
      name: "Main number",
      phone_number_id: phoneNumberId,
      access_token_enc: t.cipher.encrypt("EAAG-test-token", "channel.access_token"),
      app_secret_enc: t.cipher.encrypt(APP_SECRET, "channel.app_secret"),
      verify_token_enc: t.cipher.encrypt("verify", "channel.verify_token"),
      graph_base_url: graph.url,
      flow_id: flowId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const runtime = await startRuntime({
    db: t.db,
    cipher: t.cipher,
    logger: t.app.log,
    pollMs: 50,
    ...t.engine.depsFor("runtime"),
  });
  return {
    channelId: channel.id,
    graph,
    async customerSays(text, replies, sender = { waId: "6281234567890", name: "Budi Santoso" }) {
      const before = graph.messages.length;
      const body = JSON.stringify(webhookEnvelope(phoneNumberId, { messages: [textMessage(sender, text)] }));
      const res = await t.app.inject({
        method: "POST",
        url: `/webhooks/whatsapp/${channel.id}`,
        headers: { "content-type": "application/json", "x-hub-signature-256": signWebhook(body, APP_SECRET) },
        payload: body,
      });
      if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
      await graph.waitFor((m) => m.length >= before + replies, 15_000);
    },
    async close() {
      await runtime.stop();
      await graph.close();
    },
  };
}
