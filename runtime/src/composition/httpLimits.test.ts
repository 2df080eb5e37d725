// A client that trickles a request to hold a connection (slowloris) is cut, and the listening
// server caps its open connections below the process's descriptors.
import { connect, type Socket } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { httpServerLimits, limitConnections, MAX_CONNECTIONS } from "./httpLimits.ts";

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  app = Fastify({ logger: false, ...httpServerLimits });
  limitConnections(app.server);
  app.get("/healthz", async () => ({ ok: true }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as { port: number }).port;
});
afterAll(() => app.close());

const closedWithin = (socket: Socket) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    socket.on("error", () => {});
    socket.on("close", () => resolve(performance.now() - started));
  });

it("closes a connection whose headers never finish", { timeout: 60_000 }, async () => {
  const socket = connect(port, "127.0.0.1");
  socket.write("POST /webhooks/whatsapp/x HTTP/1.1\r\nHost: a\r\n");
  // One header line every 2 s: each byte resets any idle timer, only the headers deadline ends it.
  const trickle = setInterval(() => socket.write("X-A: b\r\n"), 2_000);
  const ms = await closedWithin(socket);
  clearInterval(trickle);
  expect(ms).toBeGreaterThan(5_000);
  expect(ms).toBeLessThan(40_000);
});

it("sets the connection cap and both deadlines on the listening server", () => {
  expect(app.server.maxConnections).toBe(MAX_CONNECTIONS);
  expect(app.server.requestTimeout).toBe(httpServerLimits.requestTimeout);
  expect(app.server.headersTimeout).toBe(httpServerLimits.http.headersTimeout);
});
