import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  data,
  deviceCookie,
  enrolTwoFactor,
  PASSWORD,
  setUpAdmin,
} from "../testing/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../testing/testApp.ts";
import { THROTTLE_BUDGETS } from "./throttle.ts";

const ADMIN = "admin@example.com";
const WRONG = "not the password at all";
const OFFICE = "198.51.100.10";
const ATTACKER = "203.0.113.7";

describe("a lockout cannot be used against the account's owner (over HTTP)", () => {
  let t: TestApp;
  let recoveryCodes: string[];
  /** The admin's browser: it signed in before, so it holds a device cookie. */
  let ownerDevice: string;
  let adminSession: string;

  /** A sign-in with password and (recovery) code; the final response. */
  async function signInAdmin(options: { ip: string; cookie?: string }, code: string) {
    const first = await t.call("auth.login", { email: ADMIN, password: PASSWORD }, options);
    if (first.statusCode !== 200) return first;
    const { challenge } = data<{ challenge: string }>(first);
    return t.call("auth.verifySecondFactor", { challenge, code }, options);
  }

  beforeAll(async () => {
    t = await createTestApp();
    const enrolled = await enrolTwoFactor(t, await setUpAdmin(t));
    recoveryCodes = enrolled.recoveryCodes;
    const res = await signInAdmin({ ip: OFFICE }, recoveryCodes[0] as string);
    ownerDevice = deviceCookie(res);
    const device = res.cookies.find((c) => c.name === "benteng_device");
    expect(device?.httpOnly).toBe(true);
    expect(device?.sameSite).toBe("Strict");
    expect(device?.path).toBe("/trpc");
  });
  afterAll(() => t.close());

  it("an attacker hammering an admin's account does not lock the admin out of a device they used before", async () => {
    const attempts = [];
    for (let i = 0; i < 20; i++)
      attempts.push(
        (await t.call("auth.login", { email: ADMIN, password: WRONG }, { ip: ATTACKER })).statusCode,
      );
    expect(attempts.slice(0, THROTTLE_BUDGETS.account.free)).toEqual(Array(5).fill(401));
    expect(attempts.slice(THROTTLE_BUDGETS.account.free)).toEqual(Array(15).fill(429));
    // Untrusted sources are all paused now, even with the right password, even from elsewhere.
    expect((await signInAdmin({ ip: "192.0.2.44" }, recoveryCodes[1] as string)).statusCode).toBe(429);
    // The owner, from the browser they signed in with before, gets in (both steps).
    const owner = await signInAdmin({ ip: OFFICE, cookie: ownerDevice }, recoveryCodes[1] as string);
    expect(owner.statusCode).toBe(200);
    adminSession = sessionCookie(owner);
    expect(data(await t.call("auth.me", undefined, { cookie: adminSession }))).not.toBeNull();
    // Also from the attacker's own network (one office behind one address).
    const sameNetwork = await signInAdmin({ ip: ATTACKER, cookie: ownerDevice }, recoveryCodes[2] as string);
    expect(sameNetwork.statusCode).toBe(200);
    const throttled = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "auth.login_throttled")
      .execute();
    expect(throttled.length).toBeGreaterThanOrEqual(15);
  });

  it("a device cookie counts only for the account it names, and only as the server signed it", async () => {
    await addMember(t, adminSession, "mia@example.com", ["marketer"]);
    for (let i = 0; i < 10; i++)
      await t.call("auth.login", { email: "mia@example.com", password: WRONG }, { ip: ATTACKER });
    const withAdminsDevice = await t.call(
      "auth.login",
      { email: "mia@example.com", password: PASSWORD },
      { ip: OFFICE, cookie: ownerDevice },
    );
    expect(withAdminsDevice.statusCode).toBe(429);
    // One character of the device id changed: the signature no longer matches.
    const [name, value] = ownerDevice.split("=") as [string, string];
    const parts = value.split(".");
    parts[2] = `${parts[2]?.slice(0, -1)}${parts[2]?.endsWith("a") ? "b" : "a"}`;
    const forged = `${name}=${parts.join(".")}`;
    expect((await signInAdmin({ ip: OFFICE, cookie: forged }, recoveryCodes[3] as string)).statusCode).toBe(
      429,
    );
  });

  it("a trusted device has a budget of its own, and every budget waits longer after each failure", async () => {
    const fromDevice = (password: string) =>
      t.call("auth.login", { email: ADMIN, password }, { ip: OFFICE, cookie: ownerDevice });
    for (let i = 0; i < THROTTLE_BUDGETS.device.free; i++)
      expect((await fromDevice(WRONG)).statusCode).toBe(401);
    expect((await fromDevice(PASSWORD)).statusCode).toBe(429);
    // A minute later one attempt goes through; failing it doubles the wait.
    const age = (ms: number) =>
      sql`update login_failures set failed_at = failed_at - ${ms} * interval '1 millisecond'`.execute(t.db);
    await age(61_000);
    expect((await fromDevice(WRONG)).statusCode).toBe(401);
    expect((await fromDevice(PASSWORD)).statusCode).toBe(429);
    await age(61_000);
    expect((await fromDevice(PASSWORD)).statusCode).toBe(429);
    await age(61_000);
    expect((await fromDevice(PASSWORD)).statusCode).toBe(200);
  });
});
