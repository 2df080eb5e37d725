import { openAppDatabase } from "../../appDatabase.ts";
import type { CliCommand } from "../command.ts";

export const migrateCommand: CliCommand = {
  summary: "bring the database schema up to date (PGlite or DATABASE_URL)",
  usage: "benteng migrate",
  async run() {
    const app = await openAppDatabase();
    try {
      process.stderr.write(
        `database is up to date (${app.env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${app.env.BENTENG_DATA_DIR}`})\n`,
      );
      return 0;
    } finally {
      await app.close();
    }
  },
};
