import { z } from "zod";

/** The value types a developer can pick for a script's input or output field in the editor. */
export const scriptFieldTypeSchema = z.enum(["string", "number", "boolean", "object", "array", "any"]);
export type ScriptFieldType = z.infer<typeof scriptFieldTypeSchema>;

/** One field of a script's input or output schema, as stored in the flow document. */
export const scriptFieldSchema = z.object({
  /** A JavaScript identifier so that scripts can write `input.orderId` and editors can complete it. */
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "start with a letter, _ or $; use letters, digits, _ or $ only"),
  type: scriptFieldTypeSchema,
  required: z.boolean().default(true),
});
export type ScriptField = z.infer<typeof scriptFieldSchema>;

/** A field list: names must be unique, otherwise two edits of the same field would silently collide. */
export const scriptFieldListSchema = z
  .array(scriptFieldSchema)
  .max(50)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name))
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${f.name}" is listed twice` });
      seen.add(f.name);
    });
  });

/**
 * Compiles a script's field list to a zod object schema; unknown keys are dropped so a script sees
 * (and returns) only what it declared.
 * @example fieldsToZod([{ name: "orderId", type: "string", required: true }]).parse({ orderId: "A1" })
 */
export function fieldsToZod(fields: readonly ScriptField[]): z.ZodObject<Record<string, z.ZodType>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const base = fieldTypeToZod(field.type);
    shape[field.name] = field.required ? base : base.optional();
  }
  return z.object(shape);
}

function fieldTypeToZod(type: ScriptFieldType): z.ZodType {
  switch (type) {
    case "string":
      return z.string();
    case "number":
      // JSON cannot carry NaN or Infinity, so a script must never be promised one.
      return z.number().finite();
    case "boolean":
      return z.boolean();
    case "object":
      return z.record(z.string(), z.unknown());
    case "array":
      return z.array(z.unknown());
    case "any":
      // z.unknown() accepts a missing key; a required "any" field must still be present.
      return z.unknown().refine((v) => v !== undefined, "Required");
  }
}
