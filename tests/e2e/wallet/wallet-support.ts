// What the wallet's browser tests share beyond ./support.ts.
import type { Page } from "@playwright/test";

/** Every console error and uncaught exception on `page`, from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}
