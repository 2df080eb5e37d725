import { randomUUID } from "node:crypto";
import {
  type ClaimedInboxMessage,
  claimInbox,
  commitInboxOutcomes,
  type InboxCommitResult,
  type InboxOutcome,
} from "@benteng/db/queries/inbox";
import type { ClaimedOutboxRow } from "@benteng/db/queries/outbox";
import { timeSlice } from "../timeSlice.ts";
import type { Lease, LeaseKeeper } from "./leaseKeeper.ts";
import { type StepContext, stepInboxMessage } from "./stepInboxMessage.ts";

export interface InboxWorkerOptions extends StepContext {
  /** Messages claimed per statement (at most one per contact). */
  batchSize: number;
  /**
   * Messages claimed and not yet committed, at most, not counting steps that wait for their script
   * (a conversation whose script runs long must not keep others' messages from being claimed).
   */
  maxInFlight: number;
  /** Steps waiting for their script, at most (each holds only its lease and a pending sandbox run). */
  maxWaitingOnScripts?: number;
  /** Renews the claims' leases while their steps run; its leaseMs is the claims' lease. */
  leases: LeaseKeeper;
  notifyChannel?: string;
  /** NOTIFY channel for agents' inboxes in other processes (a conversation with a person changed). */
  notifyConversationsChannel?: string;
  /**
   * When set, replies are leased to this process (kept by these sender leases) and handed to
   * onCommitted as `toSend`, to be sent right after the commit without waiting for the sender's claim.
   */
  sendLeases?: LeaseKeeper;
  /** After each commit: how many messages were stored, the replies queued, those to send right away. */
  onCommitted?: (result: {
    handled: number;
    queued: number;
    toSend: ClaimedOutboxRow[];
    /** Whether a committed outcome changed a conversation waiting for a person. */
    handoffActivity: boolean;
  }) => void;
  /** Outcomes per commit statement. */
  maxPerCommit?: number;
  /**
   * Encrypted bytes per commit statement (default 1 MiB; an outcome larger than that goes alone): on
   * embedded PGlite a statement holds the one connection every request needs.
   */
  maxBytesPerCommit?: number;
}

export interface InboxWorker {
  /**
   * Claims what fits (one statement), starts stepping every claimed message at once, and resolves
   * when the steps that needed nothing slow are committed; slow ones (a script, a secret lookup) go
   * on and commit by themselves, delaying only their own conversation. `busy` false: nothing to claim.
   */
  processBatch(): Promise<{ claimed: number; busy: boolean }>;
  /** Messages claimed and not yet committed (or given up). */
  readonly inFlight: number;
  /** Resolves when every claimed message is committed or given up. */
  drain(): Promise<void>;
  /** Shutdown: claims no more (a claimer waiting for room returns at once). */
  stopClaiming(): void;
  /**
   * Shutdown, once no claim is in flight: true once every claimed message is committed or given up,
   * false if `graceMs` passes first.
   */
  settle(graceMs: number): Promise<boolean>;
  /**
   * Shutdown, after settle's grace: the messages still being stepped are given up by this process
   * (their outcomes will not be committed) and their leases returned, for the caller to hand back.
   */
  abandon(): Lease[];
}

/**
 * The inbox side of the message path: claim with a lease, step outside any transaction, commit the
 * outcome if the lease is still ours. A claim and a commit are each one short statement; nothing is
 * held in between, so a script that runs for seconds holds no connection and no lock (on PGlite, with
 * its single connection, as on PostgreSQL), and other contacts' messages keep flowing past it.
 * Outcomes that are ready together are committed together (group commit). Several loops of one
 * process may share a worker.
 */
export function inboxWorker(options: InboxWorkerOptions): InboxWorker {
  const inFlight = new Map<string, Promise<void>>();
  const inFlightLeases = new Map<string, Lease>();
  let freed: Array<() => void> = [];
  let claiming = true;
  let abandoned = false;
  const committer = outcomeCommitter(options);
  const maxWaitingOnScripts = options.maxWaitingOnScripts ?? 8 * options.maxInFlight;
  // Steps whose script is running or queued in the sandbox: they leave their claim slot to others.
  let onScripts = 0;

  const wakeClaimers = () => {
    const waiting = freed;
    freed = [];
    for (const resolve of waiting) resolve();
  };
  const finished = (lease: { id: string; owner: string }) => {
    options.leases.release(lease);
    inFlight.delete(lease.id);
    inFlightLeases.delete(lease.id);
    wakeClaimers();
  };
  const runScript = options.deps.runScript;
  const stepOptions: InboxWorkerOptions = runScript
    ? {
        ...options,
        deps: {
          ...options.deps,
          async runScript(request) {
            onScripts++;
            wakeClaimers();
            try {
              return await runScript(request);
            } finally {
              onScripts--;
            }
          },
        },
      }
    : options;

  return {
    async processBatch() {
      if (!claiming) return { claimed: 0, busy: false };
      const room = Math.min(
        options.maxInFlight - (inFlight.size - onScripts),
        options.maxInFlight + maxWaitingOnScripts - inFlight.size,
      );
      if (room <= 0) {
        await new Promise<void>((resolve) => freed.push(resolve));
        return { claimed: 0, busy: true };
      }
      const owner = randomUUID();
      const takenAt = performance.now();
      const rows = await claimInbox(options.db, {
        limit: Math.min(options.batchSize, room),
        owner,
        leaseMs: options.leases.leaseMs,
      });
      if (rows.length === 0) return { claimed: 0, busy: false };
      const ready: Promise<void>[] = [];
      // A claim of 64 long texts is 64 decryptions, engine steps and encryptions: the event loop is
      // given back between them, so requests wait for about one step, not the whole claim.
      const pause = timeSlice();
      for (const row of rows) {
        await pause();
        const lease = { id: row.id, owner };
        options.leases.hold(lease, takenAt);
        const done = stepInboxMessage(row, owner, stepOptions)
          .then((outcome) => {
            // Null: not processed now (the flow could not be read); claimed again when the lease ends.
            // Abandoned: handed back at shutdown, another claim steps it again.
            if (!outcome || abandoned) return;
            const committed = committer.commit(row, outcome);
            ready.push(committed);
            return committed;
          })
          .catch((e: unknown) => {
            // Handed back at shutdown: whatever failed after that (the sandbox or database closing
            // under it) is no news; another claim steps the message again.
            if (abandoned) return;
            // Not ours to end the process over: the message keeps its lease until it runs out and
            // is then claimed and stepped again.
            options.log(
              "error",
              { messageId: row.id, err: e instanceof Error ? e.message : String(e) },
              "inbox step failed; the message is stepped again when its lease runs out",
            );
          })
          .finally(() => finished(lease));
        inFlight.set(row.id, done);
        inFlightLeases.set(row.id, lease);
      }
      // Steps that wait for nothing slow have their outcome by the next turn of the event loop: wait
      // for those to be committed (a statement for those of each turn), not for the slow ones.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([...ready]);
      return { claimed: rows.length, busy: true };
    },
    get inFlight() {
      return inFlight.size;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight.values());
    },
    stopClaiming() {
      claiming = false;
      wakeClaimers();
    },
    async settle(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      try {
        return await Promise.race([this.drain().then(() => true as const), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    abandon() {
      abandoned = true;
      const leases = [...inFlightLeases.values()];
      for (const lease of leases) options.leases.release(lease);
      return leases;
    },
  };
}

interface PendingOutcome {
  row: ClaimedInboxMessage;
  outcome: InboxOutcome;
  resolve: () => void;
}

/** The encrypted text an outcome stores (what makes a commit statement large). */
function bytesOf(outcome: InboxOutcome): number {
  let bytes = outcome.newConversation?.stateEnc.length ?? 0;
  for (const c of outcome.updatedConversations) bytes += c.stateEnc.length;
  for (const t of outcome.transcript) bytes += t.bodyEnc.length;
  for (const t of outcome.trace) bytes += t.detailEnc?.length ?? 0;
  for (const o of outcome.outbox) bytes += o.payloadEnc.length;
  return bytes;
}

/** Waits between attempts at a commit that failed (the database restarting, a lost connection). */
const COMMIT_RETRY_MS = [100, 500, 2_000];

/**
 * Group commit of outcomes: those that are ready while a statement is in flight go together in the
 * next one. A commit is safe to repeat (guarded by the lease), so a failed one is retried; if it
 * still fails, the message keeps its lease until it runs out and is then claimed and stepped again.
 */
function outcomeCommitter(options: InboxWorkerOptions) {
  const maxPerCommit = options.maxPerCommit ?? 256;
  const maxBytes = options.maxBytesPerCommit ?? 1024 * 1024;
  let queue: PendingOutcome[] = [];
  let scheduled = false;

  const flush = async () => {
    try {
      while (queue.length > 0) {
        let take = 0;
        for (let bytes = 0; take < Math.min(queue.length, maxPerCommit); take++) {
          bytes += bytesOf(queue[take]!.outcome);
          if (take > 0 && bytes > maxBytes) break;
        }
        const batch = queue.slice(0, take);
        queue = queue.slice(take);
        try {
          await commitBatch(batch);
        } catch (e) {
          // A defect after the commit (handing replies on): the messages are stored; say so.
          options.log("error", { err: (e as Error).message }, "after storing processed messages");
        } finally {
          for (const p of batch) p.resolve();
        }
      }
    } finally {
      scheduled = false;
    }
  };

  const commitBatch = async (batch: PendingOutcome[]) => {
    const sendLeases = options.sendLeases;
    const outboxOwner = randomUUID();
    const takenAt = performance.now();
    const commitOptions = {
      ...(options.notifyChannel ? { notifyChannel: options.notifyChannel } : {}),
      ...(options.notifyConversationsChannel
        ? { notifyConversationsChannel: options.notifyConversationsChannel }
        : {}),
      ...(sendLeases ? { outboxLease: { owner: outboxOwner, ms: sendLeases.leaseMs } } : {}),
    };
    const outcomes = batch.map((p) => p.outcome);
    let stored: InboxCommitResult | undefined;
    for (let attempt = 0; !stored; attempt++) {
      try {
        stored = await commitInboxOutcomes(options.db, outcomes, commitOptions);
      } catch (e) {
        const wait = COMMIT_RETRY_MS[attempt];
        if (wait === undefined) {
          options.log(
            "error",
            { inboxIds: batch.map((p) => p.row.id), err: (e as Error).message },
            "could not store processed messages; they will be processed again when their lease runs out",
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    const { committed } = stored;
    if (committed.size < batch.length) {
      options.log(
        "warn",
        { inboxIds: batch.filter((p) => !committed.has(p.row.id)).map((p) => p.row.id) },
        "lease lost while processing (another worker took these messages over): outcome discarded",
      );
    }
    // The stored outbox rows follow the committed outcomes' replies in order.
    const toSend: ClaimedOutboxRow[] = [];
    let next = 0;
    for (const { row, outcome } of batch) {
      if (!committed.has(row.id)) continue;
      for (const reply of outcome.outbox) {
        const storedRow = stored.outbox[next++];
        if (!storedRow?.leased || !sendLeases) continue;
        sendLeases.hold({ id: storedRow.id, owner: outboxOwner }, takenAt);
        toSend.push({
          id: storedRow.id,
          channel_id: reply.channelId,
          contact_id: reply.contactId,
          payload_enc: reply.payloadEnc,
          attempts: 0,
          contact_last_inbound_at: row.contact_last_inbound_at,
          lease_owner: outboxOwner,
          // Leased at commit only when the channel could send (see commitInboxOutcomes).
          channel_status: "active",
        });
      }
    }
    const handoffActivity = batch.some(
      ({ row, outcome }) =>
        committed.has(row.id) &&
        (outcome.newConversation?.status === "handoff" ||
          outcome.updatedConversations.some((c) => c.status === "handoff")),
    );
    options.onCommitted?.({ handled: committed.size, queued: stored.outbox.length, toSend, handoffActivity });
  };

  return {
    /** Resolves once the outcome is stored, discarded (lease lost) or given up; never rejects. */
    commit(row: ClaimedInboxMessage, outcome: InboxOutcome): Promise<void> {
      return new Promise((resolve) => {
        queue.push({ row, outcome, resolve });
        if (!scheduled) {
          scheduled = true;
          // After the current turn of the event loop, so outcomes that are ready together go together.
          setImmediate(() => void flush());
        }
      });
    },
  };
}
