import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

const COUNT = 10;

/** Ten single-use recovery codes like "k7qm-2xwd-p3ra" (60 random bits each). */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: COUNT }, () => {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 12);
    return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}`;
  });
}

/** What is stored for a code: its SHA-256, after forgiving case, spaces and dashes as typed. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]/g, "");
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}
