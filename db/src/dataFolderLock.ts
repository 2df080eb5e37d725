import { createHash } from "node:crypto";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

/** A second process found the data folder held by another; exit code 2, nothing was changed. */
export class DataFolderInUseError extends Error {
  readonly exitCode = 2;
}

export interface DataFolderLock {
  release(): Promise<void>;
}

const LOCK_FILE = "benteng.lock";
const OWNER_FILE = "benteng.lock.json";

interface Owner {
  pid: number;
  command: string;
  since: string;
}

/**
 * Makes this process the only one that uses `dir`. PGlite has no lock of its own, and two processes
 * writing one PGlite folder corrupt it. Two locks, both dropped by the kernel when the process ends
 * however it ends, so a crash never leaves a stale one:
 * - on Linux, a Unix socket in the abstract namespace named after the folder's device and inode,
 *   which this process listens on. It has no file, so deleting files cannot free it, and it answers
 *   who holds the folder. Abstract names are per network namespace: a second container sharing the
 *   folder but not the network is caught by the other lock.
 * - SQLite's exclusive lock on `benteng.lock` (a POSIX record lock on Unix, LockFileEx on Windows),
 *   held by an open file descriptor. Deleting the file frees it, which the socket covers.
 * Who holds it is written beside it (`benteng.lock.json`), for the message the next process prints.
 * A refused process has changed nothing. On success the folder and everything in it are made private
 * to this user (0700/0600).
 */
export async function lockDataFolder(dir: string): Promise<DataFolderLock> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lockPath = join(dir, LOCK_FILE);
  const ownerPath = join(dir, OWNER_FILE);
  const owner: Owner = {
    pid: process.pid,
    command: process.argv.slice(1).join(" "),
    since: new Date().toISOString(),
  };
  // The socket first: while another process holds it, not even the lock file is created.
  const socket = await listenOwnerSocket(dir, owner);
  if (socket && "holder" in socket) throw inUse(dir, ownerPath, socket.holder);
  const closeSocket = () =>
    new Promise<void>((resolve) => (socket ? socket.server.close(() => resolve()) : resolve()));
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(lockPath, { timeout: 0 });
    db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;");
  } catch (e) {
    db?.close();
    await closeSocket();
    if ((e as { errcode?: number }).errcode !== 5 /* SQLITE_BUSY */) throw e;
    throw inUse(dir, ownerPath, null);
  }
  try {
    makePrivate(dir);
    writeFileSync(ownerPath, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  } catch (e) {
    db.close();
    await closeSocket();
    throw e;
  }
  const file = db;
  let held = true;
  return {
    async release() {
      if (!held) return;
      held = false;
      rmSync(ownerPath, { force: true });
      file.close();
      await closeSocket();
    },
  };
}

function inUse(dir: string, ownerPath: string, fromSocket: Owner | null): DataFolderInUseError {
  const holder = readOwner(ownerPath) ?? fromSocket;
  const who = holder
    ? `process ${holder.pid} (${holder.command.slice(0, 200)}, since ${holder.since})`
    : "another process";
  return new DataFolderInUseError(
    `Benteng cannot open ${dir}: it is in use by ${who}. Stop that process first ` +
      "(embedded PGlite allows one process per data folder), or set DATABASE_URL to a PostgreSQL server " +
      "that several processes can share.",
  );
}

function readOwner(ownerPath: string): Owner | null {
  try {
    return asOwner(JSON.parse(readFileSync(ownerPath, "utf8")));
  } catch {
    return null;
  }
}

/** The owner a file or a socket describes, or null when it is not one (it is read, not trusted). */
function asOwner(value: unknown): Owner | null {
  const o = value as Partial<Owner> | null;
  return o && Number.isInteger(o.pid) && typeof o.command === "string" && typeof o.since === "string"
    ? { pid: o.pid as number, command: o.command.slice(0, 4096), since: o.since.slice(0, 64) }
    : null;
}

/**
 * Listens on the folder's abstract socket (Linux only; null elsewhere). When another process already
 * does, returns what that process says about itself. The name is the folder's device and inode, so
 * every path to the folder (symlinks, bind mounts) names the same socket.
 */
async function listenOwnerSocket(
  dir: string,
  owner: Owner,
): Promise<{ server: Server } | { holder: Owner | null } | null> {
  if (process.platform !== "linux") return null;
  const { dev, ino } = statSync(realpathSync(dir), { bigint: true });
  const name = `\0benteng-data-folder-${createHash("sha256").update(`${dev}:${ino}`).digest("hex").slice(0, 40)}`;
  // Anyone on the machine may connect to an abstract socket: it tells the process id, the script and
  // its command (never further arguments, which may hold an e-mail address), and when it started.
  const answer = `${JSON.stringify({ ...owner, command: process.argv.slice(1, 3).join(" ") })}\n`;
  const server = createServer((connection) => {
    connection.on("error", () => {});
    connection.end(answer);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(name, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    return { holder: await askOwner(name) };
  }
  server.unref();
  return { server };
}

/** What the process listening on `name` says about itself; null if it says nothing useful within 2 s. */
function askOwner(name: string): Promise<Owner | null> {
  return new Promise((resolve) => {
    let text = "";
    const connection = createConnection(name);
    const done = () => {
      connection.destroy();
      try {
        resolve(asOwner(JSON.parse(text)));
      } catch {
        resolve(null);
      }
    };
    connection.setEncoding("utf8");
    connection.setTimeout(2_000, done);
    connection.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > 8_192) done();
    });
    connection.on("end", done);
    connection.on("error", done);
  });
}

/** Folders 0700, files 0600: PostgreSQL refuses a group- or world-readable data folder for a reason. */
export function makePrivate(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) makePrivate(join(path, name));
  } else if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, stat.mode & 0o700);
  }
}
