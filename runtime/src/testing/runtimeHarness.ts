import { randomBytes } from "node:crypto";
import { Cipher, type DatabaseHandle, type Db } from "@benteng/db";
import { createChannel } from "@benteng/db/queries/channels";
import { createFlow } from "@benteng/db/queries/flows";
import { createVersion, publishVersion } from "@benteng/db/queries/flowVersions";
import { ensureInstallationWorkspace } from "@benteng/db/queries/workspaces";
import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import type { Flow } from "@benteng/shared";
import Fastify, { type FastifyInstance } from "fastify";
import { webhookRoutes } from "../http/webhookRoutes.ts";
import { type Runtime, type RuntimeOptions, startRuntime } from "../runtimeService.ts";
import { type FakeGraphApi, startFakeGraphApi } from "./fakeGraphApi.ts";
import { sampleFlow } from "./sampleFlow.ts";
import { metaJson, signWebhook } from "./webhookPayloads.ts";

export interface RuntimeHarness {
  db: Db;
  cipher: Cipher;
  /** The cipher's key, for runtime processes started by a test. */
  masterKey: Buffer;
  url: string | null;
  workspaceId: string;
  channelId: string;
  phoneNumberId: string;
  appSecret: string;
  graph: FakeGraphApi;
  app: FastifyInstance;
  /** POSTs a payload (Meta-escaped and signed unless told otherwise) to the channel's webhook. */
  post(
    payload: unknown,
    options?: { signature?: string | null; raw?: string | Buffer; channelId?: string },
  ): Promise<{ statusCode: number; body: string }>;
  startRuntime(options?: Partial<RuntimeOptions>): Promise<Runtime>;
  close(): Promise<void>;
}

/**
 * A fresh database with a workspace, a published flow and a channel pointed at a fake Graph API, plus
 * the webhook plugin in a Fastify app: the whole message path, for tests and the benchmark.
 */
export async function startRuntimeHarness(
  options: {
    flow?: Flow;
    database?: DatabaseHandle & { url: string | null };
    /** Point the channel at this Graph API instead of the harness's own fake (the benchmark's is in a worker thread). */
    graphBaseUrl?: string;
    /** The harness's fake Graph API serves https and HTTP/2 (the runtime is told to trust it). */
    graphTls?: boolean;
  } = {},
): Promise<RuntimeHarness> {
  const database = options.database ?? (await createTestDatabase());
  const { db } = database;
  const masterKey = randomBytes(32);
  const cipher = new Cipher([masterKey]);
  const workspaceId = await ensureInstallationWorkspace(db);
  const flow = options.flow ?? sampleFlow();
  const created = await createFlow(db, { workspaceId, name: "Shop assistant", draft: flow, userId: null });
  const version = await createVersion(db, {
    workspaceId,
    flowId: created.id,
    document: flow,
    lintReport: [],
    status: "approved",
    note: "",
    userId: null,
  });
  await publishVersion(db, workspaceId, created.id, version.id);
  const graph = await startFakeGraphApi({ tls: options.graphTls ?? false });
  const appSecret = randomBytes(16).toString("hex");
  const phoneNumberId = String(100_000_000_000 + Math.floor(Math.random() * 1e9));
  const channelId = await createChannel(db, cipher, {
    workspaceId,
    name: "Test number",
    phoneNumberId,
    accessToken: "test-access-token",
    appSecret,
    verifyToken: "verify-me",
    graphBaseUrl: options.graphBaseUrl ?? graph.url,
    flowId: created.id,
  });
  const app = Fastify({ logger: false });
  await app.register(webhookRoutes, { db, cipher });
  await app.ready();
  const runtimes: Runtime[] = [];

  return {
    db,
    cipher,
    masterKey,
    url: database.url,
    workspaceId,
    channelId,
    phoneNumberId,
    appSecret,
    graph,
    app,
    async post(payload, postOptions = {}) {
      const body = postOptions.raw ?? metaJson(payload);
      const signature =
        postOptions.signature === undefined ? signWebhook(body, appSecret) : postOptions.signature;
      const response = await app.inject({
        method: "POST",
        url: `/webhooks/whatsapp/${postOptions.channelId ?? channelId}`,
        headers: {
          "content-type": "application/json",
          ...(signature ? { "x-hub-signature-256": signature } : {}),
        },
        payload: body,
      });
      return { statusCode: response.statusCode, body: response.body };
    },
    async startRuntime(runtimeOptions = {}) {
      const runtime = await startRuntime({
        db,
        cipher,
        pollMs: 50,
        ...(graph.ca ? { graphCa: graph.ca } : {}),
        ...runtimeOptions,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const r of runtimes) await r.stop();
      await app.close();
      await graph.close();
      await database.close();
    },
  };
}
