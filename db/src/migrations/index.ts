import type { Migration } from "kysely/migration";
import * as initial from "./2026_11_26_0130_initial.ts";

/** Every migration, by sortable name. Listed statically so bundling and type stripping both work. */
export const migrations: Record<string, Migration> = {
  "2026_11_26_0130_initial": initial,
};
