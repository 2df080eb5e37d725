import type { Db } from "@benteng/db";
import { verifyAuditChain } from "@benteng/db/queries/auditLog";
import { openAppDatabase } from "../../appDatabase.ts";
import { type CliCommand, UsageError } from "../command.ts";

/**
 * Checks the audit log's hash chain. Exit 0 when intact; exit 1 naming the first row that was
 * edited or that follows a deleted row — the row an investigator should look at first.
 */
export async function verifyAudit(
  db: Db,
  out: { ok(line: string): void; bad(line: string): void },
): Promise<number> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    out.ok(`audit log intact: ${result.rows} row${result.rows === 1 ? "" : "s"}, hash chain verified`);
    return 0;
  }
  out.bad(
    `audit log TAMPERED: first bad row is id ${result.badRowId} (${result.reason}); ${result.rows} rows checked`,
  );
  return 1;
}

export const auditCommand: CliCommand = {
  summary: "verify the audit log's hash chain (exit 1 names the first edited or orphaned row)",
  usage: "benteng audit verify",
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "verify" || rest.length > 0) throw new UsageError(`unknown subcommand "${args.join(" ")}"`);
    const app = await openAppDatabase();
    try {
      return await verifyAudit(app.db, {
        ok: (line) => process.stdout.write(`${line}\n`),
        bad: (line) => process.stderr.write(`${line}\n`),
      });
    } finally {
      await app.close();
    }
  },
};
