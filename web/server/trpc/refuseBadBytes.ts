import { Transform } from "node:stream";
import type { FastifyInstance } from "fastify";

/**
 * Bytes that are not UTF-8 never become API input. Node's decoders would quietly turn them into
 * U+FFFD (and store that); here a body or a query string that is not valid UTF-8 is a 400 before
 * tRPC sees it. Text-level checks (NUL, lone surrogates, depth) are the tRPC middleware's.
 * Call on the Fastify scope that serves tRPC.
 */
export function refuseBadBytes(api: FastifyInstance): void {
  api.addHook("onRequest", async (request, reply) => {
    const query = request.url.indexOf("?");
    if (query === -1) return;
    try {
      decodeURIComponent(request.url.slice(query + 1));
    } catch {
      return reply.code(400).send({ error: "The query string is not valid percent-encoded UTF-8." });
    }
  });

  // Checked as the body streams in (tRPC's own parser reads it as a string afterwards), so the body
  // limit still applies and nothing is buffered twice. Fastify answers a failed body stream with the
  // error's status code.
  api.addHook("preParsing", async (_request, _reply, payload) => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const refuse = () =>
      Object.assign(new Error("The request body is not valid UTF-8."), { statusCode: 400 });
    const checked = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          return done(refuse());
        }
        done(null, chunk);
      },
      flush(done) {
        try {
          decoder.decode();
        } catch {
          return done(refuse());
        }
        done();
      },
    });
    payload.on("error", (e) => checked.destroy(e));
    return payload.pipe(checked);
  });
}
