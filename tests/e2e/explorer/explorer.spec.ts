// The explorer, as an admin uses it: sign in, watch a payment arrive live, walk block → transaction → account,
// find each kind of thing by search, run the audit, and see it name a block altered behind the node's back.
import Database from "better-sqlite3";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createWallet, expectAccessible, getTestFunds, screenshots } from "../support";

test.describe.configure({ mode: "serial" });

const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const databaseFile = path.resolve("test-data/e2e/chainpay.db");

async function signIn(page: Page, next = "/explorer") {
  await page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("textbox", { name: "Admin password" }).fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${next}`);
}

test("a visitor who is not signed in is sent to sign in, and admin APIs refuse them", async ({ page, request }) => {
  await page.goto("/explorer/blocks/0");
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fexplorer%2Fblocks%2F0$/);
  await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-login");
  const audit = await request.get("/api/admin/audit");
  expect(audit.status()).toBe(401);
  expect(await audit.json()).toEqual({
    error: { code: "unauthorized", message: "This call needs an admin's token or session." },
  });
});

test("a wrong password is refused inline", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByRole("textbox", { name: "Admin password" }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That password is wrong. Check it and try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("an admin sees a payment made elsewhere arrive live, and walks block → transaction → account", async ({
  page,
  browser,
}) => {
  await signIn(page, "/explorer/blocks/0");
  await page.goto("/explorer");
  await expect(page.getByRole("heading", { name: "Newest blocks" })).toBeVisible();
  await expectAccessible(page);

  // Someone else, in another browser, gets test funds: a new block.
  const walletContext = await browser.newContext();
  const walletPage = await walletContext.newPage();
  const { publicKey } = await createWallet(walletPage);
  await getTestFunds(walletPage, "$100.00");
  const head = (
    (await (await page.request.get("/api/node")).json()) as { head: { header: { height: number }; hash: string } }
  ).head;
  const table = page.getByTestId("blocks-table");
  await expect(table.getByRole("link", { name: String(head.header.height), exact: true })).toBeVisible();
  await walletContext.close();
  await screenshots(page, "explorer-home");

  await table.getByRole("link", { name: String(head.header.height), exact: true }).click();
  await expect(page.getByRole("heading", { name: `Block ${head.header.height}` })).toBeVisible();
  await expect(page.getByText(head.hash)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Transaction / })).toBeVisible();
  await expect(page.getByTestId("receipt-verdict")).toContainText("✓ Verified");
  await expect(page.getByTestId("audit-path")).toContainText("Equals the block's Merkle root");
  await expectAccessible(page);
  await screenshots(page, "explorer-transaction");
  await page.getByRole("link", { name: publicKey }).click();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByTestId("account-balance")).toHaveText("$100.00");
  await expectAccessible(page);
  await page.goBack();
  await expect(page.getByRole("heading", { name: /^Transaction / })).toBeVisible();
});

test("search finds a height, a block hash prefix, a txId and an account prefix, and says when nothing matches", async ({
  page,
}) => {
  await signIn(page);
  const node = (await (await page.request.get("/api/node")).json()) as {
    head: { header: { height: number }; hash: string };
  };
  const block = (await (await page.request.get(`/api/blocks/${node.head.header.height}`)).json()) as {
    transactions: { txId: string; tx: { to: string } }[];
  };
  const [first] = block.transactions;
  const search = async (query: string) => {
    await page.getByRole("searchbox", { name: /Search by height/ }).fill(query);
    await page.getByRole("searchbox", { name: /Search by height/ }).press("Enter");
  };
  await search(String(node.head.header.height));
  await expect(page.getByRole("heading", { name: `Block ${node.head.header.height}` })).toBeVisible();
  await search(node.head.hash.slice(0, 12));
  await expect(page.getByRole("heading", { name: `Block ${node.head.header.height}` })).toBeVisible();
  await search(first!.txId);
  await expect(page.getByRole("heading", { name: /^Transaction / })).toBeVisible();
  await search(first!.tx.to.slice(0, 16));
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await search("no-such-thing");
  await expect(page.getByRole("heading", { name: "Nothing matches “no-such-thing”" })).toBeVisible();
  await expectAccessible(page);
});

test("an admin mints to an account and switches the faucet off and on", async ({ page, request }) => {
  await signIn(page, "/explorer/actions");
  const account = "cd".repeat(32);
  await page.getByLabel("Account key", { exact: true }).fill(account);
  await page.getByLabel(/^Amount/).fill("250.00");
  await page.getByRole("button", { name: "Mint" }).click();
  await expect(page.getByText("Minted", { exact: true })).toBeVisible();
  expect(((await (await request.get(`/api/accounts/${account}`)).json()) as { balance: string }).balance).toBe("25000");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Turn the faucet off" }).click();
  await expect(page.getByTestId("faucet-state")).toContainText("off");
  expect((await request.post("/api/faucet", { data: { account } })).status()).toBe(403);
  await page.getByRole("button", { name: "Turn the faucet on" }).click();
  await expect(page.getByTestId("faucet-state")).toContainText("on");
  expect((await request.post("/api/faucet", { data: { account } })).status()).toBe(201);
});

test("the audit passes, then names the block whose stored transaction was altered", async ({ page }) => {
  await signIn(page, "/explorer/audit");
  await page.getByRole("button", { name: "Run the full audit" }).click();
  await expect(page.getByTestId("audit-result")).toContainText("✓ The chain verifies");
  await expectAccessible(page);
  await screenshots(page, "explorer-audit");

  const database = new Database(databaseFile);
  const row = database
    .prepare(
      `SELECT "blockHeight", "amountMinor", "sequence" FROM "Transaction" WHERE "blockHeight" >= 1 ORDER BY "sequence" LIMIT 1`,
    )
    .get() as { blockHeight: number; amountMinor: number; sequence: number };
  try {
    database.exec(`DROP TRIGGER "Transaction_append_only_update"`);
    database
      .prepare(`UPDATE "Transaction" SET "amountMinor" = "amountMinor" + 1 WHERE "sequence" = ?`)
      .run(row.sequence);
    await page.getByRole("button", { name: "Run the full audit" }).click();
    const result = page.getByTestId("audit-result");
    await expect(result).toContainText("✗ The chain does not verify");
    await expect(result).toContainText(`block ${row.blockHeight}`);
    await expect(result).toContainText("its txId is not the hash of its contents");
    await screenshots(page, "explorer-audit-failed");
    await result.getByRole("link", { name: `block ${row.blockHeight}` }).click();
    await expect(page.getByRole("heading", { name: `Block ${row.blockHeight}` })).toBeVisible();
  } finally {
    // Put the chain back as it was for the tests that follow.
    database
      .prepare(`UPDATE "Transaction" SET "amountMinor" = ? WHERE "sequence" = ?`)
      .run(row.amountMinor, row.sequence);
    database.exec(
      `CREATE TRIGGER "Transaction_append_only_update" BEFORE UPDATE ON "Transaction" BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;`,
    );
    database.close();
  }
});
