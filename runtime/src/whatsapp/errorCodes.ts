/** How the sender reacts to a Graph API error code (decided on error.code, never on HTTP status or text). */
export type ErrorDisposition = "retry" | "permanent" | "needs_token";

const retryable = new Set([130429, 131056, 131000, 131016, 1, 2, 4, 80007]);
const permanent = new Set([131047, 131026, 100, 131008, 131009, 131051, 131021, 131052, 132000, 132001]);

/**
 * `190` (token expired/invalid) needs an admin; throughput and transient codes are retried with
 * backoff; codes that will fail the same way again are not. Unknown codes: retried when the HTTP status
 * was 5xx (the server's fault), permanent otherwise, so a bad request never loops.
 */
export function classifyGraphError(code: number | null, httpStatus: number | null): ErrorDisposition {
  if (code === 190) return "needs_token";
  if (code !== null && retryable.has(code)) return "retry";
  if (code !== null && permanent.has(code)) return "permanent";
  if (httpStatus === null || httpStatus >= 500 || httpStatus === 429) return "retry";
  return "permanent";
}
