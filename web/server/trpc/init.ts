import { can, type Permission } from "@benteng/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { Context } from "./context.ts";

/** What a procedure requires: a permission from the role table, a session, or nothing. */
export type Access = Permission | "authenticated" | "public";
export interface Meta {
  access: Access;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field errors for forms; never the stack.
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          stack: undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export const publicProcedure = t.procedure.meta({ access: "public" });
export const authedProcedure = t.procedure.meta({ access: "authenticated" }).use(requireSession);

/** A procedure that needs `permission` (see rolePermissions in shared). */
export function permittedProcedure(permission: Permission) {
  return t.procedure
    .meta({ access: permission })
    .use(requireSession)
    .use(({ ctx, next }) => {
      if (!can(ctx.session.roles, permission)) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `Your role does not allow this (needs ${permission}).`,
        });
      }
      return next();
    });
}
