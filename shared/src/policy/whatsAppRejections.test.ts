import { describe, expect, it } from "vitest";
import { whatsAppRejections } from "./whatsAppRejections.ts";

describe("whatsAppRejections", () => {
  it("accepts what WhatsApp sends", () => {
    expect(whatsAppRejections({ kind: "text", body: "Halo 👋🏽" })).toEqual([]);
    expect(
      whatsAppRejections({
        kind: "buttons",
        body: "x".repeat(1024),
        buttons: [
          { id: "a", title: "y".repeat(20) },
          { id: "b", title: "No" },
          { id: "c", title: "Later" },
        ],
      }),
    ).toEqual([]);
  });

  it("refuses 4 buttons, a 26-character title and a 1,030-character body", () => {
    const found = whatsAppRejections({
      kind: "buttons",
      body: "x".repeat(1030),
      buttons: [
        { id: "a", title: "t".repeat(26) },
        { id: "b", title: "B" },
        { id: "c", title: "C" },
        { id: "d", title: "D" },
      ],
    });
    expect(found.map((f) => f.field).sort()).toEqual(["body", "buttons", "buttons.0.title"]);
    expect(found.find((f) => f.field === "body")?.message).toMatch(/1030.*1024/);
  });

  it("counts visible characters: 20 emoji fit a button title", () => {
    expect(
      whatsAppRejections({ kind: "buttons", body: "b", buttons: [{ id: "a", title: "👍🏽".repeat(20) }] }),
    ).toEqual([]);
  });

  it("refuses an over-long text, an empty list section and too many rows", () => {
    expect(whatsAppRejections({ kind: "text", body: "x".repeat(4097) })).toHaveLength(1);
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    const found = whatsAppRejections({
      kind: "list",
      body: "Pick",
      button: "Open",
      sections: [
        { title: "A", rows },
        { title: "", rows: [] },
      ],
    });
    expect(found.map((f) => f.field)).toEqual(["sections", "sections.1.title", "sections.1.rows"]);
  });
});
