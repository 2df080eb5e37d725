/** `{{ name }}` references in a text; templating is plain substitution, never an expression language. */
const VARIABLE_REF = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Variable names referenced by a text. @example referencedVariables("Hi {{name}}") → ["name"] */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE_REF)].map((m) => m[1] as string);
}

/**
 * Fills `{{name}}` with the variable's value as plain text; unknown variables become empty.
 * @example fillTemplate("Hi {{name}}", { name: "Ana" }) === "Hi Ana"
 */
export function fillTemplate(text: string, variables: Record<string, unknown>): string {
  return text.replace(VARIABLE_REF, (_, name: string) => {
    const value = variables[name];
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}
