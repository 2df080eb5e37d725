// `npm test` after the bootstrap: type check, lint, unit + integration tests (Vitest), then the
// Playwright journeys in Chromium when one is installed. `--db` runs only the database suite.
// Database: PGlite by default; the PostgreSQL server named by DATABASE_URL when set (each test
// file creates and drops its own database there).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const args = process.argv.slice(2);
const dbOnly = args.includes("--db");
const results = [];

function step(name, cmd, cmdArgs) {
  process.stderr.write(`\n[benteng test] ── ${name} ──\n`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  const ok = r.status === 0;
  results.push({ name, ok, s: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

const db = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded)";
if (dbOnly) {
  step(`database suite on ${db}`, "vitest", [
    "run",
    "--reporter=default",
    "db/",
    "runtime/src/inbox",
    "web/server",
  ]);
} else {
  step("type check (tsc -b)", "tsc", ["-b"]);
  step("lint and format (biome)", "biome", ["check", "."]);
  step(`unit and integration tests on ${db}`, "vitest", ["run"]);
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) {
    step("browser journeys (Playwright, Chromium)", "playwright", ["test"]);
  } else {
    process.stderr.write(
      `\n${"!".repeat(78)}\n!! No Chromium at ${chromium}: the browser journeys were NOT run.\n` +
        "!! Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        `!! (or set CHROMIUM_PATH to a Chromium binary)\n${"!".repeat(78)}\n`,
    );
  }
}

process.stderr.write("\n[benteng test] summary\n");
for (const r of results) process.stderr.write(`  ${r.ok ? "PASS" : "FAIL"}  ${r.name}  (${r.s}s)\n`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
