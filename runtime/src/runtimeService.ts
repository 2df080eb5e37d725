import { type Cipher, type Db, type NotificationListener, notificationListener } from "@benteng/db";
import { releaseInboxLeases, renewInboxLeases } from "@benteng/db/queries/inbox";
import { applyEarlyStatuses, type ClaimedOutboxRow, renewOutboxLeases } from "@benteng/db/queries/outbox";
import type { KeywordConfig } from "./engine/keywords.ts";
import type { StepDeps } from "./engine/stepDeps.ts";
import { allowlistCache } from "./inbox/allowlistCache.ts";
import { flowCache } from "./inbox/flowCache.ts";
import { inboxWorker } from "./inbox/inboxWorker.ts";
import { leaseKeeper } from "./inbox/leaseKeeper.ts";
import {
  conversationsWake,
  inboxWake,
  NOTIFY_CHANNELS,
  outboxWake,
  type WakeSignal,
} from "./inbox/wakeSignal.ts";
import { sharedRateLimiter } from "./outbox/rateLimiter.ts";
import { type OutboxBatchOptions, sendClaimed, sendOutboxBatch } from "./outbox/sendOutboxBatch.ts";
import { sentRecorder } from "./outbox/sentRecorder.ts";
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
  /**
   * Concurrent inbox claim loops in this process (use 1 on PGlite: it has a single connection). The
   * messages a loop claims are stepped concurrently either way.
   */
  workers?: number;
  /** Fallback polling interval when no wake-up arrives (ms). */
  pollMs?: number;
  guardOutbound?: StepDeps["guardOutbound"];
  runScript?: StepDeps["runScript"];
  keywords?: KeywordConfig;
  /** Benteng's public address: uploaded media are sent as links under it (StepDeps.publicUrl). */
  publicUrl?: string;
  /** PostgreSQL URL for LISTEN, so webhooks received by other processes wake this one at once. */
  listenUrl?: string;
  /** Concurrent outbox sender loops in this process (default 2). */
  senders?: number;
  /** Inbox messages claimed per statement (default 64). */
  batchSize?: number;
  /**
   * Inbox messages being stepped at once in this process, at most (default 4 × batchSize): a message
   * waiting on a slow script keeps its place without holding up the others.
   */
  maxInFlight?: number;
  /**
   * How long a claimed inbox message is reserved for this process (default 10 s). It is renewed while
   * its step runs, so this is how soon another process takes over the messages of one that died.
   */
  leaseMs?: number;
  /** Outbox messages claimed per send round (default 256). */
  sendBatchSize?: number;
  /** Messages per second per phone number, for all runtime processes together (Meta's default is 80). */
  rateLimitPerSecond?: number;
  /** An active conversation idle longer than this ends (default 24 hours). */
  sessionTimeoutMs?: number;
  /** Send attempts before a retryable failure becomes permanent (default 10). */
  maxSendAttempts?: number;
  /**
   * How long claimed outbox messages stay reserved for this process (default 10 s). They are renewed
   * while they wait for their send and its record, so this is how soon another process takes over the
   * messages of a sender that died (those it had sent but not yet recorded are sent again).
   */
  sendLeaseMs?: number;
  /**
   * Certificates (PEM) to trust for the Graph API instead of the system's: a private CA in front of
   * it, or the self-signed certificate of a test's fake Graph API.
   */
  graphCa?: string;
}

/**
 * How long a stop waits for messages already being stepped (a script up to its limit) before it
 * hands the rest back: within a supervisor's 10 s between SIGTERM and SIGKILL, with room for the
 * HTTP server before and the sandbox and database after.
 */
export const STOP_GRACE_MS = 6_000;

export interface Runtime {
  /**
   * Stops claiming new work; lets the messages being stepped finish for up to `graceMs` (default
   * STOP_GRACE_MS) and hands those still unfinished back to the queue (their lease ends, so the next
   * claim of any process takes them; nothing of theirs is committed here); sends the replies already
   * stored and in hand until the grace ends, then hands those not yet sent back to the queue (due at
   * once, no attempt counted) and records the sends already made.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
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
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  };
  const flows = flowCache();
  const channels = channelCache(db, cipher);
  const limiter = sharedRateLimiter(db, options.rateLimitPerSecond ?? 80);
  const notify = Boolean(options.listenUrl);
  let running = true;
  // Shutdown, once the grace is over: no Graph API call starts any more (see OutboxBatchOptions).
  let handingBack = false;
  const inboxLeases = leaseKeeper({
    name: "inbox",
    leaseMs: options.leaseMs ?? 10_000,
    renew: (leases, ms) => renewInboxLeases(db, leases, ms),
    log,
  });
  const sendLeases = leaseKeeper({
    name: "outbox",
    leaseMs: options.sendLeaseMs ?? 10_000,
    renew: (leases, ms) => renewOutboxLeases(db, leases, ms),
    log,
  });
  const sending: OutboxBatchOptions = {
    db,
    cipher,
    batchSize: options.sendBatchSize ?? 256,
    leases: sendLeases,
    recorder: sentRecorder(db, cipher, log),
    limiter,
    channels,
    maxAttempts: options.maxSendAttempts ?? 10,
    handingBack: () => handingBack,
    log,
    ...(options.graphCa ? { graphCa: options.graphCa } : {}),
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

  const batchSize = options.batchSize ?? 64;
  const inbox = inboxWorker({
    db,
    cipher,
    deps,
    batchSize,
    maxInFlight: options.maxInFlight ?? 4 * batchSize,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 24 * 60 * 60 * 1000,
    flowCache: flows,
    allowlists: allowlistCache(),
    log,
    leases: inboxLeases,
    sendLeases,
    ...(notify
      ? { notifyChannel: NOTIFY_CHANNELS.outbox, notifyConversationsChannel: NOTIFY_CHANNELS.conversations }
      : {}),
    onCommitted({ handled, queued, toSend, handoffActivity }) {
      if (handoffActivity) conversationsWake.wake();
      if (toSend.length > 0) sendNow(toSend);
      if (queued > toSend.length) outboxWake.wake();
      // A contact's next message may now be claimed (its previous one was still in flight).
      if (handled > 0) inboxWake.wake();
    },
  });
  const loops: Promise<void>[] = [];
  const senderLoops: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, options.workers ?? 1); i++) {
    loops.push(
      runLoop(
        "inbox",
        inboxWake,
        pollMs,
        () => running,
        log,
        async () => {
          const { busy } = await inbox.processBatch();
          return busy;
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
    senderLoops.push(runLoop("outbox", outboxWake, pollMs, () => running, log, sendOnce));
  }

  // LISTEN on its own connection that reconnects after a database restart (and wakes the loops then,
  // since notifications sent while it was down are lost).
  let listener: NotificationListener | undefined;
  if (options.listenUrl) {
    listener = await notificationListener(options.listenUrl, {
      onError: (e) => log("warn", { err: e.message }, "LISTEN connection lost; reconnecting"),
    });
    await listener.listen(NOTIFY_CHANNELS.inbox, () => inboxWake.wake());
    await listener.listen(NOTIFY_CHANNELS.outbox, () => outboxWake.wake());
  }

  return {
    async stop(stopOptions = {}) {
      running = false;
      const graceMs = stopOptions.graceMs ?? STOP_GRACE_MS;
      // Replies keep going out during the grace (those of the steps finishing in it too); after it,
      // those not yet on their way go back to the queue, due at once, for the restart or another
      // process, so a supervisor's SIGKILL cannot catch a long batch half sent.
      const handBackTimer = setTimeout(() => {
        handingBack = true;
      }, graceMs);
      inbox.stopClaiming();
      inboxWake.wake();
      outboxWake.wake();
      // A claim already sent completes (its messages are stepped like the others); nothing after it.
      await Promise.all(loops);
      // Messages being stepped (a script up to its limit) are committed, their replies sent; those
      // that outlast the grace (queued behind other scripts, or slow) go back to the queue.
      if (!(await inbox.settle(graceMs))) {
        const leases = inbox.abandon();
        try {
          const handedBack = await releaseInboxLeases(db, leases);
          log("info", { handedBack: handedBack.length }, "handed unfinished messages back to the queue");
        } catch (e) {
          log(
            "warn",
            { count: leases.length, err: (e as Error).message },
            "could not hand messages back; they are taken again when their lease runs out",
          );
        }
      }
      // Each waits at most for the Graph API calls on their way and their "sent" records.
      await Promise.all(senderLoops);
      while (directSends.size > 0) await Promise.all(directSends);
      clearTimeout(handBackTimer);
      inboxLeases.stop();
      sendLeases.stop();
      await listener?.end();
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
        // The back-off ends early only for a stop (wake-ups while the database is away would undo it).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
          wakeUp = () => {
            if (isRunning()) return;
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
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

const silentLogger: RuntimeLogger = { info() {}, warn() {}, error() {} };
