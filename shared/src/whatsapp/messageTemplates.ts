import { z } from "zod";

// Approved message templates: the only messages WhatsApp delivers outside the 24-hour customer
// service window. Read from the Graph API (`GET /{waba-id}/message_templates`), shown to agents as a
// form of their variables, and sent as a `template` message with those values.

/** One template as the Graph API lists it (fields Benteng does not use are kept, unread). */
export const graphTemplateSchema = z.looseObject({
  id: z.string().max(64).optional(),
  name: z.string().min(1).max(512),
  language: z.string().min(1).max(20),
  status: z.string().max(40),
  category: z.string().max(40).optional(),
  /** "NAMED" templates use {{first_name}}; "POSITIONAL" (the default) use {{1}}, {{2}} … */
  parameter_format: z.string().max(20).optional(),
  components: z
    .array(
      z.looseObject({
        type: z.string().max(40),
        format: z.string().max(40).optional(),
        text: z.string().max(4096).optional(),
        buttons: z
          .array(z.looseObject({ type: z.string().max(40), url: z.string().max(2000).optional() }))
          .optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type GraphTemplate = z.infer<typeof graphTemplateSchema>;

/** A page of `GET /{waba-id}/message_templates`. */
export const graphTemplatesPageSchema = z.looseObject({
  data: z.array(z.unknown()).max(1000),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().max(500).optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

/** A variable of a template, filled in by the agent. */
export const templateParameterSchema = z.object({
  component: z.enum(["header", "body"]),
  /** "1", "2" … for positional templates, the name for named ones. */
  key: z.string(),
});
export type TemplateParameter = z.infer<typeof templateParameterSchema>;

/** A template as the inbox offers it. */
export const messageTemplateSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  header: z.string().nullable(),
  body: z.string(),
  footer: z.string().nullable(),
  named: z.boolean(),
  parameters: z.array(templateParameterSchema),
  /** Whether Benteng can send it (text variables only); otherwise why not. */
  sendable: z.boolean(),
  reason: z.string().nullable(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

/** Longest value of one variable (Meta's limit for a body parameter is 1024 characters). */
export const MAX_TEMPLATE_VALUE = 1024;

/** What an agent sends: a template by name and language, with a value for each variable. */
export const templateValuesSchema = z
  .record(
    z.string().max(60),
    z
      .string()
      .trim()
      .min(1, "Fill in every variable.")
      .max(MAX_TEMPLATE_VALUE)
      // Meta refuses parameters with new lines, tabs or more than four spaces in a row (#132018).
      .refine(
        (v) => !/[\n\r\t]| {5}/.test(v),
        "A variable cannot contain new lines, tabs or more than four spaces in a row.",
      ),
  )
  .refine((r) => Object.keys(r).length <= 40, "Too many variables.");

// Linear: a bounded run of name characters between fixed delimiters, no nested quantifiers.
const PLACEHOLDER = /\{\{\s{0,3}([A-Za-z0-9_]{1,60})\s{0,3}\}\}/g;

function placeholders(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (m[1] && !keys.includes(m[1])) keys.push(m[1]);
  return keys;
}

/** What the inbox shows of a Graph API template, and whether Benteng can send it. */
export function describeTemplate(t: GraphTemplate): MessageTemplate {
  const find = (type: string) => t.components.find((c) => c.type.toUpperCase() === type);
  const header = find("HEADER");
  const body = find("BODY");
  const footer = find("FOOTER");
  const buttons = find("BUTTONS");
  let reason: string | null = null;
  if (header && (header.format ?? "TEXT").toUpperCase() !== "TEXT") {
    reason = `Its header is ${String(header.format).toLowerCase()}: send it from WhatsApp Manager.`;
  } else if (buttons?.buttons?.some((b) => typeof b.url === "string" && b.url.includes("{{"))) {
    reason = "It has a link button with a variable: send it from WhatsApp Manager.";
  } else if (
    t.components.some((c) => !["HEADER", "BODY", "FOOTER", "BUTTONS"].includes(c.type.toUpperCase()))
  ) {
    reason = "It has parts Benteng cannot fill in (a carousel or an offer).";
  } else if (!body?.text) {
    reason = "It has no body text.";
  }
  const headerText = header?.text ?? null;
  const parameters: TemplateParameter[] = [
    ...(headerText ? placeholders(headerText).map((key) => ({ component: "header" as const, key })) : []),
    ...placeholders(body?.text ?? "").map((key) => ({ component: "body" as const, key })),
  ];
  return {
    name: t.name,
    language: t.language,
    category: (t.category ?? "").toLowerCase(),
    header: headerText,
    body: body?.text ?? "",
    footer: footer?.text ?? null,
    named: (t.parameter_format ?? "").toUpperCase() === "NAMED",
    parameters,
    sendable: reason === null,
    reason,
  };
}

/** The value of `parameter` in `values` (header and body variables share names). */
function parameterValue(values: Record<string, string>, p: TemplateParameter): string {
  return values[`${p.component}.${p.key}`] ?? values[p.key] ?? "";
}

/** The variables no value was given for. */
export function missingTemplateValues(t: MessageTemplate, values: Record<string, string>): string[] {
  return t.parameters
    .filter((p) => parameterValue(values, p) === "")
    .map((p) => `${p.component} {{${p.key}}}`);
}

/** The text the customer reads (header, body, footer), with the values filled in. */
export function renderTemplate(t: MessageTemplate, values: Record<string, string>): string {
  const fill = (text: string, component: "header" | "body") =>
    text.replace(PLACEHOLDER, (whole, key: string) => {
      const v = parameterValue(values, { component, key });
      return v === "" ? whole : v;
    });
  return [t.header ? fill(t.header, "header") : null, fill(t.body, "body"), t.footer]
    .filter((s): s is string => Boolean(s))
    .join("\n");
}

/** The `template.components` of the send request: a text parameter per variable, in order. */
export function templateComponents(t: MessageTemplate, values: Record<string, string>): unknown[] {
  const components: unknown[] = [];
  for (const component of ["header", "body"] as const) {
    const params = t.parameters.filter((p) => p.component === component);
    if (params.length === 0) continue;
    const ordered = t.named ? params : [...params].sort((a, b) => Number(a.key) - Number(b.key));
    components.push({
      type: component,
      parameters: ordered.map((p) => ({
        type: "text",
        ...(t.named ? { parameter_name: p.key } : {}),
        text: parameterValue(values, p),
      })),
    });
  }
  return components;
}
