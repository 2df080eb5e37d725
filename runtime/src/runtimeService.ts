import type { Cipher, Db } from "@benteng/db";
import { applyEarlyStatuses, type ClaimedOutboxRow } from "@benteng/db/queries/outbox";
import postgres from "postgres";
import type { KeywordConfig } from "./engine/keywords.ts";
import type { StepDeps } from "./engine/stepDeps.ts";
import { flowCache, processInboxBatch } from "./inbox/processInboxBatch.ts";
import { inboxWake, NOTIFY_CHANNELS, outboxWake, type WakeSignal } from "./inbox/wakeSignal.ts";
import { sharedRateLimiter } from "./outbox/rateLimiter.ts";
import { type OutboxBatchOptions, sendClaimed, sendOutboxBatch } from "./outbox/sendOutboxBatch.ts";
import { channelCache } from "./whatsapp/channelCache.ts";

/** The subset of a pino logger the runtime uses (Fastify's logger fits). */
export interface RuntimeLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RuntimeOptions {
  db: Db;
  cipher: Cipher;
  logger?: RuntimeLogger;
  /** Concurrent inbox worker loops in this process (use 1 on PGlite: it has a single connection). */
  workers?: number;
  /** Fallback polling interval when no wake-up arrives (ms). */
  pollMs?: number;
  guardOutbound?: StepDeps["guardOutbound"];
  runScript?: StepDeps["runScript"];
  keywords?: KeywordConfig;
  /** PostgreSQL URL for LISTEN, so webhooks received by other processes wake this one at once. */
  listenUrl?: string;
  /** Concurrent outbox sender loops in this process (default 2). */
  senders?: number;
  /** Inbox messages claimed per transaction (default 64). */
  batchSize?: number;
  /** Outbox messages claimed per send round (default 256). */
  sendBatchSize?: number;
  /** Messages per second per phone number, for all runtime processes together (Meta's default is 80). */
  rateLimitPerSecond?: number;
  /** An active conversation idle longer than this ends (default 24 hours). */
  sessionTimeoutMs?: number;
  /** Send attempts before a retryable failure becomes permanent (default 10). */
  maxSendAttempts?: number;
  /**
   * How long claimed outbox messages stay reserved for this process (default 60 s). If the process
   * dies mid-send they are sent again after this; a short lease resends sooner but risks a duplicate
   * when a Graph API call takes longer than the lease.
   */
  sendLeaseMs?: number;
}

export interface Runtime {
  /** Stops claiming new work and waits for the work in hand to finish. */
  stop(): Promise<void>;
}

/** Starts the inbox workers and the outbox sender in this process. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { db, cipher } = options;
  const logger = options.logger ?? silentLogger;
  const log = (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) =>
    logger[level](fields, message);
  const pollMs = options.pollMs ?? 500;
  const deps: StepDeps = {
    ...(options.guardOutbound ? { guardOutbound: options.guardOutbound } : {}),
    ...(options.runScript ? { runScript: options.runScript } : {}),
    ...(options.keywords ? { keywords: options.keywords } : {}),
  };
  const flows = flowCache();
  const channels = channelCache(db, cipher);
  const limiter = sharedRateLimiter(db, options.rateLimitPerSecond ?? 80);
  const notify = Boolean(options.listenUrl);
  let running = true;
  const sending: OutboxBatchOptions = {
    db,
    cipher,
    batchSize: options.sendBatchSize ?? 256,
    leaseMs: options.sendLeaseMs ?? 60_000,
    limiter,
    channels,
    maxAttempts: options.maxSendAttempts ?? 10,
    log,
  };
  // Replies an inbox worker leased to this process go out right after its commit, not after the
  // sender's next claim; what is not sent (a crash, a failure) returns to the queue with the lease.
  const directSends = new Set<Promise<void>>();
  const sendNow = (rows: ClaimedOutboxRow[]) => {
    const done: Promise<void> = sendClaimed(rows, sending)
      .then(() => undefined)
      .catch((e) =>
        log("error", { err: (e as Error).message }, "sending replies failed; they return to the queue"),
      )
      .finally(() => directSends.delete(done));
    directSends.add(done);
  };

  const loops: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, options.workers ?? 1); i++) {
    loops.push(
      runLoop(
        "inbox",
        inboxWake,
        pollMs,
        () => running,
        log,
        async () => {
          const { handled, queued, toSend } = await processInboxBatch({
            db,
            cipher,
            deps,
            batchSize: options.batchSize ?? 64,
            sessionTimeoutMs: options.sessionTimeoutMs ?? 24 * 60 * 60 * 1000,
            flowCache: flows,
            log,
            notify,
            sendLeaseMs: sending.leaseMs,
          });
          if (toSend.length > 0) sendNow(toSend);
          if (queued > toSend.length) outboxWake.wake();
          return handled > 0;
        },
      ),
    );
  }
  // Statuses that arrived before their wamid was recorded are applied about once a second (idle too).
  let earlyStatusesCheckedAt = 0;
  const sendOnce = async () => {
    if (Date.now() - earlyStatusesCheckedAt >= 1_000) {
      earlyStatusesCheckedAt = Date.now();
      await applyEarlyStatuses(db);
    }
    const { claimed } = await sendOutboxBatch(sending);
    return claimed > 0;
  };
  // Two sender loops overlap one batch's HTTP calls with the next batch's claim; per-contact order
  // still holds because only a contact's earliest queued message can be claimed.
  for (let i = 0; i < Math.max(1, options.senders ?? 2); i++) {
    loops.push(runLoop("outbox", outboxWake, pollMs, () => running, log, sendOnce));
  }

  let listener: postgres.Sql | undefined;
  if (options.listenUrl) {
    listener = postgres(options.listenUrl, { max: 1, onnotice: () => {} });
    await listener.listen(NOTIFY_CHANNELS.inbox, () => inboxWake.wake());
    await listener.listen(NOTIFY_CHANNELS.outbox, () => outboxWake.wake());
  }

  return {
    async stop() {
      running = false;
      inboxWake.wake();
      outboxWake.wake();
      await Promise.all(loops);
      while (directSends.size > 0) await Promise.all(directSends);
      await listener?.end({ timeout: 1 });
    },
  };
}

/**
 * Runs `work` while it finds something to do; then sleeps until woken or `pollMs` passes. Errors are
 * logged and retried after a pause, so a database restart does not stop the runtime.
 */
async function runLoop(
  name: string,
  signal: WakeSignal,
  pollMs: number,
  isRunning: () => boolean,
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void,
  work: () => Promise<boolean>,
): Promise<void> {
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const unsubscribe = signal.subscribe(() => {
    woken = true;
    wakeUp?.();
  });
  let failures = 0;
  try {
    while (isRunning()) {
      let busy = false;
      try {
        woken = false;
        busy = await work();
        failures = 0;
      } catch (e) {
        failures++;
        log(
          "error",
          { loop: name, err: e instanceof Error ? e.message : String(e) },
          `${name} loop failed; retrying`,
        );
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (busy || woken || !isRunning()) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  } finally {
    unsubscribe();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const silentLogger: RuntimeLogger = { info() {}, warn() {}, error() {} };
