import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactLogText, redactUrl, requestLogRedaction } from "./requestLogRedaction.ts";
import { enrolTwoFactor, mutate, proofFor, setUpAdmin } from "./testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

describe("credentials in URLs", () => {
  it("replaces an invitation's token, query parameters named like credentials and tRPC inputs", () => {
    expect(redactUrl("/invite/abcdefghijklmnopqrstuvwxyz234567")).toBe("/invite/[redacted]");
    expect(redactUrl("/invite/short?x=1")).toBe("/invite/[redacted]?x=1");
    expect(
      redactUrl(
        "/webhooks/whatsapp/0b6f1a2e-4c1d-4a8e-9b43-7c1f0e2d3a4b?hub.mode=subscribe&hub.verify_token=v3r1fy&hub.challenge=42",
      ),
    ).toBe(
      "/webhooks/whatsapp/0b6f1a2e-4c1d-4a8e-9b43-7c1f0e2d3a4b?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=42",
    );
    expect(redactUrl("/api/x?token=a&client_secret=b&code=c&api_key=d&apiKey=e&password=f&page=2")).toBe(
      "/api/x?token=[redacted]&client_secret=[redacted]&code=[redacted]&api_key=[redacted]&apiKey=[redacted]&password=[redacted]&page=2",
    );
    expect(redactUrl("/trpc/members.invitation?input=%7B%22token%22%3A%22abc%22%7D")).toBe(
      "/trpc/members.invitation?input=[redacted]",
    );
    // Encoded names are recognised too.
    expect(redactUrl("/x?hub%2Everify%5Ftoken=v")).toBe("/x?hub.verify_token=[redacted]");
  });

  it("redacts parameters by a list of credential names, percent-encoded paths and paths in values", () => {
    for (const name of [
      "pwd",
      "otp",
      "totp",
      "sig",
      "signature",
      "jwt",
      "X-Amz-Credential",
      "X-Amz-Signature",
      "user_pwd",
    ]) {
      expect(redactUrl(`/api/x?${name}=s3cr3t-value&page=2`), name).toBe(`/api/x?${name}=[redacted]&page=2`);
    }
    const token = "abcdefghijklmnopqrstuvwxyz234567";
    const short = "abc234";
    for (const [url, secret] of [
      [`/invite%2F${short}`, short],
      [`/invite%2f${short}?x=1`, short],
      [`/login?next=/invite/${short}`, short],
      [`/login?next=%2Finvite%2F${short}`, short],
      [`/x%3Ftoken%3D${short}`, short],
      [`/login?next=${token}`, token],
    ] as const) {
      expect(redactUrl(url), url).not.toContain(secret);
      expect(redactUrl(url), url).toContain("[redacted]");
    }
    // An escaped "&" inside a redacted value does not cut it into pieces that escape.
    expect(redactUrl("/trpc/auth.login?input=%7B%22password%22%3A%22a%26leaked%22%7D")).toBe(
      "/trpc/auth.login?input=[redacted]",
    );
    // A malformed escape does not stop the others from being decoded.
    expect(redactUrl(`/invite%2F${short}%E0%A4%A`)).not.toContain(short);
    // Ordinary parameters stay readable.
    expect(redactUrl("/flows?page=2&sort=name&design=1")).toBe("/flows?page=2&sort=name&design=1");
  });

  it("replaces a path segment that looks like a random token; keeps ids, names and assets", () => {
    expect(redactUrl("/reset-link/Zm9vYmFyYmF6cXV4cXV1eGNvcmdl")).toBe("/reset-link/[redacted]");
    expect(redactUrl("/flows/0b6f1a2e-4c1d-4a8e-9b43-7c1f0e2d3a4b")).toBe(
      "/flows/0b6f1a2e-4c1d-4a8e-9b43-7c1f0e2d3a4b",
    );
    expect(redactUrl("/assets/index-DkQ2x9aBcdEfGhIj.js")).toBe("/assets/index-DkQ2x9aBcdEfGhIj.js");
    expect(redactUrl("/trpc/auth.me,twoFactor.status?batch=1")).toBe(
      "/trpc/auth.me,twoFactor.status?batch=1",
    );
  });

  it("finds URLs inside messages", () => {
    expect(redactLogText("Route GET:/invite/abcdefghijklmnopqrstuvwxyz234567?token=x not found")).toBe(
      "Route GET:/invite/[redacted]?token=[redacted] not found",
    );
    expect(redactLogText("see https://bot.example/invite/secretsecret now")).toBe(
      "see https://bot.example/invite/[redacted] now",
    );
  });
});

describe("the error serialiser", () => {
  it("takes whatever is logged as err (a message string, null, a number, an odd object) without throwing", () => {
    const lines: string[] = [];
    const log = pino(
      { ...requestLogRedaction },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    // What the runtime logs when PostgreSQL goes away: the message, not the Error.
    log.warn({ err: "terminating connection due to administrator command at /invite/abcdefghijklmnop1234" });
    log.warn({ err: null });
    log.warn({ err: 42 });
    log.warn({ err: Object.create(null) });
    log.warn({ err: new Error("see /invite/abcdefghijklmnop1234") });
    expect(lines).toHaveLength(5);
    expect(lines.join("")).toContain("terminating connection due to administrator command");
    expect(lines.join("")).not.toContain("abcdefghijklmnop1234");
  });
});

describe("request logs never contain a token from a URL (the real log output)", () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await createTestApp({ LOG_LEVEL: "trace" }, sink);
  });
  afterAll(() => t.close());

  it("through an invitation link, its preview, a webhook check and query strings with credentials", async () => {
    const admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    const { url } = await mutate<{ url: string }>(
      t,
      "members.invite",
      { email: "new.admin@example.com", roles: ["admin"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    const token = url.split("/invite/")[1] as string;
    const verifyToken = "verify-token-in-a-query";
    const get = (path: string) =>
      t.app.inject({ method: "GET", url: path, headers: { host: "localhost:80" } });
    await get(`/invite/${token}`);
    await get(`/invite/${token}?utm=mail`);
    await get(`/trpc/members.invitation?input=${encodeURIComponent(JSON.stringify({ token }))}`);
    await get(
      `/webhooks/whatsapp/0b6f1a2e-4c1d-4a8e-9b43-7c1f0e2d3a4b?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=42`,
    );
    await get(
      "/api/callback?access_token=at-secret-1&client_secret=cs-secret-2&code=oauth-code-3&key=key-value-4",
    );
    await get(`/webhooks/whatsapp/${token}`);

    const log = lines.join("");
    // The requests were logged (without their credentials), so the check below can fail.
    expect(log).toContain('"url":"/invite/[redacted]"');
    expect(log).toContain("hub.verify_token=[redacted]");
    for (const secret of [token, verifyToken, "at-secret-1", "cs-secret-2", "oauth-code-3", "key-value-4"]) {
      expect(log, `log contains ${secret}`).not.toContain(secret);
    }
    // The link itself still works for the person it was sent to.
    const preview = await t.call("members.invitation", { token });
    expect(preview.statusCode).toBe(200);
  });
});
