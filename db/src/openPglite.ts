import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/**
 * Opens embedded PGlite on a folder. With `durable` (the default for a data folder), a commit is on
 * disk when it returns, as on a PostgreSQL server: PGlite starts PostgreSQL with `-F` (fsync off) and
 * its Emscripten file system drops fsync calls, so we start it with fsync on, WAL synced with fsync(),
 * and route that call to the real file. Without it a commit survives a crash of the process (the
 * kernel has the writes) but not a power loss.
 */
export async function openPglite(
  dataDir: string | null,
  options: { durable?: boolean } = {},
): Promise<PGlite> {
  if (!dataDir) {
    const pglite = new PGlite();
    await pglite.waitReady;
    return pglite;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const durable = options.durable ?? true;
  const startParams = durable
    ? [
        ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
        ...["-c", "fsync=on", "-c", "wal_sync_method=fsync", "-c", "synchronous_commit=on"],
      ]
    : PGlite.defaultStartParams;
  const pglite = new PGlite(
    durable ? { fs: new DurableNodeFS(dataDir), startParams } : { dataDir, startParams },
  );
  await pglite.waitReady;
  if (durable) {
    // What was written while fsync did not reach the disk (initdb on a first start, or everything of a
    // folder made by a version without this) is synced once; from then on commits and checkpoints sync.
    const marker = `${dataDir}.synced`;
    if (!existsSync(marker)) {
      syncTree(dataDir);
      writeFileSync(marker, "", { mode: 0o600 });
    }
  }
  return pglite;
}

interface EmscriptenModule {
  NODEFS?: { stream_ops?: { fsync?: (stream: { nfd?: number }) => number } };
}

/**
 * PGlite's Node file system with fsync reaching the file: Emscripten's NODEFS has no fsync operation,
 * so PostgreSQL's calls end there. Set before PostgreSQL starts, so crash recovery's own checkpoint
 * syncs too.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS["init"]>[1]) {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : [preRun]),
      (mod: EmscriptenModule) => {
        const ops = mod.NODEFS?.stream_ops;
        if (!ops) throw new Error("this PGlite version has no NODEFS; cannot make commits durable");
        ops.fsync = (stream) => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }
}

function syncTree(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) for (const name of readdirSync(path)) syncTree(join(path, name));
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
