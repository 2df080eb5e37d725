import { z } from "zod";

/** The kinds of secret no legitimate business asks for in a chat. */
export const secretKindSchema = z.enum([
  "password",
  "pin",
  "cvv",
  "otp",
  "card-number",
  "security-answer",
  "recovery-phrase",
  "login-link",
]);
export type SecretKind = z.infer<typeof secretKindSchema>;
