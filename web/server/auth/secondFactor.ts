import type { Cipher, Db } from "@benteng/db";
import { spendRecoveryCode } from "@benteng/db/queries/recoveryCodes";
import { claimTotpStep, twoFactorState } from "@benteng/db/queries/twoFactor";
import { hashRecoveryCode } from "./recoveryCodes.ts";
import { matchTotpStep } from "./totp.ts";

export const TOTP_SECRET_PURPOSE = "user.totp_secret";

/**
 * Checks a second factor: a current authenticator code (never accepted twice) or an unused recovery
 * code (spent by this call). Returns which one passed, or null.
 */
export async function verifySecondFactor(
  db: Db,
  cipher: Cipher,
  userId: string,
  code: string,
): Promise<"totp" | "recovery_code" | null> {
  const state = await twoFactorState(db, userId);
  if (!state.secretEnc) return null;
  const trimmed = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotpStep(cipher.decrypt(state.secretEnc, TOTP_SECRET_PURPOSE), trimmed);
    return step !== null && (await claimTotpStep(db, userId, step)) ? "totp" : null;
  }
  return (await spendRecoveryCode(db, userId, hashRecoveryCode(trimmed))) ? "recovery_code" : null;
}
