import { describe, expect, it } from "vitest";
import { findSecretTerms } from "./findSecretTerms.ts";
import { normaliseText } from "./normaliseText.ts";
import { splitClauses } from "./splitClauses.ts";

/** The clauses of a text as lists of words. */
function clauses(original: string): string[] {
  const text = normaliseText(original).text;
  const byClause = new Map<number, string[]>();
  for (const t of splitClauses(text, findSecretTerms(text)))
    byClause.set(t.clause, [...(byClause.get(t.clause) ?? []), t.word]);
  return [...byClause.values()].map((words) => words.join(" "));
}

describe("splitClauses", () => {
  it("starts a new clause at 'so', 'but', 'jadi', 'así que' and at a comma followed by a request", () => {
    expect(clauses("We never call you, so type your PIN here")).toEqual([
      "we never call you",
      "so type your pin here",
    ]);
    expect(clauses("Kami tidak pernah menelepon, jadi ketik PIN kamu")).toEqual([
      "kami tidak pernah menelepon",
      "jadi ketik pin kamu",
    ]);
    expect(clauses("Nunca te llamamos, así que escribe tu clave")).toEqual([
      "nunca te llamamos",
      "asi que escribe tu clave",
    ]);
    expect(clauses("We never ask for OTPs, type it below")).toEqual([
      "we never ask for otps",
      "type it below",
    ]);
  });

  it("keeps a list of secrets in one clause, so one negation covers all of them", () => {
    expect(clauses("Never share your PIN, OTP or password")).toEqual([
      "never share your pin otp or password",
    ]);
  });

  it("ends sentences at full stops followed by a space, not inside 'p.i.n' or 'bit.ly'", () => {
    expect(clauses("Done. Send your p.i.n via bit.ly today")).toEqual([
      "done",
      "send your pin via bit ly today",
    ]);
  });

  it("reads l33t words as letters but leaves numbers alone", () => {
    expect(clauses("s3nd y0ur p1n 1234")).toEqual(["send your pin 1234"]);
  });
});
