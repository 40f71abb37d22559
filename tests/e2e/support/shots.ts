// Screenshots for people to look at, not for the tests to check: taken only when E2E_SHOTS=1 asks for them
// (`E2E_SHOTS=1 npm run test:e2e`), so that the suite does not spend its time drawing pages nobody opens.
import type { Page } from "@playwright/test";

export const isShooting = process.env.E2E_SHOTS === "1";

export async function shot(page: Page, options: Parameters<Page["screenshot"]>[0]): Promise<void> {
  if (isShooting) await page.screenshot(options);
}
