import { describe, expect, it } from "vitest";
import { fieldsToZod, scriptFieldListSchema } from "./scriptSchemaFields.ts";

describe("fieldsToZod", () => {
  const schema = fieldsToZod([
    { name: "orderId", type: "string", required: true },
    { name: "qty", type: "number", required: false },
    { name: "paid", type: "boolean", required: true },
    { name: "meta", type: "object", required: false },
    { name: "items", type: "array", required: false },
    { name: "raw", type: "any", required: true },
  ]);

  it("accepts a value matching every declared type and drops undeclared keys", () => {
    const parsed = schema.parse({
      orderId: "A1",
      qty: 2,
      paid: false,
      meta: { a: 1 },
      items: [1],
      raw: null,
      x: 1,
    });
    expect(parsed).toEqual({ orderId: "A1", qty: 2, paid: false, meta: { a: 1 }, items: [1], raw: null });
  });

  it("rejects a missing required field, a wrong type, an array as object and a non-finite number", () => {
    expect(schema.safeParse({ paid: true, raw: 1 }).success).toBe(false);
    expect(schema.safeParse({ orderId: 5, paid: true, raw: 1 }).success).toBe(false);
    expect(schema.safeParse({ orderId: "a", paid: true, raw: 1, meta: [1] }).success).toBe(false);
    expect(
      schema.safeParse({ orderId: "a", paid: true, raw: 1, qty: Number.POSITIVE_INFINITY }).success,
    ).toBe(false);
    expect(schema.safeParse({ orderId: "a", paid: true }).success).toBe(false);
  });

  it("accepts a missing optional field", () => {
    expect(schema.safeParse({ orderId: "a", paid: true, raw: 0 }).success).toBe(true);
  });
});

describe("scriptFieldListSchema", () => {
  it("refuses duplicate names and names that are not identifiers", () => {
    expect(
      scriptFieldListSchema.safeParse([
        { name: "a", type: "string", required: true },
        { name: "a", type: "number", required: true },
      ]).success,
    ).toBe(false);
    expect(scriptFieldListSchema.safeParse([{ name: "order id", type: "string" }]).success).toBe(false);
  });
});
