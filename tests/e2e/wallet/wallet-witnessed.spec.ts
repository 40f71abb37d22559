// The wallet's witnessed view against real processes: a node and three witnesses at 2 of 3. A payment shows
// "Sealed" while too few witnesses run, then "Witnessed (k of 3)" once they cosign again; the receipt page offers
// the witnessed receipt. A node that starts serving another policy raises the alarm and pauses payments.
// The network runs in a process of its own (./wallet-witnessed-network.ts), under the react-server condition.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { WalletNetworkDescription } from "./wallet-witnessed-network";
import { namedKey } from "../../unit/support/keys";
import { createWallet, expectAccessible, fillPayment, screenshots } from "../support";
import { collectErrors } from "./wallet-support";

test.describe.configure({ mode: "serial" });

let child: ChildProcess | undefined;
let lines: AsyncIterator<string>;
let network: WalletNetworkDescription;

/** Sends one command to the network's process and waits for its `done`. */
async function command(line: string): Promise<void> {
  child!.stdin!.write(`${line}\n`);
  for (;;) {
    const next = await lines.next();
    if (next.done === true) throw new Error(`the witnessed network ended before ${line}`);
    if (next.value === `done ${line}`) return;
  }
}
let context: BrowserContext;
let page: Page;
let errors: string[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/e2e/wallet/wallet-witnessed-network.ts"],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done === true) throw new Error("the witnessed network did not start");
  network = JSON.parse(first.value) as WalletNetworkDescription;
  // The wallet opens on a node whose log is already witnessed (before that its checkpoint route answers 404).
  for (let tries = 0; (await fetch(`${network.nodeUrl}/api/log/checkpoint`)).status !== 200; tries++) {
    if (tries > 600) throw new Error("the node's log was never witnessed");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  context = await browser.newContext({ baseURL: network.nodeUrl });
  page = await context.newPage();
  errors = collectErrors(page);
});

test.afterAll(async () => {
  await context?.close();
  if (child === undefined) return;
  const exited = new Promise((resolve) => child!.once("exit", resolve));
  child.stdin!.end();
  const timer = setTimeout(() => child!.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
});

test("a payment goes from sealed to witnessed (2 of 3)", async () => {
  test.setTimeout(240_000);
  await createWallet(page);
  const witnesses = page.getByRole("region", { name: "Witnesses" });
  await expect(witnesses.getByTestId("witness-quorum")).toHaveText("Witnessed means cosigned by 2 of 3 witnesses.");
  await expect(witnesses.getByRole("listitem")).toHaveText(["w1", "w2", "w3"]);

  await page.getByRole("button", { name: /Get test funds/ }).click();
  await expect(page.getByText("Test funds received.")).toBeVisible();
  const payments = page.getByRole("list", { name: "Payments" });
  await expect(payments.getByTestId("witness-badge").first()).toHaveText(/Witnessed \([23] of 3\)/, {
    timeout: 60_000,
  });

  // With two of three witnesses down no checkpoint can be witnessed: the payment stays sealed.
  await command("stop w2");
  await command("stop w3");
  await fillPayment(page, { to: namedKey("bob").publicKeyHex, amount: "12.5", memo: "coffee" });
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText(/^Paid/)).toBeVisible();
  const paid = payments.getByRole("listitem").filter({ hasText: "coffee" });
  await expect(paid.getByTestId("witness-badge")).toHaveText(/^○Sealed$/, { timeout: 30_000 });
  await screenshots(page, "wallet-witnessed-sealed");

  await command("start w2");
  await command("start w3");
  await expect(paid.getByTestId("witness-badge")).toHaveText(/Witnessed \([23] of 3\)/, { timeout: 90_000 });
  await expect(page.getByTestId("chain-alarm")).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "wallet-witnessed");

  await paid.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Witnessed log" })).toBeVisible();
  await expect(page.getByTestId("witness-badge")).toHaveText(/Witnessed \([23] of 3\)/);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download witnessed receipt (JSON)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^chainpay-witnessed-receipt-[0-9a-f]{12}\.json$/);
  await expectAccessible(page);
  await screenshots(page, "wallet-witnessed-receipt");
  expect(errors).toEqual([]);
});

test("a changed policy raises the alarm and pauses payments", async () => {
  test.setTimeout(240_000);
  // The operator drops a witness and lowers the quorum: the wallet pinned the old policy.
  await command("policy 1 w1 w2");
  await page.goto("/");
  const alarm = page.getByTestId("chain-alarm");
  await expect(alarm).toContainText("Warning: this node's witness policy has changed");
  // "witness w3 " as the policy line names it: a bare "w3" can occur in a key's base64.
  await expect(alarm.getByRole("figure", { name: "The policy this browser trusts" })).toContainText("witness w3 ");
  await expect(alarm.getByRole("figure", { name: "The policy the node serves now" })).not.toContainText("witness w3 ");
  await expect(
    page.getByText(/Payments are paused in this wallet: this node's witness policy has changed/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay", exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "wallet-witnessed-policy-changed");
  // Horizontal scroll at a phone's width would hide the policy's long keys.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});
