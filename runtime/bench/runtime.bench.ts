// The runtime's end-to-end benchmark: signed webhooks over loopback HTTP → durable inbox → engine
// (question, condition, buttons) → outbox → fake Graph API. Run: node runtime/bench/runtime.bench.ts
// Uses a fresh database on DATABASE_URL when set (the meaningful number), in-memory PGlite otherwise.
// The load generator and the fake Graph API run in a worker thread, so the main thread is the runtime
// alone, as in production. Progress goes to stderr; ONE JSON line comes last on stdout.
// BENCH_GRAPH=h2: the fake Graph API serves https and HTTP/2 (as graph.facebook.com does) instead of
// plain HTTP/1.1. BENCH_NODE_RED=<folder>: Node-RED 4 (installed there from the npm registry when
// missing) runs the same conversation without durability, driven by the same driver, its phases
// alternating with Benteng's at each rate; the JSON line then carries both.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { Cipher, connectDatabase, migrateToLatest } from "@benteng/db";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { sql } from "kysely";
import { startFakeGraphApi } from "../src/testing/fakeGraphApi.ts";
import { startRuntimeHarness } from "../src/testing/runtimeHarness.ts";
import {
  buttonReply,
  metaJson,
  signWebhook,
  textMessage,
  webhookEnvelope,
} from "../src/testing/webhookPayloads.ts";
import { startNodeRed } from "./nodeRed.ts";

const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 3);
const RATES = (process.env.BENCH_RATES ?? "250,500,750,1000,1250,1500,2000,2500,3000,4000")
  .split(",")
  .map(Number);
const DRAIN_MS = 5_000;
/** After the drain, how long a phase keeps waiting for late replies while they still come. */
const LATE_IDLE_MS = 10_000;
/** Meta retries a webhook that did not get a 200; so does the driver, after these waits (ms). */
const POST_RETRY_MS = [100, 200, 400, 800, 1_600, 3_200];
/** A rate counts as sustained when every message is answered and p99 stays under this. */
const SUSTAINED_P99_MS = 1_000;
const GRAPH_TLS = process.env.BENCH_GRAPH === "h2";
const NODE_RED_FOLDER = process.env.BENCH_NODE_RED;

interface PhaseRequest {
  rate: number;
  phase: number;
  port: number;
  channelId: string;
  phoneNumberId: string;
  appSecret: string;
}

interface PhaseResult {
  rate: number;
  offered: number;
  answered: number;
  /** Answered, but only after the 5 s drain that follows the last webhook's 200 (a backlog, not a loss). */
  late: number;
  /** Never answered, though the webhook got its 200 (after retries): a lost message. */
  lost: number;
  duplicated: number;
  /** Webhooks that never got a 200, even after POST_RETRY_MS (Meta would go on retrying). */
  failedPosts: number;
  /** Webhook POSTs answered with something other than 200 and sent again. */
  retriedPosts: number;
  p50: number;
  p99: number;
  /** Messages answered per second over the phase and its drain. */
  achieved: number;
  /** CPU time of the load generator and fake Graph API (this worker thread) over the phase. */
  driverCpuMs: number;
  /** CPU time of the runtime (the process minus the driver thread; not the database) per message. */
  cpuMsPerMessage?: number;
  /** Statements the database ran for this phase per message (pg_stat_statements, when loaded). */
  statementsPerMessage?: number;
  /** WAL flushes of the database server per message (the whole server's). */
  walSyncsPerMessage?: number;
  /** AES-GCM encryptions and decryptions of the runtime per message. */
  encryptsPerMessage?: number;
  decryptsPerMessage?: number;
}

/** AES-GCM operations of the runtime (main thread), counted by wrapping the Cipher's two primitives. */
const cryptoOps = { encrypt: 0, decrypt: 0 };
function countCryptoOps(): void {
  const { encrypt, decrypt } = Cipher.prototype;
  Cipher.prototype.encrypt = function (this: Cipher, ...args: Parameters<Cipher["encrypt"]>) {
    cryptoOps.encrypt++;
    return encrypt.apply(this, args);
  };
  Cipher.prototype.decrypt = function (this: Cipher, ...args: Parameters<Cipher["decrypt"]>) {
    cryptoOps.decrypt++;
    return decrypt.apply(this, args);
  };
}

async function main(): Promise<void> {
  countCryptoOps();
  const worker = new Worker(new URL(import.meta.url), { execArgv: process.execArgv });
  const call = <T>(message: unknown) =>
    new Promise<T>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage(message);
    });
  const graph = await call<{ url: string; ca: string | null }>({ type: "start" });
  const graphUrl = graph.url;

  const fresh = await createFreshDatabaseUrl();
  const statements = fresh.url ? await statementCounter(fresh.url) : null;
  const handle = await connectDatabase(
    fresh.url
      ? { kind: "postgres", url: fresh.url, poolSize: Number(process.env.BENCH_POOL ?? 12) }
      : { kind: "pglite", dataDir: null },
  );
  await migrateToLatest(handle.db);
  const h = await startRuntimeHarness({
    database: {
      ...handle,
      url: fresh.url,
      close: async () => {
        await handle.close();
        await fresh.drop();
      },
    },
    graphBaseUrl: graphUrl,
  });
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  const port = (h.app.server.address() as AddressInfo).port;
  const runtime = await h.startRuntime({
    workers: fresh.url ? 2 : 1,
    batchSize: 128,
    sendBatchSize: 512,
    // One fake number stands in for many real ones: Meta's per-number limit is not what is measured.
    rateLimitPerSecond: 1_000_000,
    pollMs: 200,
    ...(graph.ca ? { graphCa: graph.ca } : {}),
    // The runtime's own warnings and errors (a failed send, a set-aside message) go to stderr.
    logger: {
      info() {},
      warn: (fields, message) =>
        process.stderr.write(`runtime warning: ${message} ${JSON.stringify(fields)}\n`),
      error: (fields, message) =>
        process.stderr.write(`runtime error: ${message} ${JSON.stringify(fields)}\n`),
    },
  });
  // This machine is shared: the load average says how much of it the benchmark actually had.
  process.stderr.write(
    `database: ${fresh.url ? "PostgreSQL" : "PGlite (in memory)"}; cores: ${availableParallelism()}; load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );

  const nodeRed = NODE_RED_FOLDER
    ? await startNodeRed({
        folder: NODE_RED_FOLDER,
        graphUrl,
        graphCa: graph.ca,
        channelId: h.channelId,
        phoneNumberId: h.phoneNumberId,
        appSecret: h.appSecret,
      })
    : null;
  if (nodeRed) process.stderr.write(`node-red ${nodeRed.version} on port ${nodeRed.port}\n`);
  const nodeRedResults: PhaseResult[] = [];
  let nodeRedDone = !nodeRed;
  let bentengDone = false;

  const results: PhaseResult[] = [];
  let cpuMsTotal = 0;
  let phase = 0;
  for (const rate of RATES) {
    if (bentengDone && nodeRedDone) break;
    // Node-RED first at odd rates, second at even ones: neither always runs on the other's heels.
    const nodeRedFirst = nodeRed && RATES.indexOf(rate) % 2 === 1;
    const runNodeRed = async () => {
      if (!nodeRed || nodeRedDone) return;
      const cpuBefore = nodeRed.cpuMs();
      const result = await call<PhaseResult>({
        type: "phase",
        rate,
        phase: phase++,
        port: nodeRed.port,
        channelId: h.channelId,
        phoneNumberId: h.phoneNumberId,
        appSecret: h.appSecret,
      } satisfies PhaseRequest & { type: string });
      result.cpuMsPerMessage = round2((nodeRed.cpuMs() - cpuBefore) / Math.max(1, result.answered));
      nodeRedResults.push(result);
      process.stderr.write(`node-red ${JSON.stringify(result)}\n`);
      if (result.lost > 0 || result.late > 0 || result.p99 > 4 * SUSTAINED_P99_MS) nodeRedDone = true;
    };
    if (nodeRedFirst) await runNodeRed();
    if (bentengDone) {
      await runNodeRed();
      continue;
    }
    const cpu = process.cpuUsage();
    const statementsBefore = (await statements?.count()) ?? 0;
    const walSyncsBefore = (await statements?.walSyncs()) ?? 0;
    const encryptsBefore = cryptoOps.encrypt;
    const decryptsBefore = cryptoOps.decrypt;
    const result = await call<PhaseResult>({
      type: "phase",
      rate,
      phase: phase++,
      port,
      channelId: h.channelId,
      phoneNumberId: h.phoneNumberId,
      appSecret: h.appSecret,
    } satisfies PhaseRequest & { type: string });
    const used = process.cpuUsage(cpu);
    const runtimeCpuMs = Math.max(0, (used.user + used.system) / 1000 - result.driverCpuMs);
    cpuMsTotal += runtimeCpuMs;
    result.cpuMsPerMessage = round2(runtimeCpuMs / Math.max(1, result.answered));
    result.encryptsPerMessage = round2((cryptoOps.encrypt - encryptsBefore) / Math.max(1, result.answered));
    result.decryptsPerMessage = round2((cryptoOps.decrypt - decryptsBefore) / Math.max(1, result.answered));
    if (statements) {
      result.statementsPerMessage = round2(
        ((await statements.count()) - statementsBefore) / Math.max(1, result.answered),
      );
      result.walSyncsPerMessage = round2(
        ((await statements.walSyncs()) - walSyncsBefore) / Math.max(1, result.answered),
      );
    }
    results.push(result);
    process.stderr.write(`${nodeRed ? "benteng " : ""}${JSON.stringify(result)}\n`);
    if (result.lost > 0 || result.late > 0 || result.p99 > 4 * SUSTAINED_P99_MS) bentengDone = true;
    if (!nodeRedFirst) await runNodeRed();
  }
  await nodeRed?.stop();
  await runtime.stop();
  await statements?.close();
  await h.close();
  await call({ type: "stop" });
  await worker.terminate();

  const at1000 = results.find((r) => r.rate === 1000);
  const summary = {
    graph_api: GRAPH_TLS ? "https, HTTP/2" : "http, HTTP/1.1",
    max_msgs_per_s: maxSustained(results),
    // Every rate measured, so that a run on a busy machine (stopped early) still compares.
    p99_ms_by_rate: byRate(results, (r) => r.p99),
    p50_ms_at_1000: at1000 ? at1000.p50 : null,
    p99_ms_at_1000: at1000 ? at1000.p99 : null,
    cpu_ms_per_msg_at_1000: at1000?.cpuMsPerMessage ?? null,
    statements_per_msg_at_1000: at1000?.statementsPerMessage ?? null,
    wal_syncs_per_msg_at_1000: at1000?.walSyncsPerMessage ?? null,
    crypto_ops_per_msg_at_1000: at1000
      ? round2((at1000.encryptsPerMessage ?? 0) + (at1000.decryptsPerMessage ?? 0))
      : null,
    sent: results.reduce((s, r) => s + r.answered, 0),
    late: results.reduce((s, r) => s + r.late, 0),
    lost: results.reduce((s, r) => s + r.lost, 0),
    failed_posts: results.reduce((s, r) => s + r.failedPosts, 0),
    duplicated: results.reduce((s, r) => s + r.duplicated, 0),
    // Less noisy than latency on a shared machine: what each message cost the runtime, all phases.
    cpu_ms_per_message: round2(
      cpuMsTotal /
        Math.max(
          1,
          results.reduce((s, r) => s + r.answered, 0),
        ),
    ),
    ...(nodeRed
      ? {
          node_red: {
            version: nodeRed.version,
            max_msgs_per_s: maxSustained(nodeRedResults),
            p50_ms_at_1000: nodeRedResults.find((r) => r.rate === 1000)?.p50 ?? null,
            p99_ms_at_1000: nodeRedResults.find((r) => r.rate === 1000)?.p99 ?? null,
            cpu_ms_per_msg_at_1000: nodeRedResults.find((r) => r.rate === 1000)?.cpuMsPerMessage ?? null,
            p99_ms_by_rate: byRate(nodeRedResults, (r) => r.p99),
            cpu_ms_per_message: round2(
              nodeRedResults.reduce((s, r) => s + (r.cpuMsPerMessage ?? 0) * r.answered, 0) /
                Math.max(
                  1,
                  nodeRedResults.reduce((s, r) => s + r.answered, 0),
                ),
            ),
            sent: nodeRedResults.reduce((s, r) => s + r.answered, 0),
            lost: nodeRedResults.reduce((s, r) => s + r.lost, 0),
            failed_posts: nodeRedResults.reduce((s, r) => s + r.failedPosts, 0),
            duplicated: nodeRedResults.reduce((s, r) => s + r.duplicated, 0),
          },
        }
      : {}),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function byRate(results: PhaseResult[], value: (r: PhaseResult) => number): Record<string, number> {
  return Object.fromEntries(results.map((r) => [String(r.rate), value(r)]));
}

/** The highest rate answered in full with p99 ≤ SUSTAINED_P99_MS (capped by what was achieved). */
function maxSustained(results: PhaseResult[]): number {
  const sustained = results.filter(
    (r) =>
      r.lost === 0 && r.late === 0 && r.duplicated === 0 && r.failedPosts === 0 && r.p99 <= SUSTAINED_P99_MS,
  );
  return Math.round(sustained.reduce((m, r) => Math.max(m, Math.min(r.rate, r.achieved)), 0));
}

// Kept across phases, so each phase starts on warm connections.
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** The worker thread: fake Graph API + load generator. */
async function workerMain(): Promise<void> {
  const graph = await startFakeGraphApi({ tls: GRAPH_TLS });
  parentPort!.on("message", async (message: { type: string } & Partial<PhaseRequest>) => {
    if (message.type === "start") parentPort!.postMessage({ url: graph.url, ca: graph.ca });
    else if (message.type === "phase") {
      const cpu = process.threadCpuUsage();
      const result = await runPhase(graph, message as PhaseRequest);
      const used = process.threadCpuUsage(cpu);
      parentPort!.postMessage({ ...result, driverCpuMs: (used.user + used.system) / 1000 });
    } else if (message.type === "stop") {
      agent.destroy();
      await graph.close();
      parentPort!.postMessage("stopped");
    }
  });
}

/**
 * Offers `rate` messages/s for PHASE_SECONDS: each contact has a 3-message conversation (greeting →
 * order number → button tap), the stages of all contacts interleaved. Latency is webhook POST start
 * → the stage's first reply at the fake Graph API.
 */
async function runPhase(
  graph: Awaited<ReturnType<typeof startFakeGraphApi>>,
  request: PhaseRequest,
): Promise<Omit<PhaseResult, "driverCpuMs">> {
  const { rate, phase } = request;
  const total = Math.max(3, Math.round(rate * PHASE_SECONDS));
  const contacts = Math.ceil(total / 3);
  const waIdOf = (c: number) => `9${String(phase).padStart(2, "0")}${String(c).padStart(8, "0")}`;
  const bodies: Array<{ contact: number; key: string; body: string; signature: string }> = [];
  for (let stage = 0; stage < 3; stage++) {
    for (let c = 0; c < contacts && bodies.length < total; c++) {
      const sender = { waId: waIdOf(c), name: `Customer ${c}` };
      const message =
        stage === 0
          ? textMessage(sender, "hi")
          : stage === 1
            ? textMessage(sender, String(2000 + c))
            : buttonReply(sender, { id: "track", title: "Track it" });
      const body = metaJson(webhookEnvelope(request.phoneNumberId, { messages: [message] }));
      bodies.push({
        contact: c,
        key: `${c}:${stage}`,
        body,
        signature: signWebhook(body, request.appSecret),
      });
    }
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const answered = new Set<string>();
  let duplicated = 0;
  const contactOf = new Map(Array.from({ length: contacts }, (_, c) => [waIdOf(c), c]));
  graph.onMessage = (m) => {
    const c = contactOf.get(String(m.body.to));
    if (c === undefined) return;
    const text = (m.body.text as { body?: string } | undefined)?.body ?? "";
    const stage = text.startsWith("Hi!")
      ? 0
      : m.body.type === "interactive"
        ? 1
        : text.includes("on its way")
          ? 2
          : -1;
    if (stage < 0) return;
    const key = `${c}:${stage}`;
    if (answered.has(key)) {
      duplicated++;
      return;
    }
    answered.add(key);
    const t0 = sentAt.get(key);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  };

  const started = performance.now();
  let next = 0;
  let failedPosts = 0;
  let retriedPosts = 0;
  const inFlight = new Set<Promise<void>>();
  // A customer answers what they have read: a contact's next message is not posted before Meta got
  // our 200 for the previous one (concurrent webhooks have no order, for Meta or for us). Latency
  // still counts from when the message was due, so waiting for that 200 is not hidden.
  const acknowledged = new Map<number, Promise<void>>();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (next < due) {
        const item = bodies[next++]!;
        sentAt.set(item.key, performance.now());
        // Like Meta: a webhook that did not get its 200 (a 503 under overload, a refused connection)
        // is sent again, so only a message that was acknowledged and then never answered is "lost".
        const send = async () => {
          for (let attempt = 0; ; attempt++) {
            const status = await post(agent, request, item.body, item.signature);
            if (status === 200) return;
            const wait = POST_RETRY_MS[attempt];
            if (wait === undefined) {
              failedPosts++;
              return;
            }
            retriedPosts++;
            await new Promise((r) => setTimeout(r, wait));
          }
        };
        const previous = acknowledged.get(item.contact);
        const p = previous ? previous.then(send) : send();
        acknowledged.set(item.contact, p);
        inFlight.add(p);
        p.finally(() => inFlight.delete(p));
      }
      if (next >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(inFlight);
  const deadline = performance.now() + DRAIN_MS;
  while (answered.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const elapsed = (performance.now() - started) / 1000;
  const inTime = answered.size;
  // Replies still coming after the drain are a backlog, not a loss: wait for them while they come.
  let lastCount = -1;
  let lastProgress = performance.now();
  while (answered.size < total - failedPosts && performance.now() - lastProgress < LATE_IDLE_MS) {
    if (answered.size !== lastCount) {
      lastCount = answered.size;
      lastProgress = performance.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  graph.onMessage = undefined;
  graph.messages.length = 0;
  latencies.sort((a, b) => a - b);
  return {
    rate,
    offered: total,
    answered: answered.size,
    late: answered.size - inTime,
    lost: total - failedPosts - answered.size,
    duplicated,
    failedPosts,
    retriedPosts,
    p50: round(percentile(latencies, 0.5)),
    p99: round(percentile(latencies, 0.99)),
    achieved: Math.round(inTime / Math.max(elapsed, PHASE_SECONDS)),
  };
}

function post(agent: http.Agent, request: PhaseRequest, body: string, signature: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: request.port,
        path: `/webhooks/whatsapp/${request.channelId}`,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signature,
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Counts the statements the benchmark's database ran, from pg_stat_statements when the server loads
 * it (shared_preload_libraries; a private cluster can, see the closing note of issue 17). The counter's
 * own queries go to the server's default database, so they are not counted. Null: not available.
 */
async function statementCounter(
  url: string,
): Promise<{ count(): Promise<number>; walSyncs(): Promise<number>; close(): Promise<void> } | null> {
  const admin = new URL(url);
  const database = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const handle = await connectDatabase({ kind: "postgres", url: admin.toString(), poolSize: 1 });
  try {
    // Only read: the extension is never created here (the server may be shared).
    await sql`select 1 from pg_stat_statements limit 1`.execute(handle.db);
  } catch {
    await handle.close();
    process.stderr.write("pg_stat_statements is not loaded: statements per message not counted\n");
    return null;
  }
  return {
    async count() {
      // Top-level statements only: one round trip each (foreign-key checks inside them are not).
      const { rows } = await sql<{ n: string }>`select coalesce(sum(calls), 0) as n
        from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = ${database} and s.toplevel`.execute(handle.db);
      return Number(rows[0]?.n ?? 0);
    },
    // WAL flushes of the whole server (so a server shared with others counts theirs too).
    async walSyncs() {
      const { rows } = await sql<{ n: string }>`select wal_sync as n from pg_stat_wal`.execute(handle.db);
      return Number(rows[0]?.n ?? 0);
    },
    close: () => handle.close(),
  };
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  void workerMain();
}
