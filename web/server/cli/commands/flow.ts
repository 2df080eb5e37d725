import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { appendAudit } from "@benteng/db/queries/auditLog";
import { createFlow } from "@benteng/db/queries/flows";
import { migrateFlow } from "@benteng/shared";
import { openAppDatabase } from "../../appDatabase.ts";
import { type CliCommand, parseCliArgs, UsageError } from "../command.ts";

const USAGE = "benteng flow import <file.json> [--name <name>]";

export const flowCommand: CliCommand = {
  summary: "import a flow document as a new draft (publishing still goes through review)",
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "import") throw new UsageError(`unknown subcommand "${sub ?? ""}"`);
    const { values, positionals } = parseCliArgs(rest, { name: { type: "string" } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("give exactly one flow file");
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      process.stderr.write(`error: cannot read ${file} as JSON: ${(e as Error).message}\n`);
      return 2;
    }
    const migrated = migrateFlow(document);
    if (!migrated.ok) {
      process.stderr.write(`error: ${migrated.error}\n${migrated.issues.map((i) => `  ${i}\n`).join("")}`);
      return 2;
    }
    const name = (values.name ?? basename(file).replace(/\.json$/i, "")).slice(0, 120) || "Imported flow";
    const app = await openAppDatabase();
    try {
      const flow = await createFlow(app.db, {
        workspaceId: app.workspaceId,
        name,
        draft: migrated.flow,
        userId: null,
      });
      await appendAudit(app.db, {
        workspaceId: app.workspaceId,
        actorUserId: null,
        action: "flow.imported",
        target: flow.id,
        details: { via: "cli", name },
      });
      process.stdout.write(`${flow.id}\n`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
