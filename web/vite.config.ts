import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // The live linter runs in a module worker (web/src/editor/lint.worker.ts).
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/trpc": "http://127.0.0.1:3000", "/webhooks": "http://127.0.0.1:3000" } },
});
