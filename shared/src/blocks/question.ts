import { z } from "zod";
import { idSchema } from "../flow/ids.ts";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

/** What the customer must type; the engine validates the answer against it. */
export const questionInputSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().positive().max(4096).optional(),
  }),
  z.object({
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  }),
  z.object({ type: z.literal("email") }),
  z.object({ type: z.literal("phone") }),
  z.object({ type: z.literal("date") }),
  z.object({
    type: z.literal("choice"),
    choices: z
      .array(z.object({ id: idSchema, label: z.string().max(100) }))
      .min(1)
      .max(20),
  }),
  z.object({
    type: z.literal("pattern"),
    /** A JavaScript regular expression source, matched against the whole answer. */
    pattern: z.string().min(1).max(500),
    /** Shown to marketers and in the re-prompt, e.g. "an order number like AB-1234". */
    description: z.string().max(200).default(""),
  }),
]);
export type QuestionInput = z.infer<typeof questionInputSchema>;
export type QuestionInputType = QuestionInput["type"];

export const questionDataSchema = z.object({
  prompt: z.string().max(20_000).default(""),
  /** The variable that stores the validated answer. */
  variable: z.string().max(64).default(""),
  input: questionInputSchema.default({ type: "text" }),
  /** Sent after an invalid answer before asking again. */
  repromptText: z.string().max(4096).default("Sorry, I didn't get that. Please try again."),
  /** After this many invalid answers the conversation takes the "give up" path. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
});
export type QuestionData = z.infer<typeof questionDataSchema>;

export const questionBlock = defineBlock({
  type: "question",
  label: "Question",
  description: "Asks a question and stores a validated answer in a variable.",
  icon: "question",
  category: "input",
  dataSchema: questionDataSchema,
  defaults: (): QuestionData => ({
    prompt: "",
    variable: "",
    input: { type: "text" },
    repromptText: "Sorry, I didn't get that. Please try again.",
    maxAttempts: 3,
  }),
  outputs: () => [
    { id: "next", label: "Answered" },
    { id: "giveUp", label: "Gave up" },
  ],
  waitsForCustomer: true,
  customerTexts: (d) => [
    { field: "prompt", label: "Question", text: d.prompt, limit: WHATSAPP_LIMITS.textBody, required: true },
    { field: "repromptText", label: "Re-prompt text", text: d.repromptText, limit: WHATSAPP_LIMITS.textBody },
    ...(d.input.type === "choice"
      ? d.input.choices.map((c, i) => ({
          field: `input.choices.${i}.label`,
          label: `Choice ${i + 1}`,
          text: c.label,
        }))
      : []),
  ],
  writesVariables: (d) => (d.variable ? [d.variable] : []),
  summary: (d) => d.prompt,
});
