import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{shared,db,runtime,web}/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers and databases; two workers match this 2-core machine.
    maxWorkers: 2,
  },
});
