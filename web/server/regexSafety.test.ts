// Every regular expression in the code base, checked for super-linear backtracking (ReDoS) with
// recheck, the maintained analyser. Customer and author text reaches many of them; one super-linear
// pattern on a 64 Ki message froze the whole server for 12.6 s (issue 11). A failure names file:line,
// the complexity and recheck's attack string; fix the pattern (or replace it with string work) rather
// than loosening this test.
//
// Found with TypeScript's own parser: regex literals, and `new RegExp(…)` / `RegExp(…)` with literal
// arguments. A RegExp built from a non-literal source must be built while its module loads (this test
// then captures and checks the pattern it built); one built later from data cannot be checked here,
// so it fails the test — an author's pattern belongs to compileAuthorPattern (RE2), never RegExp.
//
// recheck picks its backend itself (RECHECK_BACKEND=auto): its native binary from npm on Linux x64,
// its pure-JS build elsewhere (slower, same verdicts). Test files are not scanned: their patterns
// only ever see the test's own strings.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { check, type Diagnostics } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCE_DIRS = [
  "shared/src",
  "shared/bench",
  "db/src",
  "runtime/src",
  "runtime/bench",
  "web/server",
  "web/src",
];
const SOURCE_FILE = /\.(?:ts|tsx|js|mjs|cjs)$/;
const TEST_FILE = /\.test\.(?:ts|tsx|js)$/;

interface FoundRegex {
  /** repo-relative file:line */
  where: string;
  source: string;
  flags: string;
}

interface DynamicSite {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE_FILE.test(name) && !TEST_FILE.test(name)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  return files;
}

/** The text of a string literal or a template without substitutions, else undefined. */
function literalText(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

function findRegexes(files: string[]): { found: FoundRegex[]; dynamic: DynamicSite[] } {
  const found: FoundRegex[] = [];
  const dynamic: DynamicSite[] = [];
  for (const path of files) {
    const file = relative(ROOT, path);
    const source = ts.createSourceFile(
      path,
      readFileSync(path, "utf8"),
      ts.ScriptTarget.Latest,
      true,
      path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const end = text.lastIndexOf("/");
        found.push({
          where: `${file}:${lineOf(node)}`,
          source: text.slice(1, end),
          flags: text.slice(end + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "RegExp"
      ) {
        const [pattern, flags] = node.arguments ?? [];
        const patternText = literalText(pattern);
        const flagsText = flags === undefined ? "" : literalText(flags);
        if (patternText !== undefined && flagsText !== undefined) {
          found.push({ where: `${file}:${lineOf(node)}`, source: patternText, flags: flagsText });
        } else {
          dynamic.push({ file, line: lineOf(node), text: node.getText(source).slice(0, 120) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { found, dynamic };
}

/**
 * Imports each module that builds a RegExp from a non-literal source, recording every RegExp
 * constructed meanwhile with the file:line that built it. Sites that built nothing while loading
 * build theirs later, from data this test cannot see.
 */
async function captureDynamic(
  sites: DynamicSite[],
): Promise<{ found: FoundRegex[]; unchecked: DynamicSite[] }> {
  const found: FoundRegex[] = [];
  const built = new Set<string>();
  const Original = globalThis.RegExp;
  const record = (re: RegExp) => {
    const frame = callerFrame(new Error().stack ?? "");
    if (frame) {
      built.add(frame);
      found.push({ where: `${frame} (built at load)`, source: re.source, flags: re.flags });
    }
    return re;
  };
  const recordingRegExp = new Proxy(Original, {
    construct: (target, args) => record(Reflect.construct(target, args) as RegExp),
    apply: (target, self, args) => record(Reflect.apply(target, self, args) as RegExp),
  });
  globalThis.RegExp = recordingRegExp;
  try {
    for (const file of new Set(sites.map((s) => s.file))) await import(pathToFileURL(join(ROOT, file)).href);
  } finally {
    globalThis.RegExp = Original;
  }
  return { found, unchecked: sites.filter((s) => !built.has(`${s.file}:${s.line}`)) };
}

/** The first stack frame in the repo's sources outside this test, as file:line. */
function callerFrame(stack: string): string | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const at = /\((?:file:\/\/)?([^()]+):(\d+):\d+\)$|at (?:file:\/\/)?([^\s()]+):(\d+):\d+$/.exec(line);
    const path = at?.[1] ?? at?.[3];
    const lineNo = at?.[2] ?? at?.[4];
    if (!path || !lineNo || path.includes("node_modules") || path.endsWith("regexSafety.test.ts")) continue;
    if (!path.startsWith(ROOT)) continue;
    return `${relative(ROOT, path)}:${lineNo}`;
  }
  return undefined;
}

/**
 * Deterministic verdicts: the fuzzer's own time limits are off (its step limits and fixed seed
 * remain), so a loaded machine cannot change what is flagged; only the overall budget is time.
 */
const RECHECK_PARAMS = {
  timeout: 120_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
} as const;

/** recheck over every pattern, a few at a time (its native backend answers requests in parallel). */
async function checkAll(
  regexes: FoundRegex[],
): Promise<Array<{ regex: FoundRegex; diagnostics: Diagnostics }>> {
  const results: Array<{ regex: FoundRegex; diagnostics: Diagnostics }> = [];
  let next = 0;
  const worker = async () => {
    while (next < regexes.length) {
      const regex = regexes[next++] as FoundRegex;
      results.push({ regex, diagnostics: await check(regex.source, regex.flags, RECHECK_PARAMS) });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

function describeFailure({ regex, diagnostics }: { regex: FoundRegex; diagnostics: Diagnostics }): string {
  const pattern = `/${regex.source.length > 120 ? `${regex.source.slice(0, 120)}…` : regex.source}/${regex.flags}`;
  if (diagnostics.status === "vulnerable") {
    return `${regex.where} ${pattern}: ${diagnostics.complexity.summary}; attack: ${diagnostics.attack.pattern}`;
  }
  if (diagnostics.status === "unknown") {
    return `${regex.where} ${pattern}: recheck could not decide (${diagnostics.error.kind}); simplify or split it`;
  }
  return `${regex.where} ${pattern}: ${diagnostics.status}`;
}

describe("regular expressions in the code base", () => {
  const { found, dynamic } = findRegexes(sourceFiles());
  // Modules load once per test file, so their load-time patterns are captured once.
  let captured: ReturnType<typeof captureDynamic> | undefined;
  const dynamicAtLoad = () => {
    captured ??= captureDynamic(dynamic);
    return captured;
  };

  it("finds them all with the parser (literals and literal RegExp calls)", () => {
    // Guards the finder itself: a parser or path change that found nothing would pass everything.
    expect(found.length).toBeGreaterThan(150);
    expect(found.map((r) => r.where)).toContain(
      found.find((r) => r.where.startsWith("runtime/src/engine/keywords.ts"))?.where,
    );
  });

  it("recheck flags a catastrophic pattern (so the check below can fail)", async () => {
    const [result] = await checkAll([{ where: "example", source: "^(a+)+$", flags: "" }]);
    expect(result?.diagnostics.status).toBe("vulnerable");
  });

  it("builds no RegExp from data after loading: such a pattern cannot be checked", async () => {
    const { unchecked } = await dynamicAtLoad();
    expect(unchecked.map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([]);
  });

  it("has none that backtracks super-linearly (recheck)", { timeout: 600_000 }, async () => {
    const { found: built } = await dynamicAtLoad();
    const results = await checkAll([...found, ...built]);
    const failures = results
      .filter((r) => r.diagnostics.status !== "safe")
      .sort((a, b) => a.regex.where.localeCompare(b.regex.where, "en", { numeric: true }))
      .map(describeFailure);
    expect(failures).toEqual([]);
  });
});
