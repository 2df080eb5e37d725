import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpAdmin } from "./testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

describe("batched tRPC queries", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setUpAdmin(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("answers the editor's first batch (a path over 100 characters) instead of 414", async () => {
    const procedures = [
      "versions.list",
      "versions.draftStatus",
      "auth.me",
      "workspace.settings",
      "inbox.count",
      "notices.list",
      "reviewNews.list",
      "auth.me",
    ];
    const path = procedures.join(",");
    expect(path.length).toBeGreaterThan(100);
    const input = Object.fromEntries(
      procedures.map((p, i) => [
        i,
        p.startsWith("versions.") ? { flowId: "00000000-0000-4000-8000-000000000000" } : undefined,
      ]),
    );
    const res = await t.app.inject({
      method: "GET",
      url: `/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      headers: { host: "localhost:80", cookie: admin },
    });
    expect(res.statusCode).not.toBe(414);
    const answers = res.json() as Array<{ result?: unknown; error?: unknown }>;
    expect(answers).toHaveLength(procedures.length);
    expect(answers.at(-1)).toHaveProperty("result");
  }, 60_000);
});
