import { WarmIsolate } from "./warmIsolate.ts";

export interface PoolLimits {
  /** Isolates one workspace may hold at once, so its runaway scripts cannot starve other tenants. */
  maxIsolatesPerWorkspace: number;
  /** Isolates in the whole process (idle ones of other workspaces are evicted to make room). */
  maxIsolates: number;
  /** Runs before an isolate is replaced, which bounds what any long-lived heap can accumulate. */
  maxRunsPerIsolate: number;
  onCatastrophicError: (message: string) => void;
}

interface Idle {
  key: string;
  isolate: WarmIsolate;
}

/**
 * Warm isolates pooled per workspace (and memory limit). An isolate serves one run at a time; a
 * run that timed out, ran out of memory or left work pending retires its isolate.
 */
export class IsolatePool {
  private readonly limits: PoolLimits;
  /** Idle isolates, oldest first (eviction takes the front). */
  private idle: Idle[] = [];
  private readonly inUse = new Map<string, number>();
  private total = 0;
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(limits: PoolLimits) {
    this.limits = limits;
  }

  async acquire(workspaceId: string, memoryMb: number): Promise<WarmIsolate> {
    const key = `${workspaceId}\u0000${memoryMb}`;
    for (;;) {
      if (this.closed) throw new Error("the sandbox is closed");
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
      if ((this.inUse.get(workspaceId) ?? 0) < this.limits.maxIsolatesPerWorkspace) {
        if (this.total >= this.limits.maxIsolates) {
          const evicted = this.idle.shift();
          if (evicted) {
            evicted.isolate.dispose();
            this.total--;
          }
        }
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
      await new Promise<void>((resolve) => this.waiters.push(resolve));
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
    this.wake();
  }

  /** Isolates alive right now (idle, running or starting); exposed for tests and metrics. */
  get size(): number {
    return this.total;
  }

  close(): void {
    this.closed = true;
    for (const { isolate } of this.idle) isolate.dispose();
    this.total -= this.idle.length;
    this.idle = [];
    this.wake();
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
