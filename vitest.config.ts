import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{shared,db,runtime,web}/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Sized for a busy 2-core machine: tests that spawn the CLI or a server took over 30 s under load.
    // Timing is never what a test asserts by its timeout; a hung test still fails, later.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests start servers and databases; two workers match this 2-core machine.
    maxWorkers: 2,
  },
});
