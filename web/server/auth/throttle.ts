import type { Db } from "@benteng/db";
import {
  countLoginFailures,
  forgetLoginAttempt,
  recordLoginAttempt,
  recordLoginFailure,
} from "@benteng/db/queries/loginAttempts";
import { normalizeEmail } from "@benteng/db/queries/users";

// Per account it stops guessing one person's password; per IP it stops spraying one password over
// many accounts. Both windows slide: old failures simply stop counting.
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  return { account: `account:${normalizeEmail(email)}`, ip: `ip:${networkOf(ip)}` };
}

/**
 * The unit an attacker controls: an IPv4 address, or an IPv6 /64 (one customer line gets a whole
 * /64, so counting single IPv6 addresses would let one attacker rotate through billions).
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * Starts a password sign-in: the attempt counts as a failure from now on (so a burst of concurrent
 * guesses is limited like a sequence of them) unless `succeeded` is called. A throttled attempt is
 * refused without checking the password and is not counted.
 */
export async function beginLoginAttempt(
  db: Db,
  email: string,
  ip: string,
): Promise<{ throttled: boolean; succeeded: () => Promise<void> }> {
  const keys = throttleKeys(email, ip);
  const { ids, counts } = await recordLoginAttempt(
    db,
    [keys.account, keys.ip],
    new Date(Date.now() - WINDOW_MS),
  );
  const throttled =
    (counts.get(keys.account) ?? 0) > MAX_FAILURES_PER_ACCOUNT ||
    (counts.get(keys.ip) ?? 0) > MAX_FAILURES_PER_IP;
  if (throttled) await forgetLoginAttempt(db, ids);
  return { throttled, succeeded: () => forgetLoginAttempt(db, ids) };
}

/** Whether sign-in attempts for this email or from this address are paused for now. */
export async function isLoginThrottled(db: Db, email: string, ip: string): Promise<boolean> {
  const keys = throttleKeys(email, ip);
  const counts = await countLoginFailures(db, [keys.account, keys.ip], new Date(Date.now() - WINDOW_MS));
  return (
    (counts.get(keys.account) ?? 0) >= MAX_FAILURES_PER_ACCOUNT ||
    (counts.get(keys.ip) ?? 0) >= MAX_FAILURES_PER_IP
  );
}

export async function recordFailedLogin(db: Db, email: string, ip: string): Promise<void> {
  const keys = throttleKeys(email, ip);
  await recordLoginFailure(db, [keys.account, keys.ip]);
}
