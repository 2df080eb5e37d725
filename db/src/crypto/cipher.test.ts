import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Cipher } from "./cipher.ts";

describe("Cipher", () => {
  const key = randomBytes(32);
  const cipher = new Cipher([key]);

  it("round-trips text and never stores the plaintext", () => {
    const token = cipher.encrypt("Nomor kartu saya 4111 1111", "transcript");
    expect(token).not.toContain("4111");
    expect(cipher.decrypt(token, "transcript")).toBe("Nomor kartu saya 4111 1111");
  });

  it("refuses a ciphertext used for another purpose", () => {
    const token = cipher.encrypt("secret", "channel.access_token");
    expect(() => cipher.decrypt(token, "channel.app_secret")).toThrow();
  });

  it("detects tampering", () => {
    const token = cipher.encrypt("hello", "x");
    const parts = token.split(":");
    const data = Buffer.from(parts[4] as string, "base64url");
    data[0] = (data[0] as number) ^ 1;
    parts[4] = data.toString("base64url");
    expect(() => cipher.decrypt(parts.join(":"), "x")).toThrow();
  });

  it("opens ciphertexts of an older key after rotation and reports them stale", () => {
    const old = cipher.encrypt("v", "x");
    const rotated = new Cipher([randomBytes(32), key]);
    expect(rotated.decrypt(old, "x")).toBe("v");
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.isStale(rotated.encrypt("v", "x"))).toBe(false);
  });
});

describe("Cipher signatures", () => {
  const key = randomBytes(32);
  const cipher = new Cipher([key]);

  it("recognises its own tag, refuses changed data, another purpose, a changed tag or a stranger's key", () => {
    const tag = cipher.sign("user-1.1700000000000.nonce", "auth.device_cookie");
    expect(cipher.verifySignature("user-1.1700000000000.nonce", tag, "auth.device_cookie")).toBe(true);
    expect(cipher.verifySignature("user-2.1700000000000.nonce", tag, "auth.device_cookie")).toBe(false);
    expect(cipher.verifySignature("user-1.1700000000000.nonce", tag, "other.purpose")).toBe(false);
    const flipped = `${tag.slice(0, -2)}${tag.endsWith("AA") ? "AB" : "AA"}`;
    expect(cipher.verifySignature("user-1.1700000000000.nonce", flipped, "auth.device_cookie")).toBe(false);
    const stranger = new Cipher([randomBytes(32)]);
    expect(stranger.verifySignature("user-1.1700000000000.nonce", tag, "auth.device_cookie")).toBe(false);
    expect(cipher.verifySignature("x", "", "auth.device_cookie")).toBe(false);
  });

  it("keeps accepting tags of an older key after rotation", () => {
    const tag = cipher.sign("d", "p");
    const rotated = new Cipher([randomBytes(32), key]);
    expect(rotated.verifySignature("d", tag, "p")).toBe(true);
    expect(rotated.sign("d", "p")).not.toBe(tag);
  });
});

describe("Cipher IVs", () => {
  it("never reuses an IV, across pool refills too", () => {
    const cipher = new Cipher([randomBytes(32)]);
    const ivs = new Set<string>();
    for (let i = 0; i < 2_000; i++) ivs.add(cipher.encrypt("same text", "x").split(":")[2] as string);
    expect(ivs.size).toBe(2_000);
  });
});
