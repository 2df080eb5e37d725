import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";

// RFC 6238 with the parameters every authenticator app supports: SHA-1, 30-second steps, 6 digits.
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Clock drift we forgive: one step either side. */
const DRIFT_STEPS = 1;

export const totpCodeSchemaPattern = /^\d{6}$/;

/** A new random 160-bit secret, as the base32 text authenticator apps accept when typed in. */
export function generateTotpSecret(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeBase32UpperCaseNoPadding(key);
}

/** What the enrolment screen shows: an otpauth:// QR code (as a data: URL the CSP allows) and the key. */
export async function totpEnrolment(
  secret: string,
  accountName: string,
): Promise<{ qrDataUrl: string; secret: string }> {
  const uri = createTOTPKeyURI(
    "Benteng",
    accountName,
    decodeBase32IgnorePadding(secret),
    PERIOD_SECONDS,
    DIGITS,
  );
  return { qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }), secret };
}

/**
 * The time step a code matches (within the drift window), or null. The caller records the step so
 * that the same code cannot be replayed.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!totpCodeSchemaPattern.test(code)) return null;
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(now / 1000 / PERIOD_SECONDS);
  const given = new TextEncoder().encode(code);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS));
    if (constantTimeEqual(expected, given)) return step;
  }
  return null;
}

/** The code an authenticator app would show now (tests and the e2e journey act as the app). */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return generateHOTP(
    decodeBase32IgnorePadding(secret),
    BigInt(Math.floor(now / 1000 / PERIOD_SECONDS)),
    DIGITS,
  );
}
