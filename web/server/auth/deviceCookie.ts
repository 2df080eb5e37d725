import type { Cipher } from "@benteng/db";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

// OWASP's "device cookie": a browser that once signed in to an account gets a signed cookie naming
// that account. Sign-in attempts that carry it are throttled on their own, so someone hammering the
// account from elsewhere cannot lock its owner out of the devices they already use.

export const DEVICE_COOKIE = "benteng_device";
const PURPOSE = "auth.device_cookie";
const TTL_MS = 180 * 86_400_000;

/** What a valid device cookie says: which account, which device (its own throttle), since when. */
export interface Device {
  userId: string;
  deviceId: string;
  issuedAt: Date;
}

/** A device cookie just issued: the value goes into an HttpOnly cookie, nothing into the database. */
export interface IssuedDevice {
  value: string;
  expiresAt: Date;
}

/** A new device cookie for this account (a new device id each sign-in). */
export function issueDeviceCookie(cipher: Cipher, userId: string, now = Date.now()): IssuedDevice {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  const payload = `${userId}.${now}.${encodeBase32LowerCaseNoPadding(bytes)}`;
  return { value: `${payload}.${cipher.sign(payload, PURPOSE)}`, expiresAt: new Date(now + TTL_MS) };
}

/** The device a cookie names, when its signature is ours and it has not expired; otherwise null. */
export function readDeviceCookie(cipher: Cipher, value: string | null, now = Date.now()): Device | null {
  if (!value || value.length > 200) return null;
  const m = /^([0-9a-f-]{36})\.(\d{13})\.([a-z2-7]{24})\.([0-9a-f]{8}\.[A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const [, userId, issued, deviceId, signature] = m as unknown as [string, string, string, string, string];
  if (!cipher.verifySignature(`${userId}.${issued}.${deviceId}`, signature, PURPOSE)) return null;
  const issuedAt = Number(issued);
  if (issuedAt > now + 60_000 || now - issuedAt > TTL_MS) return null;
  return { userId, deviceId, issuedAt: new Date(issuedAt) };
}

/**
 * The device id to throttle an attempt on this account under, or null for an untrusted source: the
 * cookie must name this account and be issued during the person's current membership (a cookie
 * from before they were removed and invited again does not count).
 */
export function trustedDeviceId(
  device: Device | null,
  account: { userId: string; memberSince: Date } | null,
): string | null {
  if (!device || !account || device.userId !== account.userId) return null;
  return device.issuedAt >= account.memberSince ? device.deviceId : null;
}
