/** Shortest run of a secret's characters that is masked wherever it appears (shorter secrets: whole). */
export const SECRET_WINDOW = 6;

/**
 * `text` with every stretch that repeats part of a secret value replaced by "•" — the whole value
 * and any run of SECRET_WINDOW or more of its characters in a row, wherever a script's error or
 * log put them ("Cannot convert sk-live-… to a BigInt", the first characters JSON.parse shows).
 * Linear in the text for a given window; each secret is read once.
 * @example maskSecrets("bad key sk-live-123456", ["sk-live-123456"]) === "bad key ••••••••••••••"
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const values = secrets.filter((s) => s.length > 0);
  if (values.length === 0 || text.length === 0) return text;
  const windows = new Set<string>();
  const shortOnes: string[] = [];
  for (const value of values) {
    if (value.length < SECRET_WINDOW) shortOnes.push(value);
    else
      for (let i = 0; i + SECRET_WINDOW <= value.length; i++) windows.add(value.slice(i, i + SECRET_WINDOW));
  }
  const masked = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + SECRET_WINDOW <= text.length; i++) {
    if (!windows.has(text.slice(i, i + SECRET_WINDOW))) continue;
    masked.fill(1, i, i + SECRET_WINDOW);
    any = true;
  }
  for (const value of shortOnes) {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      masked.fill(1, at, at + value.length);
      any = true;
    }
  }
  if (!any) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) out += masked[i] ? "•" : text.charAt(i);
  return out;
}
