import { removeUnreferencedMedia } from "../../services/mediaFiles.ts";
import { asOperator } from "../cliDatabase.ts";
import { type CliCommand, parseCliArgs, printJson, printNote, subcommand } from "../command.ts";

const USAGE = "benteng media cleanup";

/**
 * `media cleanup`: removes uploaded files that no flow's draft or version refers to and that are
 * over a day old, as the server does every hour; prints one JSON line per removed file.
 */
export const mediaCommand: CliCommand = {
  usage: USAGE,
  async run(args) {
    const [, rest] = subcommand(args, ["cleanup"]);
    parseCliArgs(rest, {}, false);
    const removed = await asOperator(({ db }) => removeUnreferencedMedia(db, new Date(), "cli"));
    for (const file of removed) printJson(file);
    printNote(`Removed ${removed.length} unreferenced media file${removed.length === 1 ? "" : "s"}.`);
    return 0;
  },
};
