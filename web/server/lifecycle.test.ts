// The real commands (`npm start`'s bootstrap, `benteng runtime`) as a supervisor or an operator runs
// them: a second process on a data folder in use, signals, a taken port.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BOOTSTRAP = join(ROOT, ".ci", "bootstrap.mjs");
const dirs: string[] = [];
const children: ChildProcess[] = [];
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited(ms?: number): Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [BOOTSTRAP, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    async waitFor(pattern, ms = 150_000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const m = out.match(pattern);
        if (m) return m;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${pattern} within ${ms} ms; stdout:\n${out}\nstderr:\n${err}`);
    },
    exited: (ms = 150_000) =>
      Promise.race([
        exit,
        new Promise<null>((_, reject) => setTimeout(() => reject(new Error("no exit")), ms)),
      ]),
  };
}

/** The lines a process wrote to stderr, without the bootstrap's own progress lines. */
const ownLines = (text: string) =>
  text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("[benteng]"));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const mode = (path: string) => statSync(path).mode & 0o777;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "benteng-lifecycle-"));
  dirs.push(dir);
  return dir;
}

/** Environment for a server on its own database: a fresh one on DATABASE_URL's server, else PGlite. */
async function ownDatabase(): Promise<Record<string, string>> {
  const fresh = await createFreshDatabaseUrl();
  drops.push(fresh.drop);
  return { DATABASE_URL: fresh.url ?? "", BENTENG_DATA_DIR: join(tempDir(), "data") };
}

// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("one owner per PGlite data folder", () => {
  it("refuses a CLI command and a second server with one line naming the holder, exit 2, and changes nothing", {
    timeout: 400_000,
  }, async () => {
    const data = join(tempDir(), "data");
    // A folder left readable by others, with a file in it: tightened at start.
    mkdirSync(data, { mode: 0o755 });
    writeFileSync(join(data, "notes.txt"), "x", { mode: 0o644 });
    const env = { DATABASE_URL: "", BENTENG_DATA_DIR: data, BENTENG_RUNTIME_WORKERS: "1" };
    const server = run(["start"], env);
    const [, url, pid] = await server.waitFor(/running at (http:\/\/\S+) .*pid (\d+)/);
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, "notes.txt"))).toBe(0o600);
    expect(mode(join(data, "master.key"))).toBe(0o600);
    expect(mode(join(data, "pgdata"))).toBe(0o700);
    expect(mode(join(data, "pgdata", "PG_VERSION"))).toBe(0o600);
    const owner = readFileSync(join(data, "benteng.lock.json"), "utf8");
    const key = readFileSync(join(data, "master.key"));

    const cli = run(["benteng", "audit", "verify"], env);
    expect(await cli.exited()).toBe(2);
    const second = run(["start"], env);
    expect(await second.exited()).toBe(2);
    for (const refused of [cli, second]) {
      const lines = ownLines(refused.err());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`in use by process ${pid}`);
      expect(lines[0]).toContain("web/server/main.ts");
      expect(lines[0]).toMatch(/Stop that process.*DATABASE_URL/);
    }
    expect(readFileSync(join(data, "benteng.lock.json"), "utf8")).toBe(owner);
    expect(readFileSync(join(data, "master.key")).equals(key)).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Deleting the lock files does not free the folder (the server also holds a socket named after it),
    // and the refused command says who holds it all the same, and does not make them again.
    rmSync(join(data, "benteng.lock"));
    rmSync(join(data, "benteng.lock.json"));
    const afterDelete = run(["benteng", "audit", "verify"], env);
    expect(await afterDelete.exited()).toBe(2);
    const [line, ...more] = ownLines(afterDelete.err());
    expect(more).toEqual([]);
    expect(line).toContain(`in use by process ${pid}`);
    expect(line).toContain("web/server/main.ts");
    expect(existsSync(join(data, "benteng.lock"))).toBe(false);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    server.child.kill("SIGTERM");
    expect(await server.exited()).toBe(0);
    // Once the server is gone, the folder is free.
    const after = run(["benteng", "audit", "verify"], env);
    expect(await after.exited()).toBe(0);
  });
});

describe("signals and ports", () => {
  it("SIGTERM to the PID npm start prints stops the server it started: one line to begin, one when done", {
    timeout: 400_000,
  }, async () => {
    const server = run(["start"], await ownDatabase());
    const [, url, serverPid] = await server.waitFor(/running at (http:\/\/\S+) .*pid (\d+)/);
    expect(server.err()).toContain(`pid ${server.child.pid}: SIGTERM or SIGINT`);
    const started = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited(10_000)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.out()).toMatch(/Benteng is shutting down \(SIGTERM\)\n(.*\n)*Benteng stopped/);
    expect(alive(Number(serverPid))).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("started directly in the background (nohup … &), it keeps running after the shell that launched it exits", {
    timeout: 400_000,
  }, async () => {
    const dir = tempDir();
    const log = join(dir, "server.log");
    const { npm_lifecycle_event: _npm, ...env } = process.env;
    const shell = spawn(
      "sh",
      ["-c", `nohup "${process.execPath}" "${BOOTSTRAP}" start > "${log}" 2>&1 & echo $!`],
      {
        cwd: ROOT,
        env: { ...env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "0", ...(await ownDatabase()) },
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let printed = "";
    shell.stdout.on("data", (d) => {
      printed += d;
    });
    await new Promise((resolve) => shell.on("exit", resolve));
    const bootstrapPid = Number(printed.trim());
    const read = () => {
      try {
        return readFileSync(log, "utf8");
      } catch {
        return "";
      }
    };
    const until = Date.now() + 150_000;
    while (!/running at (http:\/\/\S+)/.test(read()) && Date.now() < until && alive(bootstrapPid))
      await new Promise((r) => setTimeout(r, 100));
    const url = read().match(/running at (http:\/\/\S+)/)?.[1];
    expect(url, read()).toBeDefined();
    // The bootstrap looks at its parent every 500 ms: well past that, it still serves.
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(read()).not.toContain("shutting down");
    process.kill(bootstrapPid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (alive(bootstrapPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(bootstrapPid)).toBe(false);
  });

  it("SIGTERM to npm's own PID (npm start under systemd or Docker) stops the bootstrap and the server too", {
    timeout: 400_000,
  }, async () => {
    const npm = spawn("npm", ["start"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "0", ...(await ownDatabase()) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(npm);
    let out = "";
    npm.stdout.on("data", (d) => {
      out += d;
    });
    npm.stderr.on("data", (d) => {
      out += d;
    });
    const until = Date.now() + 120_000;
    while (!/running at .*pid \d+/.test(out) && Date.now() < until && npm.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    const bootstrapPid = Number(out.match(/\[benteng\] pid (\d+):/)?.[1]);
    const serverPid = Number(out.match(/running at .*pid (\d+)\)/)?.[1]);
    expect(alive(bootstrapPid) && alive(serverPid), out).toBe(true);
    npm.kill("SIGTERM");
    const deadline = Date.now() + 10_000;
    while ((alive(bootstrapPid) || alive(serverPid)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(alive(bootstrapPid), "bootstrap still running").toBe(false);
    expect(alive(serverPid), "server still running").toBe(false);
  });

  it("SIGINT does the same; a second signal during the shutdown exits at once", {
    timeout: 400_000,
  }, async () => {
    const server = run(["start"], await ownDatabase());
    await server.waitFor(/running at/);
    server.child.kill("SIGINT");
    expect(await server.exited(10_000)).toBe(0);
    expect(server.out()).toContain("Benteng is shutting down (SIGINT)");

    const impatient = run(["start"], await ownDatabase());
    const [, url, pid] = await impatient.waitFor(/running at (http:\/\/\S+) .*pid (\d+)/);
    // A request still arriving keeps the graceful stop waiting; the second signal does not wait.
    // "100 Continue" tells that the server holds the request (not an idle connection) before we signal.
    const { hostname, port } = new URL(url as string);
    const slow = connect(Number(port), hostname);
    slow.on("error", () => {});
    const continued = new Promise<void>((resolve) =>
      slow.on("data", (d) => {
        if (d.toString().includes("100 Continue")) resolve();
      }),
    );
    slow.write(
      "POST /webhooks/whatsapp/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n",
    );
    await continued;
    slow.write("{");
    impatient.child.kill("SIGTERM");
    await impatient.waitFor(/shutting down/);
    impatient.child.kill("SIGTERM");
    expect(await impatient.exited(10_000)).toBe(1);
    expect(impatient.out()).toContain("SIGTERM again, exiting now");
    expect(alive(Number(pid))).toBe(false);
  });

  it("benteng runtime stops on SIGTERM to the PID it prints", { timeout: 400_000 }, async () => {
    const runtime = run(["benteng", "runtime"], await ownDatabase());
    await runtime.waitFor(/receiving webhooks at http:\/\/\S+ .*pid \d+/);
    expect(runtime.err()).toContain(`pid ${runtime.child.pid}: SIGTERM or SIGINT`);
    runtime.child.kill("SIGTERM");
    expect(await runtime.exited(10_000)).toBe(0);
    expect(runtime.out()).toMatch(
      /Benteng runtime is shutting down \(SIGTERM\)\n(.*\n)*Benteng runtime stopped/,
    );
  });

  it("a taken port is said in one line, without a stack trace, with a non-zero exit", {
    timeout: 400_000,
  }, async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = String((blocker.address() as { port: number }).port);
    try {
      for (const args of [["start"], ["benteng", "runtime"]]) {
        const env = await ownDatabase();
        const refused = run(args, { ...env, PORT: port });
        expect(await refused.exited()).not.toBe(0);
        const lines = ownLines(refused.err());
        expect(lines).toEqual([expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`)]);
        // It let go of what it opened: the same folder starts on a free port.
        if (!env.DATABASE_URL) {
          const retry = run(args, { ...env, PORT: "0" });
          await retry.waitFor(/pid \d+/);
          retry.child.kill("SIGTERM");
          expect(await retry.exited(10_000)).toBe(0);
        }
      }
    } finally {
      blocker.close();
    }
  });
});
