// `node db/src/testing/holdDataFolder.ts <dir>`: a process that opens a PGlite data folder the way
// Benteng does, says "ready <pid>" and holds it until its stdin closes. Refused, it prints the one-line
// error and exits with its code (2), as the server and the CLI do.
import { connectDatabase, DataFolderInUseError } from "../connect.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: holdDataFolder.ts <data folder>");
try {
  const handle = await connectDatabase({ kind: "pglite", dataDir });
  await handle.db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
  process.stdout.write(`ready ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void handle.close().then(() => process.exit(0));
  });
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(e instanceof DataFolderInUseError ? e.exitCode : 1);
}
