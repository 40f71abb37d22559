// Two people, two browser contexts: A makes a wallet, gets test funds and pays B; B sees it arrive live; A's
// receipt verifies; bad input is caught inline and changes nothing; a backup restores the same account; a
// double click pays once.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import {
  accountOf,
  createWallet,
  expectAccessible,
  fillPayment,
  getTestFunds,
  screenshots,
  setOutputDir,
} from "../support";

test.describe.configure({ mode: "serial" });

let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let keyA: string;
let keyB: string;
let backupPath: string;
const passphrase = "correct horse battery staple";

async function openContext(browser: Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return [context, await context.newPage()];
}

test.beforeAll(async ({ browser }, testInfo) => {
  setOutputDir(testInfo.project.outputDir);
  [contextA, pageA] = await openContext(browser);
  [contextB, pageB] = await openContext(browser);
});

test.afterAll(async () => {
  await contextA.close();
  await contextB.close();
});

test("A makes a wallet and backs it up, B makes one, A gets test funds", async () => {
  await pageA.goto("/");
  // The first page of the file's browser: in one loaded full run its navigation alone took 5.3 s, and the heading
  // came 0.6 s after the default 5 s wait (the trace's last frame shows it).
  await expect(pageA.getByRole("heading", { name: "Make your wallet" })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(pageA);
  await screenshots(pageA, "wallet-empty");
  const created = await createWallet(pageA, { passphrase });
  keyA = created.publicKey;
  backupPath = created.backupPath!;
  keyB = (await createWallet(pageB)).publicKey;
  expect(keyA).not.toBe(keyB);
  await getTestFunds(pageA, "$100.00");
  await expectAccessible(pageA);
});

test("A pays B, B sees it arrive without reloading, and A's receipt verifies in the browser", async () => {
  await expect(pageB.getByTestId("balance")).toHaveText("$0.00");
  await fillPayment(pageA, { to: keyB, amount: "12.34", memo: "lunch 🍜" });
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("Paid", { exact: true })).toBeVisible();
  await expect(pageA.getByTestId("balance")).toHaveText("$87.66");
  // B's page was not reloaded: the node's events brought the payment.
  await expect(pageB.getByTestId("balance")).toHaveText("$12.34");
  await expect(pageB.getByRole("list", { name: "Payments" }).getByText("lunch 🍜")).toBeVisible();
  await screenshots(pageA, "wallet-paid");

  await pageA.getByRole("link", { name: "View receipt" }).click();
  await expect(pageA.getByRole("heading", { name: "Receipt" })).toBeVisible();
  const verdict = pageA.getByTestId("receipt-verdict");
  await expect(verdict).toContainText("✓ Verified");
  await expect(verdict).toContainText("The Merkle inclusion proof leads to the block's Merkle root");
  await expect(verdict).toContainText("The node signed the block header");
  await expectAccessible(pageA);
  await screenshots(pageA, "receipt");
  const downloadPromise = pageA.waitForEvent("download");
  await pageA.getByRole("button", { name: "Download receipt (JSON)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^chainpay-receipt-[0-9a-f]{12}\.json$/);
  await pageA.getByRole("link", { name: "← Back to the wallet" }).click();
});

test("an overdraft and a malformed recipient are caught inline and send nothing", async ({ request }) => {
  // The ledger is checked by the accounts involved: the shared e2e node's head moves with the other specs' payments.
  const [aBefore, bBefore] = [await accountOf(request, keyA), await accountOf(request, keyB)];
  await fillPayment(pageA, { to: keyB, amount: "500" });
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("This is more than your balance of $87.66.")).toBeVisible();
  await expect(pageA.getByRole("region", { name: "Send a payment" }).getByLabel(/^Amount/)).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await fillPayment(pageA, { to: `${keyB.slice(0, 60)}zz`, amount: "1" });
  await expect(pageA.getByText("An account key has only the characters 0–9 and a–f.")).toBeVisible();
  await pageA.getByLabel("Pay to (account key)").fill(keyB.slice(0, 40));
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("An account key is 64 characters long; this one has 40.")).toBeVisible();
  await expect(pageA.getByLabel("Pay to (account key)")).toBeFocused();
  await pageA.getByLabel("Pay to (account key)").fill(keyA);
  await expect(pageA.getByText("This is your own account. Enter someone else's.")).toBeVisible();
  await screenshots(pageA, "wallet-errors");

  expect(await accountOf(request, keyA)).toEqual(aBefore);
  expect(aBefore.balance).toBe("8766");
  expect(await accountOf(request, keyB)).toEqual(bBefore);
});

test("a double-clicked payment is recorded once", async ({ request }) => {
  const before = (await accountOf(request, keyB)).transactions.length;
  await fillPayment(pageA, { to: keyB, amount: "1.00", memo: "double" });
  await pageA.getByRole("button", { name: "Pay", exact: true }).dblclick();
  await expect(pageA.getByText("Paid", { exact: true })).toBeVisible();
  await expect(pageA.getByTestId("balance")).toHaveText("$86.66");
  const after = await accountOf(request, keyB);
  expect(after.transactions.length).toBe(before + 1);
  expect(after.balance).toBe("1334");
});

test("the backup restored in a fresh browser is the same account with the same balance", async ({ browser }) => {
  const [context, page] = await openContext(browser);
  await page.goto("/");
  await page.getByRole("button", { name: "Restore from a backup" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore a wallet from a backup" });
  await dialog.getByLabel("Backup file").setInputFiles(backupPath);
  await dialog.getByLabel("Passphrase").fill("wrong passphrase!!");
  await dialog.getByRole("button", { name: "Restore wallet" }).click();
  await expect(dialog.getByText("The passphrase is wrong, or the file was changed.")).toBeVisible();
  await dialog.getByLabel("Passphrase").fill(passphrase);
  await dialog.getByRole("button", { name: "Restore wallet" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("balance")).toHaveText("$86.66");
  await page.getByRole("button", { name: "Show full key and QR" }).click();
  await expect(page.getByTestId("full-key")).toHaveText(keyA);
  await expect(page.getByRole("img", { name: "QR code of your account key" })).toBeVisible();
  await context.close();
});

test("a retry after a network error, and a reload while sending, pay once", async ({ request }) => {
  const before = await accountOf(request, keyB);
  // The first attempt dies on the way (as on a dropped connection): nothing reaches the node.
  let isFirstAttempt = true;
  await pageA.route("**/api/payments", async (route) => {
    if (isFirstAttempt) {
      isFirstAttempt = false;
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await fillPayment(pageA, { to: keyB, amount: "2.00", memo: "retry" });
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("Not confirmed yet")).toBeVisible();
  await pageA.getByRole("button", { name: "Retry" }).click();
  await expect(pageA.getByText("Paid", { exact: true })).toBeVisible();
  await pageA.unroute("**/api/payments");

  // This time the node records the payment but the answer is lost, and the person reloads the page: the
  // outbox resends the same signed payment, and the node answers it with the receipt it already holds.
  await pageA.route("**/api/payments", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await fillPayment(pageA, { to: keyB, amount: "3.00", memo: "reload" });
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("Not confirmed yet")).toBeVisible();
  await pageA.unroute("**/api/payments");
  await pageA.reload();
  await expect(pageA.getByText("Already paid")).toBeVisible();

  const after = await accountOf(request, keyB);
  expect(after.transactions.length).toBe(before.transactions.length + 2);
  expect(BigInt(after.balance) - BigInt(before.balance)).toBe(500n);
  await expect(pageA.getByTestId("balance")).toHaveText("$81.66");
});
