import { TRPCError } from "@trpc/server";

export type ServiceErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

/**
 * A domain rule said no: the message is written for the person who asked. It is a TRPCError, so the
 * API passes it through with its code (a 4xx, never a 500); the CLI prints its message as `error: …`.
 */
export class ServiceError extends TRPCError {
  constructor(code: ServiceErrorCode, message: string) {
    super({ code, message });
  }
}

/**
 * The person must show it is them again (their password, and their second factor when enrolled)
 * before this change; the web app recognises it and asks inline, then retries.
 */
export class ReauthenticationRequired extends ServiceError {
  constructor() {
    super("FORBIDDEN", "Confirm it's you: enter your password again to continue.");
  }
}

/** "<What> <id> was not found." */
export function notFound(what: string, id: string): ServiceError {
  return new ServiceError("NOT_FOUND", `${what} ${id} was not found.`);
}
