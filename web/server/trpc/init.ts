import { can, findUnsafeInput, type Permission } from "@benteng/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { ReauthenticationRequired } from "../services/serviceError.ts";
import type { Context } from "./context.ts";

/** What a procedure requires: a permission from the role table, a session, or nothing. */
export type Access = Permission | "authenticated" | "public";
export interface Meta {
  access: Access;
  /** The session must have passed the second factor (reviewers approving, admins managing). */
  twoFactor?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      // An unexpected failure's message may carry SQL or internal detail: the log has it, the client not.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        return {
          ...shape,
          message:
            "Something went wrong on the server. Try again; if it keeps happening, tell your administrator.",
          data: { ...shape.data, zodError: null, reauthenticate: false, stack: undefined },
        };
      }
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field errors for forms; never the stack.
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          // The web app asks for the password inline and retries (see reauthentication.ts).
          reauthenticate: error instanceof ReauthenticationRequired,
          stack: undefined,
        },
      };
    },
  });

export const router = t.router;

/** The refusal the web app recognises to offer two-factor enrolment. */
export const TWO_FACTOR_REQUIRED =
  "Two-factor authentication is required for this. Set it up under Security.";
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure's raw input, before its own schema: no NUL or lone surrogate in any string or key
 * (PostgreSQL could never store it, so it would surface as a 500) and no nesting past
 * MAX_INPUT_DEPTH (deep JSON overflows the stack of whatever walks it next). One rule, one place.
 */
const refuseBadInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = findUnsafeInput(await getRawInput());
  if (problem) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Input refused at ${problem.path}: ${problem.reason}.`,
    });
  }
  return next();
});
const procedure = t.procedure.use(refuseBadInput);

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export const publicProcedure = procedure.meta({ access: "public" });
export const authedProcedure = procedure.meta({ access: "authenticated" }).use(requireSession);

/**
 * A procedure that needs `permission` (see rolePermissions in shared); with `twoFactor`, also a
 * session that passed the second factor — checked after the role, so a role that could never do
 * this is told so rather than sent to enrol.
 */
export function permittedProcedure(permission: Permission, options: { twoFactor?: boolean } = {}) {
  const twoFactor = options.twoFactor ?? false;
  return procedure
    .meta({ access: permission, twoFactor })
    .use(requireSession)
    .use(({ ctx, next }) => {
      if (!can(ctx.session.roles, permission)) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `Your role does not allow this (needs ${permission}).`,
        });
      }
      if (twoFactor && !ctx.session.twoFactorVerified) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: TWO_FACTOR_REQUIRED,
        });
      }
      return next();
    });
}
