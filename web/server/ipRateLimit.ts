/** Decides whether one more request from an address may be served now. */
export interface IpRateLimit {
  /** True when the request may go ahead; otherwise the seconds until it may (for Retry-After). */
  take(ip: string, now?: number): true | { retryAfterSeconds: number };
}

/**
 * A token bucket per client address, in this process's memory: `burst` requests at once, refilled
 * at `perSecond`. Memory stays bounded however many addresses come (at most `maxAddresses` buckets;
 * when full, the buckets of addresses that have refilled completely are dropped, and if none has,
 * all are — a flood of fresh addresses then costs the limit's precision, never the process's memory).
 * Each web process limits on its own, so N processes allow N times the rate in all.
 */
export function ipRateLimit(options: {
  burst: number;
  perSecond: number;
  maxAddresses?: number;
}): IpRateLimit {
  const { burst, perSecond } = options;
  const maxAddresses = options.maxAddresses ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, now: number) =>
    Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  return {
    take(ip, now = Date.now()) {
      let bucket = buckets.get(ip);
      if (!bucket) {
        if (buckets.size >= maxAddresses) {
          for (const [key, b] of buckets) if (level(b, now) >= burst) buckets.delete(key);
          if (buckets.size >= maxAddresses) buckets.clear();
        }
        bucket = { tokens: burst, at: now };
        buckets.set(ip, bucket);
      }
      bucket.tokens = level(bucket, now);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    },
  };
}
