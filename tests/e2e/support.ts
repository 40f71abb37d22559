// Helpers for the browser tests: a person's steps in the wallet, and checks of the ledger through the API.
import axe from "axe-core";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { shot } from "./support/shots";

export async function createWallet(
  page: Page,
  options: { passphrase?: string } = {},
): Promise<{ publicKey: string; backupPath: string | null }> {
  await page.goto("/");
  await page.getByRole("button", { name: "Create a wallet" }).click();
  const dialog = page.getByRole("dialog", { name: "Back up your new wallet" });
  await expect(dialog).toBeVisible();
  let backupPath: string | null = null;
  if (options.passphrase === undefined) {
    await dialog.getByRole("button", { name: "Skip: I accept the risk" }).click();
  } else {
    await dialog.getByLabel("Passphrase", { exact: true }).fill(options.passphrase);
    await dialog.getByLabel("Passphrase again").fill(options.passphrase);
    const downloadPromise = page.waitForEvent("download");
    await dialog.getByRole("button", { name: "Download backup file" }).click();
    const download = await downloadPromise;
    backupPath = test_outputPath(download.suggestedFilename());
    await download.saveAs(backupPath);
    await dialog.getByRole("button", { name: "Done" }).click();
  }
  await expect(dialog).toBeHidden();
  return { publicKey: await readOwnKey(page), backupPath };
}

let outputDir = "test-results";
export function setOutputDir(dir: string): void {
  outputDir = dir;
}
function test_outputPath(name: string): string {
  return `${outputDir}/${Date.now()}-${name}`;
}

export async function readOwnKey(page: Page): Promise<string> {
  const toggle = page.getByRole("button", { name: /Show full key and QR|Hide full key/ });
  if ((await toggle.textContent())?.includes("Show") === true) await toggle.click();
  const key = (await page.getByTestId("full-key").textContent()) ?? "";
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  return key;
}

export async function getTestFunds(page: Page, expectedBalance: string): Promise<void> {
  await page.getByRole("button", { name: /Get test funds/ }).click();
  await expect(page.getByText("Test funds received.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText(expectedBalance);
}

export async function fillPayment(page: Page, input: { to: string; amount: string; memo?: string }): Promise<void> {
  // Inside the payment form's panel: the wallet's request card has an amount and a memo field too.
  const form = page.getByRole("region", { name: "Send a payment" });
  await form.getByLabel("Pay to (account key)").fill(input.to);
  await form.getByLabel(/^Amount/).fill(input.amount);
  if (input.memo !== undefined) await form.getByLabel("Memo (optional)").fill(input.memo);
}

export async function headHeight(request: APIRequestContext): Promise<number> {
  const body = (await (await request.get("/api/node")).json()) as { head: { header: { height: number } } };
  return body.head.header.height;
}

export async function accountOf(request: APIRequestContext, publicKey: string) {
  return (await (await request.get(`/api/accounts/${publicKey}`)).json()) as {
    balance: string;
    transactions: { txId: string; tx: { amount: string } }[];
  };
}

/**
 * Axe's full rule set finds nothing serious or critical on the page. axe-core runs in the page itself (axe.run, the
 * engine @axe-core/playwright drives) rather than through AxeBuilder.analyze, which ends every run in a new blank
 * page (axe.finishRun, to merge the results of cross-origin frames): that took 1.0 to 3.8 s a call here, against
 * 0.25 to 0.6 s for the same rules in the page, and this check runs some 150 times a suite. Our pages have no
 * frames, which is all the blank page adds; a page that gets one fails here first (smoke.spec.ts keeps AxeBuilder).
 */
export async function expectAccessible(page: Page): Promise<void> {
  expect(
    page.frames().map((frame) => frame.url()),
    "a page with frames needs AxeBuilder, which checks each frame",
  ).toHaveLength(1);
  await page.evaluate(axe.source);
  const serious = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
      );
  });
  expect(serious).toEqual([]);
}

export async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, { path: `test-results/screenshots/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, { path: `test-results/screenshots/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
