import { openAppDatabase } from "../../appDatabase.ts";
import { type CliCommand, parseCliArgs, printText } from "../command.ts";

/** `migrate`: opening the installation's database migrates it; this says which one it was. */
export const migrateCommand: CliCommand = {
  usage: "benteng migrate",
  async run(args) {
    parseCliArgs(args, {}, false);
    const app = await openAppDatabase();
    try {
      printText(
        `database is up to date (${app.env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${app.env.BENTENG_DATA_DIR}`})`,
      );
      return 0;
    } finally {
      await app.close();
    }
  },
};
