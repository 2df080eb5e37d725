import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A tiny HTTP service on 127.0.0.1 that sandbox tests fetch from (allowed only in test mode). */
export interface LoopbackTestServer {
  origin: string;
  /** "127.0.0.1:<port>", as a script block would declare it. */
  host: string;
  /** Requests received, as "METHOD /path". */
  hits: string[];
  close(): Promise<void>;
}

/**
 * Routes: /json, /echo (echoes method, headers and body), /slow (answers after 300 ms), /big (2 MB),
 * /redirect?to=<url> (302 to that URL), /redirect307?to=<url> (307: method and body kept).
 */
export async function startLoopbackTestServer(): Promise<LoopbackTestServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(`${req.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (url.pathname === "/json") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ status: "shipped", items: 2 }));
      } else if (url.pathname === "/echo") {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            method: req.method,
            headers: req.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      } else if (url.pathname === "/slow") {
        setTimeout(() => res.end("late"), 300);
      } else if (url.pathname === "/big") {
        res.end("x".repeat(2 * 1024 * 1024));
      } else if (url.pathname === "/redirect" || url.pathname === "/redirect307") {
        res.statusCode = url.pathname === "/redirect" ? 302 : 307;
        res.setHeader("location", url.searchParams.get("to") ?? "/json");
        res.end();
      } else {
        res.statusCode = 404;
        res.end("not found");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
