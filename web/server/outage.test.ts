// PostgreSQL restarts under load, on a private cluster this test starts and stops (never the shared
// server): the web process and runtime processes live through them, answer 503 while the database is
// away, answer the next webhook within moments of its return, and lose no webhook they acknowledged.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectDatabase, migrateToLatest } from "@benteng/db";
import { wamidIndex } from "@benteng/db/queries/outbox";
import { type PrivatePostgres, startPrivatePostgres } from "@benteng/db/testing/privatePostgres";
import { newWamid, signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing";
import { type RuntimeHarness, startRuntimeHarness } from "@benteng/runtime/testing/runtimeHarness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pg = await startPrivatePostgres();

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

describe.skipIf(!pg)("PostgreSQL restarts under load", () => {
  const cluster = pg as PrivatePostgres;
  let h: RuntimeHarness;
  let dataDir: string;
  let env: Record<string, string>;
  const servers: Server[] = [];

  beforeAll(async () => {
    const database = await connectDatabase({ kind: "postgres", url: cluster.url, poolSize: 4 });
    await migrateToLatest(database.db);
    h = await startRuntimeHarness({ database: { ...database, url: cluster.url } });
    dataDir = mkdtempSync(join(tmpdir(), "benteng-outage-"));
    env = {
      DATABASE_URL: cluster.url,
      BENTENG_MASTER_KEY: h.masterKey.toString("base64"),
      BENTENG_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "fatal",
      NODE_ENV: "test",
    };
    servers.push(
      await spawnServer(
        "web",
        ["web/server/main.ts"],
        { ...env, BENTENG_RUNTIME_WORKERS: "1" },
        /running at (\S+)/,
      ),
      await spawnServer(
        "runtime 1",
        ["web/server/cli/main.ts", "runtime"],
        env,
        /receiving webhooks at (http:\/\/[^/]+)/,
      ),
      await spawnServer(
        "runtime 2",
        ["web/server/cli/main.ts", "runtime"],
        env,
        /receiving webhooks at (http:\/\/[^/]+)/,
      ),
    );
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
    await h?.close();
    cluster.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function spawnProcess(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    return {
      child,
      output: () => output,
      async waitFor(pattern: RegExp, ms = 120_000): Promise<RegExpMatchArray> {
        const until = Date.now() + ms;
        while (Date.now() < until && child.exitCode === null) {
          const m = output.match(pattern);
          if (m) return m;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no ${pattern}:\n${output}`);
      },
    };
  }

  async function spawnServer(
    name: string,
    args: string[],
    env: Record<string, string>,
    ready: RegExp,
  ): Promise<Server> {
    const p = spawnProcess(args, env);
    const m = await p.waitFor(ready);
    return { name, child: p.child, url: m[1] as string, output: p.output };
  }

  type Outcome = number | "refused" | "timeout" | `error: ${string}`;
  async function postWebhook(server: Server, waId: string): Promise<{ wamid: string; outcome: Outcome }> {
    const wamid = newWamid();
    const body = JSON.stringify(
      webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi", wamid)] }),
    );
    try {
      const res = await fetch(`${server.url}/webhooks/whatsapp/${h.channelId}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhook(body, h.appSecret),
        },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      await res.arrayBuffer();
      return { wamid, outcome: res.status };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      if (cause === "ECONNREFUSED") return { wamid, outcome: "refused" };
      if ((e as Error).name === "TimeoutError") return { wamid, outcome: "timeout" };
      return { wamid, outcome: `error: ${(e as Error).message}` };
    }
  }

  it("survive, answer 503 during the outage, answer the next webhook soon after, and lose nothing acknowledged", async () => {
    const results: Array<{ wamid: string; outcome: Outcome }> = [];
    let loading = true;
    // Four clients post continuously to every process in turn, the database up or not.
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, client) => {
        for (let i = 0; loading; i++) {
          const server = servers[(client + i) % servers.length] as Server;
          results.push(await postWebhook(server, `6281300${client}${String(i % 20).padStart(4, "0")}`));
        }
      }),
    );
    const recovery: number[] = [];
    try {
      for (let cycle = 0; cycle < 3; cycle++) {
        await new Promise((r) => setTimeout(r, 1_500));
        cluster.stop();
        await new Promise((r) => setTimeout(r, 3_000));
        for (const s of servers) {
          expect(s.child.exitCode, `${s.name} exited:\n${s.output()}`).toBeNull();
          const health = await fetch(`${s.url}/healthz`);
          expect(health.status).toBe(503);
          expect(((await health.json()) as { degraded: Record<string, string> }).degraded).toHaveProperty(
            "database",
          );
          expect((await postWebhook(s, "6281399990000")).outcome).toBe(503);
        }
        cluster.start();
        const back = Date.now();
        for (const s of servers) {
          let outcome: Outcome = 0;
          while (outcome !== 200 && Date.now() - back < 30_000) {
            ({ outcome } = await postWebhook(s, "6281399990001"));
            if (outcome !== 200) await new Promise((r) => setTimeout(r, 50));
          }
          expect(outcome, `${s.name} never answered 200 again`).toBe(200);
          recovery.push(Date.now() - back);
          expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
        }
      }
    } finally {
      loading = false;
      await load;
    }
    process.stderr.write(`[outage] first 200 after the database came back (ms): ${recovery.join(", ")}\n`);
    // Processes are checked in turn after the restart: the first is timed alone; each answered in time.
    expect(Math.min(...recovery)).toBeLessThan(1_000);
    expect(Math.max(...recovery)).toBeLessThan(10_000);

    for (const s of servers) expect(s.child.exitCode, `${s.name} exited:\n${s.output()}`).toBeNull();
    const outcomes = new Map<string, number>();
    for (const r of results) outcomes.set(String(r.outcome), (outcomes.get(String(r.outcome)) ?? 0) + 1);
    process.stderr.write(
      `[outage] webhook outcomes under load: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    // Only "stored" or "retry later": never a refused connection, a hang or another answer.
    expect([...outcomes.keys()].filter((k) => k !== "200" && k !== "503")).toEqual([]);
    expect(outcomes.get("503") ?? 0).toBeGreaterThan(0);
    const acknowledged = results.filter((r) => r.outcome === 200).map((r) => wamidIndex(h.cipher, r.wamid));
    const stored = new Set(
      (
        await h.db.selectFrom("inbox").select("wa_message_id").where("channel_id", "=", h.channelId).execute()
      ).map((r) => r.wa_message_id),
    );
    expect(acknowledged.filter((w) => !stored.has(w))).toEqual([]);

    // And they still stop cleanly when asked.
    for (const s of servers) {
      s.child.kill("SIGTERM");
      const code = await new Promise<number | null>((resolve) => s.child.on("exit", resolve));
      expect(code, `${s.name}:\n${s.output()}`).toBe(0);
    }
  }, 300_000);

  it("a process started while the database is down waits for it, then serves", async () => {
    cluster.stop();
    const late = spawnProcess(["web/server/cli/main.ts", "runtime"], env);
    try {
      await late.waitFor(/the database is not reachable \(.*\); retrying in \d+ ms/);
      expect(late.child.exitCode).toBeNull();
    } finally {
      cluster.start();
    }
    const [, url] = await late.waitFor(/receiving webhooks at (http:\/\/[^/]+)/);
    const server = { name: "late runtime", child: late.child, url: url as string, output: late.output };
    expect((await postWebhook(server, "6281399990002")).outcome).toBe(200);
    late.child.kill("SIGTERM");
    expect(await new Promise((resolve) => late.child.on("exit", resolve))).toBe(0);
  }, 180_000);
});
