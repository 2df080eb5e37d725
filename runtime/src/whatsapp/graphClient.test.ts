import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraphApi, startFakeGraphApi } from "../testing/fakeGraphApi.ts";
import { selfSignedCertificate } from "../testing/selfSignedCertificate.ts";
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

  it("speaks HTTP/2 to a server that offers it over TLS, many sends sharing one connection", async () => {
    const h2 = await startFakeGraphApi({ tls: true });
    try {
      const client = graphClient({
        graphBaseUrl: h2.url,
        phoneNumberId: "1077",
        accessToken: "tok",
        ca: h2.ca as string,
      });
      expect(await client.sendMessage({ kind: "text", body: "first" }, "62812")).toMatchObject({ ok: true });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.sendMessage({ kind: "text", body: `n${i}` }, "62812")),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(h2.messages).toHaveLength(21);
      // Streams of the connection the first send opened, not a connection each.
      expect(h2.connections).toBe(1);
      for (const m of h2.messages) {
        expect(m.httpVersion).toBe("2.0");
        expect(m.headers.authorization).toBe("Bearer tok");
      }
      // Meta's error contract reads the same over HTTP/2.
      h2.failNext(131047);
      expect(await client.sendMessage({ kind: "text", body: "x" }, "62812")).toMatchObject({
        ok: false,
        code: 131047,
        disposition: "permanent",
      });
    } finally {
      await h2.close();
    }
  });

  it("keeps HTTP/1.1 with a TLS server that does not offer HTTP/2", async () => {
    const certificate = selfSignedCertificate();
    const versions: string[] = [];
    const server = https.createServer(certificate, (req, res) => {
      versions.push(req.httpVersion);
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: "wamid.h1" }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const client = graphClient({
        graphBaseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}/v23.0`,
        phoneNumberId: "1",
        accessToken: "t",
        ca: certificate.cert,
      });
      const results = await Promise.all([1, 2, 3].map(() => client.markAsRead("wamid.x")));
      expect(results).toEqual([1, 2, 3].map(() => ({ ok: true, waMessageId: "wamid.h1" })));
      expect(versions).toEqual(["1.1", "1.1", "1.1"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses a server whose certificate it was not told to trust", async () => {
    const h2 = await startFakeGraphApi({ tls: true });
    try {
      const client = graphClient({ graphBaseUrl: h2.url, phoneNumberId: "1", accessToken: "t" });
      expect(await client.markAsRead("wamid.x")).toMatchObject({
        ok: false,
        code: null,
        disposition: "retry",
      });
      expect(h2.requests).toBe(0);
    } finally {
      await h2.close();
    }
  });
});
