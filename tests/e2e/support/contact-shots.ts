// Screenshots of the contacts and scanner pages, desktop and phone, into test-results/screenshots/contacts/ (override with
// SHOTS_DIR), and the check that nothing scrolls sideways at 390 px.
import { expect, type Page } from "@playwright/test";
import { shot } from "./shots";

const shotsDir = process.env.SHOTS_DIR ?? "test-results/screenshots/contacts";

export async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/** The page at 1280 and at 390 px wide (checked for sideways scrolling), then back at 1280. */
export async function contactShots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, { path: `${shotsDir}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScrolling(page);
  await shot(page, { path: `${shotsDir}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
