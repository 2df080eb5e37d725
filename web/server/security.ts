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
  /** The body type the route takes; neither JSON nor raw bytes can be sent by an HTML form. */
  bodyType: "application/json" | "application/octet-stream" = "application/json",
): boolean {
  if (!STATE_CHANGING.has(req.method)) return true;
  const origin = req.headers.origin;
  const allowed = new Set<string>();
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  // Without a configured public URL, the Host header may name this machine only by address or as
  // localhost: a DNS name there could be an attacker's domain rebound to us (DNS rebinding), which
  // would make its page "same-origin".
  else if (req.headers.host && isAddressHost(req.headers.host))
    allowed.add(`${req.protocol}://${req.headers.host}`);
  if (!origin || !allowed.has(origin)) {
    reply.code(403).send({ error: "Cross-origin request refused." });
    return false;
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith(bodyType)) {
    reply.code(415).send({
      error: `State-changing requests must be ${bodyType === "application/json" ? "JSON" : bodyType}.`,
    });
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

/** "localhost", an IPv4 or a bracketed IPv6 address, with an optional port. */
export function isAddressHost(host: string): boolean {
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return name === "localhost" || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name);
}
