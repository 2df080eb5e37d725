import { describe, expect, it } from "vitest";
import { maskSecrets } from "./maskSecrets.ts";

describe("maskSecrets", () => {
  const key = "sk-attack-secret-value";
  it("masks the whole value and any run of six or more of its characters, wherever they appear", () => {
    expect(maskSecrets(`SyntaxError: Cannot convert ${key} to a BigInt`, [key])).toBe(
      `SyntaxError: Cannot convert ${"•".repeat(key.length)} to a BigInt`,
    );
    // JSON.parse shows the first characters; fetch() the whole value in quotes.
    expect(maskSecrets(`Unexpected token 's', "sk-attack-"... is not valid JSON`, [key])).not.toContain(
      "sk-att",
    );
    expect(maskSecrets(`fetch: "${key}" is not an absolute URL`, [key])).not.toContain("secret");
  });
  it("leaves text that shares less than six characters in a row alone, and masks short secrets whole", () => {
    expect(maskSecrets("the value was not valid", [key])).toBe("the value was not valid");
    expect(maskSecrets("pin 4821 given", ["4821"])).toBe("pin •••• given");
    expect(maskSecrets("nothing here", [])).toBe("nothing here");
  });
});
