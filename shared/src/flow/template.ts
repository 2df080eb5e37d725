/** `{{ name }}` references in a text; templating is plain substitution, never an expression language. */
const VARIABLE_REF = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Each `{{name}}` in a text with where it stands. @example variableRefs("Hi {{x}}") → [{name:"x",start:3,end:8}] */
export function variableRefs(text: string): Array<{ name: string; start: number; end: number }> {
  return [...text.matchAll(VARIABLE_REF)].map((m) => ({
    name: m[1] as string,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Variable names referenced by a text. @example referencedVariables("Hi {{name}}") → ["name"] */
export function referencedVariables(text: string): string[] {
  return variableRefs(text).map((r) => r.name);
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
