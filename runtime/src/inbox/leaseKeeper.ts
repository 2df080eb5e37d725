/** A row held by one claim: its id and the claim's lease owner. */
export interface Lease {
  id: string;
  owner: string;
}

export interface LeaseKeeperOptions {
  /** How long a claim or a renewal reserves a row, by the database's clock. */
  leaseMs: number;
  /** Pushes the deadline of the given leases; resolves with the ids still held (and now renewed). */
  renew: (leases: Lease[], leaseMs: number) => Promise<string[]>;
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void;
  /** What is held, for log lines ("inbox", "outbox"). */
  name: string;
}

export interface LeaseKeeper {
  readonly leaseMs: number;
  /**
   * Starts keeping a lease that was just taken (claimed, or inserted leased); `takenAt` is
   * performance.now() from before the statement that took it was sent.
   */
  hold(lease: Lease, takenAt: number): void;
  /** Stops keeping it: its work is committed, or given up. */
  release(lease: Lease): void;
  /**
   * Whether the lease is still surely ours: confirmed by the database recently enough that it cannot
   * have run out, so no other process can have taken the row over.
   */
  holds(lease: Lease): boolean;
  /**
   * Renews these kept leases now (when holds() can no longer vouch for them, e.g. after the process
   * or the database was slow); resolves with the ids still held. Never rejects: a renewal that fails
   * confirms nothing.
   */
  confirm(leases: Lease[]): Promise<Set<string>>;
  /** Leases kept right now. */
  readonly size: number;
  stop(): void;
}

/**
 * The heartbeat of a process's claims. Leases are short so that a dead process's work is taken over
 * within seconds; while this process works on a row (a long script, a slow Graph API call, a "sent"
 * not yet recorded) its lease is renewed every quarter of its length, so a live process never loses
 * it to a healthy database. A lease is renewed only once it is a quarter old: work that finishes
 * quickly (nearly all of it) costs no statement at all.
 */
export function leaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const { leaseMs } = options;
  const intervalMs = Math.max(25, Math.floor(leaseMs / 4));
  // Confirmed at `confirmedAt` (local clock, taken before the statement was sent, so never late):
  // trusted for the lease's length less one interval, a margin for clock drift and slow round trips.
  const held = new Map<string, { owner: string; confirmedAt: number }>();
  let renewing = false;

  /** Renews `due` (kept leases); resolves with the ids renewed, or null when the renewal failed. */
  const renew = async (due: Lease[]): Promise<Set<string> | null> => {
    const startedAt = performance.now();
    let renewed: Set<string>;
    try {
      renewed = new Set(await options.renew(due, leaseMs));
    } catch (e) {
      // The database is unreachable: the leases age; work checks holds() before anything it must not
      // repeat, and commits are checked against the lease in the database anyway.
      options.log(
        "warn",
        { leases: options.name, count: due.length, err: (e as Error).message },
        "could not renew leases; retrying",
      );
      return null;
    }
    for (const lease of due) {
      const entry = held.get(lease.id);
      if (!entry || entry.owner !== lease.owner) continue;
      if (renewed.has(lease.id)) entry.confirmedAt = startedAt;
      else {
        // Taken over by another claim (this process was presumed dead) or finished meanwhile.
        held.delete(lease.id);
      }
    }
    return renewed;
  };

  const tick = async () => {
    if (renewing || held.size === 0) return;
    const now = performance.now();
    const due: Lease[] = [];
    for (const [id, entry] of held) {
      if (now - entry.confirmedAt >= intervalMs) due.push({ id, owner: entry.owner });
    }
    if (due.length === 0) return;
    renewing = true;
    try {
      await renew(due);
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();

  return {
    leaseMs,
    hold(lease, takenAt) {
      held.set(lease.id, { owner: lease.owner, confirmedAt: takenAt });
    },
    release(lease) {
      if (held.get(lease.id)?.owner === lease.owner) held.delete(lease.id);
    },
    async confirm(leases) {
      const kept = leases.filter((lease) => held.get(lease.id)?.owner === lease.owner);
      if (kept.length === 0) return new Set();
      return (await renew(kept)) ?? new Set();
    },
    holds(lease) {
      const entry = held.get(lease.id);
      return entry?.owner === lease.owner && performance.now() - entry.confirmedAt < leaseMs - intervalMs;
    },
    get size() {
      return held.size;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
