// Bounds every Benteng HTTP server keeps (the web app and the runtime process alike), so that
// clients that trickle bytes or open connections by the thousand cannot hold the process: a request
// must arrive whole in time, and the number of open connections stays below the descriptors the
// process has for its database, sandbox and files. Per-client limits belong to the reverse proxy
// in front (see the README).

/** Headers within 10 s and a whole request within 2 min (a 100 MB upload at 8 Mbit/s fits). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;
/** Open connections at once; the process keeps its other descriptors (20,000 here) for the rest. */
export const MAX_CONNECTIONS = 4_096;

/** Fastify options: Node checks the two timeouts every second instead of every 30 s. */
export const httpServerLimits = {
  requestTimeout: REQUEST_TIMEOUT_MS,
  http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
};

/** Applied to the listening server (Fastify has no option for it). */
export function limitConnections(server: { maxConnections: number }): void {
  server.maxConnections = MAX_CONNECTIONS;
}
