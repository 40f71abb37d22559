// The request flow (tests/e2e/support/request-flow.ts) in dark mode on a phone: B makes a request, A pays it from
// the link, B's request page turns paid live, a tampered link is refused; every screen on the way is painted
// dark, axe clean (colour contrast included) and fits 390 px without sideways scrolling.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "../support";
import { type TestLocale } from "../support/messages";
import { runRequestFlow, type Inspect } from "../support/request-flow";
import { expectPainted, themeShot } from "../support/theme-support";

// Two browsers, a dozen screens each checked by axe: minutes on a loaded machine, as the request flow's own spec.
test.describe.configure({ timeout: 300_000 });

const browserLocales: Record<TestLocale, string> = { en: "en-US", ko: "ko-KR" };

async function openPhone(browser: Browser, locale: TestLocale): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: browserLocales[locale],
    colorScheme: "dark",
    viewport: { width: 390, height: 844 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

function inspectorFor(locale: TestLocale): Inspect {
  return async (page, name) => {
    await expectPainted(page, "dark");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(clientWidth);
    await themeShot(page, `request-flow-${locale}-${name}-dark-390`);
    await expectAccessible(page);
  };
}

// In English: the Korean texts are checked by request-flow-korean.spec.ts, and the dark palette is the same in both.
const locale: TestLocale = "en";

test(`${locale}, dark, 390 px: B requests, A pays from the link, B's page turns paid; a tampered link is refused`, async ({
  browser,
}) => {
  const payer = await openPhone(browser, locale);
  const payee = await openPhone(browser, locale);
  await runRequestFlow({
    payer: payer.page,
    payee: payee.page,
    locale,
    amount: "12.50",
    memo: "dark lunch",
    inspect: inspectorFor(locale),
  });
  expect(payer.errors).toEqual([]);
  expect(payee.errors).toEqual([]);
  await payer.page.context().close();
  await payee.page.context().close();
});
