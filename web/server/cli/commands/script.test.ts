import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "benteng-script-cli-"));

function scriptFile(name: string, code: string): string {
  const file = join(dir, name);
  writeFileSync(file, code);
  return file;
}

/** Runs the real CLI, the way an operator or a CI job does. */
function script(args: string[]) {
  const run = spawnSync(process.execPath, ["web/server/cli/main.ts", "script", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "--no-node-snapshot" },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: run.status, stderr: run.stderr, json: run.stdout ? JSON.parse(run.stdout) : undefined };
}

describe("benteng script run", { timeout: 600_000 }, () => {
  it("prints the result as one JSON line and exits 0, with logs on stderr", () => {
    const file = scriptFile(
      "double.js",
      "log('doubling', input.n);\nreturn { doubled: input.n * 2, key: secrets.get('KEY') };",
    );
    const run = script(["run", file, "--input", '{"n":21}', "--secret", "KEY=abc=def"]);
    expect(run.status).toBe(0);
    expect(run.json).toMatchObject({ ok: true, result: { doubled: 42, key: "abc=def" } });
    expect(typeof run.json.ms).toBe("number");
    expect(run.stderr).toContain("log: doubling 21");
  });

  it("prints the error kind and exits 1 when the script fails or is stopped", () => {
    const loop = script(["run", scriptFile("loop.js", "for (;;) {}"), "--timeout-ms", "100"]);
    expect(loop.status).toBe(1);
    expect(loop.json).toMatchObject({ ok: false, error: { kind: "timeout" } });
    const syntax = script(["run", scriptFile("bad.js", "return (1 + ;")]);
    expect(syntax.status).toBe(1);
    expect(syntax.json).toMatchObject({
      ok: false,
      error: { kind: "syntax", message: expect.stringMatching(/line 1/) },
    });
  });

  it("uses the production fetch policy: a declared loopback host is still refused", () => {
    const run = script([
      "run",
      scriptFile("fetch.js", "return (await fetch('http://127.0.0.1:9/')).status"),
      "--allow-host",
      "127.0.0.1:9",
    ]);
    expect(run.status).toBe(1);
    expect(run.json.error.message).toMatch(/loopback/);
  });

  it("exits 2 on bad arguments without running anything", () => {
    const file = scriptFile("ok.js", "return 1");
    for (const args of [
      ["run"],
      ["run", join(dir, "missing.js")],
      ["run", file, "--input", "{not json"],
      ["run", file, "--memory-mb", "100000"],
      ["walk", file],
    ]) {
      const run = script(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.json).toBeUndefined();
    }
  });
});
