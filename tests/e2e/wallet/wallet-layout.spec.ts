// The wallet on a phone: no page scrolls sideways, every history entry shows its amount, counterparty, time and
// block, and nothing that differs between the server and the browser (the time zone) upsets hydration: the
// browser's console stays free of errors on every wallet page.
import { expect, test, type Page } from "@playwright/test";
import { createWallet, fillPayment, getTestFunds } from "../support";
import { collectErrors } from "./wallet-support";

// A time zone far from the server's, so that a time rendered on both sides would differ between them.
const timeZone = "Pacific/Auckland";
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

test.use({ viewport: phone, timezoneId: timeZone, locale: "de-DE" });

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/** The time as this browser's zone shows it, formatted as the wallet formats times. */
function localTimeOf(iso: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

test("the wallet and a receipt fit a phone, show whole history entries, and log no error", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Make your wallet" })).toBeVisible();
  await expectNoSidewaysScrolling(page);

  await createWallet(page);
  await getTestFunds(page, "$100.00");
  // One word too long for any line, then words enough for three lines: it must wrap or truncate, never widen.
  const memo = `${"x".repeat(60)} and then a tail of words long enough for several lines of a phone`;
  await fillPayment(page, { to: "cd".repeat(32), amount: "7.25", memo });
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();

  const history = page.getByRole("list", { name: "Payments" });
  const entry = history.getByRole("listitem").filter({ hasText: "To cdcdcdcd…cdcdcd" });
  await expect(entry).toContainText("−$7.25");
  await expect(entry).toContainText(/Block \d+/);
  const signedAt = (await entry.locator("time").getAttribute("datetime")) ?? "";
  await expect(entry.locator("time")).toHaveText(localTimeOf(signedAt));

  for (const viewport of [phone, desktop]) {
    await page.setViewportSize(viewport);
    await expectNoSidewaysScrolling(page);
    // The block number is never cut off: it ends inside its entry.
    const entryBox = (await entry.boundingBox())!;
    const blockBox = (await entry.getByText(/^Block \d+$/).boundingBox())!;
    expect(blockBox.x + blockBox.width).toBeLessThanOrEqual(entryBox.x + entryBox.width);
  }
  await page.setViewportSize(phone);

  // A reload renders the page on the server first, then hydrates it with the wallet in place.
  await page.reload();
  await expect(history).toContainText("−$7.25");
  await expectNoSidewaysScrolling(page);

  await entry.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(page.getByTestId("receipt-verdict")).toContainText("✓ Verified");
  await expect(
    page.getByText(
      /^Leaf \d+ of \d+(: the transaction's leaf is the root itself|, proven by 1 hash|, proven by \d+ hashes)$/,
    ),
  ).toBeVisible();
  await expect(page.locator("time").first()).toHaveText(localTimeOf(signedAt));
  await expectNoSidewaysScrolling(page);

  // The receipt page as it comes from the server, hydrated with the browser in another time zone.
  await page.reload();
  await expect(page.getByTestId("receipt-verdict")).toContainText("✓ Verified");
  await expect(page.locator("time").first()).toHaveText(localTimeOf(signedAt));
  await expectNoSidewaysScrolling(page);

  expect(errors).toEqual([]);
});
