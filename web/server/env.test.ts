import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, runtimeSettings } from "./env.ts";

describe("parseEnv", () => {
  it("gives the runtime Meta's default send rate and a one-day conversation timeout", () => {
    expect(runtimeSettings(parseEnv({}))).toEqual({
      sessionTimeoutMs: 24 * 60 * 60_000,
      rateLimitPerSecond: 80,
    });
    expect(
      runtimeSettings(
        parseEnv({ BENTENG_CONVERSATION_TIMEOUT_MINUTES: "30", BENTENG_SEND_RATE_PER_NUMBER: "250" }),
      ),
    ).toEqual({ sessionTimeoutMs: 30 * 60_000, rateLimitPerSecond: 250 });
  });

  it("refuses a bad value naming the variable", () => {
    expect(() => parseEnv({ BENTENG_SEND_RATE_PER_NUMBER: "0" })).toThrow(EnvError);
    expect(() => parseEnv({ BENTENG_SEND_RATE_PER_NUMBER: "5000" })).toThrow(/BENTENG_SEND_RATE_PER_NUMBER/);
    expect(() => parseEnv({ BENTENG_CONVERSATION_TIMEOUT_MINUTES: "soon" })).toThrow(
      /BENTENG_CONVERSATION_TIMEOUT_MINUTES/,
    );
  });
});
