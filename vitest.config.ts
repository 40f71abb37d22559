import path from "node:path";
import { defineConfig } from "vitest/config";

// Server modules import "server-only", which throws outside React Server Components; in tests it is a no-op.
const alias = {
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
  "@": import.meta.dirname,
};

// Each file gets its own data directory and database. Many wait on servers and processes they started, so three
// at a time keep these 2-core machines busy (both projects took 7.5 minutes here so; two at a time kept them
// 1.6 cores busy on average).
// The servers, followers and witnesses the tests start are one process each, as they were before workers per core
// (twice the processes on two cores would slow every file): the workers' own tests ask for two.
const singleProcess = { WEB_CONCURRENCY: "1" };

const integration = {
  include: ["tests/integration/**/*.test.ts"],
  environment: "node",
  maxWorkers: 3,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  globalSetup: ["tests/support/build-global-setup.ts"],
};

export default defineConfig({
  test: {
    // In all, across projects: the two integration projects run side by side.
    maxWorkers: 3,
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          ...integration,
          // What a PostgreSQL server's own settings do to the node: nothing to run on SQLite.
          exclude: ["tests/integration/postgres-only/**"],
          env: { TEST_DATABASE: "sqlite", ...singleProcess },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-postgres",
          ...integration,
          // Everything runs again on a real PostgreSQL server, a throwaway one the global setup starts (or
          // TEST_POSTGRES_URL's), except what touches no database code of its own: the split view copies a SQLite file by design; the add-checkpoint refusals, the
          // tampered-block and policy-script tests and the verify CLI exercise parsing, HTTP and processes,
          // while the witness's atomic check-and-record and the node's log records (cosigning with a witness
          // among them) run here too (witness.test.ts, log/*.test.ts). The witnessed flow with three witnesses
          // adds no database code of its own to those, and is the suite's longest file.
          exclude: [
            "tests/integration/witnessed/split-view.test.ts",
            "tests/integration/witnessed/add-checkpoint.test.ts",
            "tests/integration/witnessed/tampered-block.test.ts",
            "tests/integration/witness/witness-refusals.test.ts",
            "tests/integration/witness/witnessed-node.test.ts",
            "tests/integration/verify-witnessed.test.ts",
            "tests/integration/witnessed/flow.test.ts",
            // The admin webhook routes share their database code with the records, which run here too.
            "tests/integration/webhooks-admin/webhook-routes.test.ts",
            // Refused before the database is opened, or answered by a layer that never reads it: bad settings stop
            // the start first; the verifier's hostile node is a node:http fake; the Host, client-address, token
            // and header limits, and the framework's and malformed URLs' refusals, are HTTP and process code.
            "tests/integration/node-processes/bad-settings.test.ts",
            "tests/integration/hostile-clients/auditors/hostile-node.test.ts",
            "tests/integration/hostile-clients/access/host-setting.test.ts",
            "tests/integration/hostile-clients/access/client-address.test.ts",
            "tests/integration/hostile-clients/access/admin-token-limit.test.ts",
            "tests/integration/hostile-clients/access/security-headers.test.ts",
            "tests/integration/fuzz/framework-refusals.test.ts",
            "tests/integration/malformed-urls.test.ts",
            // Settings refused before the log is opened; in-memory password-guess limits and signed session
            // cookies (the session generation is one row, read by every signed-in test here); the explorer's
            // redirect without a session; statements built and forged from the public API and checked by the
            // verify CLI; the follower's alarm (the follower's replica records run here in follower.test.ts).
            "tests/integration/log/bad-log-settings.test.ts",
            "tests/integration/hostile-clients/access/admin-sessions.test.ts",
            "tests/integration/hostile-clients/access/explorer-without-session.test.ts",
            "tests/integration/statement.test.ts",
            "tests/integration/hostile-clients/auditors/forged-statements.test.ts",
            "tests/integration/hostile-clients/auditors/follower-alarm.test.ts",
            // SQLite's own connections contending for its one write lock; on PostgreSQL the same records run in
            // log-records.test.ts.
            "tests/integration/log/sqlite-writers.test.ts",
            // The limits the workers share live in the primary's memory, which no database holds.
            "tests/integration/node-processes/worker-limits.test.ts",
          ],
          env: { TEST_DATABASE: "postgres", ...singleProcess },
          globalSetup: [...integration.globalSetup, "tests/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
