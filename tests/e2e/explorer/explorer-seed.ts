// What the explorer's chart and language tests seed through the public API: a payer funded by the faucet who pays
// a payee `paymentCount` payments of 1.00 each, one block apiece, so that the payee's history runs to a second
// page with balances known in advance ($1.00, $2.00, …), and one payment back, so that both directions show.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Receipt } from "@/lib/ledger/types";
import { makeWallet, signPayment } from "../../support/wallet";
import { shot } from "../support/shots";

const chainId = "chainpay-e2e";
const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";

export type ExplorerSeed = { payerKey: string; payeeKey: string; backReceipt: Receipt; paymentCount: number };

export async function seedPayments(request: APIRequestContext, paymentCount: number): Promise<ExplorerSeed> {
  const payer = makeWallet();
  const payee = makeWallet();
  expect((await request.post("/api/faucet", { data: { account: payer.publicKey } })).status()).toBe(201);
  for (let index = 0; index < paymentCount; index += 1) {
    const paid = await request.post("/api/payments", {
      data: signPayment(payer, payee.publicKey, "100", { chainId, memo: `payment ${index + 1}` }),
    });
    expect(paid.status()).toBe(201);
  }
  const back = await request.post("/api/payments", {
    data: signPayment(payee, payer.publicKey, "50", { chainId, memo: "back" }),
  });
  expect(back.status()).toBe(201);
  const { receipt } = (await back.json()) as { receipt: Receipt };
  return { payerKey: payer.publicKey, payeeKey: payee.publicKey, backReceipt: receipt, paymentCount };
}

export async function signIn(page: Page): Promise<void> {
  const response = await page.request.post("/api/admin/session", { data: { password: adminPassword } });
  expect(response.status()).toBe(204);
}

/** Errors the page logs or throws, collected from now on: a test expects none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/**
 * Screenshots at a desktop's width and a phone's, into SHOTS_DIR when it is set (a person looks at them), and a
 * check that nothing scrolls sideways at the phone's width.
 */
export async function shootBothWidths(page: Page, name: string): Promise<void> {
  const directory = process.env.SHOTS_DIR;
  // A chart's tooltip from a hover or a focus would stay where the wider window put it: let it go first.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const [width, label] of [
    [1280, "desktop"],
    [390, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    // The charts measure their box after a resize: let them draw at the new width first.
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => {
      const client = document.documentElement.clientWidth;
      // What sticks out, to name in the failure: the outermost few elements past the right edge.
      const sticking = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > client + 0.5)
        .slice(0, 4)
        .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`);
      return { scroll: document.documentElement.scrollWidth, client, sticking };
    });
    expect(widths.scroll, `sideways overflow at ${width} px: ${widths.sticking.join(" | ")}`).toBeLessThanOrEqual(
      widths.client,
    );
    if (directory !== undefined) await shot(page, { path: `${directory}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
