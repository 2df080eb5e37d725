/**
 * A token bucket per phone number (Meta allows 80 messages/s per number by default, up to 1000 when
 * upgraded). Callers reserve a token and wait until it is theirs, so bursts up to one second's worth go
 * out at once and a sustained overload queues instead of earning 130429 errors.
 */
export function rateLimiter(perSecond: number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Resolves when the number may send one more message. */
    async take(key: string): Promise<void> {
      const now = performance.now();
      const bucket = buckets.get(key) ?? { tokens: perSecond, at: now };
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      if (bucket.tokens >= 0) return;
      await new Promise((resolve) => setTimeout(resolve, (-bucket.tokens / perSecond) * 1000));
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
