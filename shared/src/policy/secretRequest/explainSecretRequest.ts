import type { SecretKind } from "./secretKind.ts";

const WHAT: Record<SecretKind, string> = {
  password: "a password or passcode",
  pin: "a PIN",
  cvv: "the security code (CVV/CVC) of a card",
  otp: "a one-time code (OTP, TAC or verification code)",
  "card-number": "a full card number",
  "security-answer": "the answer to a security question (a maiden name, a first pet, a memorable word)",
  "recovery-phrase": "a wallet's recovery (seed) phrase",
  "login-link": "their login, PIN or card details on a web page",
};

/**
 * The marketer-facing reason a text is blocked, with what to do instead.
 * @example explainSecretRequest("pin", "PIN") starts with 'This asks the customer for a PIN ("PIN").'
 */
export function explainSecretRequest(kind: SecretKind, matched: string, pointsBack = false): string {
  const words = pointsBack ? `"${matched.trim()}", meaning the one named just before` : `"${matched.trim()}"`;
  return (
    `This asks the customer for ${WHAT[kind]} (${words}). Real businesses never ask for this in a chat, ` +
    "so customers are taught to treat it as a scam, and it puts their money at risk. Remove the request; " +
    "if you need to verify someone, send them to your app or website, or hand over to a person. " +
    'Warnings such as "We will never ask for your PIN" are fine.'
  );
}
