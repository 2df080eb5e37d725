// `npm run -s bench:editor`: opens a generated 500-block flow in headless Chromium against the built
// web app and prints {"blocks","interactive_ms","initial_js_gzip_kb"} (median of several runs).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../fixtures/chromium.ts";
import { startServer } from "../fixtures/server.ts";
import { generateFlow } from "./generateFlow.ts";

const BLOCKS = 500;
const RUNS = 5;
const ROOT = join(import.meta.dirname, "..", "..");

/** gzip size of the JavaScript the first page load needs (entry script + modulepreloads). */
function initialJsGzipKb(): number {
  const dist = join(ROOT, "web", "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "benteng-bench-editor-"));
  const server = await startServer({
    BENTENG_DATA_DIR: dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "error",
    BENTENG_RUNTIME_WORKERS: "0",
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  try {
    const origin = server.url;
    const post = async (path: string, body: unknown, cookie = "") => {
      const res = await fetch(`${origin}/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, cookie },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return {
        json: (await res.json()) as { result: { data: { id: string } } },
        cookie: res.headers.get("set-cookie") ?? "",
      };
    };
    const admin = await post("setup.createAdmin", {
      email: "bench@example.com",
      displayName: "Bench",
      password: "benchmark password 1",
    });
    const cookie = admin.cookie.split(";")[0] as string;
    const flow = await post("flows.create", { name: "Large", draft: generateFlow(BLOCKS) }, cookie);
    const flowId = flow.json.result.data.id;
    const [name, value] = cookie.split("=") as [string, string];

    const samples: number[] = [];
    for (let run = 0; run < 2; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name, value, url: origin }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
      const started = performance.now();
      await page.goto(`${origin}/flows/${flowId}`);
      // Interactive: the canvas shows the flow and a click on a block opens its settings.
      await page.locator(".react-flow__node-question").first().click();
      await page
        .getByRole("complementary", { name: "Settings" })
        .getByRole("heading", { name: "Question" })
        .waitFor();
      samples.push(performance.now() - started);
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }>; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number } };
      const self = new Map<string, number>();
      const total = profile.samples.length;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const counts = new Map<number, number>();
      for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
      for (const [id, c] of counts) {
        const n = byId.get(id)!;
        const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + c);
      }
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
      process.stdout.write(`run ${run}: ${Math.round(performance.now() - started)} ms, profile ${Math.round((profile.endTime - profile.startTime) / 1000)} ms, ${total} samples\n`);
      for (const [k, c] of top) process.stdout.write(`  ${((c / total) * 100).toFixed(1)}% ${k}\n`);
      await context.close();
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)] as number;
    process.stdout.write(
      `${JSON.stringify({ blocks: BLOCKS, interactive_ms: Math.round(median), initial_js_gzip_kb: initialJsGzipKb() })}\n`,
    );
  } finally {
    await browser.close();
    server.child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
