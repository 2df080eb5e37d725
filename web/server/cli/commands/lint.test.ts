import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "benteng-lint-"));

/** Runs the real CLI the way a pipeline does. */
function lint(args: string[]) {
  return spawnSync(process.execPath, ["web/server/cli/main.ts", "lint", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "--no-node-snapshot" },
    encoding: "utf8",
    timeout: 300_000,
  });
}

function flowFile(name: string, text: string): string {
  const path = join(dir, name);
  const flow = {
    version: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
      { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { text } },
      { id: "bye", type: "end", position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "hello" },
      { id: "e2", source: "hello", sourceHandle: "next", target: "bye" },
    ],
  };
  writeFileSync(path, JSON.stringify(flow));
  return path;
}

describe("benteng lint", { timeout: 600_000 }, () => {
  it("exits 0 on a clean flow", () => {
    const run = lint([flowFile("clean.json", "Hi! We will never ask for your PIN.")]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("No problems found");
  });

  it("exits 1 and explains a request for a secret, in words and in JSON", () => {
    const path = flowFile("phish.json", "To verify you, please send us your PIN");
    const human = lint([path]);
    expect(human.status, human.stderr).toBe(1);
    expect(human.stdout).toMatch(/error +block hello \(text\) \[secretRequestInText\]/);
    const json = lint([path, "--json"]);
    expect(json.status).toBe(1);
    const findings = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: "secretRequestInText",
        severity: "error",
        blockId: "hello",
        span: { start: 35, end: 38 },
      }),
    ]);
    expect(Object.keys(findings[0]!).sort()).toEqual([
      "blockId",
      "field",
      "message",
      "ruleId",
      "severity",
      "span",
    ]);
  });

  it("exits 1 on a script that does not parse and on a connection from an output that does not exist", () => {
    const path = join(dir, "script.json");
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        nodes: [
          { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
          { id: "s", type: "script", position: { x: 0, y: 100 }, data: { code: "return {" } },
          { id: "bye", type: "end", position: { x: 0, y: 200 }, data: {} },
        ],
        edges: [
          { id: "e1", source: "start", sourceHandle: "next", target: "s" },
          { id: "e2", source: "s", sourceHandle: "success", target: "bye" },
          { id: "e3", source: "s", sourceHandle: "error", target: "bye" },
          { id: "e4", source: "s", sourceHandle: "timeout", target: "bye" },
        ],
      }),
    );
    const run = lint([path, "--json"]);
    expect(run.status, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ ruleId: "scriptCode", severity: "error", blockId: "s", field: "code" }),
      expect.objectContaining({ ruleId: "danglingEdge", severity: "error", blockId: "s", edgeId: "e4" }),
    ]);
  });

  it("exits 0 with warnings only, and uses --allow-host for links", () => {
    const path = flowFile("link.json", "Track your parcel at https://track.example.com/p/1");
    const warned = lint([path, "--json"]);
    expect(warned.status).toBe(0);
    expect(JSON.parse(warned.stdout)).toMatchObject([
      { ruleId: "linkOutsideAllowlist", severity: "warning" },
    ]);
    expect(JSON.parse(lint([path, "--json", "--allow-host", "example.com"]).stdout)).toEqual([]);
  });

  it("exits 2 on a missing file, a file that isn't JSON, and an invalid flow", () => {
    expect(lint([join(dir, "nope.json")]).status).toBe(2);
    writeFileSync(join(dir, "text.json"), "hello");
    expect(lint([join(dir, "text.json")]).status).toBe(2);
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ version: 1, nodes: [{ id: "x", type: "teleport" }], edges: [] }),
    );
    const bad = lint([join(dir, "bad.json")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("not valid");
    expect(lint([]).status).toBe(2);
  });
});
