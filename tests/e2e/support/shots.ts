// Screenshots for people to look at, not for the tests to check: taken only when E2E_SHOTS=1 asks for them
// (`E2E_SHOTS=1 npm run test:e2e`), so that the suite does not spend its time drawing pages nobody opens.
import { expect, type Page } from "@playwright/test";

export const isShooting = process.env.E2E_SHOTS === "1";

export async function shot(page: Page, options: Parameters<Page["screenshot"]>[0]): Promise<void> {
  if (isShooting) await page.screenshot(options);
}

/**
 * The page at a desktop's width and at a phone's, saved as `<directory>/<name>-desktop.png` and `-phone.png` for a
 * person to look at; on the phone nothing may push the page sideways. Leaves the desktop width set.
 */
export async function shootBothWidths(page: Page, directory: string, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, { path: `${directory}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await shot(page, { path: `${directory}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
