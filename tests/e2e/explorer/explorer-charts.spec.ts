// The explorer's charts, drawn by recharts: transactions per block and per minute with labelled axes, a value
// shown when the chart has the keyboard's focus (and moved with the arrow keys), and the figures as a table for
// screen readers; an account's balance over time that matches its history exactly, on its newest page and,
// carried by an authenticated link, on the next older one, and no chart from an edited link.
import { expect, test, type Page } from "@playwright/test";
import { pageLimitDefault } from "@/lib/ledger/limits";
import { expectAccessible } from "../support";
import { collectErrors, seedPayments, shootBothWidths, signIn, type ExplorerSeed } from "./explorer-seed";

test.describe.configure({ mode: "serial" });
// Seeding, charts that draw after measuring, and two widths per page take longer than one minute on a busy machine.
test.setTimeout(180_000);

let seed: ExplorerSeed;

test.beforeAll(async ({ request }) => {
  // More payments to the payee than one page of history holds, so that its history has an older page.
  seed = await seedPayments(request, pageLimitDefault + 4);
});

/** The node's head height now. */
async function headOf(page: Page): Promise<number> {
  const node = (await (await page.request.get("/api/node")).json()) as { head: { header: { height: number } } };
  return node.head.header.height;
}

/** The rows of a chart's figures table, each as its cells' texts. */
async function figuresOf(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? "")));
}

test("the home page's charts have labelled axes, a value on keyboard focus and a table of their figures", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await signIn(page);
  // Other specs pay on the same node meanwhile: the page's head lies between the heads before and after it loads.
  const headBefore = await headOf(page);
  await page.goto("/explorer");
  const headAfter = await headOf(page);
  const perBlock = page.getByTestId("chart-per-block");
  await expect(perBlock.getByRole("application")).toBeVisible();
  await expect(perBlock.locator(".recharts-label")).toHaveText(["Block height", "Transactions"]);
  await expect(
    perBlock.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").first(),
  ).toBeVisible();
  await expect(page.getByTestId("chart-per-minute").locator(".recharts-label")).toHaveText([
    "Minute (UTC)",
    "Transactions",
  ]);

  // The figures table holds every bar: the page's head block, with its count, is the last row.
  const rows = await figuresOf(page, "chart-per-block-figures");
  const [lastBlock, lastCount] = rows.at(-1) ?? [];
  const height = Number(/^Block (\d+)$/.exec(lastBlock ?? "")?.[1]);
  expect(height).toBeGreaterThanOrEqual(headBefore);
  expect(height).toBeLessThanOrEqual(headAfter);
  const { block } = (await (await page.request.get(`/api/blocks/${height}`)).json()) as {
    block: { header: { txCount: number } };
  };
  const { txCount } = block.header;
  expect(lastCount).toBe(`${txCount} transaction${txCount === 1 ? "" : "s"}`);
  await expect(perBlock.getByRole("table")).toContainText(`Block ${height}`);

  // Tab into the chart: its first bar's value shows; the right arrow moves to the next bar.
  await perBlock.getByRole("application").focus();
  const tooltip = perBlock.getByTestId("chart-tooltip");
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(rows[0]![0]!);
  await expect(tooltip).toContainText(rows[0]![1]!);
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toContainText(rows[1]![0]!);

  // Hovering a bar shows its value too.
  await page.getByTestId("chart-per-minute").locator(".recharts-bar-rectangle").last().hover();
  await expect(page.getByTestId("chart-per-minute").getByTestId("chart-tooltip")).toContainText(/UTC/);
  await expectAccessible(page);
  await shootBothWidths(page, "explorer-home-en");
  expect(errors).toEqual([]);
});

test("an account's balance chart matches its history, page by page, exactly", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page);
  await page.goto(`/explorer/accounts/${seed.payeeKey}`);
  const chart = page.getByTestId("chart-balance");
  await expect(chart.getByRole("application")).toBeVisible();
  await expect(chart.locator(".recharts-label")).toHaveText(["Time (UTC)", "Balance (USD)"]);

  // Newest page: oldest first, payments 5 to 24 of $1.00 each (balances $5.00 … $24.00), then $0.50 paid back.
  const newest = await figuresOf(page, "chart-balance-figures");
  expect(newest).toHaveLength(pageLimitDefault);
  const paymentsOnNewest = Array.from({ length: pageLimitDefault - 1 }, (_, index) => index + 6);
  expect(newest.map((row) => row.slice(1))).toEqual([
    ...paymentsOnNewest.map((count) => ["+$1.00", `$${count}.00`]),
    ["-$0.50", `$${seed.paymentCount - 1}.50`],
  ]);
  await expect(page.getByTestId("account-balance")).toHaveText(`$${seed.paymentCount - 1}.50`);
  // The API's history agrees with the chart's last step, and its length with the table's.
  const account = (await (await page.request.get(`/api/accounts/${seed.payeeKey}`)).json()) as {
    balance: string;
    transactions: unknown[];
  };
  expect(account.balance).toBe(String(seed.paymentCount * 100 - 50));
  expect(account.transactions).toHaveLength(pageLimitDefault);

  await chart.getByRole("application").focus();
  await expect(chart.getByTestId("chart-tooltip")).toContainText("Balance after: $6.00");
  await page.keyboard.press("End");
  await expectAccessible(page);
  await shootBothWidths(page, "explorer-account-en");

  // The older page draws on from where the newer one stopped: payments 1 to 5, $1.00 … $5.00.
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/before=\d+&balance=/);
  await expect(chart.getByRole("application")).toBeVisible();
  const older = await figuresOf(page, "chart-balance-figures");
  expect(older.map((row) => row.slice(1))).toEqual([1, 2, 3, 4, 5].map((count) => ["+$1.00", `$${count}.00`]));

  // An edited carry (another balance) draws no chart, and says why.
  const edited = new URL(page.url());
  const [, mac] = edited.searchParams.get("balance")!.split(".");
  edited.searchParams.set("balance", `99900.${mac}`);
  await page.goto(edited.toString());
  await expect(page.getByText("drawn only when it is known exactly")).toBeVisible();
  await expect(page.getByTestId("chart-balance")).toHaveCount(0);
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test("a block, the log and the actions fit a phone, in English, with nothing for axe", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page);
  const height = seed.backReceipt.block.header.height;
  for (const [path, heading, name] of [
    [`/explorer/blocks/${height}`, `Block ${height}`, "explorer-block-en"],
    ["/explorer/log", "Witnessed log", "explorer-log-en"],
    ["/explorer/actions", "Admin actions", "explorer-actions-en"],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
    await shootBothWidths(page, name);
  }
  expect(errors).toEqual([]);
});
