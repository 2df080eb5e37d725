import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  data,
  enrolTwoFactor,
  mutate,
  PASSWORD,
  proofFor,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

// Issue 12, F10: names cannot hide text-direction or invisible controls (a flow named to read as
// another one, "Promo<U+202E>gnp.exe" shown as "Promoexe.png"), and test runs are on the record.

const RLO = "\u202E";
const TRICKS = [
  ["right-to-left override", `Promo${RLO}gnp.exe`],
  ["left-to-right embedding", "Promo\u202Aflow"],
  ["first-strong isolate", "Main\u2068 number\u2069"],
  ["right-to-left mark", "Welcome\u200F"],
  ["zero-width space", "Wel\u200Bcome"],
  ["byte order mark", "Wel\uFEFFcome"],
  ["control character", "Wel\u0007come"],
] as const;

describe("names with invisible or text-direction controls are refused with a 400", () => {
  let t: TestApp;
  let admin: string;
  let developer: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    developer = (await addMember(t, admin, "dev@example.com", ["developer"])).cookie;
  });
  afterAll(() => t.close());

  const refusesWithReason = (res: { statusCode: number; body: string }) => {
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/invisible or text-direction control characters/);
  };

  it("for flows (create, rename, import), channels and members; ordinary names in any script pass", async () => {
    const ok = await mutate<{ id: string }>(t, "flows.create", { name: "Toko Ana 👩‍💻 مرحبا" }, admin);
    for (const [, name] of TRICKS) {
      refusesWithReason(await t.call("flows.create", { name }, { cookie: admin }));
      refusesWithReason(await t.call("flows.rename", { flowId: ok.id, name }, { cookie: admin }));
      refusesWithReason(await t.call("flows.import", { name, document: emptyFlow() }, { cookie: admin }));
      refusesWithReason(
        await t.call(
          "channels.create",
          {
            name,
            phoneNumberId: "1234567890",
            accessToken: "token",
            appSecret: "app-secret",
            verifyToken: "verify",
            graphBaseUrl: "https://graph.example.com/v23.0",
            flowId: null,
          },
          { cookie: admin },
        ),
      );
    }
    const { url } = await mutate<{ url: string }>(
      t,
      "members.invite",
      { email: "nina@example.com", roles: ["marketer"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    const token = url.split("/invite/")[1];
    refusesWithReason(
      await t.call("members.acceptInvitation", { token, displayName: `Ana${RLO}nimdA`, password: PASSWORD }),
    );
    // The link still works with an honest name.
    const joined = await t.call("members.acceptInvitation", {
      token,
      displayName: "Nina",
      password: PASSWORD,
    });
    expect(joined.statusCode).toBe(200);
    const names = await t.db.selectFrom("flows").select("name").execute();
    expect(names.map((n) => n.name)).toEqual(["Toko Ana 👩‍💻 مرحبا"]);
  });

  it("invisible characters outside emoji and names that look blank are refused everywhere a name is typed", async () => {
    const hidden = [
      ["zero-width joiner between letters", "Pro\u200Dmo"],
      ["zero-width joiner after a letter before an emoji", "Promo\u200D👍"],
      ["combining grapheme joiner", "Pro\u034Fmo"],
      ["Hangul filler inside", "Promo\u3164"],
      ["only a Hangul filler", "\u3164"],
      ["only blank braille", "\u2800\u2800"],
      ["Khmer inherent vowel", "Pro\u17B5mo"],
      ["Mongolian vowel separator", "Pro\u180Emo"],
      ["tag characters", "Promo\u{E0041}\u{E0042}"],
      ["variation selector after a letter", "Promo\uFE0F"],
      ["variation selector supplement", "Promo\u{E0100}"],
    ] as const;
    const ok = await mutate<{ id: string }>(t, "flows.create", { name: "Looks fine" }, admin);
    const channel = (name: string) => ({
      name,
      phoneNumberId: "1234567891",
      accessToken: "token",
      appSecret: "app-secret",
      verifyToken: "verify",
      graphBaseUrl: "https://graph.example.com/v23.0",
      flowId: null,
    });
    for (const [what, name] of hidden) {
      for (const res of [
        await t.call("flows.create", { name }, { cookie: admin }),
        await t.call("flows.rename", { flowId: ok.id, name }, { cookie: admin }),
        await t.call("flows.import", { name, document: emptyFlow() }, { cookie: admin }),
        await t.call("channels.create", channel(name), { cookie: admin }),
      ]) {
        expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
        expect(res.body).toMatch(/invisible characters|at least one visible/);
      }
    }
    const { url } = await mutate<{ url: string }>(
      t,
      "members.invite",
      { email: "blank@example.com", roles: ["viewer"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    const token = url.split("/invite/")[1];
    for (const displayName of ["\u3164", "A\u200Dna", "\u2800"]) {
      const res = await t.call("members.acceptInvitation", { token, displayName, password: PASSWORD });
      expect(res.statusCode, displayName).toBe(400);
    }
    // Emoji sequences keep their joiners and selectors; scripts that need a non-joiner keep it.
    for (const name of ["Team 👩‍💻", "Love ❤️", "👨‍👩‍👧 family", "Thumbs 👍🏽", "می‌خواهم", "Braille ⠁⠃ ok"]) {
      const res = await t.call("flows.create", { name }, { cookie: admin });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
    }
  });

  it("for variables: a variable name with a control character is refused by the save", async () => {
    const flow = await mutate<{ id: string; revision: number }>(t, "flows.create", { name: "Vars" }, admin);
    const draft: Flow = { ...emptyFlow(), variables: [{ name: `order${RLO}Id`, type: "text" }] };
    const res = await t.call(
      "flows.save",
      { flowId: flow.id, baseRevision: flow.revision, draft },
      { cookie: admin },
    );
    expect(res.statusCode).toBe(400);
  });

  it("a script test run is audited (code hash, hosts, secret names; never typed values)", async () => {
    const block = {
      code: "return { n: 1 };",
      inputMapping: [],
      inputSchema: [],
      outputSchema: [{ name: "n", type: "number", required: true }],
      outputMapping: [],
      allowedHosts: ["api.example.com"],
      secrets: ["API_KEY"],
      timeoutMs: 1000,
      memoryMb: 32,
    };
    const run = data<{ ok: boolean }>(
      await t.call(
        "scripts.testRun",
        { block, sampleInput: {}, testSecrets: { API_KEY: "typed-for-the-test-123" } },
        { cookie: developer },
      ),
    );
    expect(run.ok).toBe(true);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["target_type", "target_label", "details"])
      .where("action", "=", "script.test_run")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      target_type: "script",
      details: { allowedHosts: ["api.example.com"], secrets: ["API_KEY"], testSecretsTyped: ["API_KEY"] },
    });
    expect(JSON.stringify(rows)).not.toContain("typed-for-the-test-123");
  });
});
