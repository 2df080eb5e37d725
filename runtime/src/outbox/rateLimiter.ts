import type { Db } from "@benteng/db";
import { reserveSends } from "@benteng/db/queries/sendWindows";

/** Waits until a phone number may send one more message. */
export interface RateLimiter {
  take(phoneNumberId: string): Promise<void>;
}

/**
 * Meta allows 80 messages/s per phone number by default (up to 1000 when upgraded). This limit is
 * shared by every runtime process on one database: sends are reserved from the number's one-second
 * window in the database (send_windows), a few at a time, so a busy number costs about ten
 * reservations a second, not one per message. Together the processes never exceed `perSecond` in any
 * second, and a sustained overload queues instead of earning 130429 errors. A reservation a process
 * cannot use before its second ends is lost, so with several processes a number may get somewhat less
 * than its limit, never more.
 */
export function sharedRateLimiter(db: Db, perSecond: number): RateLimiter {
  const chunk = Math.max(1, Math.min(256, Math.ceil(perSecond / 10)));
  const numbers = new Map<string, { left: number; until: number; reserving: Promise<void> | null }>();
  const reserve = async (phoneNumberId: string, state: { left: number; until: number }) => {
    let reserved: { granted: number; msLeft: number };
    try {
      reserved = await reserveSends(db, phoneNumberId, chunk, perSecond);
    } catch {
      // The database is unreachable: wait rather than fail, so the sends already made in this batch
      // still get recorded once it is back.
      await new Promise((resolve) => setTimeout(resolve, 250));
      return;
    }
    const { granted, msLeft } = reserved;
    if (granted > 0) {
      state.left = granted;
      state.until = Date.now() + msLeft;
    } else {
      // This second is used up (by any process): wait for the next one.
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, msLeft)));
    }
  };
  return {
    async take(phoneNumberId) {
      let state = numbers.get(phoneNumberId);
      if (!state) {
        if (numbers.size > 10_000) numbers.clear();
        state = { left: 0, until: 0, reserving: null };
        numbers.set(phoneNumberId, state);
      }
      for (;;) {
        if (state.left > 0 && Date.now() < state.until) {
          state.left--;
          return;
        }
        // One reservation at a time per number; the others wait for it and then try again.
        state.reserving ??= reserve(phoneNumberId, state).finally(() => {
          state.reserving = null;
        });
        await state.reserving;
      }
    },
  };
}
