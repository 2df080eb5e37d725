/**
 * The line the "safety notice" flow setting adds to the first message customers get. It lives beside the
 * linter so the linter can check the exact words customers will read.
 */
export const SAFETY_NOTICE = "We will never ask for your PIN, password or OTP.";
