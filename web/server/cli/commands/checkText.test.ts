import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

/** Runs the real CLI with the given stdin, the way a pipeline does. */
function checkText(args: string[], stdin: string) {
  return spawnSync(process.execPath, ["web/server/cli/main.ts", "check-text", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "--no-node-snapshot" },
    input: stdin,
    encoding: "utf8",
    timeout: 300_000,
  });
}

// Each case starts the real CLI (a few seconds each on a loaded machine): generous time, no timed assertion.
describe("benteng check-text", { timeout: 600_000 }, () => {
  it("exits 1 on a request for a secret and 0 on a warning, in any of the languages", () => {
    expect(checkText([], "Please send us your PIN\n").status).toBe(1);
    expect(checkText([], "Informe sua senha para continuar").status).toBe(1);
    expect(checkText([], "We will never ask for your PIN\n").status).toBe(0);
    expect(checkText([], "Jangan berikan PIN anda kepada siapa pun").status).toBe(0);
  });

  it("prints the verdict and where the secret is named with --json", () => {
    const run = checkText(["--json"], "Ketik kode OTP nya di sini");
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout) as {
      block: boolean;
      findings: Array<{ span: { start: number; end: number } }>;
    };
    expect(out.block).toBe(true);
    expect(
      "Ketik kode OTP nya di sini".slice(out.findings[0]!.span.start, out.findings[0]!.span.end),
    ).toContain("OTP");
  });

  it("answers one line per input line, in order, with --jsonl, and exits 1 when any line is blocked", () => {
    const input = [
      { id: "a", text: "Reply with the OTP we sent you" },
      { id: 2, text: "Pin your location so the driver finds you" },
      { id: "c", text: "Envíanos tu contraseña" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const run = checkText(["--jsonl"], `${input}\nnot json\n`);
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.block])).toEqual([
      ["a", true],
      [2, false],
      ["c", true],
      [null, false],
    ]);
    expect(lines[3].error).toContain("id");
    const clean = checkText(
      ["--jsonl"],
      `${JSON.stringify({ id: 1, text: "We will never ask for your PIN" })}\n`,
    );
    expect(clean.status).toBe(0);
  });
});
