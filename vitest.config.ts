import path from "node:path";
import { defineConfig } from "vitest/config";

// Server modules import "server-only", which throws outside React Server Components; in tests it is a no-op.
const alias = {
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
  "@": import.meta.dirname,
};

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file gets its own data directory and database; two at a time fit these 2-core machines.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
