// The request flow (tests/e2e/support/request-flow.ts) once more, in Korean on a node that keeps Korean
// won (KRW:0): B asks for ₩1,234, A opens the link and pays, B's request page turns paid without a reload, the
// tampered link is refused. Every screen is axe clean and fits 390 px; the ledger agrees to the won.
import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "../support";
import { startKrwNode, type KrwNode } from "../support/krw-node";
import { expectPayeeReceived, runRequestFlow, type Inspect } from "../support/request-flow";
import { collectErrors } from "../wallet/wallet-support";
import { shot } from "../support/shots";

// Two browsers, a dozen screens with axe and screenshots, on a shared machine.
test.setTimeout(300_000);

const shotsDir = process.env.SHOTS_DIR ?? "test-results/screenshots/i18n";
let node: KrwNode;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  node = await startKrwNode("request-flow");
});

test.afterAll(async () => {
  await node?.stop();
});

async function openKoreanPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: node.url,
    locale: "ko-KR",
    extraHTTPHeaders: { "accept-language": "ko-KR,ko;q=0.9" },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  return { page, errors: collectErrors(page) };
}

const inspect: Inspect = async (page, name) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expectAccessible(page);
  mkdirSync(shotsDir, { recursive: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await shot(page, { path: `${shotsDir}/request-krw-ko-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

test("ko on KRW:0: B requests ₩1,234, A pays from the link, B's page turns paid live; a tampered link is refused", async ({
  browser,
}) => {
  const payer = await openKoreanPage(browser);
  const payee = await openKoreanPage(browser);
  const memo = "점심 🍜";
  const { payeeKey } = await runRequestFlow({
    payer: payer.page,
    payee: payee.page,
    locale: "ko",
    amount: "1234",
    memo,
    inspect,
  });
  await expect(payee.page.getByText("₩1,234").first()).toBeVisible();
  await expectPayeeReceived(payee.page, payeeKey, "1234", memo);
  expect(payer.errors).toEqual([]);
  expect(payee.errors).toEqual([]);
  await payer.page.context().close();
  await payee.page.context().close();
});
