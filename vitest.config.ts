import path from "node:path";
import { defineConfig } from "vitest/config";

// Server modules import "server-only", which throws outside React Server Components; in tests it is a no-op.
const alias = {
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
  "@": import.meta.dirname,
};

// Each file gets its own data directory and database; two at a time fit these 2-core machines.
const integration = {
  include: ["tests/integration/**/*.test.ts"],
  environment: "node",
  maxWorkers: 2,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  globalSetup: ["tests/support/build-global-setup.ts"],
};

export default defineConfig({
  test: {
    // In all, across projects: the two integration projects run side by side on these 2-core machines.
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: { name: "integration", ...integration, env: { TEST_DATABASE: "sqlite" } },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-postgres",
          ...integration,
          // `npm run seed` writes SQLite files only; everything else runs again on a real PostgreSQL server,
          // a throwaway one the global setup starts (or TEST_POSTGRES_URL's).
          exclude: ["tests/integration/node-processes/seed.test.ts"],
          env: { TEST_DATABASE: "postgres" },
          globalSetup: [...integration.globalSetup, "tests/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
