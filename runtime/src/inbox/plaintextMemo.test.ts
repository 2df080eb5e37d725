import { describe, expect, it } from "vitest";
import { PlaintextMemo } from "./plaintextMemo.ts";

describe("PlaintextMemo", () => {
  it("hands a value back once, and forgets the oldest past its bound", () => {
    const memo = new PlaintextMemo<{ n: number }>(2);
    memo.remember("enc1:a", { n: 1 });
    memo.remember("enc1:b", { n: 2 });
    expect(memo.take("enc1:a")).toEqual({ n: 1 });
    // Taken once: the next reader of that ciphertext decrypts it.
    expect(memo.take("enc1:a")).toBeUndefined();
    memo.remember("enc1:c", { n: 3 });
    memo.remember("enc1:d", { n: 4 });
    expect(memo.size).toBe(2);
    expect(memo.take("enc1:b")).toBeUndefined();
    expect(memo.take("enc1:d")).toEqual({ n: 4 });
    // A ciphertext this process did not make (another process, a rotation) is simply not there.
    expect(memo.take("enc1:elsewhere")).toBeUndefined();
  });
});
