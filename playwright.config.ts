import { defineConfig, devices } from "@playwright/test";

// Debian's chromium, never a downloaded browser (these machines cannot download one).
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3210);
export const e2eAdminToken = "e2e-admin-token-0123456789abcdef";

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
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
    },
  },
});
