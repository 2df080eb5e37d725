import { Writable } from "node:stream";
import { createVersion, publishVersion } from "@benteng/db/queries/flowVersions";
import { startRuntime } from "@benteng/runtime";
import { type FakeGraphApi, startFakeGraphApi } from "@benteng/runtime/testing/fakeGraphApi";
import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import { flowTemplates } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, sessionCookie, type TestApp } from "./testing/testApp.ts";

const PASSWORD = "correct horse battery staple";
const ACCESS_TOKEN = "EAAGsecretAccessToken123";
const APP_SECRET = "app-secret-never-logged";
const VERIFY_TOKEN = "verify-token-never-logged";
const CUSTOMER_TEXT = "my order is ZX-9911 and card 4111111111111111";

describe("logs never contain passwords, tokens, secrets, cookies or message bodies", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;
  let graph: FakeGraphApi;
  let stopRuntime: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: "trace" }, sink);
    graph = await startFakeGraphApi();
    const runtime = await startRuntime({
      db: t.db,
      cipher: t.cipher,
      logger: t.app.log,
      pollMs: 50,
      ...t.engine.depsFor("runtime"),
    });
    stopRuntime = () => runtime.stop();
  });
  afterAll(async () => {
    await stopRuntime();
    await graph.close();
    await t.close();
  });

  it("through setup, login, channel setup, a signed webhook and the reply", async () => {
    const cookie = sessionCookie(
      await t.call("setup.createAdmin", { email: "a@example.com", displayName: "A", password: PASSWORD }),
    );
    await t.call("auth.login", { email: "a@example.com", password: PASSWORD });
    await t.call("auth.login", { email: "a@example.com", password: `${PASSWORD}-wrong` });
    const flow = (
      await t.call("flows.create", { name: "Orders", template: "orderStatus" }, { cookie })
    ).json().result.data;
    const version = await createVersion(t.db, {
      workspaceId: t.workspaceId,
      flowId: flow.id,
      document: flowTemplates.orderStatus.build(),
      lintReport: [],
      status: "approved",
      note: "",
      userId: null,
    });
    await publishVersion(t.db, t.workspaceId, flow.id, version.id);
    const channel = await t.db
      .insertInto("channels")
      .values({
        workspace_id: t.workspaceId,
        name: "Main",
        phone_number_id: "1065403522",
        access_token_enc: t.cipher.encrypt(ACCESS_TOKEN, "channel.access_token"),
        app_secret_enc: t.cipher.encrypt(APP_SECRET, "channel.app_secret"),
        verify_token_enc: t.cipher.encrypt(VERIFY_TOKEN, "channel.verify_token"),
        graph_base_url: graph.url,
        flow_id: flow.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.call("channels.list", undefined, { cookie });
    const post = async (text: string) => {
      const body = JSON.stringify(
        webhookEnvelope("1065403522", {
          messages: [textMessage({ waId: "6281234567890", name: "Budi Santoso" }, text)],
        }),
      );
      const res = await t.app.inject({
        method: "POST",
        url: `/webhooks/whatsapp/${channel.id}`,
        headers: { "content-type": "application/json", "x-hub-signature-256": signWebhook(body, APP_SECRET) },
        payload: body,
      });
      expect(res.statusCode).toBe(200);
    };
    await post("hello");
    await graph.waitFor((m) => m.length >= 2, 15_000);
    await post(CUSTOMER_TEXT);
    await graph.waitFor((m) => m.length >= 3, 15_000);
    await t.app.inject({
      method: "GET",
      url: `/webhooks/whatsapp/${channel.id}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`,
    });

    const log = lines.join("");
    expect(log.length).toBeGreaterThan(1000);
    const token = cookie.split("=")[1] as string;
    for (const secret of [
      PASSWORD,
      ACCESS_TOKEN,
      APP_SECRET,
      VERIFY_TOKEN,
      token,
      "4111111111111111",
      "ZX-9911",
      "Budi Santoso",
      "sha256=",
    ]) {
      expect(log, `log contains ${secret}`).not.toContain(secret);
    }
  });
});
