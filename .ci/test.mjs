// `npm test` after the bootstrap: type check, lint, unit + integration tests (Vitest), then the
// Playwright journeys in Chromium when one is installed. `--db` runs only the database suite.
// Database: PGlite by default; the PostgreSQL server named by DATABASE_URL when set (each test
// file creates and drops its own database there).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const dbOnly = args.includes("--db");
const results = [];
const reports = join(process.cwd(), ".toolchain", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };

/** Adds a runner's JSON report to the totals printed on the last line. */
function tally(file, read) {
  if (!existsSync(file)) return;
  try {
    const c = read(JSON.parse(readFileSync(file, "utf8")));
    counts.passed += c.passed;
    counts.failed += c.failed;
    counts.skipped += c.skipped;
  } catch {
    // A runner that crashed before writing its report already failed its step.
  }
}
const vitestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
});
// A test that failed once and passed on its retry counts as passed; both runners name it as
// flaky (retried) in their own output, so it stays visible without failing the build.
const playwrightCounts = (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
});
// Integration tests start servers, processes and databases on a busy 2-core machine; a timing
// accident gets two more tries, a real failure fails all three.
const vitestArgs = (name) => [
  "--retry=2",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${join(reports, name)}`,
];

function step(name, cmd, cmdArgs) {
  process.stderr.write(`\n[benteng test] ── ${name} ──\n`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  const ok = r.status === 0;
  results.push({ name, ok, s: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

/**
 * A Vitest run whose only failures are test files whose worker process died (a signal or an exit
 * in the middle of the file, reported as "Worker exited unexpectedly", every test of it left
 * pending) runs those files once more, alone: a machine-level accident (memory pressure, a native
 * crash) loses one file's run, not the build. The rerun is reported here and in the counts; a file
 * that crashes again, or any ordinary failed test, fails the step.
 */
function vitestStep(name, report, files) {
  if (step(name, "vitest", ["run", ...vitestArgs(report), ...files]))
    return tally(join(reports, report), vitestCounts);
  const file = join(reports, report);
  let r;
  try {
    r = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return;
  }
  const failed = r.testResults.filter((f) => f.status === "failed");
  const crashed = failed.filter((f) => f.assertionResults.every((a) => a.status !== "failed"));
  if (crashed.length === 0 || crashed.length !== failed.length || crashed.length > 5) {
    return tally(file, vitestCounts);
  }
  const names = crashed.map((f) => f.name);
  process.stderr.write(
    `\n[benteng test] ${names.length} test file(s) lost their worker process; running them once more:\n` +
      names.map((n) => `  ${n}\n`).join(""),
  );
  const again = `rerun-${report}`;
  results.pop();
  step(`${name} (rerun of ${names.length} file(s) whose worker died)`, "vitest", [
    "run",
    ...vitestArgs(again),
    ...names,
  ]);
  // The first run's counts (the lost files' tests count nowhere there), plus the rerun's.
  tally(file, vitestCounts);
  tally(join(reports, again), vitestCounts);
}

const db = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded)";
if (dbOnly) {
  // Everything that touches a database: queries, the runtime's inbox/outbox/webhook, the API and CLI.
  vitestStep(`database suite on ${db}`, "db.json", [
    "db/",
    "runtime/src/inbox",
    "runtime/src/outbox",
    "runtime/src/http",
    "web/server",
  ]);
} else {
  step("type check (tsc -b)", "tsc", ["-b"]);
  step("type check of the browser app", "tsc", ["-p", "web/tsconfig.app.json"]);
  step("lint and format (biome)", "biome", ["check", "."]);
  vitestStep(`unit and integration tests on ${db}`, "all.json", []);
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) {
    process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = join(reports, "e2e.json");
    step("browser journeys (Playwright, Chromium)", "playwright", ["test", "--reporter=list,json"]);
    tally(join(reports, "e2e.json"), playwrightCounts);
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
const failedSteps = results.filter((r) => !r.ok).length;
// The closing line CI reads: tests counted over every runner (a failed step with no failed test
// — a type error, a lint error — still counts as one failure).
const failed = counts.failed + (failedSteps && !counts.failed ? failedSteps : 0);
process.stdout.write(`\n${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped\n`);
process.exit(failedSteps ? 1 : 0);
