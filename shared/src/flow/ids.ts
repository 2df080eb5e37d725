import { z } from "zod";

/** Block, edge and option ids: short, URL- and CSS-safe, stable across saves. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids may contain letters, digits, _ and - only");

/** A variable name as written inside {{ }}: starts with a letter, then letters, digits, _ or . */
export const variableNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "start with a letter; use letters, digits and _ only");

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random id for new blocks, edges and options (not a secret: Math.random is enough). */
export function newId(prefix = ""): string {
  let s = prefix;
  for (let i = 0; i < 10; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
