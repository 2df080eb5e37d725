import { WarmIsolate } from "./warmIsolate.ts";

export interface PoolLimits {
  /** Isolates one workspace may hold at once, so its runaway scripts cannot starve other tenants. */
  maxIsolatesPerWorkspace: number;
  /** Isolates in the whole process (idle ones of other workspaces are evicted to make room). */
  maxIsolates: number;
  /** Runs before an isolate is replaced, which bounds what any long-lived heap can accumulate. */
  maxRunsPerIsolate: number;
  onCatastrophicError: (message: string, tag: unknown) => void;
}

interface Idle {
  key: string;
  isolate: WarmIsolate;
}

/**
 * Warm isolates pooled per workspace (and memory limit). An isolate serves one run at a time; a
 * run that timed out, ran out of memory or left work pending retires its isolate. Spares are booted
 * ahead for no workspace (booting a realm takes 100–300 ms) and handed to the first that needs an
 * isolate of their size: a workspace new to this process, or one whose isolate was just retired.
 */
export class IsolatePool {
  private readonly limits: PoolLimits;
  /** Idle isolates, oldest first (eviction takes the front). */
  private idle: Idle[] = [];
  private readonly inUse = new Map<string, number>();
  private total = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  private spares: WarmIsolate[] = [];
  private spareTargets = new Map<number, number>();
  private booting = new Map<number, number>();

  constructor(limits: PoolLimits) {
    this.limits = limits;
  }

  /**
   * An idle isolate of the workspace's own, right now; with `orSpare`, else a spare. The sandbox
   * process runs only workspaces with an isolate of their own on its thread: a workspace new to it
   * first shows what its scripts do on an isolate thread.
   */
  tryAcquire(workspaceId: string, memoryMb: number, orSpare = true): WarmIsolate | null {
    if (this.closed) return null;
    const key = `${workspaceId}\u0000${memoryMb}`;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const entry = this.idle[i]!;
      if (entry.key !== key) continue;
      this.idle.splice(i, 1);
      if (!entry.isolate.reusable) {
        this.total--;
        continue;
      }
      this.bump(workspaceId, 1);
      return entry.isolate;
    }
    if (!orSpare || (this.inUse.get(workspaceId) ?? 0) >= this.limits.maxIsolatesPerWorkspace) return null;
    const spare = this.takeSpare(memoryMb);
    if (spare) this.bump(workspaceId, 1);
    return spare;
  }

  /**
   * An isolate for a run of this workspace, waiting while the workspace has all it may have; null
   * once `until` (performance.now() time) passes without one.
   */
  async acquire(
    workspaceId: string,
    memoryMb: number,
    until = Number.POSITIVE_INFINITY,
  ): Promise<WarmIsolate | null> {
    for (;;) {
      if (this.closed) throw new Error("the sandbox is closed");
      const ready = this.tryAcquire(workspaceId, memoryMb);
      if (ready) return ready;
      // A spare of this size on its way is sooner than a boot of our own (and costs nothing extra).
      const spareComing = (this.booting.get(memoryMb) ?? 0) > 0;
      if (!spareComing && (this.inUse.get(workspaceId) ?? 0) < this.limits.maxIsolatesPerWorkspace) {
        if (this.total >= this.limits.maxIsolates) this.evictOne();
        if (this.total < this.limits.maxIsolates) {
          this.total++;
          this.bump(workspaceId, 1);
          try {
            return await WarmIsolate.create(memoryMb, this.limits.onCatastrophicError);
          } catch (e) {
            this.total--;
            this.bump(workspaceId, -1);
            this.wake();
            throw e;
          }
        }
      }
      const left = until - performance.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        if (Number.isFinite(left)) setTimeout(resolve, left).unref();
      });
    }
  }

  release(workspaceId: string, isolate: WarmIsolate): void {
    this.bump(workspaceId, -1);
    const key = `${workspaceId}\u0000${isolate.memoryMb}`;
    if (!this.closed && isolate.reusable && isolate.runs < this.limits.maxRunsPerIsolate) {
      this.idle.push({ key, isolate });
    } else {
      isolate.dispose();
      this.total--;
    }
    this.replenish();
    this.wake();
  }

  /** How many spares to keep booted per memory limit (MB); sizes left out keep none. */
  setSpareTargets(targets: Record<number, number>): void {
    this.spareTargets = new Map(Object.entries(targets).map(([mb, n]) => [Number(mb), n]));
    this.replenish();
  }

  /** Isolates alive right now (idle, running, starting or spare); exposed for tests and metrics. */
  get size(): number {
    return this.total;
  }

  get spareCount(): number {
    return this.spares.length;
  }

  close(): void {
    this.closed = true;
    for (const { isolate } of this.idle) isolate.dispose();
    for (const spare of this.spares) spare.dispose();
    this.total -= this.idle.length + this.spares.length;
    this.idle = [];
    this.spares = [];
    this.wake();
  }

  private takeSpare(memoryMb: number): WarmIsolate | null {
    const i = this.spares.findIndex((s) => s.memoryMb === memoryMb && s.reusable);
    if (i < 0) return null;
    const [spare] = this.spares.splice(i, 1);
    this.replenish();
    return spare!;
  }

  private evictOne(): void {
    const evicted = this.idle.shift();
    if (evicted) {
      evicted.isolate.dispose();
      this.total--;
      return;
    }
    const spare = this.spares.shift();
    if (spare) {
      spare.dispose();
      this.total--;
    }
  }

  /**
   * Boots missing spares one at a time per size, in the background (off the main thread mostly),
   * and only while no run is in progress: a boot grows the process, which a run's memory verdict
   * reads (see WarmIsolate.continueAsync), and takes CPU a run may need.
   */
  private replenish(): void {
    if (this.closed || this.inUse.size > 0) return;
    for (const [memoryMb, target] of this.spareTargets) {
      const have = this.spares.filter((s) => s.memoryMb === memoryMb).length;
      if (have >= target || (this.booting.get(memoryMb) ?? 0) > 0) continue;
      // Spares never push out isolates that workspaces use.
      if (this.total >= this.limits.maxIsolates) return;
      this.total++;
      this.booting.set(memoryMb, 1);
      WarmIsolate.create(memoryMb, this.limits.onCatastrophicError).then(
        (spare) => {
          this.booting.set(memoryMb, 0);
          if (this.closed) {
            spare.dispose();
            this.total--;
            return;
          }
          this.spares.push(spare);
          this.wake();
          this.replenish();
        },
        () => {
          this.booting.set(memoryMb, 0);
          this.total--;
          this.wake();
        },
      );
    }
  }

  private bump(workspaceId: string, delta: number): void {
    const n = (this.inUse.get(workspaceId) ?? 0) + delta;
    if (n <= 0) this.inUse.delete(workspaceId);
    else this.inUse.set(workspaceId, n);
  }

  // Waiters re-check their own conditions, so waking all of them is correct and simple.
  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
