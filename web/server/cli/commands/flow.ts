import { basename } from "node:path";
import { z } from "zod";
import {
  deleteFlow,
  flowNameSchema,
  importFlow,
  listFlows,
  listRecentlyDeleted,
  purgeExpiredFlows,
  restoreFlow,
} from "../../services/flows.ts";
import { asOperator } from "../cliDatabase.ts";
import {
  type CliCommand,
  CliError,
  InputError,
  parseCliArgs,
  parseJsonInput,
  printJson,
  printNote,
  readTextFile,
  subcommand,
  UsageError,
} from "../command.ts";

const USAGE = [
  "benteng flow import <file.json> [--name <name>]",
  "       benteng flow list",
  "       benteng flow delete <flowId>",
  "       benteng flow deleted",
  "       benteng flow restore <flowId>",
  "       benteng flow purge",
].join("\n");

/**
 * `flow import` (the same import as the Flows page: migrated, validated, audited), `flow list`,
 * `flow delete` / `flow deleted` / `flow restore` (the Flows page's "Recently deleted", same rules:
 * a flow a channel uses cannot be deleted) and `flow purge` (removes flows deleted over 30 days ago).
 */
export const flowCommand: CliCommand = {
  usage: USAGE,
  async run(args) {
    const [sub, rest] = subcommand(args, ["import", "list", "delete", "deleted", "restore", "purge"]);
    if (sub === "list" || sub === "deleted" || sub === "purge") {
      parseCliArgs(rest, {}, false);
      const rows = await asOperator(({ db }, operator) =>
        sub === "list"
          ? listFlows(db, operator)
          : sub === "deleted"
            ? listRecentlyDeleted(db, operator)
            : purgeExpiredFlows(db, new Date(), "cli"),
      );
      for (const row of rows) printJson(row);
      return 0;
    }
    if (sub === "delete" || sub === "restore") {
      const { positionals } = parseCliArgs(rest, {});
      const id = z.uuid().safeParse(positionals[0]);
      if (!id.success || positionals.length !== 1) throw new UsageError("give exactly one flow id");
      if (sub === "delete") {
        await asOperator(({ db }, operator) => deleteFlow(db, operator, id.data));
        printJson({ id: id.data, deleted: true });
        printNote(
          "Moved to recently deleted; `benteng flow restore <flowId>` brings it back within 30 days.",
        );
      } else {
        const restored = await asOperator(({ db }, operator) => restoreFlow(db, operator, id.data));
        printJson({ id: id.data, name: restored.name, restored: true });
      }
      return 0;
    }
    const { values, positionals } = parseCliArgs(rest, { name: { type: "string" } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("give exactly one flow file");
    let document: unknown;
    try {
      document = parseJsonInput(await readTextFile(file), file);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new CliError(`cannot read ${file} as JSON: ${(e as Error).message}`);
    }
    const fallback =
      basename(file)
        .replace(/\.json$/i, "")
        .trim()
        .slice(0, 120) || "Imported flow";
    const name = flowNameSchema.safeParse(values.name ?? fallback);
    if (!name.success) throw new UsageError(`--name: ${name.error.issues[0]?.message}`);
    const flow = await asOperator(({ db }, operator) =>
      importFlow(db, operator, { name: name.data, document }),
    );
    printJson({ id: flow.id, name: name.data, revision: flow.revision });
    return 0;
  },
};
