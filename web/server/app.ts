import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cipher, Db } from "@benteng/db";
import { type Engine, httpServerLimits, limitConnections, runtimeHttp } from "@benteng/runtime";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { DEVICE_COOKIE } from "./auth/deviceCookie.ts";
import { SESSION_COOKIE, validateSessionToken } from "./auth/sessions.ts";
import type { Env } from "./env.ts";
import { inboxEventsRoute } from "./inboxEvents.ts";
import { mediaRoutes } from "./mediaRoutes.ts";
import { requestLogRedaction } from "./requestLogRedaction.ts";
import { checkSameOrigin, contentSecurityPolicy } from "./security.ts";
import { type AppRouter, appRouter } from "./trpc/appRouter.ts";
import type { Context } from "./trpc/context.ts";
import { refuseBadBytes } from "./trpc/refuseBadBytes.ts";

const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

export interface AppOptions {
  engine: Engine;
  db: Db;
  cipher: Cipher;
  env: Env;
  workspaceId: string;
  /**
   * The PostgreSQL database to LISTEN on for changes other processes make (default DATABASE_URL;
   * none on PGlite, whose single process wakes its listeners directly).
   */
  listenUrl?: string;
  /** Where logs go (stdout when absent); tests capture them to prove what never appears there. */
  logStream?: NodeJS.WritableStream;
}

/** Logs never carry cookies, tokens, signatures or message bodies (README, "Logs"). */
export const logRedactPaths = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  "body",
  "password",
  "*.password",
  "*.accessToken",
  "*.appSecret",
  "*.verifyToken",
];

/**
 * pino options for every Benteng HTTP process: redaction paths, and credentials in URLs (an
 * invitation's token, Meta's verify token, tRPC inputs) replaced wherever a URL is logged.
 */
export function loggerOptions(env: Env, stream?: NodeJS.WritableStream) {
  if (env.LOG_LEVEL === "silent") return false;
  return {
    level: env.LOG_LEVEL,
    redact: { paths: logRedactPaths, censor: "[redacted]" },
    ...requestLogRedaction,
    ...(stream ? { stream } : {}),
  };
}

/** The whole HTTP surface: SPA, tRPC API, WhatsApp webhooks, health. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, cipher, env, workspaceId, engine } = options;
  const app = Fastify({
    logger: loggerOptions(env, options.logStream),
    // One hop: the proxy's own X-Forwarded-For entry, not whatever the client wrote before it.
    trustProxy: env.BENTENG_TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 2 * 1024 * 1024,
    // tRPC batches name every procedure in one path parameter ("/trpc/versions.list,auth.me,…"):
    // Fastify's default of 100 characters answered the editor's first batch of 7 with 414, and the
    // page waited a second for its retries. 2,000 holds any batch the web app makes.
    routerOptions: { maxParamLength: 2000 },
    ...httpServerLimits,
  });
  limitConnections(app.server);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    hsts: env.BENTENG_PUBLIC_URL?.startsWith("https://") ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);

  const secureCookies = (req: FastifyRequest) =>
    req.protocol === "https" || !!env.BENTENG_PUBLIC_URL?.startsWith("https://");

  await app.register(async (api) => {
    api.addHook("onRequest", async (req, reply) => {
      if (!checkSameOrigin(req, reply, env.BENTENG_PUBLIC_URL)) return reply;
    });
    refuseBadBytes(api);
    const listenUrl = options.listenUrl ?? env.DATABASE_URL;
    await api.register(inboxEventsRoute, { db, env, ...(listenUrl ? { listenUrl } : {}) });
    await api.register(fastifyTRPCPlugin, {
      prefix: "/trpc",
      trpcOptions: {
        router: appRouter,
        createContext: async ({ req, res }): Promise<Context> => {
          const cookieOptions = {
            httpOnly: true,
            sameSite: "lax" as const,
            path: "/",
            secure: secureCookies(req),
          };
          const cookies = {
            setSession: (token: string, expiresAt: Date) =>
              res.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt }),
            clearSession: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
            // Only sign-in procedures read it, and only from our own pages.
            setDevice: (value: string, expiresAt: Date) =>
              res.setCookie(DEVICE_COOKIE, value, {
                ...cookieOptions,
                sameSite: "strict",
                path: "/trpc",
                expires: expiresAt,
              }),
          };
          const token = req.cookies[SESSION_COOKIE];
          const validated = token
            ? await validateSessionToken(db, token, env.BENTENG_SESSION_TTL_DAYS)
            : null;
          if (token && validated?.renewed) cookies.setSession(token, validated.session.expiresAt);
          if (token && !validated) cookies.clearSession();
          return {
            db,
            cipher,
            env,
            installationWorkspaceId: workspaceId,
            engine,
            session: validated?.session ?? null,
            ip: req.ip,
            userAgent: req.headers["user-agent"]?.slice(0, 300) ?? null,
            deviceCookie: req.cookies[DEVICE_COOKIE] ?? null,
            cookies,
            origin: env.BENTENG_PUBLIC_URL
              ? new URL(env.BENTENG_PUBLIC_URL).origin
              : `${req.protocol}://${req.headers.host}`,
          };
        },
        onError({ error, path }) {
          if (error.code === "INTERNAL_SERVER_ERROR")
            app.log.error({ err: error, path }, "tRPC procedure failed");
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
    });
  });

  // Media blocks' uploads (same-origin, signed in) and the files WhatsApp downloads.
  await app.register(mediaRoutes, { db, env });

  // /healthz and the WhatsApp webhook, as in every process that runs the runtime.
  await app.register(runtimeHttp, { db, cipher, env, role: "web" });

  if (existsSync(join(WEB_DIST, "index.html"))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ["index.html"] });
    // Client-side routes (/flows/…, /login) all load the SPA.
    app.setNotFoundHandler((req, reply) => {
      if (
        req.method === "GET" &&
        !req.url.startsWith("/trpc") &&
        !req.url.startsWith("/webhooks") &&
        !req.url.startsWith("/events") &&
        !req.url.startsWith("/media/")
      ) {
        return reply.type("text/html").sendFile("index.html");
      }
      return reply.code(404).send({ error: "Not found" });
    });
  }
  return app;
}
