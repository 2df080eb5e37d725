import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

export interface SecretsTable {
  workspace_id: string;
  name: string;
  /** Write-only: never returned by any API. */
  value_enc: string;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type SecretRow = Selectable<SecretsTable>;
export type NewSecretRow = Insertable<SecretsTable>;
export type SecretRowUpdate = Updateable<SecretsTable>;
