// Every page, at a phone's width and at a desktop's: it renders and hydrates without a page error or a console
// error, nothing on it scrolls sideways, and axe finds nothing serious or critical. The data it shows is seeded
// here through the API: funded accounts, a payment, two accounts whose keys share a prefix (a search with
// several matches), and enough blocks for a second page of them.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { isAccountKey } from "@/lib/ledger/ed25519";
import { pageLimitDefault } from "@/lib/ledger/limits";
import type { Receipt } from "@/lib/ledger/types";
import { makeWallet, signPayment } from "../support/wallet";
import { createWallet, expectAccessible, getTestFunds, headHeight } from "./support";
import { shot } from "./support/shots";

const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const chainId = "chainpay-e2e";
const widthsPx = [390, 1280];

type Seeded = { receipt: Receipt; payeeKey: string; sharedPrefix: string };
let seeded: Seeded;

async function fund(request: APIRequestContext, account: string): Promise<Receipt> {
  const response = await request.post("/api/faucet", { data: { account } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { receipt: Receipt }).receipt;
}

/** A random account key that begins with `prefix`: random hex until it decodes to a curve point (about half do). */
function accountKeyStartingWith(prefix: string): string {
  for (;;) {
    const key = `${prefix}${randomBytes(32 - prefix.length / 2).toString("hex")}`;
    if (isAccountKey(key)) return key;
  }
}

test.beforeAll(async ({ request }) => {
  const payer = makeWallet();
  const payee = makeWallet();
  await fund(request, payer.publicKey);
  // Two accounts whose keys begin alike: searching for that beginning finds both.
  const sharedPrefix = randomBytes(4).toString("hex");
  await fund(request, accountKeyStartingWith(sharedPrefix));
  await fund(request, accountKeyStartingWith(sharedPrefix));
  const paid = await request.post("/api/payments", {
    data: signPayment(payer, payee.publicKey, "1234", { chainId, memo: "every page" }),
  });
  expect(paid.status()).toBe(201);
  const { receipt } = (await paid.json()) as { receipt: Receipt };
  // Each faucet request seals a block of its own: enough of them make the blocks list run to a second page.
  while ((await headHeight(request)) <= pageLimitDefault) await fund(request, makeWallet().publicKey);
  seeded = { receipt, payeeKey: payee.publicKey, sharedPrefix };
});

type PageVisit = {
  name: string;
  isAdminOnly: boolean;
  /** A page that answers 404 on purpose: its own document's status is no error. */
  isNotFound?: boolean;
  /** Run once before the page is visited at each width: what a person would have done first. */
  prepare?: (page: Page) => Promise<void>;
  visit: (page: Page) => Promise<void>;
};

/** Opens `path` and waits for the heading that says what the page shows. */
const goTo = (path: string, heading: string | RegExp) => async (page: Page) => {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
};

const pages: PageVisit[] = [
  // The wallet as its owner sees it, with a key and a balance, not only its welcome screen.
  {
    name: "wallet",
    isAdminOnly: false,
    prepare: async (page) => {
      await createWallet(page);
      await getTestFunds(page, "$100.00");
    },
    visit: goTo("/", "chainpay wallet"),
  },
  {
    name: "receipt",
    isAdminOnly: false,
    visit: (page) => goTo(`/receipts/${seeded.receipt.txId}`, "Receipt")(page),
  },
  { name: "admin-login", isAdminOnly: false, visit: goTo("/admin/login", "Admin sign-in") },
  { name: "explorer", isAdminOnly: true, visit: goTo("/explorer", "Newest blocks") },
  {
    name: "explorer-older-blocks",
    isAdminOnly: true,
    visit: async (page) => {
      await goTo("/explorer", "Newest blocks")(page);
      await page.getByRole("link", { name: "Older blocks →" }).click();
      await expect(page.getByRole("heading", { name: /^Blocks before \d+$/ })).toBeVisible();
    },
  },
  {
    name: "explorer-block",
    isAdminOnly: true,
    visit: (page) =>
      goTo(
        `/explorer/blocks/${seeded.receipt.block.header.height}`,
        `Block ${seeded.receipt.block.header.height}`,
      )(page),
  },
  {
    name: "explorer-transaction",
    isAdminOnly: true,
    visit: (page) => goTo(`/explorer/transactions/${seeded.receipt.txId}`, /^Transaction /)(page),
  },
  {
    name: "explorer-account",
    isAdminOnly: true,
    visit: (page) => goTo(`/explorer/accounts/${seeded.payeeKey}`, "Account")(page),
  },
  {
    name: "explorer-search-matches",
    isAdminOnly: true,
    visit: (page) =>
      goTo(`/explorer/search?q=${seeded.sharedPrefix}`, `“${seeded.sharedPrefix}” matches more than one thing`)(page),
  },
  {
    name: "explorer-search-nothing",
    isAdminOnly: true,
    visit: goTo("/explorer/search?q=no-such-thing", "Nothing matches “no-such-thing”"),
  },
  { name: "explorer-actions", isAdminOnly: true, visit: goTo("/explorer/actions", "Admin actions") },
  { name: "explorer-audit", isAdminOnly: true, visit: goTo("/explorer/audit", "Audit the chain") },
  {
    name: "explorer-not-found",
    isAdminOnly: true,
    isNotFound: true,
    visit: goTo("/explorer/blocks/999999999", "Not found"),
  },
  { name: "not-found", isAdminOnly: false, isNotFound: true, visit: goTo("/no-such-page", /not found|404/i) },
];

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post("/api/admin/session", { data: { password: adminPassword } });
  expect(response.status()).toBe(204);
}

/** Waits until React has hydrated the page: it marks each element it takes over. */
async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")));
}

/** In the explorer, relative times switch from the absolute text that the server and the first render share. */
async function expectRelativeTimes(page: Page): Promise<void> {
  const times = page.locator("main time[datetime]");
  if (new URL(page.url()).pathname.startsWith("/explorer") && (await times.count()) > 0)
    await expect(times.first()).toHaveText(/ago|now|yesterday/);
}

for (const { name, isAdminOnly, isNotFound = false, prepare, visit } of pages) {
  test(`${name}: no errors, no sideways scroll, nothing serious for axe, at ${widthsPx.join(" and ")} px`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // A not-found page's own document answers 404, and the browser logs that as a failed load.
      if (isNotFound && message.location().url === page.url() && message.text().includes("404")) return;
      errors.push(`console error: ${message.text()} (${message.location().url})`);
    });
    if (isAdminOnly) await signIn(page);
    await prepare?.(page);
    for (const widthPx of widthsPx) {
      await page.setViewportSize({ width: widthPx, height: 844 });
      await visit(page);
      await waitForHydration(page);
      // Errors first: a hydration mismatch is reported as itself, not as whatever it broke.
      expect(errors).toEqual([]);
      await expectRelativeTimes(page);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      await shot(page, { path: `test-results/pages/${name}-${widthPx}.png`, fullPage: true });
      expect(scrollWidth, `sideways overflow at ${widthPx} px`).toBeLessThanOrEqual(clientWidth);
      await expectAccessible(page);
    }
    expect(errors).toEqual([]);
  });
}

test("on a phone, a block's transactions and an account's history are cards that show amount, counterparty and time", async ({
  page,
}) => {
  await signIn(page);
  const { receipt, payeeKey } = seeded;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/explorer/blocks/${receipt.block.header.height}`);
  const transactions = page.getByRole("list", { name: "Transactions in this block" });
  await expect(transactions.getByRole("link", { name: receipt.txId })).toBeVisible();
  await expect(transactions.getByText("$12.34")).toBeVisible();
  await expect(transactions.getByRole("link", { name: payeeKey })).toBeVisible();
  await expect(page.getByRole("table")).toBeHidden();

  await page.goto(`/explorer/accounts/${payeeKey}`);
  const history = page.getByRole("list", { name: "History, newest first" });
  await expect(history.getByText("+$12.34")).toBeVisible();
  await expect(history.getByRole("link", { name: receipt.tx.from })).toBeVisible();
  await expect(history.locator("time")).toHaveAttribute("datetime", receipt.tx.timestamp);

  await page.setViewportSize({ width: 1280, height: 844 });
  // The balance chart's figures are a table too, for screen readers: the history's is the one named so.
  await expect(page.getByRole("table", { name: "History, newest first" })).toBeVisible();
  await expect(history).toBeHidden();
});

test("the explorer's wording: plurals, the proof sentence, and a sign-in page that keeps the password's place to itself", async ({
  page,
}) => {
  await page.goto("/admin/login");
  await expect(page.getByRole("textbox", { name: "Admin password" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/ADMIN_PASSWORD|node's log|shown once/i);

  await signIn(page);
  await page.goto(`/explorer/transactions/${seeded.receipt.txId}`);
  const { leafIndex, treeSize, path } = seeded.receipt.proof;
  await expect(page.getByRole("region", { name: "Inclusion proof" })).toContainText(
    treeSize === 1
      ? "Leaf 0 of 1: the transaction's leaf is the root itself."
      : `Leaf ${leafIndex} of ${treeSize}, proven by ${path.length} hash${path.length === 1 ? "" : "es"}.`,
  );
  await page.goto("/explorer");
  await expect(page.getByRole("region", { name: "Charts" })).not.toContainText(/\b1 transactions\b/);
  await expect(page.getByRole("figure").first()).toContainText(/at most [\d,]+ transactions? in one block/);
});
