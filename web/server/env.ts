import { resolve } from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** Every environment variable the server reads; parsed once at boot (README lists them). */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    BENTENG_DATA_DIR: z.string().min(1).default(".data"),
    BENTENG_MASTER_KEY: z
      .string()
      .regex(
        /^[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9+/=]{43,44})*$/,
        "must be base64 of 32 bytes (comma-separated during rotation)",
      )
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** The address people and Meta use to reach this server, e.g. https://bot.example.com. */
    BENTENG_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Trust X-Forwarded-For/-Proto from a reverse proxy in front of Benteng. Off by default: without
     * a proxy, anyone could forge their IP (and dodge per-IP login throttling) with that header.
     */
    BENTENG_TRUST_PROXY: flag,
    /** Ceilings for every script block of this installation's workspace: blocks may ask for less, never more. */
    BENTENG_SCRIPT_MAX_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(10_000),
    BENTENG_SCRIPT_MAX_MEMORY_MB: z.coerce.number().int().min(8).max(128).default(128),
    BENTENG_RUNTIME_WORKERS: z.coerce.number().int().min(0).max(64).default(2),
    BENTENG_SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    /** A customer's conversation idle longer than this ends; their next message starts the flow again. */
    BENTENG_CONVERSATION_TIMEOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .default(60 * 24),
    /** Messages per second per WhatsApp number, all runtime processes together (Meta's default tier is 80). */
    BENTENG_SEND_RATE_PER_NUMBER: z.coerce.number().int().min(1).max(1_000).default(80),
    /** Test-only: lets script fetch reach loopback. Refused in production. */
    BENTENG_SANDBOX_ALLOW_LOOPBACK: flag,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.BENTENG_SANDBOX_ALLOW_LOOPBACK) {
      ctx.addIssue({
        code: "custom",
        path: ["BENTENG_SANDBOX_ALLOW_LOOPBACK"],
        message: "is a test-only setting and is refused when NODE_ENV=production",
      });
    }
  })
  .transform((env) => ({ ...env, BENTENG_DATA_DIR: resolve(env.BENTENG_DATA_DIR) }));
export type Env = z.infer<typeof envSchema>;

/** Parses the environment or explains, naming each bad variable, why the server cannot start. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
  throw new EnvError(`Benteng cannot start: invalid configuration\n${lines.join("\n")}`);
}

export class EnvError extends Error {}

/** The runtime settings an operator controls (defined by the runtime, which reads them). */
export { runtimeSettings } from "@benteng/runtime";
