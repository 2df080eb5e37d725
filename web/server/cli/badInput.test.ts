import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "benteng-badinput-"));

/** The real CLI, as an operator or a pipeline runs it. */
function cli(args: string[], stdin?: string | Buffer) {
  return spawnSync(process.execPath, ["web/server/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "--no-node-snapshot" },
    encoding: "utf8",
    timeout: 300_000,
    ...(stdin === undefined ? {} : { input: stdin }),
  });
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const flowJson = (text: string) =>
  JSON.stringify({
    version: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
      { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { text } },
    ],
    edges: [{ id: "e1", source: "start", sourceHandle: "next", target: "hello" }],
  });

describe("the CLI refuses bad bytes with one line and exit 2", { timeout: 600_000 }, () => {
  it("in a flow file: bytes that are not UTF-8, or a NUL written as \\u0000", () => {
    const notUtf8 = cli(["lint", file("latin1.json", Buffer.from(flowJson("Ol\u00e1"), "latin1"))]);
    expect(notUtf8.status, notUtf8.stderr).toBe(2);
    expect(notUtf8.stderr).toMatch(/latin1\.json is not valid UTF-8/);
    const nul = cli(["lint", file("nul.json", flowJson("Hi \u0000"))]);
    expect(nul.status, nul.stderr).toBe(2);
    expect(nul.stderr).toMatch(/nodes\[1\]\.data\.text: NUL character/);
  });

  it("on standard input and in a script's --input", () => {
    const stdin = cli(["check-text"], Buffer.from([0x68, 0x69, 0xff]));
    expect(stdin.status, stdin.stderr).toBe(2);
    expect(stdin.stderr).toMatch(/standard input is not valid UTF-8/);
    const input = cli(["script", "run", file("ok.js", "return input;"), "--input", '{"a":"\\ud800"}']);
    expect(input.status, input.stderr).toBe(2);
    expect(input.stderr).toMatch(/--input refused at a: lone surrogate/);
  });

  it("in an argument (Node hands bytes that were not UTF-8 over as U+FFFD)", () => {
    const run = cli(["lint", "caf\uFFFD.json"]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/argument 2 is not valid UTF-8 text/);
  });

  it("answers a JSON line with a NUL in --jsonl mode with an error line, and goes on", () => {
    const run = cli(["check-text", "--jsonl"], '{"id":1,"text":"a\\u0000b"}\n{"id":2,"text":"hello"}\n');
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 1, error: expect.stringMatching(/NUL/) });
    expect(lines[1]).toMatchObject({ id: 2, block: false });
  });
});
