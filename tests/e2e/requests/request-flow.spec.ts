// Payment requests, two people in two browser contexts (issue 12): B makes a request; A opens its link (making a
// wallet there first) and pays; B's request page turns "Paid" without a reload, with the receipt verified in B's
// browser. A link whose amount was changed is refused, and so is a link with a field a request does not have.
// Run in English and in Korean (Accept-Language), with axe and a 390 px check on every screen.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "../support";
import { messagesOf, type TestLocale } from "../support/messages";
import { expectPayeeReceived, runRequestFlow, type Inspect } from "../support/request-flow";
import { collectErrors } from "../wallet/wallet-support";
import { shot } from "../support/shots";

const shotsDir = process.env.SHOTS_DIR ?? "test-results/screenshots/requests";
const browserLocales: Record<TestLocale, string> = { en: "en-US", ko: "ko-KR" };

async function openPage(browser: Browser, locale: TestLocale): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: browserLocales[locale] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  return { page, errors: collectErrors(page) };
}

/** Axe, no sideways scrolling at 390 px, and screenshots at desktop and phone widths. */
function inspectorFor(locale: TestLocale): Inspect {
  return async (page, name) => {
    await expectAccessible(page);
    await shot(page, { path: `${shotsDir}/${locale}-${name}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
    await shot(page, { path: `${shotsDir}/${locale}-${name}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };
}

// Two browsers, a payment, axe and screenshots on every screen: minutes on a loaded two-core machine.
test.describe.configure({ timeout: 300_000 });

// The whole flow in English here; in Korean it runs on a KRW:0 node (request-flow-korean.spec.ts), and in dark
// mode at 390 px (request-flow-dark.spec.ts). The bad links are refused in both languages.
test(`en: B requests, A pays from the link, B's request page turns paid live; a tampered link is refused`, async ({
  browser,
}) => {
  const payer = await openPage(browser, "en");
  const payee = await openPage(browser, "en");
  const memo = "lunch 🍜";
  const { payeeKey } = await runRequestFlow({
    payer: payer.page,
    payee: payee.page,
    locale: "en",
    amount: "12.50",
    memo,
    inspect: inspectorFor("en"),
  });
  await expectPayeeReceived(payee.page, payeeKey, "1250", memo);
  expect(payer.errors).toEqual([]);
  expect(payee.errors).toEqual([]);
  await payer.page.context().close();
  await payee.page.context().close();
});

for (const locale of ["en", "ko"] as const) {
  test(`${locale}: a link with a field a request does not have opens a message naming it, not a form`, async ({
    browser,
  }) => {
    const t = messagesOf(locale);
    const { page, errors } = await openPage(browser, locale);
    const key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    await page.goto(`/pay?to=${key}&amount=5&note=hello`);
    await expect(page.getByText(t("requests.link.badTitle"))).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(t("requests.link.unknown_field"))).toBeVisible();
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await inspectorFor(locale)(page, "pay-bad-link");
    await page.goto(`/pay?to=${key}&amount=5`);
    await expect(page.getByText(t("requests.link.unsigned"))).toBeVisible({ timeout: 30_000 });
    // No wallet in this context: the unsigned request waits for one to be made.
    await expect(page.getByRole("heading", { name: t("requests.pay.noWalletTitle") })).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });
}
