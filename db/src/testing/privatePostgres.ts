import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrivatePostgres {
  url: string;
  /** Stops the server as an operator's restart does (`pg_ctl stop -m fast`: sessions are ended). */
  stop(): void;
  start(): void;
  destroy(): void;
}

/**
 * A PostgreSQL cluster of its own, for tests that stop and start the database (never the shared
 * server). null when no PostgreSQL binaries are installed. As root it runs as the `postgres` user,
 * because PostgreSQL refuses to run as root.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres | null> {
  const bin = postgresBinDir();
  if (!bin) return null;
  const root = mkdtempSync(join(tmpdir(), "benteng-pg-"));
  const asRoot = process.getuid?.() === 0;
  const pgUid = asRoot ? Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()) : null;
  const pgGid = asRoot ? Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()) : null;
  if (pgUid !== null && pgGid !== null) chownSync(root, pgUid, pgGid);
  const run = (tool: string, args: string[]) => {
    const [cmd, full] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]]
      : [join(bin, tool), args];
    execFileSync(cmd, full, { stdio: ["ignore", "ignore", "pipe"], cwd: root });
  };
  const port = await freePort();
  const data = join(root, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    run("pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", join(root, "log"), "-o", options]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w", "-t", "60"]),
    start,
    destroy() {
      try {
        run("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgresBinDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], "bin") : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
