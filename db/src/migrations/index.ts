import type { Migration } from "kysely/migration";
import * as initial from "./2026_11_26_0130_initial.ts";
import * as reviewAndAccountSecurity from "./2026_11_26_0200_review_and_account_security.ts";
import * as runtimeIndexes from "./2026_11_26_0210_runtime_indexes.ts";
import * as runtimeCoordination from "./2026_11_26_0300_runtime_coordination.ts";

/** Every migration, by sortable name. Listed statically so bundling and type stripping both work. */
export const migrations: Record<string, Migration> = {
  "2026_11_26_0130_initial": initial,
  "2026_11_26_0200_review_and_account_security": reviewAndAccountSecurity,
  "2026_11_26_0210_runtime_indexes": runtimeIndexes,
  "2026_11_26_0300_runtime_coordination": runtimeCoordination,
};
