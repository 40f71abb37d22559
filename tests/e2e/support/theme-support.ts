// Helpers for the dark-mode tests: which theme a page is painted in, the seeded data the pages show, and
// screenshots into test-results/screenshots/theme (or THEME_SHOTS_DIR) to look at.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Receipt } from "@/lib/ledger/types";
import { makeWallet, signPayment } from "../../support/wallet";
import { shot } from "./shots";

export const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const chainId = "chainpay-e2e";
const shotsDir = process.env.THEME_SHOTS_DIR ?? "test-results/screenshots/theme";

/**
 * The WCAG relative luminance of an element's background as the browser paints it: the computed colour (an
 * oklch() from Tailwind's variables) drawn on a 1×1 canvas and read back as sRGB.
 */
export async function backgroundLuminance(page: Page, selector = "body"): Promise<number> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (element === null) throw new Error(`no ${target}`);
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("no 2d canvas");
    context.fillStyle = getComputedStyle(element).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
    const linear = (channel: number) => {
      const value = channel / 255;
      return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
  }, selector);
}

/** The luminance of a modal's backdrop as it dims a white page: its colour drawn over white, read back. */
export async function backdropLuminanceOverWhite(page: Page, selector = "dialog[open]"): Promise<number> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (element === null) throw new Error(`no ${target}`);
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("no 2d canvas");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 1, 1);
    context.fillStyle = getComputedStyle(element, "::backdrop").backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
    const linear = (channel: number) => {
      const value = channel / 255;
      return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
  }, selector);
}

/** The page is painted in `scheme`: its background and its text, and the scheme form controls use. */
export async function expectPainted(page: Page, scheme: "light" | "dark"): Promise<void> {
  const luminance = await backgroundLuminance(page);
  if (scheme === "dark") expect(luminance, "the page's background is dark").toBeLessThan(0.05);
  else expect(luminance, "the page's background is light").toBeGreaterThan(0.8);
  const isDarkScheme = await page.evaluate(
    () =>
      getComputedStyle(document.documentElement).colorScheme.includes("dark") &&
      (document.documentElement.dataset.theme === "dark" ||
        (document.documentElement.dataset.theme === undefined && matchMedia("(prefers-color-scheme: dark)").matches)),
  );
  expect(isDarkScheme, "form controls and scrollbars follow the theme").toBe(scheme === "dark");
}

export async function themeShot(page: Page, name: string): Promise<void> {
  await shot(page, { path: `${shotsDir}/${name}.png`, fullPage: true });
}

export async function signIn(page: Page): Promise<void> {
  const response = await page.request.post("/api/admin/session", { data: { password: adminPassword } });
  expect(response.status()).toBe(204);
}

export type Seeded = { receipt: Receipt; payeeKey: string; webhookId: string };

/**
 * A funded payer paying a payee whose account has a webhook endpoint: a receipt, a block, a transaction, an
 * account and an endpoint with a delivery for the pages to show. Nothing listens at the endpoint's address, so
 * its delivery fails and is retried: the webhooks pages show their warning colours too.
 */
export async function seedPayment(request: APIRequestContext): Promise<Seeded> {
  const payer = makeWallet();
  const payee = makeWallet();
  const signedIn = await request.post("/api/admin/session", { data: { password: adminPassword } });
  expect(signedIn.status()).toBe(204);
  const registered = await request.post("/api/admin/webhooks", {
    data: { account: payee.publicKey, url: "http://127.0.0.1:9/hooks/dark-mode" },
  });
  expect(registered.status()).toBe(201);
  const { endpoint } = (await registered.json()) as { endpoint: { id: string } };
  const funded = await request.post("/api/faucet", { data: { account: payer.publicKey } });
  expect(funded.status()).toBe(201);
  const paid = await request.post("/api/payments", {
    data: signPayment(payer, payee.publicKey, "1234", { chainId, memo: "dark mode" }),
  });
  expect(paid.status()).toBe(201);
  const { receipt } = (await paid.json()) as { receipt: Receipt };
  return { receipt, payeeKey: payee.publicKey, webhookId: endpoint.id };
}
