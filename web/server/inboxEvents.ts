import type { Db } from "@benteng/db";
import { type NotificationListener, notificationListener } from "@benteng/db";
import { conversationsWake, NOTIFY_CHANNELS } from "@benteng/runtime";
import { can } from "@benteng/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE, validateSessionToken } from "./auth/sessions.ts";
import type { Env } from "./env.ts";

/** Where the browser subscribes (EventSource) to changes of the agent inbox. */
export const INBOX_EVENTS_PATH = "/events/inbox";

/** Streams open at once, at most (each holds a socket; the browser keeps one per tab). */
const MAX_STREAMS = 2_000;
/** A comment line this often keeps proxies from closing an idle stream; the session is re-checked. */
const HEARTBEAT_MS = 25_000;
/** Changes closer together than this reach a browser as one event. */
const COALESCE_MS = 250;

/**
 * Server-sent events for agents: an `inbox` event whenever a conversation waiting for a person
 * changes (it arrives, the customer writes, an agent claims, replies or finishes), so the Inbox page
 * and the navigation's count refresh at once. The events carry no data: the page re-reads what it
 * shows through the API, with the member's own permissions. Signed-in members with the `agent`
 * permission only (session cookie, re-checked at each heartbeat).
 *
 * Within this process the runtime and the agent services wake the stream directly (on PGlite there
 * is only one process); on PostgreSQL, changes made by other processes arrive by LISTEN/NOTIFY.
 */
export async function inboxEventsRoute(
  app: FastifyInstance,
  options: { db: Db; env: Env; listenUrl?: string },
): Promise<void> {
  const { db, env } = options;
  const streams = new Set<() => void>();
  let listener: NotificationListener | undefined;
  if (options.listenUrl) {
    listener = await notificationListener(options.listenUrl, {
      onError: (e) => app.log.warn({ err: e.message }, "inbox LISTEN connection lost; reconnecting"),
    });
    await listener.listen(NOTIFY_CHANNELS.conversations, () => conversationsWake.wake());
  }
  app.addHook("preClose", async () => {
    for (const end of [...streams]) end();
  });
  app.addHook("onClose", async () => {
    await listener?.end();
  });

  const sessionOf = async (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    const validated = token ? await validateSessionToken(db, token, env.BENTENG_SESSION_TTL_DAYS) : null;
    return validated?.session ?? null;
  };

  app.get(INBOX_EVENTS_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
    const session = await sessionOf(req);
    if (!session) return reply.code(401).send({ error: "Please sign in." });
    if (!can(session.roles, "agent")) {
      return reply.code(403).send({ error: "Your role does not allow this (needs agent)." });
    }
    if (streams.size >= MAX_STREAMS) return reply.code(503).send({ error: "Too many open event streams." });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    // The browser reconnects after 3 s if the stream drops; the first event makes it read at once.
    res.write("retry: 3000\n\nevent: inbox\ndata: {}\n\n");
    let pending: NodeJS.Timeout | undefined;
    const send = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        res.write("event: inbox\ndata: {}\n\n");
      }, COALESCE_MS);
    };
    const unsubscribe = conversationsWake.subscribe(send);
    const heartbeat = setInterval(async () => {
      const still = await sessionOf(req).catch(() => null);
      if (!still || !can(still.roles, "agent")) end();
      else res.write(": ping\n\n");
    }, HEARTBEAT_MS);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      streams.delete(end);
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(pending);
      res.end();
    };
    streams.add(end);
    // The response closes when the browser goes away (the request itself "closes" once read).
    res.on("close", end);
  });
}
