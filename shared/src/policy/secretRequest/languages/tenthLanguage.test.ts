import { afterEach, describe, expect, it, vi } from "vitest";
import type { LanguageData } from "./languageData.ts";

/**
 * A tenth language is a data file: German, written here exactly as a file in ./languages would be,
 * added to the list the detector reads (the one line of languages/index.ts) and nothing else. The
 * detector's code is loaded afresh with the longer list and must read German requests, warnings and
 * link lures it could not read before.
 */
const german: LanguageData = {
  code: "de",
  name: "German",
  secrets: [
    { kind: "pin", phrases: "geheimzahl|pin nummer" },
    { kind: "password", phrases: "kennwort|passwort|zugangsdaten" },
    { kind: "otp", phrases: "tan|bestatigungscode|einmalcode|sms code" },
  ],
  askVerbs: "senden sende schicken schick schicke geben gib nennen nenne teilen teile mitteilen eingeben",
  pleaseWords: "bitte",
  possessives: "ihr ihre ihren ihrem dein deine deinen deinem",
  needWords: "brauchen benotigen",
  negators: "nie niemals nicht kein keine niemand niemandem",
  thirdParties: "betruger jemand",
  verifyVerbs: "bestatigen bestatige verifizieren aktualisieren",
  dataNouns: "daten angaben konto",
  threatWords: "gesperrt gesperrte eingeschrankt",
  accountNouns: "konto karte bank",
  loginWords: "melden sie sich an|einloggen|anmelden",
};

const sentences = {
  asks: ["Bitte senden Sie uns Ihre Geheimzahl.", "Schick mir dein Kennwort, dann prüfe ich das."],
  lure: "Ihr Konto wurde gesperrt. Bestätigen Sie Ihre Daten auf sparkasse-sicher.de",
  safe: ["Wir fragen niemals nach Ihrer Geheimzahl.", "Ihr Paket ist unterwegs und kommt morgen."],
};

async function detectorWith(extra: LanguageData[]) {
  vi.resetModules();
  vi.doMock("./index.ts", async () => {
    const actual = await vi.importActual<typeof import("./index.ts")>("./index.ts");
    const { languageDataSchema } =
      await vi.importActual<typeof import("./languageData.ts")>("./languageData.ts");
    const LANGUAGES = [...actual.LANGUAGES, ...extra.map((l) => languageDataSchema.parse(l))];
    return { LANGUAGES, LANGUAGE_CODES: LANGUAGES.map((l) => l.code) };
  });
  const { detectSecretRequest } = await import("../detectSecretRequest.ts");
  return (text: string) => detectSecretRequest(text, { linkAllowlist: [] }).block;
}

describe("a tenth language as a data file", () => {
  afterEach(() => {
    vi.doUnmock("./index.ts");
    vi.resetModules();
  });

  it("is not read before its file is added", async () => {
    const blocked = await detectorWith([]);
    for (const text of sentences.asks) expect(blocked(text), text).toBe(false);
    expect(blocked(sentences.lure)).toBe(false);
  });

  it("is read, with no code change, once its file is in the list", async () => {
    const blocked = await detectorWith([german]);
    for (const text of sentences.asks) expect(blocked(text), text).toBe(true);
    expect(blocked(sentences.lure)).toBe(true);
    for (const text of sentences.safe) expect(blocked(text), text).toBe(false);
  });
});
