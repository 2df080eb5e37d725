import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RuntimeHarness } from "./runtimeHarness.ts";

const runtimeProcess = fileURLToPath(new URL("./runtimeProcess.ts", import.meta.url));

/**
 * Starts a runtime in a child process on the harness's PostgreSQL database (see runtimeProcess.ts for
 * the settings `env` may carry) and resolves once it is up; tests kill it with SIGKILL.
 */
export function spawnRuntime(h: RuntimeHarness, env: Record<string, string> = {}): Promise<ChildProcess> {
  if (!h.url) throw new Error("a runtime process needs the harness on PostgreSQL (DATABASE_URL)");
  const child = spawn(process.execPath, [runtimeProcess], {
    env: {
      ...process.env,
      DATABASE_URL: h.url,
      BENTENG_TEST_KEY: h.masterKey.toString("base64"),
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`runtime process exited early (${code})`)));
  });
}

/** Kills a runtime process with SIGKILL and resolves once it is gone. */
export function killRuntime(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
