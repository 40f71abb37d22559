// The explorer in Korean, as a browser that asks for Korean (Accept-Language: ko) gets it: every page says
// <html lang="ko">, speaks Korean in its headings, navigation and charts, formats its figures for ko-KR, and is
// clean for axe, with no console errors and no sideways scroll at 390 px.
import { expect, test, type Page } from "@playwright/test";
import { formatAmount } from "@/lib/wallet/format";
import { expectAccessible } from "../support";
import { collectErrors, seedPayments, shootBothWidths, signIn, type ExplorerSeed } from "./explorer-seed";

test.describe.configure({ mode: "serial" });
// Seeding, charts that draw after measuring, and two widths per page take longer than one minute on a busy machine.
test.setTimeout(180_000);
test.use({ locale: "ko-KR", extraHTTPHeaders: { "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5" } });

const usd = { code: "USD", decimals: 2 };
let seed: ExplorerSeed;

test.beforeAll(async ({ request }) => {
  seed = await seedPayments(request, 3);
});

/** Opens a page and checks what every Korean explorer page has: the language, the frame's Korean, axe. */
async function visitInKorean(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  const navigation = page.getByRole("navigation", { name: "탐색기" });
  await expect(navigation.getByRole("link", { name: "블록" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: /블록 높이, 블록 해시/ })).toBeVisible();
  await expectAccessible(page);
}

test("the explorer's pages are in Korean, with Korean charts, for a browser that asks for Korean", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page);

  await visitInKorean(page, "/explorer", /^체인 /);
  await expect(page.getByRole("heading", { name: "최신 블록" })).toBeVisible();
  const perBlock = page.getByTestId("chart-per-block");
  await expect(perBlock.locator(".recharts-label")).toHaveText(["블록 높이", "거래 수"]);
  await expect(perBlock.getByRole("table")).toContainText(/블록 \d+/);
  await perBlock.getByRole("application").focus();
  await expect(perBlock.getByTestId("chart-tooltip")).toContainText(/거래 \d+건/);
  await shootBothWidths(page, "explorer-home-ko");

  const height = seed.backReceipt.block.header.height;
  await visitInKorean(page, `/explorer/blocks/${height}`, `블록 ${height}`);
  await expect(page.getByRole("region", { name: "거래" })).toContainText(formatAmount("50", usd, { locale: "ko-KR" }));
  await shootBothWidths(page, "explorer-block-ko");

  await visitInKorean(page, `/explorer/transactions/${seed.backReceipt.txId}`, /^거래 /);
  await expect(page.getByRole("region", { name: "포함 증명" })).toContainText("리프");
  await shootBothWidths(page, "explorer-transaction-ko");

  await visitInKorean(page, `/explorer/accounts/${seed.payeeKey}`, "계정");
  // Three payments of 1.00 in and 0.50 back: each balance after, formatted for ko-KR from the exact figures.
  const balances = ["100", "200", "300", "250"].map((minor) => formatAmount(minor, usd, { locale: "ko-KR" }));
  await expect(page.getByTestId("account-balance")).toHaveText(balances.at(-1)!);
  const chart = page.getByTestId("chart-balance");
  await expect(chart.locator(".recharts-label")).toHaveText(["시각 (UTC)", "잔액 (USD)"]);
  const cells = await chart.getByTestId("chart-balance-figures").locator("tbody tr td:last-child").allTextContents();
  expect(cells).toEqual(balances);
  await chart.getByRole("application").focus();
  await expect(chart.getByTestId("chart-tooltip")).toContainText(`거래 후 잔액: ${balances[0]}`);
  await shootBothWidths(page, "explorer-account-ko");

  await visitInKorean(page, "/explorer/log", "증인 서명 로그");
  await shootBothWidths(page, "explorer-log-ko");

  await visitInKorean(page, "/explorer/actions", "관리 작업");
  await expect(page.getByLabel("계정 키", { exact: true })).toBeVisible();
  await expect(page.getByTestId("faucet-state")).toContainText("켜져");
  await shootBothWidths(page, "explorer-actions-ko");

  await visitInKorean(page, "/explorer/audit", "체인 감사");
  await page.getByRole("button", { name: "전체 감사 실행" }).click();
  await expect(page.getByTestId("audit-result")).toContainText("✓ 체인이 검증되었어요");
  await shootBothWidths(page, "explorer-audit-ko");

  await visitInKorean(page, "/explorer/search?q=no-such-thing", "검색");
  await expect(page.getByRole("heading", { name: "“no-such-thing”에 맞는 항목이 없어요" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("an address the chain does not hold says so in Korean", async ({ page }) => {
  await signIn(page);
  const response = await page.goto("/explorer/blocks/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1, name: "찾을 수 없어요" })).toBeVisible();
  await expect(page.getByText("최신 블록으로 돌아가기")).toBeVisible();
  await expectAccessible(page);
});
