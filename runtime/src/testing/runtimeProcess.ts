// A runtime in its own process, for tests that kill it (SIGKILL) mid-load. Configured by env:
// DATABASE_URL, BENTENG_TEST_KEY (base64 master key), BENTENG_TEST_LEASE_MS. Prints "ready" when up.
import { Cipher, connectDatabase } from "@benteng/db";
import { startRuntime } from "../runtimeService.ts";

const url = process.env.DATABASE_URL;
const key = process.env.BENTENG_TEST_KEY;
if (!url || !key) throw new Error("runtimeProcess needs DATABASE_URL and BENTENG_TEST_KEY");
const handle = await connectDatabase({ kind: "postgres", url, poolSize: 4 });
await startRuntime({
  db: handle.db,
  cipher: new Cipher([Buffer.from(key, "base64")]),
  workers: 2,
  batchSize: 4,
  pollMs: 50,
  listenUrl: url,
  rateLimitPerSecond: 100_000,
  sendLeaseMs: Number(process.env.BENTENG_TEST_LEASE_MS ?? 60_000),
});
process.stdout.write("ready\n");
