import type { FastifyReply, FastifyRequest } from "fastify";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for the API: a state-changing request must come from our own origin (the browser
 * always sends Origin on cross-site POSTs) and carry a JSON body, which an HTML form cannot send.
 */
export function checkSameOrigin(
  req: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string | undefined,
): boolean {
  if (!STATE_CHANGING.has(req.method)) return true;
  const origin = req.headers.origin;
  const allowed = new Set<string>();
  if (req.headers.host) allowed.add(`${req.protocol}://${req.headers.host}`);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  if (!origin || !allowed.has(origin)) {
    reply.code(403).send({ error: "Cross-origin request refused." });
    return false;
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/json")) {
    reply.code(415).send({ error: "State-changing requests must be JSON." });
    return false;
  }
  return true;
}

/** A Content-Security-Policy the editor works under: no inline scripts, no third-party anything. */
export const contentSecurityPolicy = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // React Flow positions nodes with inline style attributes.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", "data:"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  },
};
