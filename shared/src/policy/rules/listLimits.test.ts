import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
const hits = (sections: unknown[]) =>
  lintFlow(testFlow([{ id: "l", type: "list", data: { body: "Pick", sections } }])).filter(
    (f) => f.ruleId === "listLimits",
  );

describe("listLimits", () => {
  it("counts rows across all sections: 6 + 5 is too many, 5 + 5 is fine", () => {
    expect(
      hits([
        { title: "A", rows: rows("a", 5) },
        { title: "B", rows: rows("b", 5) },
      ]),
    ).toEqual([]);
    const [f] = hits([
      { title: "A", rows: rows("a", 6) },
      { title: "B", rows: rows("b", 5) },
    ]);
    expect(f?.message).toContain("11 rows");
  });

  it("refuses more than 10 sections", () => {
    const sections = Array.from({ length: 11 }, (_, i) => ({
      title: `S${i}`,
      rows: i === 0 ? rows("r", 1) : [],
    }));
    expect(
      hits(sections)
        .map((f) => f.message)
        .join(),
    ).toContain("11 sections");
  });

  it("refuses a row id reused in another section", () => {
    const [f] = hits([
      { title: "A", rows: rows("x", 2) },
      { title: "B", rows: rows("x", 1) },
    ]);
    expect(f).toMatchObject({ field: "sections.1.rows.0.id", severity: "error" });
  });
});

describe("listLimits: empty sections", () => {
  it("refuses an empty section next to others", () => {
    const found = lintFlow(
      testFlow([
        {
          id: "l",
          type: "list",
          data: {
            body: "Pick",
            sections: [
              { title: "A", rows: [{ id: "r1", title: "One" }] },
              { title: "B", rows: [] },
            ],
          },
        },
      ]),
    ).filter((f) => f.ruleId === "listLimits");
    expect(found).toEqual([
      expect.objectContaining({
        field: "sections.1",
        message: expect.stringMatching(/Section 2 has no rows/),
      }),
    ]);
  });
});
