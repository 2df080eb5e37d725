import type { Db } from "@benteng/db";
import { verifyAudit } from "../../services/audit.ts";
import { asOperator } from "../cliDatabase.ts";
import { type CliCommand, parseCliArgs, printText, subcommand } from "../command.ts";

/**
 * Checks the audit log's hash chain. Exit 0 when intact; exit 1 naming the first row that was
 * edited or that follows a deleted row — the row an investigator should look at first.
 */
async function verifyAuditLog(db: Db): Promise<number> {
  const result = await verifyAudit(db);
  if (result.ok) {
    printText(`audit log intact: ${result.rows} row${result.rows === 1 ? "" : "s"}, hash chain verified`);
    return 0;
  }
  printText(
    `audit log TAMPERED: first bad row is id ${result.badRowId} (${result.reason}); ${result.rows} rows checked`,
  );
  return 1;
}

export const auditCommand: CliCommand = {
  usage: "benteng audit verify",
  async run(args) {
    const [, rest] = subcommand(args, ["verify"]);
    parseCliArgs(rest, {}, false);
    return asOperator(({ db }) => verifyAuditLog(db));
  },
};
