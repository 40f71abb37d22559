// The explorer's Log page as an admin sees it: on the e2e node (no witnesses, quorum none) the log's identity,
// the policy and the node-signed checkpoint; on a witnessed network of real processes, the witnesses who cosigned
// it. Accessible, and at 390 px wide without a sideways scroll. Screenshots go to /tmp.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createInterface } from "node:readline";
import { expect, test, type Page } from "@playwright/test";
import type { NetworkDescription } from "./explorer-log-network";
import { createWallet, expectAccessible, getTestFunds } from "../support";
import { shot } from "../support/shots";

test.describe.configure({ mode: "serial" });

const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";

async function signIn(page: Page, baseUrl: string, next = "/explorer/log") {
  await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("textbox", { name: "Admin password" }).fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${next}`);
}

/** The page at a phone's width scrolls only down, and screenshots of both widths are written to /tmp. */
async function expectPhoneFitAndShoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, { path: `/tmp/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await expectAccessible(page);
  await shot(page, { path: `/tmp/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("with quorum none the Log page shows the log, its policy and the node-signed checkpoint", async ({
  page,
  browser,
  baseURL,
}) => {
  // A block beyond genesis, so that the checkpoint has something to say.
  const walletContext = await browser.newContext();
  const walletPage = await walletContext.newPage();
  await createWallet(walletPage);
  await getTestFunds(walletPage, "$100.00");
  await walletContext.close();

  await signIn(page, baseURL!, "/explorer");
  await page.getByRole("navigation", { name: "Explorer" }).getByRole("link", { name: "Log" }).click();
  await page.waitForURL("**/explorer/log");
  await expect(page.getByRole("heading", { name: "Witnessed log", level: 1 })).toBeVisible();
  const node = (await (await page.request.get("/api/node")).json()) as { log: { origin: string; vkey: string } };
  const identity = page.getByRole("region", { name: "The log" });
  await expect(identity.getByText(node.log.vkey)).toBeVisible();
  await expect(page.getByRole("region", { name: "Witnesses" })).toContainText("No witnesses configured (quorum none).");
  const policy = page.getByRole("region", { name: "Policy" });
  await expect(policy.getByLabel("Policy file", { exact: true })).toContainText(`log ${node.log.vkey}`);

  // The node signs a checkpoint of its head soon after each block; the page refreshes itself as blocks arrive.
  const checkpoint = page.getByRole("region", { name: "Newest witnessed checkpoint" });
  await expect(async () => {
    await page.reload();
    await expect(checkpoint.getByLabel("Checkpoint note", { exact: true })).toContainText(node.log.origin, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(checkpoint).toContainText("No cosignatures: signed by the node alone (quorum none).");
  const served = await (await page.request.get("/api/log/checkpoint")).text();
  await expect(checkpoint.getByLabel("Checkpoint note", { exact: true })).toContainText(served.split("\n")[0]!);
  await expectAccessible(page);
  await expectPhoneFitAndShoot(page, "explorer-log-quorum-none");
});

/** A fresh account key (the raw Ed25519 public key as hex) for the faucet to mint to. */
function freshAccount(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
}

/** Starts tests/e2e/explorer/explorer-log-network.ts and waits for the network it prints. */
async function startNetwork(): Promise<{
  child: ChildProcess;
  network: NetworkDescription;
  lines: AsyncIterator<string>;
}> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/e2e/explorer/explorer-log-network.ts"],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done === true) throw new Error("the witnessed network did not start");
  return { child, network: JSON.parse(first.value) as NetworkDescription, lines };
}

test.describe("on a witnessed network", () => {
  let running: Awaited<ReturnType<typeof startNetwork>> | undefined;
  let network: NetworkDescription;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    running = await startNetwork();
    network = running.network;
  });

  test.afterAll(async () => {
    if (running === undefined) return;
    const { child } = running;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin!.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  });

  test("the Log page names the witnesses that cosigned the newest checkpoint, and each one's answer", async ({
    page,
    request,
  }) => {
    // A payment's block for the witnesses to cosign.
    expect((await request.post(`${network.nodeUrl}/api/faucet`, { data: { account: freshAccount() } })).status()).toBe(
      201,
    );
    await signIn(page, network.nodeUrl);
    const cosigners = page.getByRole("region", { name: "Newest witnessed checkpoint" });
    await expect(async () => {
      await page.reload();
      for (const witness of network.witnesses)
        await expect(cosigners.getByTestId("log-cosigners").getByText(witness.name, { exact: true })).toBeVisible({
          timeout: 1_000,
        });
    }).toPass({ timeout: 60_000 });
    const witnesses = page.getByRole("region", { name: "Witnesses" });
    for (const witness of network.witnesses) {
      await expect(witnesses.getByTestId("log-witnesses").getByText(witness.submissionUrl)).toBeVisible();
    }
    await expect(witnesses.getByTestId("log-witnesses").getByText("200 cosigned").first()).toBeVisible();
    await expectAccessible(page);
    await expectPhoneFitAndShoot(page, "explorer-log-witnessed");

    // A witness that is down is shown as down once the node next asks it.
    running!.child.stdin!.write(`stop ${network.witnesses[0]!.name}\n`);
    expect((await running!.lines.next()).value).toBe(`stopped ${network.witnesses[0]!.name}`);
    expect((await request.post(`${network.nodeUrl}/api/faucet`, { data: { account: freshAccount() } })).status()).toBe(
      201,
    );
    await expect(async () => {
      await page.reload();
      await expect(witnesses.getByTestId("log-witnesses").getByText("down (unreachable)")).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
    await expectPhoneFitAndShoot(page, "explorer-log-witness-down");
  });
});
