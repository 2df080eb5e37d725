import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraphApi, startFakeGraphApi } from "../testing/fakeGraphApi.ts";
import { graphClient } from "./graphClient.ts";

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(async () => {
  await graph.close();
});

describe("graphClient", () => {
  it("posts to /{phone-number-id}/messages with the bearer token and returns the wamid", async () => {
    const client = graphClient({ graphBaseUrl: `${graph.url}/`, phoneNumberId: "1055", accessToken: "tok" });
    const result = await client.sendMessage({ kind: "text", body: "Halo" }, "6281200000001");
    expect(result).toMatchObject({ ok: true });
    const seen = graph.messages.at(-1)!;
    expect(seen.phoneNumberId).toBe("1055");
    expect(seen.headers.authorization).toBe("Bearer tok");
    expect(result.ok && result.waMessageId).toBe(seen.waMessageId);
  });

  it("classifies Meta's error contract by code", async () => {
    const client = graphClient({ graphBaseUrl: graph.url, phoneNumberId: "1055", accessToken: "tok" });
    graph.failNext(131047);
    expect(await client.sendMessage({ kind: "text", body: "x" }, "62812")).toMatchObject({
      ok: false,
      code: 131047,
      httpStatus: 400,
      disposition: "permanent",
    });
    graph.failNext(130429);
    expect(await client.sendMessage({ kind: "text", body: "x" }, "62812")).toMatchObject({
      disposition: "retry",
    });
    graph.failNext(190, 401);
    expect(await client.sendMessage({ kind: "text", body: "x" }, "62812")).toMatchObject({
      disposition: "needs_token",
    });
  });

  it("turns a refused connection and a silent server into retryable results, never throws", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = graphClient({
      graphBaseUrl: `http://127.0.0.1:${port}/v23.0`,
      phoneNumberId: "1",
      accessToken: "t",
    });
    expect(await refused.markAsRead("wamid.x")).toMatchObject({
      ok: false,
      code: null,
      disposition: "retry",
    });

    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const slow = graphClient({
      graphBaseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v23.0`,
      phoneNumberId: "1",
      accessToken: "t",
      timeoutMs: 200,
    });
    const result = await slow.markAsRead("wamid.x");
    expect(result).toMatchObject({ ok: false, disposition: "retry" });
    expect(!result.ok && result.message).toContain("no answer within 200 ms");
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
