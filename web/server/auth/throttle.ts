import type { Db } from "@benteng/db";
import {
  clearLoginFailures,
  type FailureHistory,
  forgetLoginAttempt,
  recordLoginAttempt,
} from "@benteng/db/queries/loginAttempts";
import { normalizeEmail } from "@benteng/db/queries/users";

// Every check of a password or second-factor code (sign-in, its second step, re-authentication, a
// password change, two-factor enrolment) goes through one throttle, keyed by where it comes from:
// - from a device that signed in to this account before (a valid device cookie): that device's own
//   budget, and nothing else, so an attacker hammering the account elsewhere does not lock it out;
// - from anywhere else: the account's budget for untrusted sources AND the sending network's
//   budget (one address spraying one password over many accounts).
// Within a budget the first failures are free; after that each further attempt waits, the wait
// doubling with every failure up to a ceiling. Failures older than the window stop counting; a
// success forgives the budget it was counted under.

export const THROTTLE_WINDOW_MS = 24 * 60 * 60_000;

interface Budget {
  /** Failures allowed before attempts have to wait. */
  free: number;
  /** The wait after the first failure beyond `free`; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const THROTTLE_BUDGETS = {
  account: { free: 5, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 },
  device: { free: 10, firstDelayMs: 60_000, maxDelayMs: 15 * 60_000 },
  network: { free: 30, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 },
} as const satisfies Record<string, Budget>;

export const MAX_FAILURES_PER_ACCOUNT = THROTTLE_BUDGETS.account.free;
export const MAX_FAILURES_PER_IP = THROTTLE_BUDGETS.network.free;

/** Where an attempt comes from: the account named, the address, and a trusted device (see deviceCookie). */
export interface AttemptSource {
  email: string;
  ip: string;
  /** The device id of a valid device cookie for this very account, else null. */
  trustedDeviceId: string | null;
}

type BudgetName = keyof typeof THROTTLE_BUDGETS;

/** The budgets an attempt is counted under, by key. */
export function throttleKeys(source: AttemptSource): Array<{ key: string; budget: BudgetName }> {
  if (source.trustedDeviceId) return [{ key: `device:${source.trustedDeviceId}`, budget: "device" }];
  return [
    { key: `account:${normalizeEmail(source.email)}`, budget: "account" },
    { key: `ip:${networkOf(source.ip)}`, budget: "network" },
  ];
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

/** How long a budget with this history makes the next attempt wait (0: it may go ahead). */
export function waitMs(budget: Budget, history: FailureHistory): number {
  if (history.count < budget.free || !history.latest) return 0;
  const delay = Math.min(budget.firstDelayMs * 2 ** (history.count - budget.free), budget.maxDelayMs);
  return Math.max(0, history.latest.getTime() + delay - history.now.getTime());
}

/** An attempt in progress: counted as a failure unless `passed` is called. */
export interface Attempt {
  /** Refused without checking anything; not counted. */
  throttled: boolean;
  /** Takes the attempt back: what it checked was right (pass the transaction of what it allowed). */
  passed(db: Db): Promise<void>;
}

/**
 * Starts a check of a password or code: the attempt counts as a failure from now on (so a burst of
 * concurrent guesses is limited like a sequence of them) unless it succeeds. A throttled attempt
 * is refused without checking anything and is not counted.
 */
export async function beginAttempt(db: Db, source: AttemptSource): Promise<Attempt> {
  const keys = throttleKeys(source);
  const { ids, history } = await recordLoginAttempt(
    db,
    keys.map((k) => k.key),
    THROTTLE_WINDOW_MS,
  );
  const throttled = keys.some(
    (k) => waitMs(THROTTLE_BUDGETS[k.budget], history.get(k.key) as FailureHistory) > 0,
  );
  if (throttled) await forgetLoginAttempt(db, ids);
  return { throttled, passed: (tx) => forgetLoginAttempt(tx, ids) };
}

/**
 * Forgets the failures of the account's (or the trusted device's) budget once the person has fully
 * proved who they are. An address's failures stay, so an attacker's own success elsewhere cannot
 * wipe the record of their spraying.
 */
export async function forgiveFailures(db: Db, source: AttemptSource): Promise<void> {
  const [own] = throttleKeys(source);
  if (own) await clearLoginFailures(db, own.key);
}
