import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

describe("without a trusted proxy (the default)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BENTENG_TRUST_PROXY: "" });
    await t.call("setup.createAdmin", {
      email: "a@example.com",
      displayName: "A",
      password: "a long enough password",
    });
  });
  afterAll(() => t.close());

  it("does not mark cookies Secure because a header claims HTTPS", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: {
        host: "localhost:80",
        origin: "http://localhost:80",
        "content-type": "application/json",
        "x-forwarded-proto": "https",
      },
      payload: JSON.stringify({ email: "a@example.com", password: "a long enough password" }),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "benteng_session");
    expect(cookie?.value).toBeTruthy();
    expect(cookie?.secure).toBeFalsy();
  });

  it("ignores a forged X-Forwarded-For: rotating it does not escape per-IP login throttling", async () => {
    const attempt = (i: number) =>
      t.app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: {
          host: "localhost:80",
          origin: "http://localhost:80",
          "content-type": "application/json",
          "x-forwarded-for": `203.0.113.${i % 250}`,
        },
        payload: JSON.stringify({ email: `user${i}@example.com`, password: "Password1234!" }),
      });
    let throttled = false;
    for (let i = 0; i < 40 && !throttled; i++) throttled = (await attempt(i)).statusCode === 429;
    expect(throttled).toBe(true);
  });
});
