import { defineConfig, devices } from "@playwright/test";

// Debian's chromium, never a downloaded browser (these machines cannot download one).
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3210);
export const e2eAdminToken = "e2e-admin-token-0123456789abcdef";

// The nodes the specs start for themselves (KRW, witnessed networks, followers and witnesses) inherit this and run
// as one process each: they serve one spec's few requests, and a second process each would only take the cores
// that the browsers and the shared node need. The shared e2e node runs as `npm start` does, one worker per core
// (its WEB_CONCURRENCY is blank below, which is unset).
process.env.WEB_CONCURRENCY ??= "1";

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Three at a time share the one e2e node: every spec makes its own wallets and accounts, and the specs that
  // need a node of their own (KRW, witnesses, followers) start one. The tests wait on the node and the browser
  // more than they compute: on these 2-core machines three workers took 7.8 minutes where two took 9.5.
  workers: 3,
  timeout: 60_000,
  // How long an assertion waits for the page to get there. Playwright's 5 s is for a machine with cores to spare:
  // here three browsers, the shared node and the specs' own nodes share two, and a page reloaded under that load
  // was seen to take 6 s to hydrate and ask for its account. The tests check what a person sees, not how fast (the
  // speed targets are in `npm run bench`).
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh chain for every run: the tests seed their own data.
    command: `rm -rf test-data/e2e && npm start`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    env: {
      DATA_DIR: "test-data/e2e",
      PORT: String(port),
      CHAIN_ID: "chainpay-e2e",
      ADMIN_TOKEN: e2eAdminToken,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password",
      FAUCET_INTERVAL_SECONDS: "0",
      WEB_CONCURRENCY: "",
      // The webhook tests register a receiver on loopback, which a node refuses unless this allows it.
      WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  },
});
