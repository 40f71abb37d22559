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
          // a throwaway one the global setup starts (or TEST_POSTGRES_URL's), except what touches no database
          // code of its own: the split view copies a SQLite file by design; the add-checkpoint refusals, the
          // tampered-block and policy-script tests and the verify CLI exercise parsing, HTTP and processes,
          // while the witness's atomic check-and-record, the node's log records and the witnessed flow with
          // three witnesses all run here too (witness.test.ts, log/*.test.ts, witnessed/flow.test.ts).
          exclude: [
            "tests/integration/node-processes/seed.test.ts",
            "tests/integration/witnessed/split-view.test.ts",
            "tests/integration/witnessed/add-checkpoint.test.ts",
            "tests/integration/witnessed/tampered-block.test.ts",
            "tests/integration/witness/witness-refusals.test.ts",
            "tests/integration/witness/witnessed-node.test.ts",
            "tests/integration/verify-witnessed.test.ts",
          ],
          env: { TEST_DATABASE: "postgres" },
          globalSetup: [...integration.globalSetup, "tests/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
