import { describe, expect, it } from "vitest";
import { DEFAULT_KEYWORDS, matchKeyword, normalizeWord } from "./keywords.ts";

describe("matchKeyword", () => {
  it("matches a whole message after case, spaces and punctuation around it", () => {
    expect(matchKeyword("  STOP!!! ", DEFAULT_KEYWORDS)?.action).toBe("stop");
    expect(matchKeyword("¡Ayuda!", DEFAULT_KEYWORDS)?.action).toBe("help");
    expect(matchKeyword("¿ayuda ? !", DEFAULT_KEYWORDS)?.action).toBe("help");
    expect(matchKeyword("Recomeçar.", DEFAULT_KEYWORDS)?.action).toBe("restart");
    expect(matchKeyword("stop sending me the wrong size", DEFAULT_KEYWORDS)).toBeUndefined();
    expect(normalizeWord("¡¿Hola?!")).toBe("hola");
    expect(normalizeWord("...")).toBe("");
  });

  it("returns at once for the shape that used to freeze the server, and for any text over the cap", () => {
    // "a" + 65,534 dots + "x" took 12.6 s through the old trailing-punctuation pattern.
    expect(matchKeyword(`a${".".repeat(65_534)}x`, DEFAULT_KEYWORDS)).toBeUndefined();
    expect(matchKeyword(`stop${" ".repeat(300)}`, DEFAULT_KEYWORDS)).toBeUndefined();
    expect(normalizeWord(`stop${". ".repeat(30_000)}`)).toBe("stop");
  });
});
