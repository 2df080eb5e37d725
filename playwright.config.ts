import { defineConfig } from "@playwright/test";

import { chromiumArgs, chromiumPath } from "./e2e/fixtures/chromium.ts";

export default defineConfig({
  testDir: "e2e/tests",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Each journey starts its own server and database (e2e/fixtures/app.ts); one at a time on 2 cores.
  workers: 1,
  fullyParallel: false,
  // One retry for a timing accident on a busy machine; a journey that fails twice fails the build.
  retries: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
});
