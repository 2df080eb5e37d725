// A runtime in its own process, for tests that kill it (SIGKILL) mid-load. Configured by env:
// DATABASE_URL, BENTENG_TEST_KEY (base64 master key), and optionally BENTENG_TEST_LEASE_MS (inbox and
// send leases; the runtime's defaults otherwise), BENTENG_TEST_RATE (sends per second per number),
// BENTENG_TEST_SCRIPT_MS (script blocks take this long and succeed). Prints "ready" when up.
import { Cipher, connectDatabase } from "@benteng/db";
import { startRuntime } from "../runtimeService.ts";

const url = process.env.DATABASE_URL;
const key = process.env.BENTENG_TEST_KEY;
if (!url || !key) throw new Error("runtimeProcess needs DATABASE_URL and BENTENG_TEST_KEY");
const leaseMs = process.env.BENTENG_TEST_LEASE_MS ? Number(process.env.BENTENG_TEST_LEASE_MS) : undefined;
const scriptMs = process.env.BENTENG_TEST_SCRIPT_MS ? Number(process.env.BENTENG_TEST_SCRIPT_MS) : undefined;
const handle = await connectDatabase({ kind: "postgres", url, poolSize: 4 });
await startRuntime({
  db: handle.db,
  cipher: new Cipher([Buffer.from(key, "base64")]),
  workers: 2,
  batchSize: 4,
  pollMs: 50,
  listenUrl: url,
  rateLimitPerSecond: Number(process.env.BENTENG_TEST_RATE ?? 100_000),
  ...(leaseMs ? { leaseMs, sendLeaseMs: leaseMs } : {}),
  ...(scriptMs !== undefined
    ? {
        runScript: async () => {
          await new Promise((resolve) => setTimeout(resolve, scriptMs));
          return { ok: true, output: {} };
        },
      }
    : {}),
});
process.stdout.write("ready\n");
